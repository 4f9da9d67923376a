// Rendered API list pages by their raw query string, valid while the database is unchanged (the feeds' cache rule).
// A page is kept as the bytes sent, so a hit neither re-serialises nor re-encodes it. Only a query that passed
// validation is ever rendered, so only such keys are ever kept.
export class ListCache {
  private readonly map = new Map<string, { version: string; body: Uint8Array<ArrayBuffer> }>();
  constructor(private readonly size = 256) {}

  get(key: string, version: string): Uint8Array<ArrayBuffer> | undefined {
    const hit = this.map.get(key);
    return hit?.version === version ? hit.body : undefined;
  }

  set(key: string, version: string, body: Uint8Array<ArrayBuffer>): void {
    this.map.delete(key);
    if (this.map.size >= this.size) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
    this.map.set(key, { version, body });
  }
}

/** The query part of a raw request target, with its `?` (as URL.search gives it), or ''. */
export function rawSearch(target: string): string {
  const q = target.indexOf('?');
  return q < 0 || q === target.length - 1 ? '' : target.slice(q);
}
