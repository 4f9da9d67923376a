// The learned check of the rules' country roles (src/tag/focus-model.ts, issue #13), its training data: every country
// candidate the rules give on the read sets that label countries (after every post-step, before the model), what the
// tagger knows of it (its score and share of the top score, its rank, the role and rule the rules gave it, the kinds
// of evidence that named it, where, and the words beside them, the entry's language), and whether the editors labelled
// it a focus; a logistic regression over these (logistic.ts) gives P(focus). country-model-cv.ts measures it by
// leaving one set out, country-model-train.ts writes config/country-model.json. Never the held-apart set, nor a set
// not yet read (dev25 and dev26 judged the shipped weights: docs/tagging.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy, type TaggerOptions } from '../../src/tag/index.ts';
import { countryFeatures, judgedByModel, type CountryFeatures, type FocusModel } from '../../src/tag/focus-model.ts';
import { sgdLogistic, type SgdOptions } from './logistic.ts';
import { FOCUS_TRAINING_DEV_SETS } from './dev2.ts';
import { loadEvalSet, type LabelledItem } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export { countryFeatures, focusProbability, type CountryFeatures } from '../../src/tag/focus-model.ts';

/** The read sets with country labels, each by its own writer: the unit left out in cross-validation. */
export const COUNTRY_SETS = ['tagging-set', ...FOCUS_TRAINING_DEV_SETS.map((n) => `${n}-set`)];

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
export const judged = (c: Candidate) => judgedByModel({ reason: { rule: c.rule } });

export type CountryModel = Pick<FocusModel, 'bias' | 'weights'>;

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
