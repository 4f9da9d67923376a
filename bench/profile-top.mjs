// Reads a V8 CPU profile (node --cpu-prof, e.g. from `bench/console.ts --profile DIR`) and prints where the time
// went: the functions with the most self time and with the most inclusive time, optionally only in the samples
// whose stack passes through a frame matching WITHIN (a function name or file path fragment).
//
// With --callers TEXT: who calls the frames matching TEXT, by the time spent in them (prepare, pragma, ...).
//
//   node bench/profile-top.mjs FILE.cpuprofile [--within TEXT] [--callers TEXT] [--top N]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args[0];
const opt = (name) => {
  const i = args.indexOf(name);
  return i > 0 ? args[i + 1] : undefined;
};
const within = opt('--within');
const callersOf = opt('--callers');
const top = Number(opt('--top') ?? 25);
if (!file) {
  console.error('usage: profile-top.mjs FILE.cpuprofile [--within TEXT] [--top N]');
  process.exit(2);
}

const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^file:\/\/.*?\/(src|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
const matches = (n) => !within || label(n).includes(within);

// Time per sample from the timeDeltas; each sample is charged to its leaf node.
const ms = new Map();
const samples = prof.samples ?? [];
const deltas = prof.timeDeltas ?? [];
for (let i = 0; i < samples.length; i++) {
  const d = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
  ms.set(samples[i], (ms.get(samples[i]) ?? 0) + d);
}

const self = new Map();
const inclusive = new Map();
const callers = new Map();
let total = 0;
let kept = 0;
for (const [leaf, t] of ms) {
  total += t;
  const stack = [];
  for (let id = leaf; id !== undefined; id = parent.get(id)) stack.push(byId.get(id));
  if (within && !stack.some(matches)) continue;
  kept += t;
  const leafLabel = label(stack[0]);
  self.set(leafLabel, (self.get(leafLabel) ?? 0) + t);
  for (const l of new Set(stack.map(label))) inclusive.set(l, (inclusive.get(l) ?? 0) + t);
  if (callersOf) {
    // The outermost matching frame, and the first frame outside it that is our code (src/ or bench/).
    let k = stack.length - 1;
    while (k >= 0 && !label(stack[k]).includes(callersOf)) k--;
    if (k >= 0) {
      const above = stack.slice(k + 1).map(label);
      const caller = above.find((l) => / (src|bench)\//.test(l)) ?? above[0] ?? '(root)';
      callers.set(caller, (callers.get(caller) ?? 0) + t);
    }
  }
}

const show = (title, m) => {
  console.log(`\n${title}`);
  for (const [l, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${t.toFixed(0).padStart(8)} ms ${((100 * t) / Math.max(kept, 1e-9)).toFixed(1).padStart(5)}%  ${l}`);
  }
};
console.log(
  `${file}: ${total.toFixed(0)} ms sampled` + (within ? `, ${kept.toFixed(0)} ms with "${within}" on the stack` : ''),
);
show('self time', self);
show('inclusive time', inclusive);
if (callersOf) show(`callers of "${callersOf}" (time inside it)`, callers);
