// `wireroom stories merge A B`: editors put two entries' stories together; later ingests keep the decision.
import { cliActor } from '../../../auth/index.ts';
import type { WireroomConfig } from '../../../config/index.ts';
import { storedEntry } from '../../arguments.ts';
import { storiesGroup, type CliCommand } from '../../command.ts';
import { UsageError } from '../../errors.ts';

const twice = (id: number) => new UsageError(`stories merge: give two different entries (got #${id} twice)`);

/**
 * mergeStories (src/editor/newsroom.ts) on PostgreSQL: the same checks, rows and audit record, in one transaction
 * that locks both entries and their stories; then the story's lines as `stories show` prints them.
 */
async function mergeOnPostgres(config: WireroomConfig, rawA: string, rawB: string): Promise<string[]> {
  const { withPg, pgEntry, pgStoryLines } = await import('../../postgres.ts');
  const { explainStory, storyRules, storySettings } = await import('../../../dedup/index.ts');
  const { NotFoundError, storyMergeAudit } = await import('../../../editor/index.ts');
  return withPg(
    config,
    async (pg) => {
      const a = (await pgEntry(pg, rawA)).id;
      const b = (await pgEntry(pg, rawB)).id;
      if (a === b) throw twice(a);
      const actor = cliActor();
      const at = new Date().toISOString();
      const rules = storyRules(storySettings(config.sources).priorities);
      const done = await pg.mergeStories(a, b, at, rules, (before, uid) =>
        storyMergeAudit(actor, at, { entryA: a, entryB: b, before, uid }),
      );
      if ('missing' in done)
        throw new NotFoundError(
          done.entryExists ? `entry #${done.missing} has no story yet` : `no entry #${done.missing}`,
        );
      return pgStoryLines(pg, a, explainStory);
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
