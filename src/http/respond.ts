// Writing responses: plain-text answers, and cached bodies with their encoding, validators and conditional 304s.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CachedResponse } from './cache.ts';

export type Encoding = 'br' | 'gzip' | 'identity';

export const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified',
};

const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The best encoding the client accepts (q > 0), preferring brotli. */
export function chooseEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name.trim(), qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const accepted = (e: string) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  if (accepted('br')) return 'br';
  if (accepted('gzip')) return 'gzip';
  return 'identity';
}

export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : `${body}\n`);
}

/** Response headers per cached body and encoding, built once. */
export class ResponseHeaders {
  private readonly memo = new WeakMap<CachedResponse, Partial<Record<Encoding, Record<string, string>>>>();

  constructor(private readonly maxAgeSeconds: number) {}

  for(out: CachedResponse, enc: Encoding, feed: boolean): Record<string, string> {
    let byEncoding = this.memo.get(out);
    if (!byEncoding) {
      byEncoding = {};
      this.memo.set(out, byEncoding);
    }
    byEncoding[enc] ??= this.build(out, enc, feed);
    return byEncoding[enc];
  }

  private build(out: CachedResponse, enc: Encoding, feed: boolean): Record<string, string> {
    return {
      ...(feed ? CORS : {}),
      'Content-Type': out.contentType,
      'Cache-Control': `public, max-age=${this.maxAgeSeconds}`,
      ETag: etagFor(out.hash, enc),
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      ...(out.lastModified ? { 'Last-Modified': out.lastModified.toUTCString() } : {}),
      ...(out.contentType.startsWith('text/html') ? { 'Content-Security-Policy': HTML_POLICY } : {}),
    };
  }
}

/** A 304 when the client's validators match, else the body in the chosen encoding. */
export function sendCached(
  req: IncomingMessage,
  res: ServerResponse,
  out: CachedResponse,
  enc: Encoding,
  headers: Record<string, string>,
): void {
  if (clientHasIt(req, out)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = encodedBody(out, enc);
  const encoding: Record<string, string> = enc === 'identity' ? {} : { 'Content-Encoding': enc };
  res.writeHead(200, { ...headers, ...encoding, 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function encodedBody(out: CachedResponse, enc: Encoding): Buffer {
  if (enc === 'br') return out.br;
  if (enc === 'gzip') return out.gzip;
  return out.body;
}

/** If-None-Match decides when present; If-Modified-Since only without it. */
function clientHasIt(req: IncomingMessage, out: CachedResponse): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return noneMatch(inm, out.hash);
  const ims = req.headers['if-modified-since'];
  return ims !== undefined && notModifiedSince(ims, out.lastModified);
}

function etagFor(hash: string, enc: Encoding): string {
  return `"${hash}${enc === 'identity' ? '' : `-${enc}`}"`;
}

/** If-None-Match matches any encoding of the same body: they are the same content. */
function noneMatch(header: string, hash: string): boolean {
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || v.replace(/^"|"$/g, '').replace(/-(gzip|br)$/, '') === hash;
  });
}

function notModifiedSince(header: string, lastModified: Date | undefined): boolean {
  if (!lastModified) return false;
  const since = Date.parse(header);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
