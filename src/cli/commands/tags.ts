// Tag commands for editors: explain, retag, tag (manual overrides), rules test, classify.
import type { Command } from 'commander';
import type { Store, StoredEntry } from '../../store/index.ts';
import { createTagger, loadTaxonomy, type Tagger } from '../../tag/index.ts';
import type { SourceConfig, Tag, TagKind } from '../../types.ts';
import { explainStory } from '../../dedup/index.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { parseSince, positiveInt, table } from '../format.ts';
import { diffRules, retag } from '../../worker/index.ts';

const fmtTag = (t: Pick<Tag, 'kind' | 'value'>) => `${t.kind}:${t.value}`;

function tagRows(tags: readonly Tag[]): string {
  return table(
    ['KIND', 'VALUE', 'ROLE', 'SCORE', 'RULE', 'FIELD', 'MATCH'],
    tags.map((t) => [
      t.kind,
      t.value,
      t.role ?? '',
      t.score.toFixed(2),
      t.reason.rule,
      t.reason.field ?? '',
      t.reason.match ?? '',
    ]),
  );
}

/** The lines `wireroom explain` prints for an entry: header, tags and why, overrides, then its story. */
export function explainEntry(store: Store, entry: StoredEntry): string[] {
  const lines = [
    `#${entry.id} ${entry.title}`,
    `source ${entry.sourceId}, published ${entry.publishedAt}${entry.url ? `, ${entry.url}` : ''}`,
    '',
  ];
  const tags = store.tags.list(entry.id);
  lines.push('tags:', tags.length ? tagRows(tags) : '  (none)');
  const overrides = store.tags.overrides(entry.id);
  if (overrides.length) {
    lines.push('', 'manual overrides (kept on retag):');
    for (const o of overrides) lines.push(`  ${o.action === 'add' ? '+' : '-'}${o.kind}:${o.value}  (${o.createdAt})`);
  }
  const story = explainStory(store, entry.id);
  if (story?.length) lines.push('', 'story:', ...story);
  return lines;
}

/** Sources' declared countries and topics are tagging priors; a broken source list is reported, not ignored. */
function sourcePriors(ctx: CliContext): Map<string, SourceConfig> {
  return new Map(ctx.config().sources.map((s) => [s.id, s]));
}

function parseChange(arg: string): { action: 'add' | 'remove'; kind: TagKind; value: string } {
  const m = /^([+-])(country|region|topic):(.+)$/.exec(arg.trim());
  if (!m) throw new UsageError(`tag: expected +kind:value or -kind:value (kind: country, region, topic), got "${arg}"`);
  const kind = m[2] as TagKind;
  const value = kind === 'country' ? m[3]!.toUpperCase() : m[3]!.toLowerCase();
  if (kind === 'country' && !/^[A-Z]{2}$/.test(value))
    throw new UsageError(`tag: a country is an ISO alpha-2 code such as PE, got "${m[3]}"`);
  return { action: m[1] === '+' ? 'add' : 'remove', kind, value };
}

/** The classify output for one text: countries with role, regions and topics. */
export function classification(tags: readonly Tag[]) {
  return {
    countries: tags
      .filter((t) => t.kind === 'country')
      .map((t) => ({ code: t.value, score: t.score, role: t.role ?? 'mention' })),
    regions: tags.filter((t) => t.kind === 'region').map((t) => ({ slug: t.value, score: t.score })),
    topics: tags.filter((t) => t.kind === 'topic').map((t) => ({ slug: t.value, score: t.score })),
  };
}

async function* stdinLines(): AsyncGenerator<string> {
  // One decoder for the whole stream: a character split across two chunks stays one character.
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of process.stdin) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    let i: number;
    while ((i = rest.indexOf('\n')) >= 0) {
      yield rest.slice(0, i);
      rest = rest.slice(i + 1);
    }
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

type ClassifyInput = { title?: unknown; summary?: unknown; content?: unknown; language?: unknown };

