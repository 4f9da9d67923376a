// Whether more read sets make a better topic model, judged on copy neither model saw: each read set after `--from`
// is scored (rules + model, as the tagger ships them) by a model trained on the sets up to `--from`, and by one trained
// on every read set but it. Per set and pooled; `--teasers` scores each item cut to a teaser. The unit is a set (its
// own writer), as in topic-model-cv.ts. Never the held-apart set nor a set still blind (those after TRAINING_DEV_SETS).
// `node --import tsx tests/eval/topic-model-more.ts --from dev43 [--teasers]`
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy, type Taxonomy } from '../../src/tag/index.ts';
import { DEFAULT_MODEL_OPTIONS, loadTopicModel } from '../../src/tag/topic-model.ts';
import { f1, tally, type Count } from './cv.ts';
import { TRAINING_DEV_SETS, type DevSetName } from './dev2.ts';
import { loadReadSets, teaser, train, trainingRows, type SetItem } from './topic-model.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const from = arg('--from') as DevSetName | undefined;
if (!from || !TRAINING_DEV_SETS.includes(from))
  throw new Error('--from takes a read set (dev43): the older model ends there');
const teasers = process.argv.includes('--teasers');

const items = loadReadSets();
const later = new Set(TRAINING_DEV_SETS.slice(TRAINING_DEV_SETS.indexOf(from) + 1).map((n) => `${n}-set`));
const shipped = loadTaxonomy(path.join(here, '../../config'));
const shippedModel = shipped.topicModel;
if (!shippedModel) throw new Error('the shipped config has no topic model');
const thresholds = shippedModel;

/** The shipped taxonomy with a model trained on these items. */
function withModel(training: readonly SetItem[], name: string): Taxonomy {
  const trained = train(trainingRows(training, DEFAULT_MODEL_OPTIONS));
  const model = loadTopicModel({ about: {}, options: DEFAULT_MODEL_OPTIONS, ...trained });
  return { ...shipped, topicModel: { ...thresholds, model, digest: name } };
}

function score(tax: Taxonomy, set: readonly SetItem[]): Count {
  const tagger = createTagger(tax);
  const c: Count = { tp: 0, fp: 0, fn: 0 };
  for (const raw of set) {
    const it = teasers ? teaser(raw) : raw;
    const got = tagger
      .tag({ title: it.title, summary: it.summary, language: it.language })
      .filter((t) => t.kind === 'topic');
    tally(c, new Set(got.map((t) => t.value)), new Set(it.topics));
  }
  return c;
}

const older = withModel(
  items.filter((i) => !later.has(i.set)),
  `to ${from}`,
);
const pooled = { older: { tp: 0, fp: 0, fn: 0 }, more: { tp: 0, fp: 0, fn: 0 } };
const show = (c: Count) => `${f1(c).toFixed(4)} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`;
for (const set of later) {
  const own = items.filter((i) => i.set === set);
  const a = score(older, own);
  const b = score(
    withModel(
      items.filter((i) => i.set !== set),
      `all but ${set}`,
    ),
    own,
  );
  for (const k of ['tp', 'fp', 'fn'] as const) {
    pooled.older[k] += a[k];
    pooled.more[k] += b[k];
  }
  console.log(`${set.padEnd(10)} up to ${from} ${show(a)}   all but it ${show(b)}`);
}
console.log(`pooled over ${later.size} sets: up to ${from} ${show(pooled.older)}   all but each ${show(pooled.more)}`);
