// `wireroom sources export > FILE.opml`: the source list as OPML 2.0.
import { toOpml } from '../../../config/index.ts';
import { sourcesGroup, type CliCommand } from '../../command.ts';

export const exportSourcesCommand: CliCommand = {
  group: sourcesGroup,
  register(sources, ctx) {
    sources
      .command('export')
      .description('print the source list as OPML 2.0')
      .action(() => {
        const config = ctx.config();
        const store = ctx.store();
        const states = new Map(store.sources.list().map((s) => [s.id, s]));
        ctx.out(
          toOpml(
            config.site.title,
            config.sources.map((s) => ({
              id: s.id,
              url: s.url,
              title: s.title ?? states.get(s.id)?.title,
              siteUrl: states.get(s.id)?.siteUrl,
            })),
          ).trimEnd(),
        );
      });
  },
};
