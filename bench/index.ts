// `npm run bench`: every benchmark, each figure beside a baseline measured in the same run, then one table.
//
//   npm run bench                      all of them
//   npm run bench -- --only ingest     one (ingest, cycle, tagging, stories, feeds)
//
// ingest and cycle live here; tagging, stories and feeds belong to the other stages and are run when their
// files exist. Nothing is written to disk: results are printed only.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printRows, row, verdict, type Row } from './report.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

interface Bench {
  name: string;
  file: string;
  /** Exported functions tried in order; the first that exists is called with `{ log }` (others are ignored by it). */
  entry: string[];
}

const BENCHES: Bench[] = [
  { name: 'ingest', file: 'ingest.ts', entry: ['runIngestBench'] },
  { name: 'cycle', file: 'cycle.ts', entry: ['runCycleBench'] },
  { name: 'tagging', file: 'tagging.ts', entry: ['runTaggingBench', 'run', 'bench', 'main', 'default'] },
  { name: 'stories', file: 'stories.ts', entry: ['runStoriesBench', 'runStoryBench', 'run', 'bench', 'main', 'default'] },
  { name: 'feeds', file: 'feeds.ts', entry: ['runFeedsBench', 'runFeedBench', 'run', 'bench', 'main', 'default'] },
];

/** Accepts our Row shape, or anything close to it ({ name|figure, value, baseline?, ratio?, target? }). */
function toRows(bench: string, result: unknown): Row[] {
  const list = Array.isArray(result) ? result : result && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows) ? (result as { rows: unknown[] }).rows : [];
  const rows: Row[] = [];
  for (const x of list) {
    if (!x || typeof x !== 'object') continue;
    const r = x as Record<string, unknown>;
    const value = typeof r.value === 'number' ? r.value : undefined;
    const figure = typeof r.figure === 'string' ? r.figure : typeof r.name === 'string' ? r.name : typeof r.label === 'string' ? r.label : undefined;
    if (value === undefined || !figure) continue;
    let target = r.target as Row['target'] | number | string | undefined;
    if (typeof target === 'string') {
      const m = /^(>=|<=|≥|≤)\s*([\d.]+)/.exec(target);
      target = m ? { op: m[1] === '>=' || m[1] === '≥' ? '>=' : '<=', value: Number(m[2]) } : undefined;
    } else if (typeof target === 'number') target = undefined; // direction unknown
    rows.push(
      row({
        bench: typeof r.bench === 'string' ? r.bench : bench,
        figure,
        value,
        unit: typeof r.unit === 'string' ? r.unit : '',
        baseline: typeof r.baseline === 'number' ? r.baseline : undefined,
        baselineLabel: typeof r.baselineLabel === 'string' ? r.baselineLabel : undefined,
        ratio: typeof r.ratio === 'number' ? r.ratio : undefined,
        target: target && typeof target === 'object' && 'op' in target ? target : undefined,
        note: typeof r.note === 'string' ? r.note : undefined,
      }),
    );
  }
  return rows;
}

async function runOne(b: Bench): Promise<{ rows: Row[]; status: string }> {
  const file = path.join(HERE, b.file);
  if (!existsSync(file)) return { rows: [], status: `not run: bench/${b.file} does not exist yet` };
  const t0 = performance.now();
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const name = b.entry.find((e) => typeof mod[e] === 'function');
    if (!name) {
      const fns = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
      return { rows: [], status: `not run: bench/${b.file} exports no runnable function (found: ${fns.join(', ') || 'none'})` };
    }
    const result = await (mod[name] as (o: { log: (line: string) => void }) => Promise<unknown>)({ log: (line) => console.log(line) });
    const rows = toRows(b.name, result);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    return { rows, status: `ran ${name}() in ${secs} s${rows.length ? `, ${rows.length} figures` : ', no figures returned (see its own output above)'}` };
  } catch (err) {
    const e = err as Error;
    return { rows: [], status: `failed: ${e?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(err)}` };
  }
}

/**
 * Figures that relate two benches of the same run: tagging's cost beside the whole ingest pipeline's per-entry
 * cost (which includes tagging), as the share it adds to ingesting without it. The pipeline figure is the one-thread
 * run: on a prepare thread tagging overlaps with storing, and its share would look smaller than it is.
 */
function derivedRows(rows: Row[]): Row[] {
  const ingest = rows.find((r) => r.bench === 'ingest' && r.figure === 'cost per entry, full pipeline, one thread');
  const tagging = rows.find((r) => r.bench === 'tagging' && r.figure === 'tag entries/s');
  if (!ingest || !tagging || !tagging.value) return [];
  const tagUs = 1e6 / tagging.value;
  const withoutTagging = ingest.value - tagUs;
  return [
    row({
      bench: 'tagging',
      figure: 'tagging cost per entry',
      value: tagUs,
      unit: 'µs',
      baseline: withoutTagging,
      baselineLabel: 'rest of the ingest pipeline, same run',
      target: { op: '<=', value: 0.25 },
      note: `tagging adds ${((100 * tagUs) / withoutTagging).toFixed(0)}% to ingest time (target <= 25%)`,
    }),
  ];
}

function parseArgs(argv: string[]): { only?: string } {
  const i = argv.indexOf('--only');
  const only = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  return { only };
}

async function main(): Promise<number> {
  const { only } = parseArgs(process.argv.slice(2));
  const selected = only ? BENCHES.filter((b) => b.name === only) : BENCHES;
  if (only && selected.length === 0) {
    console.error(`unknown bench "${only}"; one of: ${BENCHES.map((b) => b.name).join(', ')}`);
    return 2;
  }
  console.log(`wireroom bench: node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString()}\n`);
  const all: Row[] = [];
  const statuses: [string, string][] = [];
  const t0 = performance.now();
  for (const b of selected) {
    console.log(`== ${b.name}`);
    const r = await runOne(b);
    if (r.status.startsWith('not run') || r.status.startsWith('failed')) console.log(`  ${r.status}`);
    all.push(...r.rows);
    statuses.push([b.name, r.status]);
    console.log('');
  }
  all.push(...derivedRows(all));
  console.log(`== summary (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  for (const [name, status] of statuses) console.log(`  ${name.padEnd(8)} ${status}`);
  if (all.length) printRows(all, '');
  const missed = all.filter((r) => verdict(r) === 'miss').length;
  const passed = all.filter((r) => verdict(r) === 'pass').length;
  console.log(`\n${passed} target(s) met, ${missed} missed. A bench is a measurement, not a test: the exit code is 0 either way.`);
  return 0;
}

process.exitCode = await main();
