import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseJson } from '@seedance-kit/core';
import type { LocalRunware } from '@seedance-kit/local-runware';
import { createSeedanceRequestListener } from '@seedance-kit/core/node';
import type { PollingOptions } from '@seedance-kit/core/server';
import { listen, type Listening } from './harness.js';

/**
 * Handler instances as real processes, and a tap on the local Runware that records who asked
 * what and when. Each instance is `instance-main.ts` run by plain `node` with the TypeScript
 * hooks in instance-main.hooks.mjs (the kit's sources, as vitest sees them, with no build step).
 */

/** How one instance is set up (sent as JSON, so only data). */
export interface InstanceConfig {
  /** Shown in logs and sent to Runware as `x-seedance-instance`. */
  readonly name: string;
  /** Default 0 (a free port); a restart passes the old one. */
  readonly port?: number;
  /** The Runware endpoint, e.g. the tap's URL + `/v1`. */
  readonly runwareUrl: string;
  readonly apiKey: string;
  readonly secret: string;
  /** Shared Redis store; without it, a memory store. */
  readonly redisUrl?: string;
  readonly redisPrefix?: string;
  readonly memorySweepIntervalMs?: number;
  /** Webhook delivery to this fixed URL (any instance's webhook route). */
  readonly webhookUrl?: string;
  readonly webhookFallbackPollMs?: number;
  readonly polling?: Partial<PollingOptions>;
  readonly retry?: { readonly requestTimeoutMs?: number; readonly submitRetries?: number; readonly submitRetryDelayMs?: number };
  readonly taskTtlMs?: number;
  readonly heartbeatMs?: number;
  /** Default null (off). */
  readonly rateLimit?: { readonly max: number; readonly windowMs: number } | null;
  /** The request header naming the rate-limit bucket (default bucket `default`). */
  readonly rateLimitHeader?: string;
  /** `keepResult: keepOnDisk({ dir, publicPath: '/videos' })`, each call logged to `log` (one line at its start and one when kept). */
  readonly keep?: {
    readonly dir: string;
    readonly log: string;
    /** Held this long before keeping, so a test can kill the instance mid-call. */
    readonly delayMs?: number;
    readonly timeoutMs?: number;
  };
}

export type InstanceMessage =
  | { readonly type: 'ready'; readonly url: string; readonly pid: number }
  | { readonly type: 'usage'; readonly id: number; readonly usage: InstanceUsage }
  | { readonly type: 'heapSnapshot'; readonly id: number; readonly path: string }
  | { readonly type: 'unhandledRejection'; readonly reason: string }
  | { readonly type: 'closed' };

export type ParentMessage =
  | { readonly type: 'close' }
  | { readonly type: 'usage'; readonly id: number }
  | { readonly type: 'heapSnapshot'; readonly id: number; readonly path: string };

/** What an instance uses, measured inside it. */
export interface InstanceUsage {
  /** `process.memoryUsage()` after two full GCs (the instance runs with --expose-gc). */
  readonly memory: NodeJS.MemoryUsage;
  /** `process.cpuUsage()` since the instance started, µs. */
  readonly cpu: NodeJS.CpuUsage;
}

export interface InstanceProcess {
  readonly name: string;
  readonly config: InstanceConfig;
  readonly pid: number;
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  readonly port: number;
  /** The mount point: origin + /api/seedance */
  readonly base: string;
  /** stderr lines (the handler's log) and anything it printed. */
  readonly logs: string[];
  /** Unhandled rejections the instance reported. */
  readonly unhandledRejections: string[];
  /** Settles when the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Memory (after two full GCs) and CPU time of the instance. */
  usage(): Promise<InstanceUsage>;
  /** Writes a V8 heap snapshot of the instance to `path` (after a full GC); resolves when written. */
  heapSnapshot(path: string): Promise<void>;
  /** Graceful: polls stop and release their leases, the store disconnects. */
  stop(): Promise<void>;
  /** A crash: SIGKILL, nothing cleaned up (leases stay until they lapse). */
  kill(): Promise<void>;
}

const REGISTER = fileURLToPath(new URL('./instance-main.register.mjs', import.meta.url));
const MAIN = fileURLToPath(new URL('./instance-main.ts', import.meta.url));
const READY_TIMEOUT_MS = 30_000;

