// A small supervised topic model beside the rules: one logistic regression per topic over the entry's folded words cut
// to a prefix (a crude stemmer for five languages: "huelgas", "huelguistas" -> "huelg") and adjacent-word pairs, the
// title weighing more than the summary. Trained from the labelled eval sets (tests/eval/topic-model.ts); the weights are
// data (config/topic-model.json), read once into typed arrays; scoring an entry is a Map lookup per feature.
import type { Tag } from '../types.ts';

/** Where a word was read. */
export type ModelField = 'title' | 'summary' | 'content';

/** How much a word counts by field: the title names what the story is about. */
export const MODEL_FIELD_WEIGHT: Record<ModelField, number> = { title: 1, summary: 0.5, content: 0.25 };

/** Features of one entry: name -> value, the vector scaled to length 1. */
export type Features = Map<string, number>;

export interface ModelOptions {
  /** Words are cut to this many characters. */
  prefix: number;
  /** Adjacent-word pairs as features too. */
  bigrams: boolean;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = { prefix: 5, bigrams: false };

/** Words shorter than this say nothing of a topic (articles, prepositions, numbers' digits are dropped below). */
const MIN_WORD = 3;
const DIGITS = /^\d+$/;

/** One word's feature: its first `prefix` characters, or '' for a word that says nothing of a topic. */
export function modelWord(word: string, opts: ModelOptions = DEFAULT_MODEL_OPTIONS): string {
  if (word.length < MIN_WORD || DIGITS.test(word)) return '';
  return word.length > opts.prefix ? word.slice(0, opts.prefix) : word;
}

/**
 * The features of an entry's fields (folded tokens, as the tagger's tokenizer gives them). `stemmed`: the words are
 * modelWord's already (the tagger computes it once per distinct word: the same string each time, whose hash the map
 * lookups below need not compute again).
 */
export function modelFeatures(
  fields: readonly { field: ModelField; folded: readonly string[] }[],
  opts: ModelOptions = DEFAULT_MODEL_OPTIONS,
  stemmed = false,
): Features {
  const out: Features = new Map();
  const put = (k: string, v: number) => {
    if ((out.get(k) ?? 0) < v) out.set(k, v);
  };
  for (const { field, folded } of fields) {
    const w = MODEL_FIELD_WEIGHT[field];
    let prev: string | undefined;
    for (const word of folded) {
      const s = stemmed ? word : modelWord(word, opts);
      if (!s) {
        prev = undefined;
        continue;
      }
      put(s, w);
      if (opts.bigrams && prev !== undefined) put(`${prev} ${s}`, w);
      prev = s;
    }
  }
  let norm = 0;
  for (const v of out.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (const [k, v] of out) out.set(k, v / norm);
  return out;
}

/**
 * The weights file (config/topic-model.json): the topics, their biases, and per feature its weights as flat pairs
 * [topic index, weight, ...] (one key per feature, not per topic and feature: the file parses and loads in a few ms).
 */
export interface TopicModelData {
  /** How it was made: sets, options; for the reader. */
  about: Record<string, unknown>;
  options: ModelOptions;
  topics: string[];
  bias: number[];
  features: Record<string, number[]>;
}

/**
 * A loaded model. Its weights sit in typed arrays, not one JS array per feature: a process holds the model once in its
 * taxonomy and once per tagger thread, and this form is about a quarter of the memory (and is cloned to a thread as
 * a few buffers). Feature i's weights are the pairs (topicOf[j], weight[j]) for j in [offsets[i], offsets[i + 1]).
 */
export interface TopicModel {
  options: ModelOptions;
  slugs: readonly string[];
  bias: Float64Array;
  /** Feature name -> its row i. */
  index: Map<string, number>;
  offsets: Uint32Array;
  topicOf: Uint8Array;
  weight: Float32Array;
}

export function loadTopicModel(data: TopicModelData): TopicModel {
  const rows = Object.entries(data.features);
  let pairs = 0;
  for (const [, list] of rows) pairs += list.length >> 1;
  const model: TopicModel = {
    options: data.options,
    slugs: data.topics,
    bias: Float64Array.from(data.bias),
    index: new Map(),
    offsets: new Uint32Array(rows.length + 1),
    topicOf: new Uint8Array(pairs),
    weight: new Float32Array(pairs),
  };
  let j = 0;
  rows.forEach(([feature, list], i) => {
    model.index.set(feature, i);
    for (let p = 0; p + 1 < list.length; p += 2, j++) {
      model.topicOf[j] = list[p] ?? 0;
      model.weight[j] = list[p + 1] ?? 0;
    }
    model.offsets[i + 1] = j;
  });
  return model;
}

export interface TopicProbability {
  slug: string;
  p: number;
  /** The features that raised it most, with what each added to the log-odds. */
  top: [string, number][];
}

/**
 * An entry's features as the model's rows: `rows[i]` is a feature the model knows, `values[i]` its value (the vector
 * scaled to length 1 over every feature, known or not), in the order the features were first met; `size` counts every
 * distinct feature. Scoring reads the weights by row, with no lookup by name.
 */
export interface RowFeatures {
  size: number;
  rows: readonly number[];
  values: readonly number[];
}

/** The known features of `feats` by row, in their order (what predictTopics and the tagger's builder score). */
function rowsOf(model: TopicModel, feats: Features): RowFeatures {
  const rows: number[] = [];
  const values: number[] = [];
  for (const [f, v] of feats) {
    const i = model.index.get(f);
    if (i === undefined) continue;
    rows.push(i);
    values.push(v);
  }
  return { size: feats.size, rows, values };
}

/** Each topic's log-odds for these features: the bias plus every known feature's weights times its value. */
function logOdds(model: TopicModel, feats: RowFeatures): Float64Array {
  const z = model.bias.slice(); // a typed array's copy (Float64Array.from walks an iterator)
  const { offsets, topicOf, weight } = model;
  const { rows, values } = feats;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] ?? 0;
    const v = values[r] ?? 0;
    const end = offsets[i + 1] ?? 0;
    for (let j = offsets[i] ?? 0; j < end; j++) {
      const k = topicOf[j] ?? 0;
      z[k] = (z[k] ?? 0) + (weight[j] ?? 0) * v;
    }
  }
  return z;
}

