import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createSeedanceHandler, type SeedanceHandler } from '@seedance-kit/core/server';
import { localRunwareProvider } from '@seedance-kit/local-runware';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Api, BASIC_INPUT, expectSameBytes, FAST_POLLING, FAST_TIMING, quietLogger, serve, type Listening } from './support/harness.js';

// Result files are streamed as clients read them: 50 clients that never read a 12.7 MB file
// must not make the server hold 50 copies of it.

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
const MB = 1024 * 1024;
const PADDING_BYTES = 12_700_000;

let scratch: string;
let handler: SeedanceHandler;
let server: Listening;
let api: Api;
let fileUrl: URL;
let whole: Uint8Array;

beforeAll(async () => {
  vi.stubEnv('RUNWARE_API_KEY', '');
  scratch = mkdtempSync(join(tmpdir(), 'file-streaming-test-'));
  // ffmpeg as usual, then 12.7 MB appended to the output (the last argument): a file as big as a long 1080p video.
  const wrapper = join(scratch, 'ffmpeg-big.sh');
  writeFileSync(
    wrapper,
    `#!/bin/sh\ncase "$*" in *lavfi*) "${realFfmpeg()}" "$@" || exit $?; for last; do :; done; head -c ${PADDING_BYTES} /dev/urandom >> "$last";; *) exec "${realFfmpeg()}" "$@";; esac\n`,
  );
  chmodSync(wrapper, 0o755);
  handler = createSeedanceHandler({ provider: localRunwareProvider({ timing: FAST_TIMING, ffmpegPath: wrapper }), polling: FAST_POLLING, logger: quietLogger() });
  server = await serve(handler);
  api = new Api(`${server.url}/api/seedance`);
  const created = await api.create(BASIC_INPUT);
  const done = await api.finished(created.body.task.id, created.body.token);
  fileUrl = new URL(done.results[0]!.videoURL);
  whole = new Uint8Array(await (await fetch(fileUrl)).arrayBuffer());
  expect(whole.length).toBeGreaterThan(PADDING_BYTES);
});
afterAll(async () => {
  await server?.close();
  await handler?.close();
  rmSync(scratch, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

/** Sends a GET for the file and never reads the answer. */
function stalledClient(range?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(fileUrl.port), '127.0.0.1', () => {
      socket.pause();
      socket.write(`GET ${fileUrl.pathname}${fileUrl.search} HTTP/1.1\r\nHost: 127.0.0.1:${fileUrl.port}\r\n${range ? `Range: ${range}\r\n` : ''}\r\n`);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

describe('GET /files/:name streams from disk', () => {
  it('50 clients that never read cost little memory, and others are still served', async () => {
    globalThis.gc?.();
    const before = process.memoryUsage();
    const sockets = await Promise.all(Array.from({ length: 50 }, (_, i) => stalledClient(i % 2 === 0 ? undefined : 'bytes=1000-')));
    // Time for the server to take every request and write what the sockets accept.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = process.memoryUsage();

    const started = performance.now();
    const limits = await fetch(`${api.base}/limits`);
    expect(limits.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_000);
    // A reading client still gets its bytes meanwhile.
    const ranged = performance.now();
    const part = await fetch(fileUrl, { headers: { range: 'bytes=100-262243' } });
    expectSameBytes(new Uint8Array(await part.arrayBuffer()), whole.slice(100, 262_244));
    for (const socket of sockets) socket.destroy();
    const grew = { rss: (after.rss - before.rss) / MB, arrayBuffers: (after.arrayBuffers - before.arrayBuffers) / MB, external: (after.external - before.external) / MB };
    console.info(`50 stalled clients of a ${(whole.length / MB).toFixed(1)} MB file: rss +${grew.rss.toFixed(0)} MB, arrayBuffers +${grew.arrayBuffers.toFixed(0)} MB, external +${grew.external.toFixed(0)} MB`);
    // Reading the file per request would be 50 × 12.7 MB = 635 MB.
    expect(grew.arrayBuffers).toBeLessThan(60);
    expect(grew.external).toBeLessThan(60);
    expect(grew.rss).toBeLessThan(150);
  });

  it('keeps Range: 206 with the right bytes, suffix ranges and 416', async () => {
    const part = await fetch(fileUrl, { headers: { range: 'bytes=5000000-5999999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 5000000-5999999/${whole.length}`);
    expect(part.headers.get('content-length')).toBe('1000000');
    expectSameBytes(new Uint8Array(await part.arrayBuffer()), whole.slice(5_000_000, 6_000_000));
    const tail = await fetch(fileUrl, { headers: { range: 'bytes=-70000' } });
    expect(tail.status).toBe(206);
    expectSameBytes(new Uint8Array(await tail.arrayBuffer()), whole.slice(whole.length - 70_000));
    const open = await fetch(fileUrl, { headers: { range: `bytes=${whole.length - 10}-` } });
    expectSameBytes(new Uint8Array(await open.arrayBuffer()), whole.slice(whole.length - 10));
    const beyond = await fetch(fileUrl, { headers: { range: `bytes=${whole.length}-` } });
    expect(beyond.status).toBe(416);
    await beyond.arrayBuffer();
  });
});

/** The ffmpeg the simulator would pick, for the wrapper script around it. */
function realFfmpeg(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, 'ffmpeg'), constants.X_OK);
      return join(dir, 'ffmpeg');
    } catch {
      // keep looking
    }
  }
  return (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}
