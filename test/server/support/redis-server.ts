import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A throwaway redis-server on a free loopback port, started for one test file. */
export interface RedisServer {
  /** e.g. `redis://127.0.0.1:43117` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops it by its pid and waits until the process is gone; removes its temp dir. */
  stop(): Promise<void>;
}

/** The redis-server binary: `REDIS_SERVER_PATH`, then /usr/bin/redis-server, then PATH; undefined when none. */
export function findRedisServer(): string | undefined {
  const candidates = [process.env.REDIS_SERVER_PATH, '/usr/bin/redis-server', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'redis-server'))];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/**
 * The binary, or undefined after printing a loud notice: suites that need Redis skip on a
 * machine without it (CI always has one, so the skip never hides there).
 */
export function redisServerOrWarn(suite: string): string | undefined {
  const binary = findRedisServer();
  if (!binary) {
    const line = '!'.repeat(78);
    console.warn(`\n${line}\n!! SKIPPED: ${suite}\n!! No redis-server binary (apt-get install -y redis-server, or set REDIS_SERVER_PATH).\n${line}\n`);
  }
  return binary;
}

export interface StartRedisOptions {
  /** Default: the binary `findRedisServer` finds. */
  readonly binary?: string;
  /** Default: a free port. Given, e.g. to restart a server where its clients expect it. */
  readonly port?: number;
}

/** Starts `redis-server` daemonized on a free port with no persistence, and waits until it answers. */
export async function startRedisServer(options: StartRedisOptions = {}): Promise<RedisServer> {
  const binary = options.binary ?? findRedisServer();
  if (!binary) throw new Error('No redis-server binary found');
  let lastError: unknown;
  // A port found free can be taken before redis binds it; another port then.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort());
    const dir = mkdtempSync(join(tmpdir(), 'seedance-redis-'));
    const pidFile = join(dir, 'redis.pid');
    try {
      await run(binary, [
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--save', '',
        '--appendonly', 'no',
        '--daemonize', 'yes',
        '--pidfile', pidFile,
        '--dir', dir,
        '--logfile', join(dir, 'redis.log'),
      ]);
      const pid = await waitFor(() => readPid(pidFile), 5_000, `redis-server to write ${pidFile}`);
      let stopped: Promise<void> | undefined;
      const server: RedisServer = {
        url: `redis://127.0.0.1:${port}`,
        port,
        pid,
        // Once only: a second kill could hit a new process that reused the pid.
        stop: () =>
          (stopped ??= (async () => {
            await killAndWait(pid);
            rmSync(dir, { recursive: true, force: true });
          })()),
      };
      try {
        await waitFor(async () => ((await answersPing(port)) ? true : undefined), 5_000, `redis-server on port ${port}`);
      } catch (error) {
        await server.stop();
        throw error;
      }
      return server;
    } catch (error) {
      lastError = error;
      const log = readLog(dir);
      rmSync(dir, { recursive: true, force: true });
      if (log) lastError = new Error(`${String(error)}\nredis-server log:\n${log}`);
    }
  }
  throw lastError;
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'redis.log'), 'utf8').slice(-2_000);
  } catch {
    return '';
  }
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 10_000 }, (error, _stdout, stderr) => (error ? reject(new Error(`${file} failed: ${error.message}\n${stderr}`)) : resolve()));
  });
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function killAndWait(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  try {
    await waitFor(() => (isAlive(pid) ? undefined : true), 5_000, `redis-server ${pid} to exit`);
  } catch {
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await waitFor(() => (isAlive(pid) ? undefined : true), 5_000, `redis-server ${pid} to die`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One raw PING over TCP: true when the server answers +PONG. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** Polls `check` every 20 ms until it gives a value (there is no event to wait on for a daemon). */
async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