/** Every child this process started, so none outlives it. */
const children = new Set<ChildProcess>();
let exitHook = false;

export async function startInstance(config: InstanceConfig): Promise<InstanceProcess> {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const child of children) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    });
  }
  const child = spawn(process.execPath, ['--expose-gc', '--import', REGISTER, MAIN], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, SEEDANCE_INSTANCE: JSON.stringify(config) },
  });
  children.add(child);
  const logs: string[] = [];
  const unhandledRejections: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line !== '') logs.push(line);
    if (process.env.SEEDANCE_INSTANCE_LOGS) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });

  let nextId = 0;
  const pending = new Map<number, (message: InstanceMessage) => void>();
  const ready = new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Instance ${config.name} not ready after ${READY_TIMEOUT_MS} ms:\n${logs.join('\n')}`)), READY_TIMEOUT_MS);
    child.on('message', (message: InstanceMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      } else if (message.type === 'usage' || message.type === 'heapSnapshot') pending.get(message.id)?.(message);
      else if (message.type === 'unhandledRejection') unhandledRejections.push(message.reason);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`Instance ${config.name} exited (${code ?? signal}) before it was ready:\n${logs.join('\n')}`));
    });
  });
  let started: { url: string; pid: number };
  try {
    started = await ready;
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  }
  const port = Number(new URL(started.url).port);

  /** Sends a request over IPC and resolves with the answer carrying its id. */
  const ask = (message: (id: number) => ParentMessage) =>
    new Promise<InstanceMessage>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`Instance ${config.name} is gone`));
      const id = nextId++;
      pending.set(id, (answer) => {
        pending.delete(id);
        resolve(answer);
      });
      child.send(message(id));
    });

  /** Waits for the exit; a process that does not stop within 10 s is killed. */
  const waitExit = async () => {
    const timer = setTimeout(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };

  return {
    name: config.name,
    config,
    pid: started.pid,
    origin: started.url,
    port,
    base: `${started.url}/api/seedance`,
    logs,
    unhandledRejections,
    exited,
    usage: async () => {
      const answer = await ask((id) => ({ type: 'usage', id }));
      if (answer.type !== 'usage') throw new Error(`Instance ${config.name} answered ${answer.type}`);
      return answer.usage;
    },
    heapSnapshot: async (path) => {
      await ask((id) => ({ type: 'heapSnapshot', id, path }));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'close' } satisfies ParentMessage);
      else child.kill('SIGTERM');
      await waitExit();
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await waitExit();
    },
  };
}

/** A port free right now on 127.0.0.1 (for an instance whose URL others must know before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One call the local Runware answered, as the tap saw it. */
export interface RunwareCall {
  /** The `x-seedance-instance` header: which instance asked. */
  readonly instance: string;
  readonly kind: 'submit' | 'poll' | 'other';
  readonly taskUUIDs: readonly string[];
  /** performance.now() in this process. */
  readonly start: number;
  readonly end: number;
  readonly status: number;
}

/** One webhook the local Runware sent. */
export interface WebhookCall {
  readonly url: string;
  readonly taskUUID?: string;
  readonly at: number;
  /** Set once the handler's whole answer has been read. */
  readonly status?: number;
  /** `applied` from the handler's answer. */
  readonly applied?: boolean;
}

export interface RunwareTap {
  /** Pass as `createLocalRunware({ fetch })`: records the webhooks it sends. */
  readonly outboundFetch: typeof fetch;
  readonly calls: RunwareCall[];
  readonly webhooks: WebhookCall[];
  /** performance.now() when a poll answer first carried each `videoUUID` as a success. */
  readonly resultSeenAt: Map<string, number>;
  /** Serves the simulator behind the tap on 127.0.0.1; `url` + `/v1` is the endpoint. */
  listen(runware: LocalRunware): Promise<Listening>;
  /** Polls per task, in order. */
  pollsOf(taskUUID: string): RunwareCall[];
  /** The first call (already made or still to come) that `match` accepts. */
  nextCall(match: (call: RunwareCall) => boolean, timeoutMs?: number): Promise<RunwareCall>;
}

interface TaskItem {
  readonly taskType?: unknown;
  readonly taskUUID?: unknown;
  readonly status?: unknown;
  readonly videoUUID?: unknown;
}

function items(text: string): TaskItem[] {
  try {
    const body = parseJson(text) as unknown;
    if (Array.isArray(body)) return body as TaskItem[];
    const data = (body as { data?: unknown } | null)?.data;
    return Array.isArray(data) ? (data as TaskItem[]) : [];
  } catch {
    return [];
  }
}

export function createRunwareTap(): RunwareTap {
  const calls: RunwareCall[] = [];
  const webhooks: WebhookCall[] = [];
  const resultSeenAt = new Map<string, number>();
  const waiters = new Set<(call: RunwareCall) => void>();
  const record = (call: RunwareCall) => {
    calls.push(call);
    for (const waiter of [...waiters]) waiter(call);
  };
  const nextCall = (match: (call: RunwareCall) => boolean, timeoutMs = 10_000) =>
    new Promise<RunwareCall>((resolve, reject) => {
      const found = calls.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`No matching Runware call within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (call: RunwareCall) => {
        if (!match(call)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(call);
      };
      waiters.add(waiter);
    });

  const outboundFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (init?.method !== 'POST' || typeof init.body !== 'string') return fetch(input, init);
    const at = performance.now();
    const taskUUID = items(`[${init.body}]`)[0]?.taskUUID;
    const entry: { -readonly [K in keyof WebhookCall]: WebhookCall[K] } = { url, at, ...(typeof taskUUID === 'string' && { taskUUID }) };
    webhooks.push(entry);
    const response = await fetch(input, init);
    const text = await response.text();
    try {
      entry.applied = (JSON.parse(text) as { applied?: boolean }).applied === true;
    } catch {
      // not the handler's JSON answer
    }
    // Last: a status on the entry means the whole answer has been read.
    entry.status = response.status;
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  return {
    outboundFetch,
    calls,
    webhooks,
    resultSeenAt,
    pollsOf: (taskUUID) => calls.filter((c) => c.kind === 'poll' && c.taskUUIDs.includes(taskUUID)),
    nextCall,
    listen: (runware) =>
      listen(
        createServer(
          createSeedanceRequestListener(async (request) => {
            if (request.method !== 'POST') return runware.fetch(request);
            const start = performance.now();
            const sent = items(await request.clone().text());
            const response = await runware.fetch(request);
            const text = await response.text();
            const end = performance.now();
            const kinds = new Set(sent.map((t) => t.taskType));
            for (const item of items(text)) {
              if (item.status === 'success' && typeof item.videoUUID === 'string' && !resultSeenAt.has(item.videoUUID)) resultSeenAt.set(item.videoUUID, end);
            }
            record({
              instance: request.headers.get('x-seedance-instance') ?? '?',
              kind: kinds.has('getResponse') ? 'poll' : kinds.has('videoInference') ? 'submit' : 'other',
              taskUUIDs: sent.flatMap((t) => (typeof t.taskUUID === 'string' ? [t.taskUUID] : [])),
              start,
              end,
              status: response.status,
            });
            return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
          }),
        ),
      ),
  };
}

