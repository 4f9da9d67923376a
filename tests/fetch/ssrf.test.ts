// Pure address classification and the allow-list.
import { describe, expect, it } from 'vitest';
import { AllowList, blockedReason } from '../../src/fetch/index.ts';
import { checkAddress, parseIp } from '../../src/fetch/ssrf.ts';

describe('blockedReason', () => {
  const cases: Array<[string, string | undefined]> = [
    ['127.0.0.1', 'loopback address'],
    ['127.255.0.9', 'loopback address'],
    ['10.0.0.1', 'private address'],
    ['172.16.0.1', 'private address'],
    ['172.31.255.255', 'private address'],
    ['172.32.0.1', undefined],
    ['192.168.1.1', 'private address'],
    ['169.254.169.254', 'cloud metadata address'],
    ['169.254.1.1', 'link-local address'],
    ['100.64.0.1', 'carrier-grade NAT address'],
    ['100.127.255.255', 'carrier-grade NAT address'],
    ['100.128.0.1', undefined],
    ['0.0.0.0', 'unspecified address'],
    ['224.0.0.1', 'multicast address'],
    ['255.255.255.255', 'reserved address'],
    ['8.8.8.8', undefined],
    ['93.184.216.34', undefined],
    ['::', 'unspecified address'],
    ['::1', 'loopback address'],
    ['fc00::1', 'private address'],
    ['fd12:3456::1', 'private address'],
    ['fe80::1', 'link-local address'],
    ['fe80::1%eth0', 'link-local address'],
    ['febf::1', 'link-local address'],
    ['ff02::1', 'multicast address'],
    ['::ffff:127.0.0.1', 'loopback address'],
    ['::ffff:7f00:1', 'loopback address'],
    ['::ffff:169.254.169.254', 'cloud metadata address'],
    ['::ffff:8.8.8.8', undefined],
    ['64:ff9b::10.0.0.1', 'private address'],
    ['2002:7f00:1::', 'loopback address'],
    ['64:ff9b:1::a00:1', 'local-use NAT64 address'],
    ['::ffff:0:7f00:1', 'loopback address'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo address'],
    ['100::1', 'discard-only address'],
    ['::127.0.0.1', 'loopback address'],
    ['2606:4700::1111', undefined],
    ['[::1]', 'loopback address'],
  ];
  for (const [ip, why] of cases) {
    it(`${ip} -> ${why ?? 'public'}`, () => expect(blockedReason(ip)).toBe(why));
  }
});

describe('parseIp', () => {
  it('expands IPv6 forms', () => {
    expect(parseIp('1::2')).toEqual([0, 1, ...Array<number>(12).fill(0), 0, 2]);
    expect(parseIp('::ffff:1.2.3.4')?.slice(10)).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    expect(parseIp('example.org')).toBeUndefined();
  });
});

describe('AllowList', () => {
  const allow = new AllowList(['127.0.0.1', '10.0.0.0/8', 'Intranet.Example.', 'fd00::/8']);
  it('matches exact IPs, CIDRs, host names (case and trailing dot insensitive)', () => {
    expect(allow.allowsIp('127.0.0.1')).toBe(true);
    expect(allow.allowsIp('127.0.0.2')).toBe(false);
    expect(allow.allowsIp('10.9.8.7')).toBe(true);
    expect(allow.allowsIp('::ffff:10.9.8.7')).toBe(true);
    expect(allow.allowsIp('fd00::5')).toBe(true);
    expect(allow.allowsHost('intranet.example')).toBe(true);
    expect(allow.allowsHost('other.example')).toBe(false);
  });
  it('checkAddress names the resolved address for host names', () => {
    const none = new AllowList([]);
    expect(checkAddress(none, 'evil.example', '10.0.0.1')).toBe('evil.example resolves to 10.0.0.1, private address');
    expect(checkAddress(none, '10.0.0.1', '10.0.0.1')).toBe('private address');
    expect(checkAddress(none, 'good.example', '8.8.8.8')).toBeUndefined();
    expect(checkAddress(allow, 'intranet.example', '192.168.0.5')).toBeUndefined();
  });
});
