import { isIPv4, isIPv6 } from 'node:net';
import { sha256Hex } from '../json/canonical-json.ts';

// A resident's QR answer carries no account, so "many answers from one phone" can only be seen
// through the request. Only a coarse, salted hash is kept: the network (an IPv4 /24 or an IPv6
// /48, which a carrier shares among many people) and the browser's user agent. Neither the
// address nor the user agent is stored, and with the year's salt deleted the hash links nothing.

/** The most user-agent characters hashed: enough for any real browser, bounded for any input. */
const USER_AGENT_MAX = 512;

/** The network an address belongs to: `a.b.c.0/24` or the first three IPv6 groups + `::/48`. */
export function networkPrefix(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = mapped ? (mapped[1] as string) : ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(ip)) return `${expandIPv6(ip).slice(0, 3).join(':')}::/48`;
  return 'unknown';
}

/** The eight groups of an IPv6 address, each without leading zeros, in lower case. */
function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.toLowerCase().split('%')[0]?.split('::') ?? [''];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [
    ...left,
    ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ];
  return groups.map((g) => (/^[0-9a-f]+$/.test(g) ? Number.parseInt(g, 16).toString(16) : g));
}

/** The fingerprint stored with a QR answer: sha256 of the year's salt, the network and the browser. */
export function clientFingerprint(salt: string, ip: string, userAgent: string): string {
  return sha256Hex(`${salt}\n${networkPrefix(ip)}\n${userAgent.slice(0, USER_AGENT_MAX)}`);
}
