// Rendered responses, compressed once when rendered and kept until the data changes (LRU-bounded: arbitrary
// query parameters must not grow memory without limit).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Resource } from '../publish/index.ts';

export interface CachedResponse {
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  /** Hash of the uncompressed body; each encoding's ETag derives from it. */
  hash: string;
  lastModified?: Date;
  fingerprint: string;
  /** store.feeds.dataVersion() when last checked: while it holds, nothing is re-queried. */
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
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  get size(): number {
    return this.map.size;
  }
}
