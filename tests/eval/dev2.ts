// A second development set for country tagging (tests/eval/dev2-set.jsonl, ~150 items in en, es, pt, fr, de), written
// the way wires and news sites write (datelines, agencies, national institutions, cities that share a name, groups
// of states, currencies, people named like countries) before the country rules of issue #13 were changed, to show
// whether a rule carries beyond the items it was written from. Labels are focus countries; topics are not labelled.
// `node --import tsx tests/eval/dev2.ts [--errors]` prints its country figures (and `npm run eval` does too).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTagger, loadTaxonomy, type Tagger } from '../../src/tag/index.ts';
import { evaluateTagging, LANGUAGES, loadEvalSet, type Prf } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEV2_SET = path.join(here, 'dev2-set.jsonl');

const fmt = (p: Prf) =>
  `P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  F1 ${p.f1.toFixed(3)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;

/** The lines `npm run eval` prints for the set: countries overall and per language, regions, and misses if asked. */
export function formatDev2(tagger: Tagger, errors = false): string[] {
  const items = loadEvalSet(DEV2_SET);
  const all = evaluateTagging(tagger, items);
  const out = [`dev2 country set: ${items.length} items (countries only; topics not labelled)`];
  out.push(`  countries ${fmt(all.countries)}`, `  regions   ${fmt(all.regions)}`);
  for (const lang of LANGUAGES) {
    const sub = items.filter((i) => i.language === lang);
    if (sub.length) out.push(`  ${lang} (${sub.length})  countries ${fmt(evaluateTagging(tagger, sub).countries)}`);
  }
  if (errors)
    for (const e of all.errors.filter((x) => x.kind !== 'topic'))
      out.push(`  ${e.kind.padEnd(7)} -${e.missing.join(',')} +${e.extra.join(',')}  ${e.title}`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tagger = createTagger(loadTaxonomy(path.resolve(here, '../../config')));
  for (const l of formatDev2(tagger, process.argv.includes('--errors'))) console.log(l);
}
