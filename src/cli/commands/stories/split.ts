// `wireroom stories split ENTRY_ID`: editors give an entry its own story; later ingests keep the decision.
import { cliActor } from '../../../auth/index.ts';
import { storedEntry } from '../../arguments.ts';
import { storiesGroup, type CliCommand } from '../../command.ts';

export const splitStoryCommand: CliCommand = {
  group: storiesGroup,
  register(stories, ctx) {
    stories
      .command('split')
      .description('give an entry its own story again; it is never joined to the old one automatically')
      .argument('<entry-id>')
      .action(async (raw: string) => {
        const id = storedEntry(ctx, raw).id;
        const { explainStory } = await import('../../../dedup/index.ts');
        const { splitStory } = await import('../../../editor/index.ts');
        const store = ctx.store();
        splitStory(store, cliActor(), id, ctx.config().sources);
        for (const line of explainStory(store, id)) ctx.out(line);
      });
  },
};
