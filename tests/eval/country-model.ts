// A learned check of the rules' country roles, for measuring (issue #13): every country candidate the rules give on the
// read sets that label countries (after every post-step), what the tagger knows of it (its score and share of the top
// score, its rank, the role and rule the rules gave it, the kinds of evidence that named it, where, and the words
// beside them, the entry's language), and whether the editors labelled it a focus; a logistic regression over these
// (logistic.ts) gives P(focus). country-model-cv.ts measures it by leaving one set out. It did not beat the rules there
// (docs/tagging.md), so the tagger does not use it. Never the held-apart set nor dev15.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy, type TaggerOptions } from '../../src/tag/index.ts';
import type { PlaceHit, TextField } from '../../src/tag/locate.ts';
import type { Tag } from '../../src/types.ts';
import { sgdLogistic, type SgdOptions } from './logistic.ts';
import { loadEvalSet, type LabelledItem } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Features of one country candidate: name -> value. */
export type CountryFeatures = Map<string, number>;

/** The fields the tagger read, as far as the features need them. */
export interface CountryField {
  field: TextField;
  tokens: { folded: readonly string[] };
}

const FIELD_ORDER: Record<TextField, number> = { title: 0, summary: 1, content: 2 };
const LANGUAGES = new Set(['en', 'es', 'pt', 'fr', 'de']);
/** Hit flags that say what a place is in the sentence (locate.ts, seats.ts). */
const FLAGS = ['modifier', 'organisation', 'national', 'person', 'agreement', 'seat', 'regionName'] as const;

const SHARE_STEPS = [1, 0.8, 0.65, 0.5, 0.33];
const SCORE_STEPS = [6, 4, 2.5, 1.5];
/** The highest step x reaches, or "low". */
const step = (x: number, steps: readonly number[]) => String(steps.find((s) => x >= s) ?? 'low');

/**
 * The features of each country tag (same order), from the tags the rules gave (after every post-step) and the place
 * hits behind them. A hit is the country's when its codes name it.
 */
export function countryFeatures(
  tags: readonly Tag[],
  hits: readonly PlaceHit[],
  fields: readonly CountryField[],
  language: string | undefined,
): CountryFeatures[] {
  const countries = tags.filter((t) => t.kind === 'country');
  const top = countries.reduce((m, t) => Math.max(m, t.score), 0) || 1;
  const sorted = countries.map((t) => t.score).sort((a, b) => b - a);
  const focusCount = countries.filter((t) => t.role === 'focus').length;
  const length = new Map(fields.map((f) => [f.field, f.tokens.folded.length || 1]));
  const folded = new Map(fields.map((f) => [f.field, f.tokens.folded]));
  const lang = language && LANGUAGES.has(language) ? language : 'other';
  return countries.map((t) => {
    const f: CountryFeatures = new Map();
    const focus = t.role === 'focus';
    const put = (k: string, v = 1) => {
      f.set(k, v);
      // The same evidence means something else for a country the rules made a focus and for one they left a mention.
      f.set(`${focus ? 'F' : 'M'}:${k}`, v);
    };
    put('bias');
    f.set('role.focus', focus ? 1 : 0);
    put(`rule.${t.reason.rule.replace(/^country\./, '')}`);
    put(`field.${t.reason.field ?? 'none'}`);
    put('score', Math.min(t.score, 8) / 8);
    put('share', t.score / top);
    // Share and score by steps: what they mean is not linear (a focus at 0.55 of the top is another story than at 0.9).
    const share = t.score / top;
    put(`share.${step(share, SHARE_STEPS)}`);
    put(`score.${step(t.score, SCORE_STEPS)}`);
    put(`rule.${t.reason.rule.replace(/^country\./, '')}.${t.reason.field ?? 'none'}`);
    const rank = sorted.indexOf(t.score);
    put(`rank.${Math.min(rank, 2)}`);
    put(`candidates.${Math.min(countries.length, 4)}`);
    put(`foci.${Math.min(focusCount, 3)}`);
    if (rank === 0 && sorted.length > 1) put('lead', (t.score - (sorted[1] ?? 0)) / top);
    put(`lang.${lang}`);
    let first: PlaceHit | undefined;
    const perField = { title: 0, summary: 0, content: 0 };
    let ambiguous = false;
    for (const h of hits) {
      if (!h.place.codes.includes(t.value)) continue;
      if (h.place.codes.length > 1) ambiguous = true;
      perField[h.field]++;
      put(`kind.${h.place.kind}`);
      put(`kind.${h.place.kind}.${h.field}`);
      for (const flag of FLAGS) if (h[flag]) put(`flag.${flag}`);
      if (h.sentenceRole) put(`sentence.${h.sentenceRole}`);
      // The words beside it: prepositions and verbs say whether the country acts, hosts or is where people go.
      const words = folded.get(h.field);
      if (words && h.field !== 'content') {
        const side = h.field === 'title' ? 't' : 's';
        put(`prev.${side}.${h.from > 0 ? words[h.from - 1] : '^'}`);
        put(`next.${side}.${h.to < words.length ? words[h.to] : '$'}`);
      }
      if (!first || FIELD_ORDER[h.field] < FIELD_ORDER[first.field] || (h.field === first.field && h.from < first.from))
        first = h;
    }
    if (ambiguous) put('ambiguous');
    put('count.title', Math.min(perField.title, 3) / 3);
    put('count.summary', Math.min(perField.summary, 3) / 3);
    put('count.content', Math.min(perField.content, 3) / 3);
    if (first) {
      put(`first.${first.field}`);
      // How far into its field the first evidence is: the opening names what the story is about.
      put(`first.${first.field}.position`, first.from / (length.get(first.field) ?? 1));
    }
    return f;
  });
}

