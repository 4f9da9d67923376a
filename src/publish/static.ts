// Static export: every feed and page written as files into a sibling temp folder and swapped in by rename, so a
// reader of the folder never sees a half-written set. It only ever replaces a folder it wrote itself. Feeds are
// paged as files (see files.ts), all read from one snapshot of the store so the pages agree with each other.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { STATIC_PAGES } from './files.ts';
import type { Site } from './site.ts';

export interface PublishResult {
  dir: string;
  files: number;
  bytes: number;
}

/** Written into every export: the mark that lets the next export replace the folder. */
export const EXPORT_MARKER = '.wireroom-export';

/** Why `dir` must not be replaced by an export, or undefined when it may. */
export function unsafeExportTarget(dir: string): string | undefined {
  const parent = path.dirname(dir);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) return `${parent} does not exist (create it first)`;
  if (!existsSync(dir)) return undefined;
  if (!statSync(dir).isDirectory()) return `${dir} is a file, not a folder`;
  if (readdirSync(dir).length === 0) return undefined;
  if (!existsSync(path.join(dir, EXPORT_MARKER))) {
    return `${dir} is not empty and was not written by \`wireroom publish\` (no ${EXPORT_MARKER}): choose a new or empty folder`;
  }
  return undefined;
}

/**
 * Renders the site, with up to `pages` pages of each feed, and swaps it into `outDir`; throws, touching nothing,
 * when the folder is not ours to replace.
 */
export async function writeStaticSite(
  site: Site,
  outDir: string,
  opts: { pages?: number } = {},
): Promise<PublishResult> {
  const pages = opts.pages ?? STATIC_PAGES;
  if (!Number.isInteger(pages) || pages < 1)
    throw new Error(`publish: pages must be a whole number from 1 up (got ${pages})`);
  const dir = path.resolve(outDir);
  const refused = unsafeExportTarget(dir);
  if (refused) throw new Error(`publish: ${refused}`);
  const parent = path.dirname(dir);
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = path.join(parent, `.${path.basename(dir)}.tmp-${stamp}`);
  const old = path.join(parent, `.${path.basename(dir)}.old-${stamp}`);
  let files = 0;
  let bytes = 0;
  try {
    mkdirSync(tmp);
    writeFileSync(path.join(tmp, EXPORT_MARKER), `written by wireroom publish at ${new Date().toISOString()}\n`);
    await site.snapshot(async (snap) => {
      for await (const { path: rel, resource } of snap.staticFiles(pages)) {
        const body = Buffer.from(resource.render(), 'utf8');
        const file = path.join(tmp, rel);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, body);
        files++;
        bytes += body.length;
      }
    });
    // Two renames: DIR is at every moment either the complete old set, the complete new set, or (for the
    // instant between them) absent; never partial.
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
  return { dir, files, bytes };
}
