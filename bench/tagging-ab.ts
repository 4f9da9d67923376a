// Two builds of the tagger side by side in one process, for a speed change too small for back-to-back runs on a
// shared machine: both tag the same entries (the labelled headlines with ~2 KB bodies) in alternating chunks, so a
// drift in load hits both alike, and CPU time is summed per build. Run it twice with the builds swapped, and once with
// one build on both sides (A/A) to see the bias of the position.
//
//   node --import tsx bench/tagging-ab.ts DIST_A DIST_B [--entries N]
//   (DIST: a checkout's compiled dist/ folder, e.g. from `git worktree add` and `npm run build` there)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface TaggerModule {
  createTagger(taxonomy: unknown): { tag(input: object): unknown[] };
  loadTaxonomy(dir: string): unknown;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const [distA, distB] = process.argv.slice(2);
if (!distA || !distB) {
  console.error('usage: node --import tsx bench/tagging-ab.ts DIST_A DIST_B [--entries N]');
  process.exit(2);
}
const at = process.argv.indexOf('--entries');
const entries = at > 0 ? Number(process.argv[at + 1]) : 40_000;
const CHUNK = 500;

const load = async (dist: string) =>
  (await import(pathToFileURL(path.resolve(dist, 'tag/index.js')).href)) as TaggerModule;
const config = path.resolve(here, '../config');
const [a, b] = await Promise.all([load(distA), load(distB)]);
const taggers = [a.createTagger(a.loadTaxonomy(config)), b.createTagger(b.loadTaxonomy(config))] as const;

const items = readFileSync(path.resolve(here, '../tests/eval/tagging-set.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { title: string; summary: string; language: string });
// A body of nine other items' summaries, as a feed's content would be.
const inputs = items.map((it, i) => ({
  title: it.title,
  summary: it.summary,
  language: it.language,
  content: Array.from(
    { length: 9 },
    (_, k) => `<p>${items[(i + k * 37) % items.length]?.summary ?? ''} <a href="https://example.org/${k}">more</a></p>`,
  ).join('\n'),
}));

for (let i = 0; i < 3_000; i++) for (const t of taggers) t.tag(inputs[i % inputs.length] as object);
const cpu = [0, 0];
for (let done = 0; done < entries; done += CHUNK) {
  const order = (done / CHUNK) % 2 ? [1, 0] : [0, 1];
  for (const k of order) {
    const t = taggers[k as 0 | 1];
    const start = process.cpuUsage();
    for (let i = done; i < done + CHUNK; i++) t.tag(inputs[i % inputs.length] as object);
    const used = process.cpuUsage(start);
    cpu[k] = (cpu[k] ?? 0) + used.user + used.system;
  }
}
const [ua, ub] = cpu.map((us) => (us ?? 0) / entries);
console.log(`A ${ua?.toFixed(1)} µs/entry  B ${ub?.toFixed(1)} µs/entry  B/A ${((ub ?? 0) / (ua ?? 1)).toFixed(3)}`);
