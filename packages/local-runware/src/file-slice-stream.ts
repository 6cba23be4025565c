import { open } from 'node:fs/promises';

const CHUNK_BYTES = 64 * 1024;

/**
 * `length` bytes of a file from `start`, read a chunk at a time only as the reader asks (a pull
 * stream with no read-ahead): a client that never reads holds one file handle and at most one
 * chunk, not the whole file. The handle closes at the end, on cancel and on error.
 */
export async function fileSliceStream(path: string, start: number, length: number): Promise<ReadableStream<Uint8Array>> {
  const handle = await open(path, 'r');
  let position = start;
  const end = start + length;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const want = Math.min(CHUNK_BYTES, end - position);
          const buffer = new Uint8Array(want);
          const { bytesRead } = want > 0 ? await handle.read(buffer, 0, want, position) : { bytesRead: 0 };
          position += bytesRead;
          if (bytesRead > 0) controller.enqueue(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
          // A file cut short ends the body early; Content-Length then tells the client.
          if (bytesRead === 0 || position >= end) {
            await close();
            controller.close();
          }
        } catch (error) {
          await close();
          controller.error(error);
        }
      },
      cancel: close,
    },
    { highWaterMark: 0 },
  );
}
