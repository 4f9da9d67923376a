// Rendered responses, compressed once when rendered and kept until the data changes (LRU-bounded: arbitrary
// query parameters must not grow memory without limit).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Resource, Site } from '../publish/index.ts';

export interface CachedResponse {
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  /** Hash of the uncompressed body; each encoding's ETag derives from it. */
  hash: string;
  lastModified?: Date;
  fingerprint: string;
  /** The store's data version when last checked: while it holds, nothing is re-queried. */
  version: string;
}

export function toCachedResponse(resource: Resource, version: string): CachedResponse {
  const body = Buffer.from(resource.render(), 'utf8');
  return {
    contentType: resource.contentType,
    body,
    gzip: gzipSync(body, { level: 6 }),
    // Quality 5: most of brotli's gain at a fraction of quality 11's time.
    br: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
    hash: createHash('sha1').update(body).digest('base64url'),
    lastModified: resource.lastModified,
    fingerprint: resource.fingerprint,
    version,
  };
}

export class ResponseCache {
  private readonly map = new Map<string, CachedResponse>();
  constructor(private readonly max = 512) {}

  get(key: string): CachedResponse | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, v: CachedResponse): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size <= this.max) return;
    const oldest = this.map.keys().next();
    if (!oldest.done) this.map.delete(oldest.value);
  }

  get size(): number {
    return this.map.size;
  }
}

export type Lookup = CachedResponse | { status: 400 | 404; message: string };

/** Keyed by path and the parameters that matter: a hit on unchanged data runs no query and renders nothing. */
export class RenderedResponses {
  /** How many responses were rendered (cache misses whose content had changed). */
  renders = 0;
  private readonly cache = new ResponseCache();
  private readonly startedAt = Date.now();

  constructor(private readonly site: Site) {}

  async lookup(key: string, path: string, query: string): Promise<Lookup> {
    // Read before the page: a commit landing after it leaves this version behind, so the next request re-checks.
    const version = await this.site.dataVersion();
    const hit = this.cache.get(key);
    if (hit && hit.version === version) return hit;
    // One read snapshot for the whole page: a commit landing between its statements cannot tear the response.
    const r = await this.site.snapshot((site) => site.resolve(path, new URLSearchParams(query)));
    if (!r.ok) return r;
    if (hit && hit.fingerprint === r.resource.fingerprint) {
      hit.version = version; // data changed elsewhere; this feed did not: no re-render
      return hit;
    }
    this.renders++;
    const fresh = toCachedResponse(r.resource, version);
    // Last-Modified must move whenever the body does: a change seen while serving (a removal, a story losing a
    // member) happened now; a body first rendered since start may have changed at any time before it.
    const floor = new Date(hit ? Date.now() : this.startedAt);
    if (!fresh.lastModified || fresh.lastModified < floor) fresh.lastModified = floor;
    this.cache.set(key, fresh);
    return fresh;
  }
}
