// Country tagging on ../shared/eval/reuters-dev (Reuters-21578 wire news the tagger has never seen), scored exactly as
// ../shared/eval/README.md says: title as the title, `dateline + " " + body` as the content, language en; gold is
// the ISO codes of `places` (articles with a null-mapped place are skipped); predicted is every country the tagger
// outputs (focus and mention); micro P/R/F1 over (article, country) pairs, the same on the slice whose gold holds a
// country other than US; the share of articles that reach a correct country feed (a focus country among the gold)
// and focus precision. The data is for evaluation only: read it to learn what the tagger gets wrong, never copy its
// labels into rules or tests.
//
// `evaluateReuters(tagger)` is pure (a Tagger in, figures out). Only the explicit
// `node --import tsx tests/eval/reuters.ts --record` writes tests/eval/reuters-baseline.json, which
// tests/tag/reuters.test.ts gates on.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Tagger } from '../../src/tag/index.ts';
import type { Prf } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

export const REUTERS_DIR = path.resolve(repoRoot, '../shared/eval/reuters-dev');
export const REUTERS_BASELINE = path.join(here, 'reuters-baseline.json');
const DATA_FILE = 'reuters-dev.jsonl';
const MAPPING_FILE = 'mapping.json';

export function hasReuters(dir = REUTERS_DIR): boolean {
  return existsSync(path.join(dir, DATA_FILE)) && existsSync(path.join(dir, MAPPING_FILE));
}

interface RawArticle {
  id: string;
  title: string;
  body: string;
  places: string[];
  dateline: string;
}

export interface ReutersArticle {
  id: string;
  title: string;
  dateline: string;
  /** `dateline + " " + body`, as the README says. */
  content: string;
  /** ISO alpha-2 codes of the article's places. */
  gold: string[];
}

export interface ReutersData {
  articles: ReutersArticle[];
  /** Articles left out because one of their places maps to null (a state that no longer exists). */
  skipped: number;
  /** sha256 of the data file's bytes: the baseline is pinned to exactly the articles it was measured on. */
  sha256: string;
}

export function loadReuters(dir = REUTERS_DIR): ReutersData {
  const bytes = readFileSync(path.join(dir, DATA_FILE));
  const mapping = JSON.parse(readFileSync(path.join(dir, MAPPING_FILE), 'utf8')) as Record<string, string | null>;
  const articles: ReutersArticle[] = [];
  let skipped = 0;
  for (const line of bytes.toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const a = JSON.parse(line) as RawArticle;
    const codes = a.places.map((p) => {
      const code = mapping[p];
      if (code === undefined) throw new Error(`${a.id}: place ${p} is not in ${MAPPING_FILE}`);
      return code;
    });
    if (codes.some((c) => c === null)) {
      skipped++;
      continue;
    }
    const gold = [...new Set(codes.filter((c): c is string => c !== null))].sort();
    articles.push({ id: a.id, title: a.title, dateline: a.dateline, content: `${a.dateline} ${a.body}`, gold });
  }
  return { articles, skipped, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision: round(precision), recall: round(recall), f1: round(f1), tp, fp, fn };
}
const round = (x: number) => Math.round(x * 10000) / 10000;

export interface ReutersFigures {
  sha256: string;
  articles: number;
  skipped: number;
  /** Every country output (focus and mention) against the gold, micro over (article, country) pairs. */
  countries: Prf;
  /** The same on the articles whose gold holds a country other than US. */
  nonUs: Prf & { articles: number };
  /** Share of articles with at least one focus country among the gold: they reach a correct country feed. */
  reach: number;
  /** Focus countries that are gold / all focus countries output. */
  focusPrecision: number;
  focus: { gold: number; all: number };
  /** Share of articles that get no focus country at all. */
  noFocus: number;
}

export interface ReutersMiss {
  id: string;
  title: string;
  dateline: string;
  /** missing: a gold country the tagger did not output; extra: a country it output that is not gold. */
  kind: 'missing' | 'extra';
  country: string;
  role?: string;
}

export interface ReutersEval {
  figures: ReutersFigures;
  /** For reading what the tagger gets wrong, never for special-casing articles. */
  misses: ReutersMiss[];
}

