// file: sources (only from config files). Same body cap as HTTP; mtime stands in for Last-Modified so a
// bundled local source costs one stat() on repeated cycles.
import { open, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FetchState } from '../types.ts';
import { FetchError } from './errors.ts';

export type FileResult =
  { kind: 'ok'; body: Buffer; lastModified: string } | { kind: 'not-modified'; lastModified: string };

export async function readFileSource(url: URL, state: FetchState, maxBytes: number): Promise<FileResult> {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    throw new FetchError('invalid-url', `${url.href}: not a local file URL`);
  }
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new FetchError('io', `${url.href}: not a regular file`);
    const lastModified = info.mtime.toUTCString();
    // HTTP dates have one-second precision: compare at that precision.
    const since = state.lastModified ? Date.parse(state.lastModified) : NaN;
    if (!Number.isNaN(since) && Math.floor(info.mtimeMs / 1000) * 1000 <= since) {
      return { kind: 'not-modified', lastModified };
    }
    if (info.size > maxBytes) throw new FetchError('too-large', `${url.href}: file exceeds ${maxBytes} bytes`);
    // Read at most maxBytes + 1 so a file that grew after stat() is still caught.
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled === buf.length) break;
      }
      if (filled > maxBytes) throw new FetchError('too-large', `${url.href}: file exceeds ${maxBytes} bytes`);
      return { kind: 'ok', body: buf.subarray(0, filled), lastModified };
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FetchError('not-found', `${url.href}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') throw new FetchError('io', `${url.href}: permission denied`);
    throw new FetchError('io', `${url.href}: ${code ?? (err as Error).message}`);
  }
}
