// `wireroom stories merge A B`: editors put two entries' stories together; later ingests keep the decision.
import { cliActor } from '../../../auth/index.ts';
import type { WireroomConfig } from '../../../config/index.ts';
import { storedEntry } from '../../arguments.ts';
import { storiesGroup, type CliCommand } from '../../command.ts';
import { UsageError } from '../../errors.ts';

const twice = (id: number) => new UsageError(`stories merge: give two different entries (got #${id} twice)`);

/**
 * mergeStories on PostgreSQL, the EditorStore's (src/editor/editor-store-pg.ts): the same checks, rows and audit
 * record, in one transaction that locks both entries and their stories; then the story's lines as `stories show`
 * prints them.
 */
async function mergeOnPostgres(config: WireroomConfig, rawA: string, rawB: string): Promise<string[]> {
  const { withPg, pgEntry } = await import('../../postgres.ts');
  const { pgEditorStore } = await import('../../../editor/editor-store-pg.ts');
  return withPg(
    config,
    async (pg) => {
      const a = (await pgEntry(pg, rawA)).id;
      const b = (await pgEntry(pg, rawB)).id;
      if (a === b) throw twice(a);
      const store = pgEditorStore(pg);
      await store.mergeStories(cliActor(), a, b, config.sources);
      return store.explainStory(a);
    },
    { max: 1 },
  );
}

export const mergeStoriesCommand: CliCommand = {
  group: storiesGroup,
  register(stories, ctx) {
    stories
      .command('merge')
      .description("put two entries' stories together (the older story keeps its published id)")
      .argument('<entry-id>')
      .argument('<other-entry-id>')
      .action(async (rawA: string, rawB: string) => {
        const config = ctx.config();
        if (config.database.kind === 'postgres') {
          for (const line of await mergeOnPostgres(config, rawA, rawB)) ctx.out(line);
          return;
        }
        const a = storedEntry(ctx, rawA).id;
        const b = storedEntry(ctx, rawB).id;
        if (a === b) throw twice(a);
        const { explainStory } = await import('../../../dedup/index.ts');
        const { mergeStories } = await import('../../../editor/index.ts');
        const store = ctx.store();
        mergeStories(store, cliActor(), a, b, config.sources);
        for (const line of explainStory(store, a)) ctx.out(line);
      });
  },
};
