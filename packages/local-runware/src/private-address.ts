import { BlockList, isIP } from 'node:net';

/**
 * Addresses a server must not fetch on a stranger's say-so: loopback, private, carrier-grade
 * NAT, link-local (cloud metadata lives there), unspecified, multicast and reserved ranges.
 * Node's BlockList also matches IPv4-mapped IPv6 (`::ffff:127.0.0.1`) against the IPv4 rules.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 itself
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, 169.254.169.254 metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, 255.255.255.255
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['::', 96], // IPv4-compatible (deprecated), a way to spell 127.0.0.1
  ['fc00::', 7], // unique local, fd00:ec2::254 metadata
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** Host names that reach cloud metadata services whatever they resolve to here. */
const BLOCKED_NAMES = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/** Whether `address` (an IP literal, brackets allowed) is one a server must not fetch; a non-IP is blocked too. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  if (family === 0) return true;
  return BLOCKED.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether a host name (not an IP) is a metadata service's name. */
export function isBlockedHostName(hostname: string): boolean {
  return BLOCKED_NAMES.has(hostname.toLowerCase().replace(/\.$/, ''));
}