const probability = (z: number) => 1 / (1 + Math.exp(-z));

/** Each topic's probability for these features; `explainTop` > 0 also lists the words that raised it most. */
export function predictTopics(model: TopicModel, feats: Features, explainTop = 0): TopicProbability[] {
  const z = logOdds(model, rowsOf(model, feats));
  return model.slugs.map((slug, k) => ({
    slug,
    p: probability(z[k] ?? 0),
    top: explainTop ? topWords(model, feats, k, explainTop) : [],
  }));
}

/** The features that added most to topic k's log-odds, with what each added (for `explain`; only for tagged topics). */
export function topWords(model: TopicModel, feats: Features, k: number, n: number): [string, number][] {
  return topRows(model, rowsOf(model, feats), k, n);
}

/** Feature names by row, made the first time `explain` needs them. */
const namesOf = new WeakMap<TopicModel, string[]>();

function topRows(model: TopicModel, feats: RowFeatures, k: number, n: number): [string, number][] {
  let names = namesOf.get(model);
  if (!names) {
    names = [];
    for (const [f, i] of model.index) names[i] = f;
    namesOf.set(model, names);
  }
  const parts: [string, number][] = [];
  feats.rows.forEach((i, r) => {
    const v = feats.values[r] ?? 0;
    const end = model.offsets[i + 1] ?? 0;
    for (let j = model.offsets[i] ?? 0; j < end; j++) {
      const w = model.weight[j] ?? 0;
      if (model.topicOf[j] === k && w * v > 0) parts.push([names[i] ?? '', w * v]);
    }
  });
  return parts
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([f, c]) => [f, Math.round(c * 100) / 100]);
}

/** topics.yaml's `model` section with its weights file read: how the model joins the rules. */
export interface TopicModelConfig {
  model: TopicModel;
  /** The weights file's digest: what tells two loaded models apart (a taxonomy's key skips typed arrays). */
  digest: string;
  /** The model adds a topic the rules did not give when its probability reaches this. */
  addAt: number;
  /** The model removes a topic the rules gave from words alone when its probability is below this (0: never). */
  removeBelow: number;
  /** Topics the model neither adds nor removes: the rules alone decide them. */
  off: readonly string[];
}

export interface CompiledTopicModel {
  model: TopicModel;
  addAt: number;
  removeBelow: number;
  off: ReadonlySet<string>;
}

export function compileTopicModel(config: TopicModelConfig): CompiledTopicModel {
  return {
    model: config.model,
    addAt: config.addAt,
    removeBelow: config.removeBelow,
    off: new Set(config.off),
  };
}

/** Rules no word model can overrule: a source's own category or its configured topics. */
const KEPT_RULES = new Set(['topic.category', 'topic.source-prior']);
/** How many of a model topic's words `explain` shows. */
const EXPLAIN_WORDS = 4;

/**
 * The rules' topic tags joined with the model's: a topic the rules missed is added when the model is sure of it
 * (rule `topic.model`, its probability and top words as the match); a topic the rules gave from words alone is dropped
 * when the model is very sure it is wrong. `known` are the taxonomy's topics: a model topic an editor removed from
 * topics.yaml is never added, nor one whose words the title uses in another sense by an exclusion of
 * topics.yaml (`excluded`: "hunger strike", "sin huelga").
 */
export function combineTopics(
  cm: CompiledTopicModel,
  fields: readonly { field: ModelField; folded: readonly string[] }[],
  ruleTags: readonly Tag[],
  known: ReadonlyMap<string, string>,
  stemmed = false,
  excluded: ReadonlySet<string> = new Set(),
): Tag[] {
  const read = modelFields(fields);
  const feats = modelFeatures(
    read.map((f) => (f.field === 'content' ? { field: 'summary', folded: f.folded.slice(0, BODY_WORDS) } : f)),
    cm.model.options,
    stemmed,
  );
  return combineRowTopics(cm, rowsOf(cm.model, feats), ruleTags, known, excluded);
}

