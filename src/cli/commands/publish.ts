// `wireroom publish --out DIR`: every feed in all three formats plus the HTML pages, as static files. Written
// into a sibling temp folder and swapped in by rename, so a reader of DIR never sees a half-written set.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadCollections, loadTaxonomy, Site } from '../../publish/index.ts';
import type { CliContext } from '../context.ts';

export interface PublishResult {
  dir: string;
  files: number;
  bytes: number;
}

/** Renders the site with `site` and swaps it into `outDir`. */
export function writeStaticSite(site: Site, outDir: string): PublishResult {
  const dir = path.resolve(outDir);
  const parent = path.dirname(dir);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = path.join(parent, `.${path.basename(dir)}.tmp-${stamp}`);
  const old = path.join(parent, `.${path.basename(dir)}.old-${stamp}`);
  let files = 0;
  let bytes = 0;
  try {
    for (const rel of site.staticPaths()) {
      const r = site.resolve(rel);
      if (!r.ok) throw new Error(`${rel}: ${r.message}`);
      const body = Buffer.from(r.resource.render(), 'utf8');
      const file = path.join(tmp, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, body);
      files++;
      bytes += body.length;
    }
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

export function registerPublishCommands(program: Command, ctx: CliContext): void {
  program
    .command('publish')
    .description('write every feed (RSS, Atom, JSON Feed) and the HTML pages as static files')
    .requiredOption('--out <dir>', 'output folder (replaced atomically)')
    .action((o: { out: string }) => {
      const config = ctx.config();
      const site = new Site({
        store: ctx.store(),
        config,
        collections: loadCollections(config.dir),
        taxonomy: loadTaxonomy(config.dir),
        paging: false,
      });
      const r = writeStaticSite(site, o.out);
      ctx.out(`published ${r.files} files (${Math.round(r.bytes / 1024)} KiB) to ${r.dir}`);
    });
}
