// Which evidence makes the tagger's focus countries, and how precise each kind is (issue #13): for every focus tag on
// the development sets and the labelled set, the evidence behind it (dateline, what the title names, what only the
// summary names) and its score band, with the share of such tags that name a labelled country. The sets that were
// blind when first run (dev5, dev7, dev8) are pooled apart from those the rules were written from (dev2, dev3, dev4,
// the labelled set). Never reads the held-apart set.
// `node --import tsx tests/eval/evidence.ts [--by class|band|class-band|strength|only|titleCountries|sentence|rule|combo]
// [--mentions] [--list TEXT]` (--list: the blind sets' focus and labelled tags whose combo holds TEXT, with titles).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy, type Tagger, type Taxonomy } from '../../src/tag/index.ts';
import type { PlaceHit } from '../../src/tag/locate.ts';
import type { Tag } from '../../src/types.ts';
import { DEV_SETS } from './dev2.ts';
import { EVAL_SET, loadEvalSet, type LabelledItem } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BLIND = ['dev5', 'dev7', 'dev8'];
const WRITTEN_FROM = ['dev2', 'dev3', 'dev4', 'labelled'];
/** Named one by one: a development set added later is blind until its first run is recorded, and is not read here. */
const SETS: Record<string, string> = {
  dev2: DEV_SETS.dev2,
  dev3: DEV_SETS.dev3,
  dev4: DEV_SETS.dev4,
  dev5: DEV_SETS.dev5,
  dev7: DEV_SETS.dev7,
  dev8: DEV_SETS.dev8,
  labelled: EVAL_SET,
};

/** One hit's evidence kind, as scoring weighs it: a demonym for the state is as good as a name. */
function kindOf(h: PlaceHit): string {
  if (h.place.kind === 'dateline') return 'dateline';
  if (h.organisation) return 'organisation';
  if (h.currency || h.agreement) return 'none';
  if (h.sentenceRole) return `role`;
  if (h.modifier) return 'modifier';
  if (h.place.kind === 'demonym') return h.national ? 'demonym-state' : 'demonym';
  if (h.place.kind === 'town' || h.place.kind === 'city' || h.place.kind === 'state') return 'city';
  if (h.place.kind === 'capital' || h.place.kind === 'place') return 'place';
  return h.place.kind;
}

/** Strongest first: which kind names a country's evidence in a field. */
const ORDER = ['name', 'alias', 'demonym-state', 'place', 'city', 'demonym', 'role', 'modifier', 'organisation'];
const strongest = (kinds: Set<string>) => ORDER.find((k) => kinds.has(k));

export interface Traced {
  set: string;
  headline: string;
  language: string;
  code: string;
  focus: boolean;
  gold: boolean;
  score: number;
  rule: string;
  /** The evidence class: dateline, title:KIND, or summary:KIND (nothing in the title). */
  cls: string;
  /** Kinds per field, for combinations. */
  title: string[];
  summary: string[];
  /** Hits in the summary, and in its first sentence. */
  summaryHits: number;
  firstSentence: boolean;
  countriesInTitle: number;
  focusCount: number;
  isTop: boolean;
}

const BANDS: [number, string][] = [
  [4, '>=4'],
  [3, '3-4'],
  [2, '2-3'],
  [0, '<2'],
];
const band = (s: number) => BANDS.find(([from]) => s >= from)?.[1] ?? '<2';

/** Every country tag (focus or mention) of an item, and its gold countries not tagged at all. */
/** What the tracing tagger's scoring resolved for the entry it tagged last. */
let resolved: readonly { hit: PlaceHit; code: string }[] = [];

/** A tagger that hands its resolved hits to traceItem. */
export function tracingTagger(taxonomy: Taxonomy): Tagger {
  return createTagger(taxonomy, { traceResolved: (r) => (resolved = r) });
}

/** `tagger` must come from tracingTagger. */
export function traceItem(tagger: Tagger, set: string, item: LabelledItem): Traced[] {
  resolved = [];
  const tags = tagger.tag({ title: item.title, summary: item.summary, language: item.language });
  const countries = tags.filter((t: Tag) => t.kind === 'country');
  const focusCount = countries.filter((t) => t.role === 'focus').length;
  const topScore = Math.max(0, ...countries.map((t) => t.score));
  const firstEnd = firstSentenceEnd(item.summary);
  const inTitle = new Set(resolved.filter((r) => r.hit.field === 'title').map((r) => r.code));
  const codes = new Set([...countries.map((t) => t.value), ...item.countries]);
  const out: Traced[] = [];
  for (const code of codes) {
    const tag = countries.find((t) => t.value === code);
    const own = resolved.filter((r) => r.code === code).map((r) => r.hit);
    const title = new Set(own.filter((h) => h.field === 'title').map(kindOf));
    const summary = new Set(own.filter((h) => h.field === 'summary').map(kindOf));
    const dateline = own.some((h) => h.place.kind === 'dateline');
    const cls = evidenceClass(dateline, title, summary);
    const sumHits = own.filter((h) => h.field === 'summary' && h.place.kind !== 'dateline');
    out.push({
      set,
      headline: item.title,
      language: item.language,
      code,
      focus: tag?.role === 'focus',
      gold: item.countries.includes(code),
      score: tag?.score ?? 0,
      rule: tag?.reason.rule ?? 'untagged',
      cls,
      title: [...title],
      summary: [...summary],
      summaryHits: sumHits.length,
      firstSentence: sumHits.some((h) => h.from < firstEnd),
      countriesInTitle: inTitle.size,
      focusCount,
      isTop: tag !== undefined && tag.score === topScore,
    });
  }
  return out;
}

