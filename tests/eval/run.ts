// `npm run eval`: tagging and story-detection quality on the labelled sets, beside the recorded baselines.
// `--errors` lists every miss; `--record` writes the tagging baseline the tests gate on.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { formatLevels, precisionByLevel, type Judged } from './confidence.ts';
import {
  evaluateReuters,
  formatReuters,
  hasReuters,
  loadReuters,
  readReutersBaseline,
  REUTERS_DIR,
} from './reuters.ts';
import { formatDev2 } from './dev2.ts';
import { evaluateStories } from './stories.ts';
import {
  evaluateTagging,
  gatedFigures,
  HELDOUT_SET,
  isTrap,
  LANGUAGES,
  loadEvalSet,
  type GatedFigures,
  type Prf,
} from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const verbose = process.argv.includes('--errors');

const fmt = (p: Prf) =>
  `P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  F1 ${p.f1.toFixed(3)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
const baselineFile = path.join(here, 'tagging-baseline.json');
const baseline = existsSync(baselineFile)
  ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as GatedFigures)
  : undefined;
const vs = (f1: number | undefined) => (f1 === undefined ? '' : `   baseline F1 ${f1.toFixed(3)}`);

const tagger = createTagger(loadTaxonomy(path.join(repoRoot, 'config')));
const figures = gatedFigures(tagger);
console.log(`tagging eval: ${figures.items} labelled items (${figures.traps.items} traps)`);
for (const kind of ['countries', 'topics', 'regions', 'traps'] as const) {
  console.log(`  ${kind.padEnd(9)} ${fmt(figures[kind])}${vs(baseline?.[kind]?.f1)}`);
}
for (const lang of LANGUAGES) {
  const l = figures.languages[lang];
  const b = baseline?.languages?.[lang];
  if (!l) continue;
  console.log(`  ${lang} (${l.items} items, ${l.traps} traps)`);
  console.log(`    countries ${fmt(l.countries)}${vs(b?.countries.f1)}`);
  console.log(`    topics    ${fmt(l.topics)}${vs(b?.topics.f1)}`);
}
if (baseline && baseline.sha256 !== figures.sha256)
  console.log('  the eval set changed since the baseline was recorded');
if (verbose) {
  for (const e of evaluateTagging(tagger).errors) {
    console.log(`  ${e.kind.padEnd(7)} -${e.missing.join(',')} +${e.extra.join(',')}  ${e.title}`);
  }
}
// Only this explicit flag writes the baseline the tests gate on; tests never do.
if (process.argv.includes('--record')) {
  const recorded = { recordedAt: new Date().toISOString().slice(0, 10), ...figures };
  writeFileSync(baselineFile, `${JSON.stringify(recorded, null, 2)}\n`);
  console.log(`  recorded ${path.relative(repoRoot, baselineFile)}`);
}

// The second country development set (tests/eval/dev2-set.jsonl): countries only, its misses listed with --errors.
for (const l of formatDev2(tagger, verbose)) console.log(l);

// The held-apart set: reported only, never gated or tuned on (no baseline, no test, no misses listed).
const heldout = loadEvalSet(HELDOUT_SET);
const held = evaluateTagging(tagger, heldout);
console.log(
  `held-apart eval: ${heldout.length} items (${heldout.filter(isTrap).length} traps), reported only: never gated or tuned on`,
);
console.log(`  countries ${fmt(held.countries)}`);
console.log(`  topics    ${fmt(held.topics)}`);
for (const lang of LANGUAGES) {
  const sub = heldout.filter((i) => i.language === lang);
  if (!sub.length) continue;
  const l = evaluateTagging(tagger, sub);
  console.log(`  ${lang} (${sub.length} items, ${sub.filter(isTrap).length} traps)`);
  console.log(`    countries ${fmt(l.countries)}`);
  console.log(`    topics    ${fmt(l.topics)}`);
}

// Country tagging on wire news (../shared/eval/reuters-dev): every country output against the Reuters editors' places.
// Its baseline is written only by `node --import tsx tests/eval/reuters.ts --record`.
if (hasReuters()) {
  for (const l of formatReuters(evaluateReuters(tagger), readReutersBaseline(), verbose)) console.log(l);
} else {
  console.log(`reuters-dev eval: skipped, no data at ${path.relative(repoRoot, REUTERS_DIR)}`);
}

// What each confidence level of a country tag is worth (docs/tagging.md quotes these figures).
console.log('country tag precision by confidence level');
const judged = (file?: string): Judged[] =>
  loadEvalSet(file).map((i) => ({ title: i.title, summary: i.summary, language: i.language, gold: i.countries }));
console.log(formatLevels('labelled set (gold: focus labels)', precisionByLevel(tagger, judged())));
console.log(formatLevels('held-apart set (reported only)', precisionByLevel(tagger, judged(HELDOUT_SET))));
if (hasReuters()) {
  const wire = loadReuters().articles.map((a) => ({
    title: a.title,
    content: a.content,
    language: 'en',
    gold: a.gold,
  }));
  console.log(formatLevels('reuters-dev (gold: every place)', precisionByLevel(tagger, wire)));
}

// Story detection: pairwise precision and recall on the labelled pairs.
const storiesBaseline = JSON.parse(readFileSync(path.join(here, 'stories-baseline.json'), 'utf8')) as {
  precision: number;
  recall: number;
};
const stories = evaluateStories();
console.log(`story eval: ${stories.pairs} labelled pairs`);
console.log(
  `  pairwise  P ${stories.precision.toFixed(3)}  R ${stories.recall.toFixed(3)}   baseline P ${storiesBaseline.precision.toFixed(3)} R ${storiesBaseline.recall.toFixed(3)}`,
);
if (verbose) for (const m of stories.misses) console.log(`  ${JSON.stringify(m)}`);
