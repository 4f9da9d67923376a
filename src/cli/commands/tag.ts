// `wireroom tag ENTRY_ID +country:PE -topic:economy`: editors' overrides, kept on retag.
import { cliActor } from '../../auth/index.ts';
import type { WireroomConfig } from '../../config/index.ts';
import type { TagChange, TagCorrection } from '../../editor/index.ts';
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

/** correctTag on PostgreSQL: the EditorStore's (src/editor/editor-store-pg.ts), as the console's and API's. */
async function correctOnPostgres(
  config: WireroomConfig,
  raw: string,
  changes: readonly TagChange[],
  knownTopics: { has(slug: string): boolean },
): Promise<TagCorrection> {
  const { withPg, pgEntry } = await import('../postgres.ts');
  const { pgEditorStore } = await import('../../editor/editor-store-pg.ts');
  return withPg(
    config,
    async (pg) => pgEditorStore(pg).correctTag(cliActor(), (await pgEntry(pg, raw)).id, changes, { knownTopics }),
    { max: 1 },
  );
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
        const config = ctx.config();
        // On SQLite the entry is looked up first, as before (an unknown id is the error shown).
        const stored = config.database.kind === 'postgres' ? undefined : storedEntry(ctx, id);
        const editor = await import('../../editor/index.ts');
        const { correctTag, formatTagChange } = editor;
        const { taxonomyTagger } = await import('../tagging.ts');
        const parsed = changes.map((c) => parseChange(editor, c));
        const knownTopics = taxonomyTagger(ctx).topics;
        const done =
          stored === undefined
            ? await correctOnPostgres(config, id, parsed, knownTopics)
            : correctTag(ctx.store(), cliActor(), stored.id, parsed, { knownTopics });
        const entry = { id: done.entryId };
        const unknown = new Set(done.unknownTopics);
        const story = done.entryIds.length > 1 ? ` (all ${done.entryIds.length} entries of its story)` : '';
        for (const c of done.changes) {
          if (c.kind === 'topic' && unknown.has(c.value)) ctx.err(`note: topic "${c.value}" is not in topics.yaml`);
          ctx.out(`#${entry.id} ${formatTagChange(c)}${story}`);
        }
      });
  },
};
