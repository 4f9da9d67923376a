// SSRF guard: decides whether an address may be contacted. The check runs on the *resolved* address
// (through a custom DNS lookup handed to the socket), so a public name pointing at 127.0.0.1 does not help.
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { FetchError } from './errors.ts';

/** 4 bytes (IPv4) or 16 bytes (IPv6). */
type IpBytes = number[];

interface Range {
  net: IpBytes;
  bits: number;
  label: string;
}

/** Parses an IPv4/IPv6 literal (brackets and zone ids allowed) into bytes; undefined if not an IP. */
export function parseIp(text: string): IpBytes | undefined {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  s = s.replace(/%.*$/, '');
  const family = isIP(s);
  if (family === 4) return s.split('.').map(Number);
  if (family === 6) return parseIpv6(s);
  return undefined;
}

function parseIpv6(input: string): IpBytes {
  let s = input;
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two hex groups.
  if (s.includes('.')) {
    const cut = s.lastIndexOf(':');
    const [a, b, c, d] = s
      .slice(cut + 1)
      .split('.')
      .map(Number) as [number, number, number, number];
    s = `${s.slice(0, cut + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left = '', right] = s.split('::');
  const head = left ? left.split(':') : [];
  const tail = right ? right.split(':') : [];
  const zeros = right === undefined ? [] : Array<string>(8 - head.length - tail.length).fill('0');
  const bytes: IpBytes = [];
  for (const group of [...head, ...zeros, ...tail]) {
    const n = parseInt(group, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  return bytes;
}

function range(cidr: string, label: string): Range {
  const [ip = '', bits = ''] = cidr.split('/');
  const net = parseIp(ip);
  if (!net) throw new Error(`bad built-in range ${cidr}`);
  return { net, bits: Number(bits), label };
}

function inRange(addr: IpBytes, net: IpBytes, bits: number): boolean {
  if (addr.length !== net.length) return false;
  for (let i = 0; i < addr.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((addr[i] ?? 0) & mask) !== ((net[i] ?? 0) & mask)) return false;
  }
  return true;
}

// Order matters: the first match names the reason (metadata before link-local).
const V4_BLOCKED: Range[] = [
  range('0.0.0.0/8', 'unspecified address'),
  range('10.0.0.0/8', 'private address'),
  range('100.64.0.0/10', 'carrier-grade NAT address'),
  range('127.0.0.0/8', 'loopback address'),
  range('169.254.169.254/32', 'cloud metadata address'),
  range('169.254.0.0/16', 'link-local address'),
  range('172.16.0.0/12', 'private address'),
  range('192.0.0.0/24', 'reserved address'),
  range('192.168.0.0/16', 'private address'),
  range('198.18.0.0/15', 'reserved address'),
  range('224.0.0.0/4', 'multicast address'),
  range('240.0.0.0/4', 'reserved address'),
];

const V6_BLOCKED: Range[] = [
  range('::/128', 'unspecified address'),
  range('::1/128', 'loopback address'),
  range('::/96', 'reserved address'),
  range('fc00::/7', 'private address'),
  range('fe80::/10', 'link-local address'),
  range('fec0::/10', 'private address'),
  range('ff00::/8', 'multicast address'),
  range('100::/64', 'discard-only address'),
  // Translation prefixes whose IPv4 part is not at a fixed place we decode: refuse the whole range.
  range('64:ff9b:1::/48', 'local-use NAT64 address'),
  range('2001::/32', 'Teredo address'),
];

const MAPPED = range('::ffff:0:0/96', 'mapped');
const NAT64 = range('64:ff9b::/96', 'nat64');
const SIIT = range('::ffff:0:0:0/96', 'siit');
const COMPAT = range('::/96', 'compat');

/** IPv6 forms that carry an IPv4 address inside; the embedded address is judged instead. */
function embeddedV4(addr: IpBytes): IpBytes | undefined {
  if (addr.length !== 16) return undefined;
  if (inRange(addr, MAPPED.net, 96) || inRange(addr, NAT64.net, 96) || inRange(addr, SIIT.net, 96))
    return addr.slice(12);
  // IPv4-compatible (deprecated) ::a.b.c.d; :: and ::1 keep their own meaning.
  if (inRange(addr, COMPAT.net, 96) && addr.slice(12, 15).some((b) => b !== 0)) return addr.slice(12);
  if (addr[0] === 0x20 && addr[1] === 0x02) return addr.slice(2, 6); // 6to4 2002::/16
  return undefined;
}

/** Why an address must not be contacted ("loopback address", ...), or undefined when it is public. */
export function blockedReason(ip: string): string | undefined {
  const addr = parseIp(ip);
  if (!addr) return 'not an IP address';
  const inner = embeddedV4(addr);
  if (inner) return blockedReason(inner.join('.'));
  for (const r of addr.length === 4 ? V4_BLOCKED : V6_BLOCKED) {
    if (inRange(addr, r.net, r.bits)) return r.label;
  }
  return undefined;
}

const allowLists = new Map<string, AllowList>();
/** One parsed AllowList per distinct settings.allowPrivate (a cycle fetches 1,000 sources with one list). */
export function allowListFor(entries: readonly string[]): AllowList {
  const key = entries.join('\n');
  let list = allowLists.get(key);
  if (!list) {
    list = new AllowList(entries);
    allowLists.set(key, list);
  }
  return list;
}

/** The editor's allow-list: host names, single IPs or CIDRs (settings.allowPrivate). */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly nets: Range[] = [];
  /** Stable identity of the list (used to keep connection pools apart). */
  readonly key: string;

  constructor(entries: readonly string[]) {
    this.key = [...entries]
      .map((e) => e.trim().toLowerCase())
      .sort()
      .join(',');
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      const [ip = '', bits] = entry.split('/');
      const net = parseIp(ip);
      if (net) this.nets.push({ net, bits: bits === undefined ? net.length * 8 : Number(bits), label: entry });
      else this.hosts.add(entry.replace(/\.$/, ''));
    }
  }

  allowsHost(host: string): boolean {
    return this.hosts.has(
      host
        .toLowerCase()
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, ''),
    );
  }

  allowsIp(ip: string): boolean {
    const addr = parseIp(ip);
    if (!addr) return false;
    const inner = embeddedV4(addr);
    return this.nets.some(
      (n) => inRange(addr, n.net, n.bits) || (inner !== undefined && inRange(inner, n.net, n.bits)),
    );
  }
}

/**
 * Checks one host/address pair; returns the reason it is blocked (naming the address when the host is a
 * name), or undefined when it may be contacted.
 */
export function checkAddress(allow: AllowList, host: string, ip: string): string | undefined {
  if (allow.allowsHost(host) || allow.allowsIp(ip)) return undefined;
  const why = blockedReason(ip);
  if (!why) return undefined;
  return parseIp(host) ? why : `${host} resolves to ${ip}, ${why}`;
}

// Answers are shared for a short while: the sources on one host open up to per_host connections at once, and
// each would otherwise queue for getaddrinfo on libuv's four threads. Only the answer is shared, never the
// verdict: every connection checks every address again (guardedLookup). Failures are not kept.
const DNS_TTL_MS = 30_000;
const DNS_MAX_NAMES = 4096;
const answers = new Map<string, { until: number; addresses: Promise<LookupAddress[]> }>();

function resolveAll(hostname: string, options: LookupOptions): Promise<LookupAddress[]> {
  const key = `${options.family ?? 0}/${options.hints ?? 0}/${hostname.toLowerCase()}`;
  const now = performance.now();
  const hit = answers.get(key);
  if (hit && hit.until > now) return hit.addresses;
  if (answers.size >= DNS_MAX_NAMES) answers.clear();
  const addresses = new Promise<LookupAddress[]>((resolve, reject) => {
    dns.lookup(hostname, { ...options, all: true }, (err, list) => (err ? reject(err) : resolve(list)));
  });
  const entry = { until: now + DNS_TTL_MS, addresses };
  answers.set(key, entry);
  addresses.catch(() => {
    if (answers.get(key) === entry) answers.delete(key);
  });
  return addresses;
}

/**
 * A DNS lookup for sockets that refuses blocked addresses. Every resolved address must pass, so a name
 * with one public and one private record cannot be used to reach the private one.
 */
export function guardedLookup(allow: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, options).then(
      (addresses) => {
        for (const a of addresses) {
          const why = checkAddress(allow, hostname, a.address);
          if (why) return callback(new FetchError('blocked', why), '');
        }
        if (options.all) return callback(null, addresses);
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error(`${hostname}: no addresses`), { code: 'ENOTFOUND' }), '');
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}
