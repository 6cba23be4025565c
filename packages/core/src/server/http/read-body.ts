import { HttpProblem } from './problem.js';

/**
 * The request body as text, refusing more than `maxBytes` before reading it all (by
 * Content-Length when given, else while streaming), so a huge body costs nothing.
 */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
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
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
