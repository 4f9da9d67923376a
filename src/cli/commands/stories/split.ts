// `wireroom stories split ENTRY_ID`: editors give an entry its own story; later ingests keep the decision.
import { cliActor } from '../../../auth/index.ts';
import { explainStory } from '../../../dedup/index.ts';
import { splitStory } from '../../../editor/index.ts';
import { storedEntry } from '../../arguments.ts';
import { storiesGroup, type CliCommand } from '../../command.ts';

export const splitStoryCommand: CliCommand = {
  group: storiesGroup,
  register(stories, ctx) {
    stories
      .command('split')
      .description('give an entry its own story again; it is never joined to the old one automatically')
      .argument('<entry-id>')
      .action((raw: string) => {
        const id = storedEntry(ctx, raw).id;
        const store = ctx.store();
        splitStory(store, cliActor(), id, ctx.config().sources);
        for (const line of explainStory(store, id)) ctx.out(line);
      });
  },
};
