// `wireroom stories merge|split|show`: editors correct story detection; their decisions survive later ingests.
import type { Command } from 'commander';
import { explainStory, storySettings } from '../../dedup/index.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { positiveInt } from '../format.ts';

export function registerStoryCommands(program: Command, ctx: CliContext): void {
  const entryId = positiveInt('ENTRY_ID');
  const priorities = () => storySettings(ctx.config().sources).priorities;
  const requireEntry = (id: number) => {
    if (!ctx.store().entries.get(id)) throw new UsageError(`no entry #${id}`);
    return id;
  };
  const stories = program.command('stories').description('one story, one entry: show, merge and split stories');

  stories
    .command('show')
    .description('the story an entry belongs to: its members and why each joined')
    .argument('<entry-id>')
    .action((raw: string) => {
      for (const line of explainStory(ctx.store(), requireEntry(entryId(raw)))) ctx.out(line);
    });

  stories
    .command('merge')
    .description("put two entries' stories together (the older story keeps its published id)")
    .argument('<entry-id>')
    .argument('<other-entry-id>')
    .action((rawA: string, rawB: string) => {
      const a = requireEntry(entryId(rawA));
      const b = requireEntry(entryId(rawB));
      if (a === b) throw new UsageError(`stories merge: give two different entries (got #${a} twice)`);
      const store = ctx.store();
      store.stories.merge(a, b, new Date().toISOString(), priorities());
      for (const line of explainStory(store, a)) ctx.out(line);
    });

  stories
    .command('split')
    .description('give an entry its own story again; it is never joined to the old one automatically')
    .argument('<entry-id>')
    .action((raw: string) => {
      const id = requireEntry(entryId(raw));
      const store = ctx.store();
      store.stories.split(id, new Date().toISOString(), priorities());
      for (const line of explainStory(store, id)) ctx.out(line);
    });
}
