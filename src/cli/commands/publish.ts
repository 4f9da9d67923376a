// `wireroom publish --out DIR`: every feed in all three formats plus the HTML pages, as static files.
import type { Command } from 'commander';
import { loadCollections, loadTaxonomy, Site, writeStaticSite } from '../../publish/index.ts';
import type { CliContext } from '../context.ts';

export function registerPublishCommands(program: Command, ctx: CliContext): void {
  program
    .command('publish')
    .description('write every feed (RSS, Atom, JSON Feed) and the HTML pages as static files')
    .requiredOption('--out <dir>', 'output folder: new, empty, or an earlier export (replaced atomically)')
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
