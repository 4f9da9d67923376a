// Rebuilds config/topic-model.json from the read sets (tests/eval/topic-model.ts): the same sets, options and seed give
// the same file. `npm run train:topics [-- --out FILE]`; tests/eval/topic-model-cv.ts gives its figures.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MODEL_OPTIONS, type TopicModelData } from '../../src/tag/topic-model.ts';
import { DEFAULT_TRAIN, loadReadSets, READ_SETS, train, trainingRows } from './topic-model.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv.includes('--out')
  ? path.resolve(process.argv[process.argv.indexOf('--out') + 1] ?? '')
  : path.join(here, '../../config/topic-model.json');
const items = loadReadSets();
const trained = train(trainingRows(items, DEFAULT_MODEL_OPTIONS), DEFAULT_TRAIN);
const data: TopicModelData = {
  about: {
    what: 'one-vs-rest logistic regression per topic (src/tag/topic-model.ts), docs/topic-labelling.md',
    rebuild: 'npm run train:topics',
    sets: READ_SETS,
    items: items.length,
    rows: 'each item as written and as a teaser (tests/eval/topic-model.ts trainingRows)',
    train: DEFAULT_TRAIN,
  },
  options: DEFAULT_MODEL_OPTIONS,
  ...trained,
};
writeFileSync(out, JSON.stringify(data) + '\n');
const weights = Object.values(trained.features).reduce((n, pairs) => n + pairs.length / 2, 0);
console.log(`${out}: ${items.length} items, ${Object.keys(trained.features).length} features, ${weights} weights`);
