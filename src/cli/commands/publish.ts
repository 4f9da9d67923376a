// `wireroom publish --out DIR`: every feed in all three formats plus the HTML pages, as static files.
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';

/** publish's STATIC_PAGES, written out so that `--help` need not load publishing (tests/cli/startup.test.ts). */
export const DEFAULT_PAGES = 10;

export const publishCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('publish')
      .description('write every feed (RSS, Atom, JSON Feed) and the HTML pages as static files')
      .requiredOption('--out <dir>', 'output folder: new, empty, or an earlier export (replaced atomically)')
      .option('--pages <n>', `pages written per feed, linked by rel="next" (page 1 included)`, String(DEFAULT_PAGES))
      .action(async (o: { out: string; pages: string }) => {
        if (!/^\d{1,4}$/.test(o.pages) || Number(o.pages) < 1)
          throw new UsageError(`--pages: expected a whole number from 1 to 9999, got "${o.pages}"`);
        const { loadCollections, loadTagNames, Site, writeStaticSite } = await import('../../publish/index.ts');
        const { openFeedReader } = await import('../../store/index.ts');
        const config = ctx.config();
        // SQLite or PostgreSQL alike, through the feed reader (opened as every command opens its database).
        const opened = await openFeedReader(config.database, { connections: 2 });
        try {
          const site = new Site({
            store: opened.reader,
            config,
            collections: loadCollections(config.dir),
            names: loadTagNames(config.dir),
          });
          const r = await writeStaticSite(site, o.out, { pages: Number(o.pages) });
          ctx.out(`published ${r.files} files (${Math.round(r.bytes / 1024)} KiB) to ${r.dir}`);
        } finally {
          await opened.close();
        }
      });
  },
};
