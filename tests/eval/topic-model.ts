// Training the topic model (src/tag/topic-model.ts) from the read sets: one-vs-rest logistic regression by stochastic
// gradient descent with L2, a fixed seed, fixed epochs. Shared by topic-model-cv.ts (leave-one-set-out figures) and
// topic-model-train.ts (writes config/topic-model.json). Never the held-apart set, nor a development set after
// dev2.ts TRAINING_DEV_SETS.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenize } from '../../src/tag/text.ts';
import { modelFeatures, type Features, type ModelOptions, type TopicModelData } from '../../src/tag/topic-model.ts';
import { TOPIC_DEV_SETS, TRAINING_DEV_SETS } from './dev2.ts';
import { loadEvalSet, type LabelledItem } from './tagging.ts';
import { sgdLogistic } from './logistic.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The read sets with topic labels, each written by a different writer: the unit left out in cross-validation. dev2, dev3
 * and dev4 label countries only (every item's topics are empty), so they are not among them.
 */
export const READ_SETS = [
  'tagging-set',
  ...TOPIC_DEV_SETS.filter((n) => TRAINING_DEV_SETS.includes(n)).map((n) => `${n}-set`),
  'topics-dev2',
  'topics-dev3',
  'topics-dev4',
  'topics-dev5',
  'topics-dev6',
];

export const TOPICS = [
  'class-struggle',
  'coups',
  'economy',
  'elections',
  'environment',
  'foreign-policy',
  'indigenous',
  'labour',
  'migration',
  'repression',
  'strikes',
  'war',
  'women',
] as const;

export interface SetItem extends LabelledItem {
  set: string;
}

export function loadReadSets(): SetItem[] {
  return READ_SETS.flatMap((set) => loadEvalSet(path.join(here, `${set}.jsonl`)).map((item) => ({ ...item, set })));
}

export function itemFeatures(item: LabelledItem, opts: ModelOptions): Features {
  return modelFeatures(
    [
      { field: 'title', folded: tokenize(item.title).folded },
      { field: 'summary', folded: tokenize(item.summary ?? '').folded },
    ],
    opts,
  );
}

/** Words a teaser keeps: about a feed teaser's sentence (the held-apart set's summaries average 19 words). */
export const TEASER_WORDS = 22;

/** Characters at a summary's start where a period ends no sentence: a dateline's. */
const DATELINE_CHARS = 15;

/**
 * An item as a short feed carries it: its summary cut to the first sentence, at most TEASER_WORDS words. The period of
 * a dateline ("LIMA, 3 dic (EFE).-") or an abbreviation after a capital ("EE. UU.") ends no sentence.
 */
export function teaser<T extends LabelledItem>(item: T): T {
  const summary = item.summary ?? '';
  const end = /(?<=[a-z0-9)»"”%])[.!?](?:\s|$)/.exec(summary.slice(DATELINE_CHARS));
  const first = end ? summary.slice(0, DATELINE_CHARS + end.index + 1) : summary;
  return { ...item, summary: first.split(/\s+/).slice(0, TEASER_WORDS).join(' ') };
}

/**
 * Training rows: each item as written and as a teaser. Trained on written items alone, the model saw 50-word summaries
 * and was too unsure on teasers to add the topics their few words name (docs/topic-labelling.md, "Short teasers").
 */
export function trainingRows(
  items: readonly LabelledItem[],
  opts: ModelOptions,
): { feats: Features; topics: readonly string[] }[] {
  return items.flatMap((i) => [
    { feats: itemFeatures(i, opts), topics: i.topics },
    { feats: itemFeatures(teaser(i), opts), topics: i.topics },
  ]);
}

export interface TrainOptions {
  epochs: number;
  rate: number;
  /** L2 strength per step on the weights a step touches. */
  l2: number;
  /** Features seen in fewer training items are left out (noise, and size). */
  minCount: number;
  /** Weights smaller than this are dropped after training (size; they move no decision). */
  prune: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 40, rate: 4, l2: 1e-5, minCount: 2, prune: 0.1, seed: 13 };

/** A trained model as the weights file holds it (TopicModelData without `about`). */
export type Trained = Omit<TopicModelData, 'about' | 'options'>;

export function train(
  data: readonly { feats: Features; topics: readonly string[] }[],
  opts: TrainOptions = DEFAULT_TRAIN,
): Trained {
  const { weights: w, bias } = sgdLogistic(
    data.map((d) => ({ feats: d.feats, ys: Float64Array.from(TOPICS, (t) => (d.topics.includes(t) ? 1 : 0)) })),
    TOPICS.length,
    opts,
  );
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const features: Record<string, number[]> = {};
  for (const [f, ws] of [...w].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const pairs = [...ws].flatMap((x, k) => (Math.abs(x) >= opts.prune ? [k, round(x)] : []));
    if (pairs.length) features[f] = pairs;
  }
  return { topics: [...TOPICS], bias: [...bias].map(round), features };
}
