import { HttpProblem } from './problem.js';

/** Default deadline for a whole request body: a slow-drip body would otherwise hold a socket for Node's 300 s. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/**
 * The request body as text, refusing more than `maxBytes` before reading it all (by
 * Content-Length when given, else while streaming), so a huge body costs nothing, and one
 * that has not fully arrived within `timeoutMs` (408 `body_timeout`; `Infinity` sets no deadline).
 */
export async function readBody(request: Request, maxBytes: number, timeoutMs: number = DEFAULT_BODY_TIMEOUT_MS): Promise<string> {
  const tooLarge = () =>
    new HttpProblem(413, 'payload_too_large', {
      kind: 'policy',
      detail: `The request body must be at most ${maxBytes} bytes.`,
      cap: 'maxBodyBytes',
      retryable: false,
    });
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    if (!Number.isFinite(timeoutMs)) return;
    timer = setTimeout(
      () =>
        reject(
          new HttpProblem(408, 'body_timeout', {
            kind: 'timeout',
            retryable: true,
            detail: `The request body did not arrive within ${Math.round(timeoutMs / 1000)} s.`,
            // The rest of a dripping body is not worth waiting for before the next request.
            headers: { Connection: 'close' },
          }),
        ),
      timeoutMs,
    );
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
