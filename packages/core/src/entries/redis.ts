// Server-only entry: the Redis task store.
export {};
