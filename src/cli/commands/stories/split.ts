// `wireroom stories split ENTRY_ID`: editors give an entry its own story; later ingests keep the decision.
import { cliActor } from '../../../auth/index.ts';
import type { WireroomConfig } from '../../../config/index.ts';
import { storedEntry } from '../../arguments.ts';
import { storiesGroup, type CliCommand } from '../../command.ts';

/**
 * splitStory on PostgreSQL, the EditorStore's (src/editor/editor-store-pg.ts): the same rows and audit record, in one
 * transaction that locks the entry and its story; then the entry's new story as `stories show` prints it.
 */
async function splitOnPostgres(config: WireroomConfig, raw: string): Promise<string[]> {
  const { withPg, pgEntry } = await import('../../postgres.ts');
  const { pgEditorStore } = await import('../../../editor/editor-store-pg.ts');
  return withPg(
    config,
    async (pg) => {
      const id = (await pgEntry(pg, raw)).id;
      const store = pgEditorStore(pg);
      await store.splitStory(cliActor(), id, config.sources);
      return store.explainStory(id);
    },
    { max: 1 },
  );
}

export const splitStoryCommand: CliCommand = {
  group: storiesGroup,
  register(stories, ctx) {
    stories
      .command('split')
      .description('give an entry its own story again; it is never joined to the old one automatically')
      .argument('<entry-id>')
      .action(async (raw: string) => {
        const config = ctx.config();
        if (config.database.kind === 'postgres') {
          for (const line of await splitOnPostgres(config, raw)) ctx.out(line);
          return;
        }
        const id = storedEntry(ctx, raw).id;
        const { explainStory } = await import('../../../dedup/index.ts');
        const { splitStory } = await import('../../../editor/index.ts');
        const store = ctx.store();
        splitStory(store, cliActor(), id, config.sources);
        for (const line of explainStory(store, id)) ctx.out(line);
      });
  },
};
