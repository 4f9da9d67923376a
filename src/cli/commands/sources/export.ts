// `wireroom sources export > FILE.opml`: the source list as OPML 2.0.
import { sourcesGroup, type CliCommand } from '../../command.ts';

export const exportSourcesCommand: CliCommand = {
  group: sourcesGroup,
  register(sources, ctx) {
    sources
      .command('export')
      .description('print the source list as OPML 2.0')
      .action(async () => {
        const { exportOpml } = await import('../../../editor/index.ts');
        const config = ctx.config();
        if (config.database.kind !== 'postgres') return ctx.out(exportOpml(config, ctx.store()).trimEnd());
        // The export reads only the sources' stored state (titles and site links the feeds gave).
        const { withPg } = await import('../../postgres.ts');
        const states = await withPg(config, (pg) => pg.sources.list(), { max: 1 });
        const store = { sources: { list: () => states } } as unknown as Parameters<typeof exportOpml>[1];
        ctx.out(exportOpml(config, store).trimEnd());
      });
  },
};
