// The cycle a running worker does most: every source's document changed by one new item (the oldest one dropped), so
// each document is fetched in full while most of its items are stored already. A worker that remembers what it stored
// (`wireroom run`: dedup/seen.ts) only keys those items; one that does not (`wireroom fetch`, each process one cycle)
// normalizes, tags and sketches them again, and the store finds them unchanged. Both arms in this process, on the
// compiled dist/, with tags and story detection on and the config's prepare threads, each into its own fresh database
// that the first version of the documents filled; the second cycle is timed (wall and CPU), arms alternating.
//
//   node --import tsx bench/warm.ts [--rounds N] [--docs N]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDocuments } from './documents.ts';
import { isMain, median, row, type BenchResult, type WorkCheck } from './report.ts';
import { createWorkerDeps, loadConfig, openStore, runCycle } from './shipped.ts';

/** A document's two versions: without its newest item, then without its oldest (one new item, one gone). */
function versions(body: Buffer): [string, string] {
  const xml = body.toString('utf8');
  const tag = xml.includes('<entry>') ? 'entry' : 'item';
  const blocks = xml.split(`<${tag}>`);
  const head = blocks.shift() ?? '';
  const last = blocks.pop() ?? '';
  const close = `</${tag}>`;
  const tail = last.slice(last.indexOf(close) + close.length);
  const all = [...blocks, last.slice(0, last.indexOf(close) + close.length)].map((b) => `<${tag}>${b}`);
  const doc = (items: string[]) => head + items.join('') + tail;
  return [doc(all.slice(1)), doc(all.slice(0, -1))];
}

interface Arm {
  label: string;
  rememberItems: boolean;
}

const ARMS: Arm[] = [
  { label: 'remembering stored items (wireroom run)', rememberItems: true },
  { label: 'preparing every item again', rememberItems: false },
];

async function round(root: string, docs: [string, string][], arm: Arm, r: number) {
  const dir = path.join(root, `${r}-${arm.rememberItems ? 'seen' : 'all'}`);
  const feeds = path.join(dir, 'feeds');
  mkdirSync(feeds, { recursive: true });
  const files = docs.map((_, i) => path.join(feeds, `${i}.xml`));
  docs.forEach(([first], i) => writeFileSync(files[i] ?? '', first));
  mkdirSync(path.join(dir, 'config'));
  writeFileSync(path.join(dir, 'config', 'wireroom.yaml'), 'schedule:\n  run_on_start: false\n');
  writeFileSync(
    path.join(dir, 'config', 'sources.yaml'),
    `sources:\n${files.map((f, i) => `  - { id: doc-${i}, url: "${pathToFileURL(f).href}" }`).join('\n')}\n`,
  );
  const config = loadConfig(path.join(dir, 'config'));
  const store = openStore(path.join(dir, 'db.sqlite'));
  store.sources.sync(config.sources, new Date().toISOString());
  const deps = createWorkerDeps(config, store, undefined, { rememberItems: arm.rememberItems });
  try {
    await runCycle(deps, { force: true });
    docs.forEach(([, second], i) => writeFileSync(files[i] ?? '', second));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await runCycle(deps, { force: true });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const sum = (k: 'new' | 'updated' | 'unchanged') => report.sources.reduce((n, s) => n + s[k], 0);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, new: sum('new'), unchanged: sum('unchanged') };
  } finally {
    await deps.preparer.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runWarmBench(opts: { rounds?: number; docs?: number } = {}): Promise<BenchResult> {
  const rounds = opts.rounds ?? 3;
  const generated = generateDocuments(opts.docs ?? 200, 7);
  const docs = generated.map((d) => versions(d.body));
  const items = generated.reduce((n, d) => n + d.items - 1, 0);
  console.log(
    `warm: ${docs.length} documents, ${items} items each time; the second cycle: one new item a document, the rest ` +
      `stored already; ${rounds} rounds, arms alternating, median reported`,
  );
  const root = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-warm-'));
  const runs = new Map(ARMS.map((a) => [a, [] as Awaited<ReturnType<typeof round>>[]]));
  try {
    for (let r = 0; r < rounds; r++) for (const arm of ARMS) runs.get(arm)?.push(await round(root, docs, arm, r));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const [seen, all] = ARMS.map((a) => runs.get(a) ?? []);
  if (!seen || !all) throw new Error('warm: an arm did not run');
  const work: WorkCheck[] = [
    {
      bench: 'warm',
      comparison: 'second cycle',
      unit: 'entries stored new, and found unchanged',
      arms: ARMS.map((a) => {
        const first = runs.get(a)?.[0];
        return { arm: a.label, done: (first?.new ?? 0) * 1_000_000 + (first?.unchanged ?? 0) };
      }),
      expected: docs.length * 1_000_000 + (items - docs.length),
    },
  ];
  const ms = (xs: { ms: number }[]) => median(xs.map((x) => x.ms));
  const cpu = (xs: { cpuMs: number }[]) => median(xs.map((x) => x.cpuMs));
  return {
    rows: [
      row({
        bench: 'warm',
        figure: `changed documents, one new item each: ${ARMS[0]?.label}`,
        value: ms(seen) / 1000,
        unit: 's',
        baseline: ms(all) / 1000,
        baselineLabel: ARMS[1]?.label,
      }),
      row({
        bench: 'warm',
        figure: `the same, CPU time of the process (every thread)`,
        value: cpu(seen) / 1000,
        unit: 's',
        baseline: cpu(all) / 1000,
        baselineLabel: ARMS[1]?.label,
      }),
    ],
    work,
  };
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const { printRows, reportWork } = await import('./report.ts');
  const result = await runWarmBench({ rounds: arg('--rounds'), docs: arg('--docs') });
  printRows(result.rows);
  process.exitCode = reportWork(result.work) ? 0 : 1;
}
