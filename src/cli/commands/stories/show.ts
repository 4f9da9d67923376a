// `wireroom stories show ENTRY_ID`: the story an entry belongs to, its members and why each joined.
import { storedEntry } from '../../arguments.ts';
import { storiesGroup, type CliCommand } from '../../command.ts';

export const showStoryCommand: CliCommand = {
  group: storiesGroup,
  register(stories, ctx) {
    stories
      .command('show')
      .description('the story an entry belongs to: its members and why each joined')
      .argument('<entry-id>')
      .action(async (raw: string) => {
        const { explainStory } = await import('../../../dedup/index.ts');
        const config = ctx.config();
        if (config.database.kind !== 'postgres') {
          for (const line of explainStory(ctx.store(), storedEntry(ctx, raw).id)) ctx.out(line);
          return;
        }
        const { withPg, pgEntry } = await import('../../postgres.ts');
        const { pgEditorStore } = await import('../../../editor/editor-store-pg.ts');
        const lines = await withPg(config, async (pg) => pgEditorStore(pg).explainStory((await pgEntry(pg, raw)).id), {
          max: 1,
        });
        for (const line of lines) ctx.out(line);
      });
  },
};
