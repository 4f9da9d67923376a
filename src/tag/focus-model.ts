// A learned check of the rules' country roles (issue #13): after every rule and post-step, a logistic regression over
// what the tagger knows of each country it tagged (its score and share of the top score, its rank, the role and rule
// the rules gave, the kinds of evidence that named it, in which field, the words beside them, the entry's language)
// gives P(focus). A focus the model finds unlikely becomes a mention, and a mention it finds likely a focus; a source's
// own country is left alone (there are no words to judge). Trained from the read eval sets by `npm run
// train:countries` into config/country-model.json; thresholds in countries.yaml's `focus_model`. Pure.
import type { Tag } from '../types.ts';
import type { PlaceHit, TextField } from './locate.ts';

/** Features of one country candidate: name -> value. */
export type CountryFeatures = Map<string, number>;

/** The weights file: what `npm run train:countries` writes. */
export interface FocusModelData {
  about?: Record<string, unknown>;
  bias: number;
  weights: Record<string, number>;
}

/** countries.yaml's `focus_model` with its weights, as the taxonomy carries it (plain data: it goes to threads). */
export interface FocusModelConfig {
  data: FocusModelData;
  /** Of the weights file: a changed file is a changed taxonomy. */
  digest: string;
  /** A focus below this P(focus) becomes a mention. */
  demoteBelow: number;
  /** A mention at or above this P(focus) becomes a focus. */
  promoteAt: number;
}

export interface FocusModel {
  bias: number;
  weights: ReadonlyMap<string, number>;
  /** The weights of "F:name" and "M:name" by name, so that scoring builds one string per feature, not three. */
  byRole: { focus: ReadonlyMap<string, number>; mention: ReadonlyMap<string, number> };
  demoteBelow: number;
  promoteAt: number;
}

