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
