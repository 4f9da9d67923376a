// `wireroom classify`: JSON lines on stdin, one line of countries, regions and topics out per input.
import type { Confidence } from '../../tag/index.ts';
import type { Tag } from '../../types.ts';
import type { CliCommand } from '../command.ts';

/** The classify output for one text: countries with role, regions and topics. */
function classification(tags: readonly Tag[], confidenceOf: (t: Tag) => Confidence | undefined) {
  return {
    countries: tags
      .filter((t) => t.kind === 'country')
      .map((t) => ({ code: t.value, score: t.score, role: t.role ?? 'mention', confidence: confidenceOf(t) })),
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

/** "null", "an array", "a number": what a JSON value that is not an object is. */
function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** One input line as an object, or why it is not one (valid JSON such as `null` or `[1]` is not an item either). */
function parseInputLine(line: string): ClassifyInput | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return `not JSON: ${(err as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `not a JSON object: ${jsonKind(value)}`;
  return value as ClassifyInput;
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** `PE CL? | latin-america | strikes  Title`: countries (`?` when only mentioned), regions, topics. */
function readableLine(c: ReturnType<typeof classification>, title: string): string {
  const countries = c.countries.map((x) => `${x.code}${x.role === 'focus' ? '' : '?'}`).join(' ') || '-';
  const regions = c.regions.map((r) => r.slug).join(' ') || '-';
  const topics = c.topics.map((x) => x.slug).join(' ') || '-';
  return `${countries} | ${regions} | ${topics}  ${title}`;
}

export const classifyCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('classify')
      .description('tag JSON lines {"title","summary","content","language"} from standard input, one result line each')
      .option('--json', 'print JSON lines (default: a readable line per input)')
      .action(async (o: { json?: boolean }) => {
        const { confidenceOf } = await import('../../tag/index.ts');
        const { taxonomyTagger } = await import('../tagging.ts');
        const tagger = taxonomyTagger(ctx);
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
          const tags = tagger.tag({
            title: text(input.title) ?? '',
            summary: text(input.summary),
            content: text(input.content),
            language: text(input.language),
          });
          const c = classification(tags, confidenceOf);
          if (o.json) ctx.out(JSON.stringify(c));
          else ctx.out(readableLine(c, text(input.title) ?? ''));
        }
      });
  },
};
