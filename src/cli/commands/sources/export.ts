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
        // The export reads only the sources' stored state (titles and site links the feeds gave).
        if (config.database.kind !== 'postgres')
          return ctx.out(exportOpml(config, ctx.store().sources.list()).trimEnd());
        const { withPg } = await import('../../postgres.ts');
        const states = await withPg(config, (pg) => pg.sources.list(), { max: 1 });
        ctx.out(exportOpml(config, states).trimEnd());
      });
  },
};
