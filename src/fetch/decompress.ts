// Reads a response body through its Content-Encoding with two caps: raw bytes on the wire and decoded
// bytes after decompression (a 10 KB gzip bomb can inflate to gigabytes).
import { Readable, pipeline, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from './errors.ts';

type Chunks = AsyncIterable<Buffer>;
type Stage = (source: Chunks) => Chunks;

/** Feeds an async iterable through a zlib stream; errors on either side surface while iterating. */
function throughZlib(make: () => Transform): Stage {
  return (source) => {
    const z = make();
    pipeline(Readable.from(source), z, () => {});
    return z;
  };
}

/** "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: sniff the first byte. */
const autoInflate: Stage = async function* (source) {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const zlibWrapped = ((first.value[0] ?? 0) & 0x0f) === 8;
  const rest = (async function* () {
    yield first.value;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  })();
  yield* throughZlib(() => (zlibWrapped ? zlib.createInflate() : zlib.createInflateRaw()))(rest);
};

function decoderFor(coding: string): Stage | undefined {
  switch (coding) {
    case 'identity':
    case '':
      return (s) => s;
    case 'gzip':
    case 'x-gzip':
      return throughZlib(() => zlib.createGunzip());
    case 'deflate':
      return autoInflate;
    case 'br':
      return throughZlib(() => zlib.createBrotliDecompress());
    default:
      return undefined;
  }
}

function capped(max: number, what: string): Stage {
  return async function* (source) {
    let total = 0;
    for await (const chunk of source) {
      total += chunk.length;
      if (total > max) throw new FetchError('too-large', `${what} exceeds ${max} bytes`);
      yield chunk;
    }
  };
}

export interface BodyResult {
  body: Buffer;
  /** Bytes received on the wire (before decompression). */
  rawBytes: number;
}

/**
 * Reads `source` fully, decoding `contentEncoding` (comma list, applied in reverse order). Throws
 * FetchError 'too-large' when either the raw or the decoded size passes `maxBytes`, 'encoding' for an
 * unknown coding or corrupt compressed data.
 */
export async function readBody(
  source: Chunks,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<BodyResult> {
  const codings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity');
  let rawBytes = 0;
  let stream: Chunks = (async function* () {
    for await (const chunk of source) {
      rawBytes += chunk.length;
      if (rawBytes > maxBytes) throw new FetchError('too-large', `body exceeds ${maxBytes} bytes`);
      yield chunk;
    }
  })();
  // Real servers apply one coding, rarely two; a long list is a decompression bomb in another shape.
  if (codings.length > 2)
    throw new FetchError('encoding', `${codings.length} stacked Content-Encodings; at most 2 are accepted`);
  for (const coding of codings.reverse()) {
    const stage = decoderFor(coding);
    if (!stage) throw new FetchError('encoding', `unsupported Content-Encoding "${coding}"`);
    stream = stage(stream);
  }
  if (codings.length > 0) stream = capped(maxBytes, 'decompressed body')(stream);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } catch (err) {
    if (err instanceof FetchError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1') {
      throw new FetchError('encoding', `corrupt ${codings.join('+')} body (${code})`);
    }
    throw err;
  }
  return { body: Buffer.concat(chunks), rawBytes };
}
