import { HttpProblem } from './problem.js';

/** Host names the handler answers besides loopback and `publicUrl`'s: a list (a leading `.` also matches subdomains) or `true` for any. */
export type AllowedHosts = readonly string[] | true;

/**
 * DNS-rebinding guard: a page on `attacker.example` whose name later resolves to 127.0.0.1
 * reaches a local server with `Host: attacker.example`, so the Host must be one the server
 * knows: a loopback name (a browser never sends one for a rebound name), `publicUrl`'s host,
 * or one in `allowedHosts`. The request URL's host is checked (adapters build it from `Host`,
 * or from `X-Forwarded-Host` behind a trusted proxy); ports are not compared.
 */
export function checkHost(request: Request, publicUrl: string | undefined, allowed: AllowedHosts | undefined): void {
  if (allowed === true) return;
  const host = bare(new URL(request.url).hostname);
  if (isLoopbackHost(host)) return;
  if (publicUrl !== undefined && host === bare(new URL(publicUrl).hostname)) return;
  if ((allowed ?? []).some((entry) => matchesHost(host, entry))) return;
  throw new HttpProblem(403, 'host_not_allowed', {
    kind: 'policy',
    retryable: false,
    detail: `This server does not answer for the host "${host}". Add it to allowedHosts if it is yours.`,
  });
}

/** localhost, *.localhost, 127.0.0.0/8, ::1 and 127.x.x.x written as IPv4-mapped IPv6. */
export function isLoopbackHost(host: string): boolean {
  const name = bare(host);
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return true;
  // WHATWG URL parsing writes IPv6 compressed and lower-case: ::1, ::ffff:7f00:1.
  return name === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(name) || /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

function matchesHost(host: string, entry: string): boolean {
  const pattern = bare(entry.trim());
  if (pattern.startsWith('.')) return host === pattern.slice(1) || host.endsWith(pattern);
  return host === pattern;
}

/** Lower-case, without IPv6 brackets or a trailing dot. */
function bare(host: string): string {
  return host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}
