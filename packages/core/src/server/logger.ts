/** Where the handler reports what went wrong on the server side. Default: `console`. */
export interface Logger {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const REDACTED = '[redacted]';

/**
 * Wraps a logger so no line carries a secret: each secret is replaced wherever it appears, in
 * the message and in the details (errors are reduced to name, message and stack first).
 */
export function redactingLogger(logger: Logger, secrets: readonly (string | undefined)[]): Logger {
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const scrub = (text: string) => hidden.reduce((out, secret) => out.split(secret).join(REDACTED), text);
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (value instanceof Error) return scrub(`${value.name}: ${value.message}\n${value.stack ?? ''}`);
    try {
      return scrub(JSON.stringify(value) ?? String(value));
    } catch {
      return scrub(String(value));
    }
  };
  return {
    warn: (message, ...details) => logger.warn(scrub(message), ...details.map(clean)),
    error: (message, ...details) => logger.error(scrub(message), ...details.map(clean)),
  };
}

export const consoleLogger: Logger = {
  warn: (message, ...details) => console.warn(message, ...details),
  error: (message, ...details) => console.error(message, ...details),
};
