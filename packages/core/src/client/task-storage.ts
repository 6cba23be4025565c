/**
 * Where a running task's id and token are kept so a reload reattaches instead of paying again.
 * Synchronous (sessionStorage) or asynchronous (IndexedDB, a server) stores both fit.
 */
export interface TaskStorage {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  set(key: string, value: string): void | Promise<void>;
  remove(key: string): void | Promise<void>;
}

type WebStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * A `TaskStorage` over Web Storage, `sessionStorage` by default (per tab, gone with the tab).
 * Give a function (`() => localStorage`) to read it only when used: on the server it is missing,
 * and reading it throws where cookies are blocked. Where storage is missing or refuses (server
 * rendering, privacy modes, a full quota) it quietly keeps nothing: the task still runs, it just
 * cannot be resumed after a reload.
 */
export function webTaskStorage(storage?: WebStorage | (() => WebStorage)): TaskStorage {
  const target = () => {
    try {
      return typeof storage === 'function' ? storage() : (storage ?? globalThis.sessionStorage);
    } catch {
      return undefined; // reading sessionStorage throws where cookies are blocked
    }
  };
  const attempt = <T>(fn: (s: WebStorage) => T): T | undefined => {
    try {
      const s = target();
      return s ? fn(s) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    get: (key) => attempt((s) => s.getItem(key)),
    set: (key, value) => void attempt((s) => s.setItem(key, value)),
    remove: (key) => void attempt((s) => s.removeItem(key)),
  };
}

/** A `TaskStorage` in memory: for tests, or to share one store between controllers. */
export function memoryTaskStorage(initial?: Iterable<readonly [string, string]>): TaskStorage & { readonly entries: Map<string, string> } {
  const entries = new Map<string, string>(initial);
  return {
    entries,
    get: (key) => entries.get(key),
    set: (key, value) => void entries.set(key, value),
    remove: (key) => void entries.delete(key),
  };
}
