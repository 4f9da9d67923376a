// `wireroom stories merge A B`: editors put two entries' stories together; later ingests keep the decision.
import { cliActor } from '../../../auth/index.ts';
import { storedEntry } from '../../arguments.ts';
import { storiesGroup, type CliCommand } from '../../command.ts';
import { UsageError } from '../../errors.ts';

export const mergeStoriesCommand: CliCommand = {
  group: storiesGroup,
  register(stories, ctx) {
    stories
      .command('merge')
      .description("put two entries' stories together (the older story keeps its published id)")
      .argument('<entry-id>')
      .argument('<other-entry-id>')
      .action(async (rawA: string, rawB: string) => {
        const a = storedEntry(ctx, rawA).id;
        const b = storedEntry(ctx, rawB).id;
        if (a === b) throw new UsageError(`stories merge: give two different entries (got #${a} twice)`);
        const { explainStory } = await import('../../../dedup/index.ts');
        const { mergeStories } = await import('../../../editor/index.ts');
        const store = ctx.store();
        mergeStories(store, cliActor(), a, b, ctx.config().sources);
        for (const line of explainStory(store, a)) ctx.out(line);
      });
  },
};
