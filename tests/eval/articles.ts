// How much of an article's body tagging should read (issues #13, #14): tags the full articles of
// tests/eval/articles-set.jsonl (title, summary, HTML body; written and labelled from the policies without reading the
// rules) reading the first N characters of each body, for several N, and prints country and topic figures, the share of
// articles that reach a correct country feed, and the tagging time per article. The body is most of tagging's cost
// (docs/tagging.md, Cost); this is the measurement a shorter or longer read is decided on.
// `node --import tsx tests/eval/articles.ts [--errors N]` (--errors: the items tagged differently at N and at the default)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy, type Tagger } from '../../src/tag/index.ts';
import { evaluateTagging, loadEvalSet, type LabelledItem } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ARTICLES_SET = path.join(here, 'articles-set.jsonl');

/** Characters of body read: 0 is title and summary only; the default is the tagger's own (CONTENT_TEXT_CHARS). */
const CUTS = [0, 300, 600, 1000, 1500, 3000, 100_000];
const DEFAULT_CUT = 600; // the tagger's CONTENT_TEXT_CHARS
const PASSES = 9;

const focusOf = (tagger: Tagger, item: LabelledItem) =>
  tagger
    .tag({ title: item.title, summary: item.summary, content: item.content, language: item.language })
    .filter((t) => t.kind === 'country' && t.role === 'focus')
    .map((t) => t.value);

/** Share of the articles labelled with a country that get at least one of them as a focus (a correct country feed). */
export function reach(tagger: Tagger, items: LabelledItem[]): number {
  const labelled = items.filter((i) => i.countries.length);
  const reached = labelled.filter((i) => focusOf(tagger, i).some((c) => i.countries.includes(c)));
  return reached.length / (labelled.length || 1);
}

/** Microseconds to tag one article in one pass over the set. */
function microsPerItem(tagger: Tagger, items: LabelledItem[]): number {
  const t0 = process.hrtime.bigint();
  for (const i of items) tagger.tag({ title: i.title, summary: i.summary, content: i.content, language: i.language });
  return Number(process.hrtime.bigint() - t0) / 1000 / items.length;
}

/** Per tagger, the median of PASSES timed passes, the taggers taking turns so that drift in the machine hits each alike. */
function medianMicros(taggers: Tagger[], items: LabelledItem[]): number[] {
  for (const t of taggers) for (let w = 0; w < 2; w++) microsPerItem(t, items); // warm-up
  const times = taggers.map(() => [] as number[]);
  for (let p = 0; p < PASSES; p++) taggers.forEach((t, k) => times[k]?.push(microsPerItem(t, items)));
  return times.map((ts) => ts.sort((a, b) => a - b)[PASSES >> 1] ?? 0);
}

const f = (x: number) => x.toFixed(3);

function main() {
  // --no-summary: as a feed that carries only the body (content:encoded or content_html without a description).
  const items = loadEvalSet(ARTICLES_SET).map((i) =>
    process.argv.includes('--no-summary') ? { ...i, summary: '' } : i,
  );
  const taxonomy = loadTaxonomy(path.join(here, '../../config'));
  const bodyChars = items.map((i) => (i.content ?? '').replace(/<[^>]*>/g, '').length).sort((a, b) => a - b);
  console.log(
    `articles-set: ${items.length} articles, body text ${bodyChars[0]}-${bodyChars[bodyChars.length - 1]} characters ` +
      `(median ${bodyChars[bodyChars.length >> 1]}), ${items.filter((i) => i.countries.length).length} with a country`,
  );
  console.log('body read    countries P / R / F1     reach   topics P / R / F1       µs/article');
  const taggers = new Map(CUTS.map((cut) => [cut, createTagger(taxonomy, { contentChars: cut })]));
  const micros = medianMicros([...taggers.values()], items);
  CUTS.forEach((cut, k) => {
    const tagger = taggers.get(cut) as Tagger;
    const e = evaluateTagging(tagger, items);
    const c = e.countries;
    const t = e.topics;
    console.log(
      `${(cut >= 100_000 ? 'all' : String(cut)).padStart(9)}    ${f(c.precision)} ${f(c.recall)} ${f(c.f1)}    ` +
        `${f(reach(tagger, items))}   ${f(t.precision)} ${f(t.recall)} ${f(t.f1)}    ${(micros[k] ?? 0).toFixed(0)}`,
    );
  });
  const at = process.argv.indexOf('--errors');
  if (at < 0) return;
  const cut = Number(process.argv[at + 1]);
  const a = taggers.get(cut) ?? createTagger(taxonomy, { contentChars: cut });
  const b = taggers.get(DEFAULT_CUT) ?? createTagger(taxonomy);
  for (const item of items) {
    const [x, y] = [focusOf(a, item), focusOf(b, item)];
    if (x.join() === y.join()) continue;
    console.log(
      `\n[${item.language}] want ${item.countries.join(',')}  at ${cut}: ${x.join(',')}  at ${DEFAULT_CUT}: ${y.join(',')}`,
    );
    console.log(`  ${item.title}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
