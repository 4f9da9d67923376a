// Leave-one-set-out cross-validation of the topic model over the read sets: train on every set but one, score the one
// left out (each set has its own writer, so this imitates copy nobody read). Figures per set, pooled (micro) and per
// language, for the rules alone (today's tagger: optimistic here, the rules were tuned on these sets), the model alone
// (honest) and the combinations, whose thresholds are chosen on the other sets' out-of-fold predictions (nested).
// The model trains on each item as written and as a teaser (trainingRows); `--teasers` scores the left-out set's
// teasers instead of its items as written, `--written-only` trains on the items as written alone.
// `node --import tsx tests/eval/topic-model-cv.ts [--teasers] [--written-only] [--prefix 5] [--bigrams] [--epochs N] [--rate X] [--l2 X] [--min-count N] [--prune X]`
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import type { ModelOptions } from '../../src/tag/topic-model.ts';
import { loadTopicModel, predictTopics } from '../../src/tag/topic-model.ts';
import { bestOf, chosenPerSet, f1, prf, tally, type Count } from './cv.ts';
import { LANGUAGES } from './tagging.ts';
import {
  DEFAULT_TRAIN,
  itemFeatures,
  loadReadSets,
  READ_SETS,
  teaser,
  TOPICS,
  train,
  trainingRows,
  type SetItem,
} from './topic-model.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const opts: ModelOptions = {
  prefix: Number(arg('--prefix') ?? 5),
  bigrams: process.argv.includes('--bigrams'),
};
const trainOpts = {
  ...DEFAULT_TRAIN,
  epochs: Number(arg('--epochs') ?? DEFAULT_TRAIN.epochs),
  l2: Number(arg('--l2') ?? DEFAULT_TRAIN.l2),
  rate: Number(arg('--rate') ?? DEFAULT_TRAIN.rate),
  minCount: Number(arg('--min-count') ?? DEFAULT_TRAIN.minCount),
  prune: Number(arg('--prune') ?? DEFAULT_TRAIN.prune),
};

const written = loadReadSets();
const items = process.argv.includes('--teasers') ? written.map(teaser) : written;
const taxonomy = loadTaxonomy(path.join(here, '../../config'));
const rulesTagger = createTagger({ ...taxonomy, topicModel: undefined });
const rules = items.map(
  (i) =>
    new Set(
      rulesTagger
        .tag({ title: i.title, summary: i.summary, language: i.language })
        .filter((t) => t.kind === 'topic')
        .map((t) => t.value),
    ),
);
const feats = items.map((i) => itemFeatures(i, opts));

// Each read item's training rows, made once for every fold that trains on it.
const rowsOf = written.map((it) =>
  process.argv.includes('--written-only')
    ? [{ feats: itemFeatures(it, opts), topics: it.topics }]
    : trainingRows([it], opts),
);
// Out-of-fold probabilities: per item, per topic.
const probs: Map<string, number>[] = items.map(() => new Map());
for (const set of READ_SETS) {
  const trained = train(
    written.flatMap((it, k) => (it.set === set ? [] : rowsOf[k]!)),
    trainOpts,
  );
  const model = loadTopicModel({ about: {}, options: opts, ...trained });
  items.forEach((it, k) => {
    if (it.set !== set) return;
    for (const p of predictTopics(model, feats[k]!)) probs[k]!.set(p.slug, p.p);
  });
}

function score(idx: readonly number[], decide: (k: number) => Set<string>): Count {
  const c: Count = { tp: 0, fp: 0, fn: 0 };
  for (const k of idx) {
    tally(c, decide(k), new Set(items[k]!.topics));
  }
  return c;
}

type Decider = (params: number[]) => (k: number) => Set<string>;
const above = (k: number, t: number) => TOPICS.filter((s) => (probs[k]!.get(s) ?? 0) >= t);
const METHODS: [string, number[][], Decider][] = [
  ['rules alone', [[]], () => (k) => rules[k]!],
  [
    'model alone',
    [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5].map((t) => [t]),
    ([t]) =>
      (k) =>
        new Set(above(k, t!)),
  ],
  [
    'rules + model adds at p>=hi',
    [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((t) => [t]),
    ([hi]) =>
      (k) =>
        new Set([...rules[k]!, ...above(k, hi!)]),
  ],
  [
    'rules - model removes at p<lo',
    [0.002, 0.005, 0.01, 0.02, 0.05, 0.1].map((t) => [t]),
    ([lo]) =>
      (k) =>
        new Set([...rules[k]!].filter((s) => (probs[k]!.get(s) ?? 1) >= lo!)),
  ],
  [
    'rules +add hi -remove lo',
    [0.4, 0.5, 0.6, 0.7].flatMap((hi) => [0.005, 0.01, 0.02, 0.05].map((lo) => [hi, lo])),
    ([hi, lo]) =>
      (k) =>
        new Set([...[...rules[k]!].filter((s) => (probs[k]!.get(s) ?? 1) >= lo!), ...above(k, hi!)]),
  ],
  [
    'blend: rule topic counts +w, tag at (p+w*rule)>=t',
    [0.2, 0.3, 0.4, 0.5].flatMap((w) => [0.4, 0.5, 0.6, 0.7].map((t) => [w, t])),
    ([w, t]) =>
      (k) =>
        new Set(TOPICS.filter((s) => (probs[k]!.get(s) ?? 0) + (rules[k]!.has(s) ? w! : 0) >= t!)),
  ],
];

const bySet = new Map(READ_SETS.map((s) => [s, items.flatMap((it, k) => (it.set === s ? [k] : []))]));
const all = items.map((_, k) => k);
console.log(
  `${items.length} items, ${READ_SETS.length} sets; prefix ${opts.prefix}, bigrams ${opts.bigrams}, ` +
    `train ${JSON.stringify(trainOpts)}`,
);
for (const [name, grid, decider] of METHODS) {
  // Nested: each left-out set gets the parameters that score best on the other sets' out-of-fold predictions.
  const chosen = chosenPerSet(
    READ_SETS,
    (k) => items[k]!.set,
    all,
    grid,
    (idx, g) => f1(score(idx, decider(g))),
  );
  const decide = (k: number) => decider(chosen.get(items[k]!.set)!)(k);
  const overallG = bestOf(grid, (g) => f1(score(all, decider(g))));
  console.log(`\n== ${name}: pooled ${prf(score(all, decide))}; params on all sets ${JSON.stringify(overallG)}`);
  console.log(
    '  ' + READ_SETS.map((s) => `${s.replace('-set', '')} ${f1(score(bySet.get(s)!, decide)).toFixed(3)}`).join('  '),
  );
  console.log(
    '  ' +
      LANGUAGES.map(
        (l) =>
          `${l} ${f1(
            score(
              all.filter((k) => items[k]!.language === l),
              decide,
            ),
          ).toFixed(3)}`,
      ).join('  '),
  );
}
export type { SetItem };