export function evaluateReuters(tagger: Tagger, data: ReutersData = loadReuters()): ReutersEval {
  const all = [0, 0, 0];
  const nonUs = [0, 0, 0];
  let nonUsArticles = 0;
  let reached = 0;
  let noFocus = 0;
  let focusGold = 0;
  let focusAll = 0;
  const misses: ReutersMiss[] = [];
  for (const a of data.articles) {
    const tags = tagger.tag({ title: a.title, content: a.content, language: 'en' });
    const roles = new Map<string, string>();
    for (const t of tags)
      if (t.kind === 'country' && roles.get(t.value) !== 'focus') roles.set(t.value, t.role ?? 'mention');
    const gold = new Set(a.gold);
    const tp = [...roles.keys()].filter((c) => gold.has(c)).length;
    const counts = [tp, roles.size - tp, gold.size - tp];
    const slice = a.gold.some((c) => c !== 'US');
    for (let i = 0; i < 3; i++) {
      all[i] = (all[i] ?? 0) + (counts[i] ?? 0);
      if (slice) nonUs[i] = (nonUs[i] ?? 0) + (counts[i] ?? 0);
    }
    if (slice) nonUsArticles++;
    const focus = [...roles].filter(([, role]) => role === 'focus').map(([c]) => c);
    const focusHits = focus.filter((c) => gold.has(c)).length;
    focusGold += focusHits;
    focusAll += focus.length;
    if (focusHits > 0) reached++;
    if (focus.length === 0) noFocus++;
    const base = { id: a.id, title: a.title, dateline: a.dateline };
    for (const c of a.gold) if (!roles.has(c)) misses.push({ ...base, kind: 'missing', country: c });
    for (const [c, role] of roles) if (!gold.has(c)) misses.push({ ...base, kind: 'extra', country: c, role });
  }
  const n = data.articles.length;
  const [tp = 0, fp = 0, fn = 0] = all;
  const [stp = 0, sfp = 0, sfn = 0] = nonUs;
  return {
    figures: {
      sha256: data.sha256,
      articles: n,
      skipped: data.skipped,
      countries: prf(tp, fp, fn),
      nonUs: { ...prf(stp, sfp, sfn), articles: nonUsArticles },
      reach: round(n ? reached / n : 0),
      focusPrecision: round(focusAll ? focusGold / focusAll : 1),
      focus: { gold: focusGold, all: focusAll },
      noFocus: round(n ? noFocus / n : 0),
    },
    misses,
  };
}

/** The figures the gate test compares with the baseline, by name; higher is better for each. */
export function gatedReuters(f: ReutersFigures): [string, number][] {
  return [
    ['countries precision', f.countries.precision],
    ['countries recall', f.countries.recall],
    ['countries f1', f.countries.f1],
    ['non-US f1', f.nonUs.f1],
    ['reach a correct country feed', f.reach],
    ['focus precision', f.focusPrecision],
  ];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The printout `npm run eval` shows; misses grouped by kind with `--errors`. */
export function formatReuters(result: ReutersEval, baseline?: ReutersFigures, errors = false): string[] {
  const f = result.figures;
  const vs = (x: number | undefined) => (x === undefined ? '' : `   baseline ${x.toFixed(3)}`);
  // From the counts, not the 4-decimal figures: rounding twice would print 0.8365 as 0.837.
  const ratio = (a: number, b: number) => (b ? a / b : 1).toFixed(3);
  const line = (p: Prf) =>
    `P ${ratio(p.tp, p.tp + p.fp)}  R ${ratio(p.tp, p.tp + p.fn)}  F1 ${ratio(2 * p.tp, 2 * p.tp + p.fp + p.fn)}` +
    `  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
  const vsF1 = (p: Prf | undefined) => (p ? `   baseline F1 ${ratio(2 * p.tp, 2 * p.tp + p.fp + p.fn)}` : '');
  const out = [
    `reuters-dev eval: ${f.articles} wire articles (${f.skipped} skipped: a place that no longer exists), en`,
    `  countries ${line(f.countries)}${vsF1(baseline?.countries)}`,
    `  non-US    ${line(f.nonUs)}  ${f.nonUs.articles} articles${vsF1(baseline?.nonUs)}`,
    `  reach a correct country feed ${pct(f.reach)} of articles${vs(baseline?.reach)}`,
    `  focus precision ${ratio(f.focus.gold, f.focus.all)} (${f.focus.gold}/${f.focus.all})${vs(baseline?.focusPrecision)}` +
      `   no focus country: ${pct(f.noFocus)} of articles`,
  ];
  if (baseline && baseline.sha256 !== f.sha256)
    out.push('  the reuters-dev data changed since the baseline was recorded');
  if (errors) {
    const missing = result.misses.filter((m) => m.kind === 'missing');
    const extra = result.misses.filter((m) => m.kind === 'extra');
    out.push(`  missing countries (${missing.length}): gold, not output`);
    for (const m of missing) out.push(`    -${m.country}  [${m.dateline}]  ${m.title}  (${m.id})`);
    out.push(`  extra countries (${extra.length}): output, not gold`);
    for (const m of extra) out.push(`    +${m.country} ${m.role ?? ''}  [${m.dateline}]  ${m.title}  (${m.id})`);
  }
  return out;
}

export function readReutersBaseline(file = REUTERS_BASELINE): ReutersFigures | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ReutersFigures) : undefined;
}

// Only this explicit command writes the baseline the gate test compares with; tests never do.
async function main(): Promise<void> {
  if (!hasReuters()) {
    console.error(`no reuters-dev data at ${REUTERS_DIR}`);
    process.exitCode = 1;
    return;
  }
  const { createTagger, loadTaxonomy } = await import('../../src/tag/index.ts');
  const tagger = createTagger(loadTaxonomy(path.join(repoRoot, 'config')));
  const result = evaluateReuters(tagger);
  const record = process.argv.includes('--record');
  for (const l of formatReuters(result, record ? undefined : readReutersBaseline(), process.argv.includes('--errors')))
    console.log(l);
  if (record) {
    const recorded = { recordedAt: new Date().toISOString().slice(0, 10), ...result.figures };
    writeFileSync(REUTERS_BASELINE, `${JSON.stringify(recorded, null, 2)}\n`);
    console.log(`  recorded ${path.relative(repoRoot, REUTERS_BASELINE)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