export function compileFocusModel(c: FocusModelConfig): FocusModel {
  const focus = new Map<string, number>();
  const mention = new Map<string, number>();
  for (const [name, w] of Object.entries(c.data.weights)) {
    if (name.startsWith('F:')) focus.set(name.slice(2), w);
    else if (name.startsWith('M:')) mention.set(name.slice(2), w);
  }
  return {
    bias: c.data.bias,
    weights: new Map(Object.entries(c.data.weights)),
    byRole: { focus, mention },
    demoteBelow: c.demoteBelow,
    promoteAt: c.promoteAt,
  };
}

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
 * Calls put(k, name, value) for each feature of each country tag (k: the tag's index among the country tags), from the
 * tags the rules gave (after every post-step) and the place hits behind them. A hit is the country's when its codes
 * name it. Every feature also counts once more by the rules' role ("F:" or "M:" before its name, see below): the same
 * evidence means something else for a country the rules made a focus and for one they left a mention.
 */
function visitFeatures(
  tags: readonly Tag[],
  hits: readonly PlaceHit[],
  fields: readonly CountryField[],
  language: string | undefined,
  put: (k: number, name: string, value: number) => void,
): void {
  const countries = tags.filter((t) => t.kind === 'country');
  const top = countries.reduce((m, t) => Math.max(m, t.score), 0) || 1;
  const sorted = countries.map((t) => t.score).sort((a, b) => b - a);
  const focusCount = countries.filter((t) => t.role === 'focus').length;
  const length = new Map(fields.map((f) => [f.field, f.tokens.folded.length || 1]));
  const folded = new Map(fields.map((f) => [f.field, f.tokens.folded]));
  const lang = language && LANGUAGES.has(language) ? language : 'other';
  countries.forEach((t, k) => {
    const set = (name: string, v = 1) => put(k, name, v);
    set('bias');
    const rule = t.reason.rule.replace(/^country\./, '');
    set(`rule.${rule}`);
    set(`field.${t.reason.field ?? 'none'}`);
    set('score', Math.min(t.score, 8) / 8);
    // Share and score by steps: what they mean is not linear (a focus at 0.55 of the top is another story than at 0.9).
    const share = t.score / top;
    set('share', share);
    set(`share.${step(share, SHARE_STEPS)}`);
    set(`score.${step(t.score, SCORE_STEPS)}`);
    set(`rule.${rule}.${t.reason.field ?? 'none'}`);
    const rank = sorted.indexOf(t.score);
    set(`rank.${Math.min(rank, 2)}`);
    set(`candidates.${Math.min(countries.length, 4)}`);
    set(`foci.${Math.min(focusCount, 3)}`);
    if (rank === 0 && sorted.length > 1) set('lead', (t.score - (sorted[1] ?? 0)) / top);
    set(`lang.${lang}`);
    let first: PlaceHit | undefined;
    const perField = { title: 0, summary: 0, content: 0 };
    let ambiguous = false;
    for (const h of hits) {
      if (!h.place.codes.includes(t.value)) continue;
      if (h.place.codes.length > 1) ambiguous = true;
      perField[h.field]++;
      set(`kind.${h.place.kind}`);
      set(`kind.${h.place.kind}.${h.field}`);
      for (const flag of FLAGS) if (h[flag]) set(`flag.${flag}`);
      if (h.sentenceRole) set(`sentence.${h.sentenceRole}`);
      // The words beside it: prepositions and verbs say whether the country acts, hosts or is where people go.
      const words = folded.get(h.field);
      if (words && h.field !== 'content') {
        const side = h.field === 'title' ? 't' : 's';
        set(`prev.${side}.${h.from > 0 ? words[h.from - 1] : '^'}`);
        set(`next.${side}.${h.to < words.length ? words[h.to] : '$'}`);
      }
      if (!first || FIELD_ORDER[h.field] < FIELD_ORDER[first.field] || (h.field === first.field && h.from < first.from))
        first = h;
    }
    if (ambiguous) set('ambiguous');
    set('count.title', Math.min(perField.title, 3) / 3);
    set('count.summary', Math.min(perField.summary, 3) / 3);
    set('count.content', Math.min(perField.content, 3) / 3);
    if (first) {
      set(`first.${first.field}`);
      // How far into its field the first evidence is: the opening names what the story is about.
      set(`first.${first.field}.position`, first.from / (length.get(first.field) ?? 1));
    }
  });
}

/** The features of each country tag (same order) by name, as training reads them: see visitFeatures. */
export function countryFeatures(
  tags: readonly Tag[],
  hits: readonly PlaceHit[],
  fields: readonly CountryField[],
  language: string | undefined,
): CountryFeatures[] {
  const out = tags
    .filter((t) => t.kind === 'country')
    .map((t) => ({
      side: t.role === 'focus' ? 'F' : 'M',
      feats: new Map([['role.focus', t.role === 'focus' ? 1 : 0]]),
    }));
  visitFeatures(tags, hits, fields, language, (k, name, v) => {
    const c = out[k];
    if (!c) return;
    c.feats.set(name, v);
    c.feats.set(`${c.side}:${name}`, v);
  });
  return out.map((c) => c.feats);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** P(focus) for one candidate's features. */
export function focusProbability(model: Pick<FocusModel, 'bias' | 'weights'>, feats: CountryFeatures): number {
  let z = model.bias;
  for (const [k, v] of feats) z += (model.weights.get(k) ?? 0) * v;
  return sigmoid(z);
}

/** Tags the model judges: a source's own country has no words to judge. */
export const judgedByModel = (t: Pick<Tag, 'reason'>) => t.reason.rule !== 'country.source-prior';

/**
 * The country tags with the roles the model gives where it disagrees with the rules enough (rule
 * `country.model-mention` or `country.model-focus` in `explain`, the rules' match and field kept). Other tags pass.
 * Scores as focusProbability(countryFeatures(...)) would, without building the feature maps.
 */
export function checkFoci(
  model: FocusModel,
  tags: readonly Tag[],
  hits: readonly PlaceHit[],
  fields: readonly CountryField[],
  language: string | undefined,
): Tag[] {
  const countries = tags.filter((t) => t.kind === 'country');
  if (!countries.some(judgedByModel)) return [...tags];
  const { weights, byRole } = model;
  const judged = countries.map((t) => ({
    own: t.role === 'focus' ? byRole.focus : byRole.mention,
    z: model.bias + (t.role === 'focus' ? (weights.get('role.focus') ?? 0) : 0),
    // A feature named again (a second hit of the same kind) keeps its last value, as in a map of features.
    last: new Map<string, number>(),
  }));
  visitFeatures(tags, hits, fields, language, (k, name, v) => {
    const c = judged[k];
    if (!c) return;
    const w = (weights.get(name) ?? 0) + (c.own.get(name) ?? 0);
    const before = c.last.get(name);
    if (before !== undefined) c.z -= w * before;
    c.last.set(name, v);
    c.z += w * v;
  });
  let k = 0;
  return tags.map((t) => {
    if (t.kind !== 'country') return t;
    const c = judged[k++];
    if (!c || !judgedByModel(t)) return t;
    const p = sigmoid(c.z);
    if (t.role === 'focus' && p < model.demoteBelow)
      return { ...t, role: 'mention', reason: { ...t.reason, rule: 'country.model-mention' } };
    if (t.role !== 'focus' && p >= model.promoteAt)
      return { ...t, role: 'focus', reason: { ...t.reason, rule: 'country.model-focus' } };
    return t;
  });
}
