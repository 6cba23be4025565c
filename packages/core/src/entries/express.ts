// Server-only entry: filled in by the backend-route work.
export {};
