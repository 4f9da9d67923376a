// Choosing a decision's parameters in leave-one-set-out cross-validation (topic-model-cv.ts, country-model-cv.ts):
// each left-out set gets the grid point that scores best on the other sets' items, never on its own.

/** The grid point with the highest score (the first of equals). */
export function bestOf<G>(grid: readonly G[], scoreOf: (g: G) => number): G {
  let best = grid[0] as G;
  let bestF = -1;
  for (const g of grid) {
    const f = scoreOf(g);
    if (f > bestF + 1e-9) [best, bestF] = [g, f];
  }
  return best;
}

/** For each set, the grid point best on every item of the other sets (`scoreOn`: F1 of a grid point on items). */
export function chosenPerSet<G>(
  sets: readonly string[],
  setOf: (k: number) => string,
  all: readonly number[],
  grid: readonly G[],
  scoreOn: (items: readonly number[], g: G) => number,
): Map<string, G> {
  return new Map(
    sets.map((set) => {
      const others = all.filter((k) => setOf(k) !== set);
      return [set, bestOf(grid, (g) => scoreOn(others, g))];
    }),
  );
}

/** Micro counts of labels found (tp), wrongly given (fp) and missed (fn). */
export interface Count {
  tp: number;
  fp: number;
  fn: number;
}

export const f1 = (c: Count) => (2 * c.tp) / (2 * c.tp + c.fp + c.fn || 1);

/** "P .. R .. F1 ..", and the counts themselves with `counts`. */
export const prf = (c: Count, counts = false) =>
  `P ${(c.tp / (c.tp + c.fp || 1)).toFixed(3)} R ${(c.tp / (c.tp + c.fn || 1)).toFixed(3)} F1 ${f1(c).toFixed(3)}` +
  (counts ? ` (tp ${c.tp} fp ${c.fp} fn ${c.fn})` : '');

/** Adds one item's labels given (`got`) against its gold labels (`want`) to `c`. */
export function tally(c: Count, got: ReadonlySet<string>, want: ReadonlySet<string>): void {
  for (const v of got)
    if (want.has(v)) c.tp++;
    else c.fp++;
  for (const v of want) if (!got.has(v)) c.fn++;
}
