// Rebuilds config/country-model.json, the focus model (src/tag/focus-model.ts), from the read sets that label
// countries (country-model.ts COUNTRY_SETS): the same sets, rules, options and seed give the same file.
// `npm run train:countries [-- --out FILE]`; tests/eval/country-model-cv.ts gives its figures and chose its thresholds.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FocusModelData } from '../../src/tag/focus-model.ts';
import { COUNTRY_SETS, DEFAULT_COUNTRY_TRAIN, judged, loadCountryItems, trainCountryModel } from './country-model.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv.includes('--out')
  ? path.resolve(process.argv[process.argv.indexOf('--out') + 1] ?? '')
  : path.join(here, '../../config/country-model.json');
const candidates = loadCountryItems()
  .flatMap((it) => it.candidates)
  .filter(judged);
const model = trainCountryModel(candidates, DEFAULT_COUNTRY_TRAIN);
// Sorted and rounded: a retraining that changes nothing leaves the file as it was, and a diff shows what moved.
const weights = Object.fromEntries(
  [...model.weights].sort(([a], [b]) => (a < b ? -1 : Number(a > b))).map(([f, w]) => [f, Math.round(w * 1e6) / 1e6]),
);
const data: FocusModelData = {
  about: {
    what: 'logistic regression giving P(focus) of each country the rules tag (src/tag/focus-model.ts), docs/tagging.md',
    rebuild: 'npm run train:countries',
    sets: COUNTRY_SETS,
    candidates: candidates.length,
    train: DEFAULT_COUNTRY_TRAIN,
  },
  bias: Math.round(model.bias * 1e6) / 1e6,
  weights,
};
writeFileSync(out, JSON.stringify(data, null, 0) + '\n');
console.log(`${out}: ${candidates.length} candidates, ${Object.keys(weights).length} weights`);
