// Leave-one-set-out cross-validation of the country focus model over the read sets that label countries: train on
// every set but one, score the one left out (each set has its own writer, so this imitates copy nobody read). Focus
// countries against labels, micro P/R/F1 per set, pooled and per language, for the rules alone (today's tagger:
// optimistic here, the rules were tuned on these sets) and the rules joined with the model, whose thresholds for each
// left-out set are chosen on the other sets' out-of-fold predictions (nested), never on the set scored.
// `node --import tsx tests/eval/country-model-cv.ts [--epochs N] [--rate X] [--l2 X] [--min-count N] [--no-rules] [--pairs]`
import { bestOf, chosenPerSet, f1, prf, tally, type Count } from './cv.ts';
import { LANGUAGES } from './tagging.ts';
import {
  COUNTRY_SETS,
  DEFAULT_COUNTRY_TRAIN,
  focusProbability,
  judged,
  loadCountryItems,
  trainCountryModel,
  type CountryItem,
} from './country-model.ts';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const trainOpts = {
  ...DEFAULT_COUNTRY_TRAIN,
  epochs: Number(arg('--epochs') ?? DEFAULT_COUNTRY_TRAIN.epochs),
  l2: Number(arg('--l2') ?? DEFAULT_COUNTRY_TRAIN.l2),
  rate: Number(arg('--rate') ?? DEFAULT_COUNTRY_TRAIN.rate),
  minCount: Number(arg('--min-count') ?? DEFAULT_COUNTRY_TRAIN.minCount),
};

const items: CountryItem[] = loadCountryItems();
// --no-rules: the model reads the evidence only, not the role and rule the rules gave (a second opinion, not an echo).
if (process.argv.includes('--no-rules'))
  for (const it of items)
    for (const c of it.candidates) c.feats = new Map([...c.feats].filter(([f]) => !/^(role|rule|F:|M:)/.test(f)));
// --pairs: every pair of the plain binary features as one more feature (interactions a linear model cannot draw).
if (process.argv.includes('--pairs'))
  for (const it of items)
    for (const c of it.candidates) {
      const plain = [...c.feats].filter(([f, v]) => v === 1 && !/^(F:|M:)/.test(f)).map(([f]) => f);
      for (let a = 0; a < plain.length; a++)
        for (let b = a + 1; b < plain.length; b++) c.feats.set(`${plain[a]}&${plain[b]}`, 1);
    }
// Out-of-fold P(focus) per item, per candidate.
const probs: number[][] = items.map((it) => it.candidates.map(() => NaN));
for (const set of COUNTRY_SETS) {
  const model = trainCountryModel(
    items.filter((it) => it.set !== set).flatMap((it) => it.candidates),
    trainOpts,
  );
  items.forEach((it, k) => {
    if (it.set === set) it.candidates.forEach((c, j) => (probs[k]![j] = focusProbability(model, c.feats)));
  });
}

/** Focus countries by `decide` (per candidate) against the labels; labels with no candidate are misses. */
function score(idx: readonly number[], decide: (k: number, j: number) => boolean): Count {
  const c: Count = { tp: 0, fp: 0, fn: 0 };
  for (const k of idx) {
    const it = items[k]!;
    tally(c, new Set(it.candidates.flatMap((cand, j) => (decide(k, j) ? [cand.value] : []))), new Set(it.countries));
  }
  return c;
}

const rule = (k: number, j: number) => items[k]!.candidates[j]!.focus;
const p = (k: number, j: number) => probs[k]![j]!;
const mayChange = (k: number, j: number) => judged(items[k]!.candidates[j]!);
type Decider = (params: number[]) => (k: number, j: number) => boolean;
const LOWS = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
const HIGHS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01];
const METHODS: [string, number[][], Decider][] = [
  ['rules alone', [[]], () => rule],
  [
    'oracle: every candidate decided right (the most this step can reach)',
    [[]],
    () => (k, j) => items[k]!.candidates[j]!.y,
  ],
  [
    'model alone: focus at p>=t',
    [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6].map((t) => [t]),
    ([t]) =>
      (k, j) =>
        mayChange(k, j) ? p(k, j) >= t! : rule(k, j),
  ],
  [
    'rules, demote focus at p<lo',
    LOWS.map((lo) => [lo]),
    ([lo]) =>
      (k, j) =>
        rule(k, j) && !(mayChange(k, j) && p(k, j) < lo!),
  ],
  [
    'rules, promote mention at p>=hi',
    HIGHS.map((hi) => [hi]),
    ([hi]) =>
      (k, j) =>
        rule(k, j) || (mayChange(k, j) && p(k, j) >= hi!),
  ],
  [
    'rules, demote lo + promote hi',
    LOWS.flatMap((lo) => HIGHS.map((hi) => [lo, hi])),
    ([lo, hi]) =>
      (k, j) =>
        mayChange(k, j) ? p(k, j) >= (rule(k, j) ? lo! : hi!) : rule(k, j),
  ],
  [
    'rules, demote lo + promote hi, an entry keeps its one focus',
    LOWS.flatMap((lo) => HIGHS.map((hi) => [lo, hi])),
    ([lo, hi]) => {
      const base = (k: number, j: number) => (mayChange(k, j) ? p(k, j) >= (rule(k, j) ? lo! : hi!) : rule(k, j));
      return (k, j) => base(k, j) || (rule(k, j) && !items[k]!.candidates.some((_, i) => i !== j && base(k, i)));
    },
  ],
];

const all = items.map((_, k) => k);
const bySet = new Map(COUNTRY_SETS.map((s) => [s, all.filter((k) => items[k]!.set === s)]));
const candidates = items.reduce((n, it) => n + it.candidates.length, 0);
console.log(
  `${items.length} items, ${candidates} candidates, ${COUNTRY_SETS.length} sets; train ${JSON.stringify(trainOpts)}`,
);
for (const [name, grid, decider] of METHODS) {
  const chosen = chosenPerSet(
    COUNTRY_SETS,
    (k) => items[k]!.set,
    all,
    grid,
    (idx, g) => f1(score(idx, decider(g))),
  );
  const decide = (k: number, j: number) => decider(chosen.get(items[k]!.set)!)(k, j);
  const overallG = bestOf(grid, (g) => f1(score(all, decider(g))));
  // Items this method gets right and the rules get wrong, and the other way round (a sign test's counts).
  let better = 0;
  let worse = 0;
  for (const k of all) {
    const m = f1(score([k], decide));
    const r = f1(score([k], rule));
    if (m > r) better++;
    if (m < r) worse++;
  }
  console.log(
    `\n== ${name}: pooled ${prf(score(all, decide), true)}; params on all sets ${JSON.stringify(overallG)}; ` +
      `items better than the rules ${better}, worse ${worse}`,
  );
  console.log(
    '  chosen per left-out set: ' + [...new Set([...chosen.values()].map((g) => JSON.stringify(g)))].join(' '),
  );
  for (const s of COUNTRY_SETS)
    console.log(`  ${s.replace('-set', '').padEnd(8)} ${prf(score(bySet.get(s)!, decide), true)}`);
  for (const l of LANGUAGES)
    console.log(
      `  ${l.padEnd(8)} ${prf(
        score(
          all.filter((k) => items[k]!.language === l),
          decide,
        ),
        true,
      )}`,
    );
}
