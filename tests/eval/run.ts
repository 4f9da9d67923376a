// `npm run eval`: tagging and story-detection quality on the labelled sets, beside the recorded baselines.
// `--errors` lists every miss.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { evaluateStories } from './stories.ts';
import { evaluateTagging, type Prf } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const verbose = process.argv.includes('--errors');

const fmt = (p: Prf) => `P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  F1 ${p.f1.toFixed(3)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
const baselineFile = path.join(here, 'tagging-baseline.json');
const baseline = existsSync(baselineFile) ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as Record<string, Record<string, number>>) : {};

const result = evaluateTagging(createTagger(loadTaxonomy(path.join(repoRoot, 'config'))));
console.log(`tagging eval: ${result.items} labelled items`);
for (const kind of ['countries', 'topics', 'regions'] as const) {
  const base = baseline[kind];
  console.log(`  ${kind.padEnd(9)} ${fmt(result[kind])}${base ? `   baseline F1 ${base.f1?.toFixed(3)}` : ''}`);
}
if (verbose) for (const e of result.errors) console.log(`  ${e.kind.padEnd(7)} -${e.missing.join(',')} +${e.extra.join(',')}  ${e.title}`);

// Story detection: pairwise precision and recall on the labelled pairs.
const storiesBaseline = JSON.parse(readFileSync(path.join(here, 'stories-baseline.json'), 'utf8')) as { precision: number; recall: number };
const stories = evaluateStories();
console.log(`story eval: ${stories.pairs} labelled pairs`);
console.log(`  pairwise  P ${stories.precision.toFixed(3)}  R ${stories.recall.toFixed(3)}   baseline P ${storiesBaseline.precision.toFixed(3)} R ${storiesBaseline.recall.toFixed(3)}`);
if (verbose) for (const m of stories.misses) console.log(`  ${JSON.stringify(m)}`);
