// The client's address and scheme: the socket's, unless the socket is a configured proxy, whose
// X-Forwarded-For / X-Forwarded-Proto are then believed. A forwarded header from anyone else is ignored,
// or any client could pick the address its failed logins are counted against.
import { BlockList, isIP } from 'node:net';

export class TrustedProxies {
  private readonly list = new BlockList();
  private readonly any: boolean;

  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const [addr = '', bits] = raw.split('/');
      const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
      if (!isIP(addr)) throw new RangeError(`console.trusted_proxies: "${raw}" is not an address or CIDR`);
      if (bits === undefined) this.list.addAddress(addr, type);
      else this.list.addSubnet(addr, Number(bits), type);
    }
    this.any = entries.length > 0;
  }

  trusts(address: string): boolean {
    if (!this.any || !address) return false;
    const plain = unmapped(address);
    return this.list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
  }

  /** The address of the client: walk X-Forwarded-For from the right while the hop is a trusted proxy. */
  clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined): string {
    let address = unmapped(socketAddress ?? '');
    if (!forwardedFor || !this.trusts(address)) return address || 'unknown';
    const hops = forwardedFor
      .split(',')
      .map((h) => h.trim())
      .filter((h) => isIP(unmapped(h)));
    while (hops.length && this.trusts(address)) address = unmapped(hops.pop() ?? '');
    return address || 'unknown';
  }

  /** Whether the client reached us over HTTPS (only a trusted proxy can say so). */
  forwardedHttps(socketAddress: string | undefined, forwardedProto: string | undefined): boolean {
    return this.trusts(socketAddress ?? '') && forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
  }
}

/** ::ffff:127.0.0.1 -> 127.0.0.1 */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