/** dateline, else the strongest kind in the title, else the strongest in the summary. */
function evidenceClass(dateline: boolean, title: Set<string>, summary: Set<string>): string {
  if (dateline) return 'dateline';
  if (title.size) return `title:${strongest(title) ?? 'other'}`;
  if (summary.size) return `summary:${strongest(summary) ?? 'other'}`;
  return 'none';
}

/** The token index where the summary's first sentence ends (roughly: words before the first ". "). */
function firstSentenceEnd(summary: string): number {
  const m = /[.!?]\s+[A-ZÀ-Ý"«“]/u.exec(summary);
  const text = m ? summary.slice(0, m.index) : summary;
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
}

export function traceAll(): Traced[] {
  const tagger = tracingTagger(loadTaxonomy(path.resolve(here, '../../config')));
  const out: Traced[] = [];
  for (const [set, file] of Object.entries(SETS))
    for (const item of loadEvalSet(file)) out.push(...traceItem(tagger, set, item));
  return out;
}

/** The sets of each column, the pooled ones in capitals. */
const COLUMNS: [string, string[]][] = [
  ...BLIND.map((n): [string, string[]] => [n, [n]]),
  ['BLIND', BLIND],
  ...WRITTEN_FROM.map((n): [string, string[]] => [n, [n]]),
  ['OTHERS', WRITTEN_FROM],
];

/** Precision and count of the tags of one role in a group of rows, as a table cell. */
function cell(rows: Traced[]): string {
  const ok = rows.filter((r) => r.gold).length;
  return rows.length ? `${(ok / rows.length).toFixed(2)} ${String(rows.length).padStart(3)}` : '   -    ';
}

/**
 * One line per key: the precision of focus tags (or, with `mentions`, the share of mention tags that name a labelled
 * country) per set and pooled, and how many labelled countries of that key were not a focus.
 */
function table(rows: Traced[], keyOf: (t: Traced) => string, mentions: boolean): void {
  const tagged = rows.filter((r) => (mentions ? !r.focus && r.rule !== 'untagged' : r.focus));
  const keys = [...new Set(tagged.map(keyOf))].sort();
  const head = COLUMNS.map(([name]) => name.padStart(8)).join(' ');
  console.log(`${'evidence'.padEnd(34)} ${head}   missed(blind/others)`);
  for (const k of keys) {
    const of = (sets: string[], rs: Traced[]) => rs.filter((r) => sets.includes(r.set) && keyOf(r) === k);
    const cells = COLUMNS.map(([, sets]) => cell(of(sets, tagged)).padStart(8));
    const missed = (sets: string[]) => of(sets, rows).filter((r) => r.gold && !r.focus).length;
    console.log(`${k.padEnd(34)} ${cells.join(' ')}   ${missed(BLIND)}/${missed(WRITTEN_FROM)}`);
  }
}

/** How strong a country's best evidence is: a dateline, a title naming it outright, weaker title words, or none. */
function strength(t: Traced): string {
  if (t.cls === 'dateline') return 'dateline';
  const named = (k: string[]) => k.some((x) => x === 'name' || x === 'alias' || x === 'demonym-state');
  if (named(t.title)) return 'title-named';
  if (t.title.length) return named(t.summary) ? 'title-weak+summary-named' : 'title-weak-only';
  return named(t.summary) ? 'summary-named' : 'summary-weak';
}

function sentence(t: Traced): string {
  if (!t.cls.startsWith('summary')) return 'in the title or dateline';
  return t.firstSentence ? 'summary only: its first sentence' : 'summary only: later sentences only';
}

/** The ways to group tags (`--by`). */
const BY: Record<string, (t: Traced) => string> = {
  class: (t) => t.cls,
  band: (t) => band(t.score),
  'class-band': (t) => `${t.cls} ${band(t.score)}`,
  combo: (t) => `${t.cls} | t:${[...t.title].sort().join('+')} s:${[...t.summary].sort().join('+')}`,
  rule: (t) => t.rule,
  strength: (t) => `${strength(t)} ${t.isTop ? 'top' : 'below-top'}${t.focusCount > 1 ? ' multi' : ''}`,
  only: (t) => `only ${[...new Set([...t.title, ...t.summary])].sort().join('+')}${t.isTop ? '' : ' below-top'}`,
  titleCountries: (t) =>
    `title names ${Math.min(t.countriesInTitle, 3)} | ${t.cls.startsWith('summary') ? 'summary-only' : 'title/dateline'}`,
  sentence,
};

const arg = (flag: string) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined);

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const rows = traceAll();
  const by = arg('--by');
  const list = arg('--list');
  const mentions = process.argv.includes('--mentions');
  if (list !== undefined) {
    const shown = rows.filter((x) => BLIND.includes(x.set) && (x.focus || x.gold) && BY.combo!(x).includes(list));
    for (const r of shown)
      console.log(
        `${r.set} ${r.focus ? 'F' : '-'}${r.gold ? 'G' : '-'} ${r.code} ${r.score} ${BY.combo!(r)}  ${r.headline}`,
      );
  } else
    for (const k of by && BY[by] ? [by] : ['class', 'band']) {
      console.log(
        `\n${mentions ? 'mention tags naming a labelled country' : 'precision of focus tags'} by ${k} (share, tags)`,
      );
      table(rows, BY[k]!, mentions);
    }
}
