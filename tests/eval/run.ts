// `npm run eval`: prints the tagging figures beside the recorded baseline, then any other eval module present
// (tests/eval/stories.ts is written by the story-detection work and picked up when it exists).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
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

const stories = path.join(here, 'stories.ts');
if (existsSync(stories)) {
  const mod = (await import(pathToFileURL(stories).href)) as { main?: () => unknown; run?: () => unknown; default?: () => unknown };
  const fn = mod.main ?? mod.run ?? mod.default;
  if (typeof fn === 'function') await fn();
}
