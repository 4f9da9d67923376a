// Logistic regression by stochastic gradient descent with L2, a fixed seed and fixed epochs: the core shared by the
// topic model's trainer (topic-model.ts, one output per topic) and the country focus model's (country-model.ts, one
// output). Sparse features by name; the same data and options give the same weights.
import type { Features } from '../../src/tag/topic-model.ts';
import { prng } from '../helpers/prng.ts';

export interface SgdOptions {
  epochs: number;
  rate: number;
  /** L2 strength per step on the weights a step touches. */
  l2: number;
  /** Features seen in fewer training rows are left out (noise, and size). */
  minCount: number;
  seed: number;
}

/**
 * Weights per feature (one per output) and biases for rows of features and 0/1 targets (one per output). Biases start
 * at each output's log prior odds and move at a tenth of the weights' rate; the rate falls as rate / (1 + epoch).
 */
export function sgdLogistic(
  data: readonly { feats: Features; ys: Float64Array }[],
  outputs: number,
  opts: SgdOptions,
): { weights: Map<string, Float64Array>; bias: Float64Array } {
  const T = outputs;
  const counts = new Map<string, number>();
  for (const d of data) for (const f of d.feats.keys()) counts.set(f, (counts.get(f) ?? 0) + 1);
  const w = new Map<string, Float64Array>();
  for (const [f, c] of counts) if (c >= opts.minCount) w.set(f, new Float64Array(T));
  const bias = Float64Array.from({ length: T }, (_, k) => {
    const pos = data.filter((d) => d.ys[k] === 1).length + 1;
    return Math.log(pos / (data.length - pos + 2));
  });
  const rows = data.map((d) => [...d.feats].flatMap(([f, v]) => (w.has(f) ? [[w.get(f)!, v] as const] : [])));
  const rnd = prng(opts.seed);
  const order = data.map((_, i) => i);
  const z = new Float64Array(T);
  for (let e = 0; e < opts.epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = opts.rate / (1 + e);
    for (const i of order) {
      const row = rows[i]!;
      const y = data[i]!.ys;
      z.set(bias);
      for (const [ws, v] of row) for (let k = 0; k < T; k++) z[k]! += ws[k]! * v;
      for (let k = 0; k < T; k++) {
        const g = 1 / (1 + Math.exp(-z[k]!)) - y[k]!;
        bias[k]! -= rate * g * 0.1;
        z[k] = g;
      }
      for (const [ws, v] of row) for (let k = 0; k < T; k++) ws[k]! -= rate * (z[k]! * v + opts.l2 * ws[k]!);
    }
  }
  return { weights: w, bias };
}