/**
 * Checks that no task was polled by two instances at once: per task, no two polls from
 * different instances overlap in time, and the pollers form contiguous runs (once another
 * instance took over, the earlier one never came back). Returns what broke, empty when fine.
 */
export function pollingConflicts(calls: readonly RunwareCall[]): string[] {
  const byTask = new Map<string, RunwareCall[]>();
  for (const call of calls) {
    if (call.kind !== 'poll') continue;
    for (const id of call.taskUUIDs) {
      let list = byTask.get(id);
      if (!list) byTask.set(id, (list = []));
      list.push(call);
    }
  }
  const problems: string[] = [];
  for (const [id, polls] of byTask) {
    const sorted = [...polls].sort((a, b) => a.start - b.start);
    const runs: string[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const call = sorted[i]!;
      if (runs.at(-1) !== call.instance) {
        if (runs.includes(call.instance)) problems.push(`${id}: ${call.instance} polled again after ${runs.at(-1)} took over (${runs.join(' → ')} → ${call.instance})`);
        runs.push(call.instance);
      }
      for (let j = i + 1; j < sorted.length && sorted[j]!.start < call.end; j++) {
        if (sorted[j]!.instance !== call.instance) problems.push(`${id}: ${call.instance} and ${sorted[j]!.instance} polled at the same time`);
      }
    }
  }
  return problems;
}