/** The model was trained on titles and summaries: a body stands in for a missing summary. */
function modelFields<F extends { field: ModelField }>(fields: readonly F[]): readonly F[] {
  return fields.some((f) => f.field === 'summary') ? fields.filter((f) => f.field !== 'content') : fields;
}

/** combineTopics on features already made (the tagger's, by row). */
export function combineRowTopics(
  cm: CompiledTopicModel,
  feats: RowFeatures,
  ruleTags: readonly Tag[],
  known: ReadonlyMap<string, string>,
  excluded: ReadonlySet<string> = new Set(),
): Tag[] {
  // The model speaks only on a text of a teaser's length or more. On a bare headline a low probability is absence of
  // evidence (every topic's bias wins), and a high one rests on a word or two, whose second senses the rules know
  // and the model does not ("bloquea la reforma", "sans élection").
  if (feats.size < MIN_WORDS) return [...ruleTags];
  const z = logOdds(cm.model, feats);
  const slugs = cm.model.slugs;
  const p = (slug: string) => {
    const k = slugs.indexOf(slug);
    return k < 0 ? undefined : probability(z[k] ?? 0);
  };
  const kept = ruleTags.filter((t) => {
    const pt = p(t.value);
    return cm.off.has(t.value) || KEPT_RULES.has(t.reason.rule) || pt === undefined || pt >= cm.removeBelow;
  });
  const given = new Set(ruleTags.map((t) => t.value));
  const added: Tag[] = [];
  slugs.forEach((slug, k) => {
    const pk = probability(z[k] ?? 0);
    if (pk < cm.addAt || given.has(slug) || cm.off.has(slug) || excluded.has(slug) || !known.has(slug)) return;
    added.push({
      kind: 'topic',
      value: slug,
      score: Math.round(pk * 100) / 100,
      reason: {
        rule: 'topic.model',
        match: `p ${pk.toFixed(2)}: ${topRows(cm.model, feats, k, EXPLAIN_WORDS)
          .map(([f, c]) => `${f} +${c.toFixed(2)}`)
          .join(', ')}`,
      },
    });
  });
  return [...kept, ...added.sort((a, b) => b.score - a.score || a.value.localeCompare(b.value))];
}

/** What the tagger keeps per distinct word for the model: modelWord's stem and that stem's row (-1: unknown). */
export interface ModelWordInfo {
  modelWord: string;
  modelRow: number;
}

export function modelWordInfo(word: string, model: TopicModel): ModelWordInfo {
  const stem = modelWord(word, model.options);
  return { modelWord: stem, modelRow: stem ? (model.index.get(stem) ?? -1) : -1 };
}

/**
 * Builds an entry's features from words whose stems and rows the tagger computed once per distinct word: the features
 * modelFeatures gives, without a string map for the stems the model knows (its lookups were a sixth of tagging on
 * text with many distinct words). Reused from entry to entry; tagging is synchronous. Not for a model with bigrams.
 */
export function rowFeatureBuilder(
  model: TopicModel,
): (fields: readonly { field: ModelField; words: readonly ModelWordInfo[] }[]) => RowFeatures {
  const best = new Float64Array(model.offsets.length);
  const unknown = new Map<string, number>();
  return (fields) => {
    const rows: number[] = [];
    for (const { field, words } of modelFields(fields)) {
      // A body read in place of a summary counts as one, for its first BODY_WORDS words.
      const w = MODEL_FIELD_WEIGHT[field === 'content' ? 'summary' : field];
      const n = field === 'content' ? Math.min(words.length, BODY_WORDS) : words.length;
      for (let t = 0; t < n; t++) {
        const { modelWord: stem, modelRow: row } = words[t] as ModelWordInfo;
        if (!stem) continue;
        if (row < 0) {
          if ((unknown.get(stem) ?? 0) < w) unknown.set(stem, w);
        } else {
          if (best[row] === 0) rows.push(row);
          if ((best[row] ?? 0) < w) best[row] = w;
        }
      }
    }
    // The squares of 1, 0.5 and 0.25 add up exactly in any order: the norm is modelFeatures' own.
    let norm = 0;
    for (const row of rows) norm += (best[row] ?? 0) * (best[row] ?? 0);
    for (const v of unknown.values()) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    const values = rows.map((row) => (best[row] ?? 0) / norm);
    for (const row of rows) best[row] = 0;
    const size = rows.length + unknown.size;
    unknown.clear();
    return { size, rows, values };
  };
}

/**
 * Distinct words (five-letter stems) an entry needs before the model adds or drops a topic: a headline and one
 * sentence. Set at 20 when the model was switched on, from sentences written for the tests; measured on text of that
 * length (docs/topic-labelling.md, "Short teasers"), 15 does better on sets no rule or weight was fitted to, and below
 * that (bare headlines) the rules alone decide.
 */
const MIN_WORDS = 15;

/** A body read in place of a missing summary: its opening, about a summary's length. */
const BODY_WORDS = 60;
