import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalRunwareListenOptions, LocalRunwareServer } from './local-runware-types.js';

type WebHandler = (request: Request) => Promise<Response>;

/** Serves a Web `(Request) → Response` handler on node:http (default 127.0.0.1, any free port). */
export async function listenWebHandler(handler: WebHandler, options: LocalRunwareListenOptions = {}): Promise<LocalRunwareServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(handler, req, res, host).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(handler: WebHandler, req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const method = req.method ?? 'GET';
  const chunks: Buffer[] = [];
  if (method !== 'GET' && method !== 'HEAD') for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? host}`), {
    method,
    headers,
    signal: controller.signal,
    ...(chunks.length > 0 && { body: Buffer.concat(chunks) }),
  });
  const response = await handler(request);
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  if (method === 'HEAD' || response.body === null) {
    res.end();
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}