/** One input line as an object, or why it is not one (valid JSON such as `null` or `[1]` is not an item either). */
function parseInputLine(line: string): ClassifyInput | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return `not JSON: ${(err as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `not a JSON object: ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}`;
  return value as ClassifyInput;
}

export function registerTagCommands(program: Command, ctx: CliContext): void {
  let tagger: Tagger | undefined;
  const getTagger = () => (tagger ??= createTagger(loadTaxonomy(ctx.configDir())));
  const entryOf = (raw: string): StoredEntry => {
    const id = positiveInt('ENTRY_ID')(raw);
    const e = ctx.store().entries.get(id);
    if (!e) throw new UsageError(`no entry #${id}`);
    return e;
  };

  program
    .command('explain')
    .description('print each tag of an entry and why it was given')
    .argument('<entry-id>')
    .action((id: string) => {
      for (const line of explainEntry(ctx.store(), entryOf(id))) ctx.out(line);
    });

  program
    .command('retag')
    .description('re-apply the current taxonomy to stored entries (manual overrides are kept)')
    .option('--since <date>', 'only entries published since (2024-01-31, 7d, 24h)')
    .option('--batch <n>', 'entries per transaction', positiveInt('--batch'), 1000)
    .action((o: { since?: string; batch: number }) => {
      const since = o.since ? parseSince(o.since) : undefined;
      const r = retag(ctx.store(), getTagger(), sourcePriors(ctx), { since, batch: o.batch });
      ctx.out(`retagged ${r.entries} entries in ${r.seconds.toFixed(1)} s (${Math.round(r.perSecond)} entries/s)`);
    });

  program
    .command('tag')
    .description('add or remove tags by hand: wireroom tag 42 +country:PE -topic:economy (kept on retag)')
    .argument('<entry-id>')
    .argument('<changes...>', '+kind:value or -kind:value')
    .allowUnknownOption()
    .action((id: string, changes: string[]) => {
      const entry = entryOf(id);
      const parsed = changes.map(parseChange);
      const topics = getTagger().topics;
      // Feeds publish one item per story: an editor's decision holds for every entry of the entry's story.
      const store = ctx.store();
      const ids = entry.storyId !== undefined ? store.stories.members(entry.storyId).map((m) => m.entryId) : [entry.id];
      for (const c of parsed) {
        if (c.kind === 'topic' && !topics.has(c.value)) ctx.err(`note: topic "${c.value}" is not in topics.yaml`);
        for (const member of ids) store.tags.setOverride(member, c.kind, c.value, c.action);
        ctx.out(
          `#${entry.id} ${c.action === 'add' ? '+' : '-'}${c.kind}:${c.value}${ids.length > 1 ? ` (all ${ids.length} entries of its story)` : ''}`,
        );
      }
    });

  const rules = program.command('rules').description('check the taxonomy against stored entries');
  rules
    .command('test')
    .description('show which recent entries the current taxonomy would tag or untag, without writing')
    .option('--since <date>', 'entries published since (2024-01-31, 7d, 24h)')
    .option('--limit <n>', 'most recent entries to check', positiveInt('--limit'), 500)
    .action((o: { since?: string; limit: number }) => {
      const store = ctx.store();
      const entries = store.entries.list({ since: o.since ? parseSince(o.since) : undefined, limit: o.limit });
      const diffs = diffRules(store, getTagger(), sourcePriors(ctx), entries);
      for (const d of diffs) {
        const changes = [
          ...d.gained.map((t) => `+${fmtTag(t)}${t.role ? `(${t.role})` : ''}`),
          ...d.lost.map((t) => `-${fmtTag(t)}${t.role ? `(${t.role})` : ''}`),
        ];
        ctx.out(`#${d.entry.id} ${changes.join(' ')}  ${d.entry.title}`);
      }
      ctx.out(`${diffs.length} of ${entries.length} entries would change`);
    });

  program
    .command('classify')
    .description('tag JSON lines {"title","summary","content","language"} from standard input, one result line each')
    .option('--json', 'print JSON lines (default: a readable line per input)')
    .action(async (o: { json?: boolean }) => {
      const t = getTagger();
      let lineNo = 0;
      for await (const line of stdinLines()) {
        lineNo++;
        if (!line.trim()) continue;
        const input = parseInputLine(line);
        // A bad line is reported and skipped; the rest still get classified, and the exit code tells.
        if (typeof input === 'string') {
          ctx.err(`stdin:${lineNo}: ${input}`);
          ctx.exitCode = 1;
          continue;
        }
        const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
        const tags = t.tag({
          title: str(input.title) ?? '',
          summary: str(input.summary),
          content: str(input.content),
          language: str(input.language),
        });
        const c = classification(tags);
        if (o.json) ctx.out(JSON.stringify(c));
        else {
          const countries = c.countries.map((x) => `${x.code}${x.role === 'focus' ? '' : '?'}`).join(' ') || '-';
          ctx.out(
            `${countries} | ${c.regions.map((r) => r.slug).join(' ') || '-'} | ${c.topics.map((x) => x.slug).join(' ') || '-'}  ${str(input.title) ?? ''}`,
          );
        }
      }
    });
}