/** P(focus) for one candidate's features. */
export function focusProbability(model: CountryModel, feats: CountryFeatures): number {
  let z = model.bias;
  for (const [k, v] of feats) z += (model.weights.get(k) ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}

/** The read sets with country labels, each by its own writer: the unit left out in cross-validation. */
export const COUNTRY_SETS = [
  'tagging-set',
  'dev2-set',
  'dev3-set',
  'dev4-set',
  'dev5-set',
  'dev7-set',
  'dev8-set',
  'dev9-set',
  'dev10-set',
  'dev11-set',
  'dev12-set',
  'dev13-set',
  'dev14-set',
] as const;

export interface Candidate {
  value: string;
  /** The role the rules gave. */
  focus: boolean;
  rule: string;
  feats: CountryFeatures;
  /** Labelled a focus by the editors. */
  y: boolean;
}

export interface CountryItem extends LabelledItem {
  set: string;
  candidates: Candidate[];
}

/** Each read item with the rules' country candidates and their features. */
export function loadCountryItems(): CountryItem[] {
  let candidates: Candidate[] = [];
  let labels: readonly string[] = [];
  const traceCountries: TaggerOptions['traceCountries'] = (tags, hits, fields, language) => {
    const countries = tags.filter((t) => t.kind === 'country');
    const feats = countryFeatures(countries, hits, fields, language);
    candidates = countries.map((t, k) => ({
      value: t.value,
      focus: t.role === 'focus',
      rule: t.reason.rule,
      feats: feats[k]!,
      y: labels.includes(t.value),
    }));
  };
  const tagger = createTagger(loadTaxonomy(path.join(here, '../../config')), { traceCountries });
  return COUNTRY_SETS.flatMap((set) =>
    loadEvalSet(path.join(here, `${set}.jsonl`)).map((item) => {
      candidates = [];
      labels = item.countries;
      tagger.tag({ title: item.title, summary: item.summary, language: item.language });
      return { ...item, set, candidates };
    }),
  );
}

export const DEFAULT_COUNTRY_TRAIN: SgdOptions & { prune: number } = {
  epochs: 30,
  rate: 0.1,
  l2: 1e-4,
  minCount: 10,
  prune: 0.005,
  seed: 13,
};

/** Candidates a model decides: a source's own country has no words to judge. */
export const judged = (c: Candidate) => c.rule !== 'country.source-prior';

export interface CountryModel {
  bias: number;
  weights: ReadonlyMap<string, number>;
}

export function trainCountryModel(candidates: readonly Candidate[], opts = DEFAULT_COUNTRY_TRAIN): CountryModel {
  const { weights, bias } = sgdLogistic(
    candidates.filter(judged).map((c) => ({ feats: c.feats, ys: Float64Array.of(c.y ? 1 : 0) })),
    1,
    opts,
  );
  const kept = new Map<string, number>();
  for (const [f, w] of weights) if (Math.abs(w[0]!) >= opts.prune) kept.set(f, w[0]!);
  return { bias: bias[0]!, weights: kept };
}
