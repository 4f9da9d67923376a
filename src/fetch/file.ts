// file: sources (only from config files). Same body cap as HTTP; mtime stands in for Last-Modified so a
// bundled local source costs one stat() on repeated cycles.
import { open, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FetchOutcome, FetchState } from '../types.ts';
import { FetchError } from './errors.ts';
import { errorOutcome, isBlank, type Elapsed } from './outcome.ts';

/** Reads a file: source into an outcome; `trusted` says the source was written in a config file. */
export async function fetchFile(
  url: URL,
  state: FetchState,
  maxBytes: number,
  trusted: boolean,
  elapsed: Elapsed,
): Promise<FetchOutcome> {
  if (!trusted) {
    const err = new FetchError('blocked', `${url.href}: file: URLs are allowed only for sources in config files`);
    return errorOutcome(err, elapsed());
  }
  try {
    const r = await readFileSource(url, state, maxBytes);
    if (r.kind === 'not-modified') {
      return {
        kind: 'not-modified',
        status: 304,
        finalUrl: url.href,
        lastModified: r.lastModified,
        durationMs: elapsed(),
      };
    }
    if (isBlank(r.body))
      return errorOutcome(new FetchError('empty', `${url.href}: file is empty`), elapsed(), url.href);
    return {
      kind: 'ok',
      status: 200,
      body: r.body,
      finalUrl: url.href,
      lastModified: r.lastModified,
      bytes: r.body.length,
      durationMs: elapsed(),
    };
  } catch (err) {
    return errorOutcome(err, elapsed(), url.href);
  }
}

type FileResult = { kind: 'ok'; body: Buffer; lastModified: string } | { kind: 'not-modified'; lastModified: string };

async function readFileSource(url: URL, state: FetchState, maxBytes: number): Promise<FileResult> {
  const path = localPath(url);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new FetchError('io', `${url.href}: not a regular file`);
    const lastModified = info.mtime.toUTCString();
    if (unchangedSince(info.mtimeMs, state.lastModified)) return { kind: 'not-modified', lastModified };
    if (info.size > maxBytes) throw new FetchError('too-large', `${url.href}: file exceeds ${maxBytes} bytes`);
    const body = await readAtMost(path, Math.min(info.size, maxBytes) + 1);
    // One byte more than the cap was asked for, so a file that grew after stat() is still caught.
    if (body.length > maxBytes) throw new FetchError('too-large', `${url.href}: file exceeds ${maxBytes} bytes`);
    return { kind: 'ok', body, lastModified };
  } catch (err) {
    throw fileError(err, url);
  }
}

function localPath(url: URL): string {
  try {
    return fileURLToPath(url);
  } catch {
    throw new FetchError('invalid-url', `${url.href}: not a local file URL`);
  }
}

/** HTTP dates have one-second precision: compare at that precision. */
function unchangedSince(mtimeMs: number, lastModified: string | undefined): boolean {
  const since = lastModified ? Date.parse(lastModified) : NaN;
  return !Number.isNaN(since) && Math.floor(mtimeMs / 1000) * 1000 <= since;
}

/** Reads up to `limit` bytes from the start of the file (fewer if it ends first). */
async function readAtMost(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(limit);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buf.length) break;
    }
    return buf.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** System errors become FetchErrors naming the file; FetchErrors pass through. */
function fileError(err: unknown, url: URL): FetchError {
  if (err instanceof FetchError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FetchError('not-found', `${url.href}: no such file`);
  if (code === 'EACCES' || code === 'EPERM') return new FetchError('io', `${url.href}: permission denied`);
  return new FetchError('io', `${url.href}: ${code ?? (err as Error).message}`);
}
