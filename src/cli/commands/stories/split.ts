// `wireroom stories split ENTRY_ID`: editors give an entry its own story; later ingests keep the decision.
import { cliActor } from '../../../auth/index.ts';
import type { WireroomConfig } from '../../../config/index.ts';
import { storedEntry } from '../../arguments.ts';
import { storiesGroup, type CliCommand } from '../../command.ts';

/**
 * splitStory (src/editor/newsroom.ts) on PostgreSQL: the same rows and audit record, in one transaction that locks
 * the entry and its story; then the entry's new story as `stories show` prints it.
 */
async function splitOnPostgres(config: WireroomConfig, raw: string): Promise<string[]> {
  const { withPg, pgEntry, pgStoryLines } = await import('../../postgres.ts');
  const { explainStory, storyRules, storySettings } = await import('../../../dedup/index.ts');
  const { NotFoundError, storySplitAudit } = await import('../../../editor/index.ts');
  return withPg(
    config,
    async (pg) => {
      const id = (await pgEntry(pg, raw)).id;
      const actor = cliActor();
      const at = new Date().toISOString();
      const rules = storyRules(storySettings(config.sources).priorities);
      const done = await pg.splitStory(id, at, rules, (before, uid) =>
        storySplitAudit(actor, at, { entryId: id, before, uid }),
      );
      if ('missing' in done)
        throw new NotFoundError(
          done.entryExists ? `entry #${done.missing} has no story yet` : `no entry #${done.missing}`,
        );
      return pgStoryLines(pg, id, explainStory);
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
