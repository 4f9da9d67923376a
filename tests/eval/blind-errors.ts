// The sets that were blind at their first run (dev5, dev7 to dev17), pooled: country figures per set and pooled, and
// with --errors every item the tagger gets wrong, with its summary and every country tag (role, score, rule, words), to
// classify errors by cause (issue #13). Never reads the held-apart set nor a set still blind.
// `node --import tsx tests/eval/blind-errors.ts [--errors] [--lang xx]`
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { DEV_SETS } from './dev2.ts';
import { evaluateTagging, loadEvalSet } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Named one by one: a development set added later is blind until its first run is recorded, and is not read here. */
const BLIND_ORIGIN = {
  dev5: DEV_SETS.dev5,
  dev7: DEV_SETS.dev7,
  dev8: DEV_SETS.dev8,
  dev9: DEV_SETS.dev9,
  dev10: DEV_SETS.dev10,
  dev11: DEV_SETS.dev11,
  dev12: DEV_SETS.dev12,
  dev13: DEV_SETS.dev13,
  dev14: DEV_SETS.dev14,
  dev15: DEV_SETS.dev15,
  dev16: DEV_SETS.dev16,
  dev17: DEV_SETS.dev17,
};

const tagger = createTagger(loadTaxonomy(path.resolve(here, '../../config')));
const showErrors = process.argv.includes('--errors');
const langAt = process.argv.indexOf('--lang');
const onlyLang = langAt >= 0 ? process.argv[langAt + 1] : undefined;
const pooled = { tp: 0, fp: 0, fn: 0 };
const f1 = (c: typeof pooled) => (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
for (const [name, file] of Object.entries(BLIND_ORIGIN)) {
  const items = loadEvalSet(file);
  const c = evaluateTagging(tagger, items).countries;
  pooled.tp += c.tp;
  pooled.fp += c.fp;
  pooled.fn += c.fn;
  console.log(`${name}  F1 ${c.f1.toFixed(3)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`);
  if (!showErrors) continue;
  for (const item of items) {
    if (onlyLang && item.language !== onlyLang) continue;
    const tags = tagger.tag({ title: item.title, summary: item.summary, language: item.language });
    const countries = tags.filter((t) => t.kind === 'country');
    const focus = new Set(countries.filter((t) => t.role === 'focus').map((t) => t.value));
    const missing = item.countries.filter((c) => !focus.has(c));
    const extra = [...focus].filter((c) => !item.countries.includes(c));
    if (!missing.length && !extra.length) continue;
    console.log(`\n[${name} ${item.language}] -${missing.join(',')} +${extra.join(',')}  ${item.title}`);
    console.log(`    ${item.summary}`);
    for (const t of countries)
      console.log(
        `    ${t.value} ${t.role} ${t.score.toFixed(2)} ${t.reason.rule} ${t.reason.field ?? ''}: ${t.reason.match ?? ''}`,
      );
  }
}
console.log(
  `pooled dev5+dev7..dev17  F1 ${f1(pooled).toFixed(4)}  (tp ${pooled.tp}, fp ${pooled.fp}, fn ${pooled.fn})`,
);
