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
        ctx.out(exportOpml(ctx.config(), ctx.store()).trimEnd());
      });
  },
};
