// `wireroom tag ENTRY_ID +country:PE -topic:economy`: editors' overrides, kept on retag.
import { cliActor } from '../../auth/index.ts';
import type { TagChange } from '../../editor/index.ts';
import { storedEntry } from '../arguments.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';

type Editor = typeof import('../../editor/index.ts');

function parseChange({ parseTagChange, InvalidEditError }: Editor, arg: string): TagChange {
  try {
    return parseTagChange(arg);
  } catch (err) {
    if (err instanceof InvalidEditError) throw new UsageError(`tag: ${err.message}`);
    throw err;
  }
}

export const tagCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('tag')
      .description('add or remove tags by hand: wireroom tag 42 +country:PE -topic:economy (kept on retag)')
      .argument('<entry-id>')
      .argument('<changes...>', '+kind:value or -kind:value')
      .allowUnknownOption()
      .action(async (id: string, changes: string[]) => {
        const entry = storedEntry(ctx, id);
        const editor = await import('../../editor/index.ts');
        const { correctTag, formatTagChange } = editor;
        const { taxonomyTagger } = await import('../tagging.ts');
        const parsed = changes.map((c) => parseChange(editor, c));
        const done = correctTag(ctx.store(), cliActor(), entry.id, parsed, { knownTopics: taxonomyTagger(ctx).topics });
        const unknown = new Set(done.unknownTopics);
        const story = done.entryIds.length > 1 ? ` (all ${done.entryIds.length} entries of its story)` : '';
        for (const c of done.changes) {
          if (c.kind === 'topic' && unknown.has(c.value)) ctx.err(`note: topic "${c.value}" is not in topics.yaml`);
          ctx.out(`#${entry.id} ${formatTagChange(c)}${story}`);
        }
      });
  },
};
