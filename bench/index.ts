// `npm run bench`: every benchmark, each figure beside a baseline measured in the same run, then one table and
// the work checks (each comparison's arms must have done the same work; a MISMATCH exits non-zero).
//
//   npm run bench                      all of them
//   npm run bench -- --only ingest     one (ingest, cycle, warm, tagging, stories, retag, feeds, console, startup)
//   npm run bench -- --sources 3000    the cycle bench's source count (default 1,000)
//
// Nothing is written to disk except the cached generated inputs under .bench-cache/ (gitignored).
import os from 'node:os';
import { printRows, reportWork, verdict, type BenchResult, type Row, type WorkCheck } from './report.ts';

interface Bench {
  name: string;
  /** Loads the bench's module and runs it with its default sizes (or the sizes given on the command line). */
  run: (args: Args) => Promise<BenchResult>;
}

interface Args {
  only?: string;
  sources?: number;
}

// The registry: one entry per bench, each calling its module's exported runner by name (checked by tsc).
const BENCHES: Bench[] = [
  { name: 'ingest', run: async () => (await import('./ingest.ts')).runIngestBench() },
  { name: 'cycle', run: async (a) => (await import('./cycle.ts')).runCycleBench({ sources: a.sources }) },
  { name: 'warm', run: async () => (await import('./warm.ts')).runWarmBench() },
  { name: 'tagging', run: async () => (await import('./tagging.ts')).runTaggingBench({ log: (l) => console.log(l) }) },
  { name: 'stories', run: async () => (await import('./stories.ts')).runStoriesBench({ log: (l) => console.log(l) }) },
  { name: 'retag', run: async () => (await import('./retag.ts')).runRetagBench({ log: (l) => console.log(l) }) },
  { name: 'feeds', run: async () => (await import('./feeds.ts')).runFeedsBench({ log: (l) => console.log(l) }) },
  { name: 'console', run: async () => (await import('./console.ts')).runConsoleBench({ log: (l) => console.log(l) }) },
  { name: 'fleet', run: async (a) => (await import('./fleet.ts')).runFleetBench({ sources: a.sources }) },
  { name: 'feeds-pg', run: async () => (await import('./feeds-pg.ts')).runFeedsPgBench() },
  { name: 'startup', run: async () => (await import('./startup.ts')).runStartupBench({ log: (l) => console.log(l) }) },
];

async function runOne(b: Bench, args: Args): Promise<{ result?: BenchResult; status: string }> {
  const t0 = performance.now();
  try {
    const result = await b.run(args);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    return { result, status: `ran in ${secs} s, ${result.rows.length} figures, ${result.work.length} work checks` };
  } catch (err) {
    const e = err as Error;
    return { status: `failed: ${e.stack?.split('\n').slice(0, 3).join(' | ') ?? String(err)}` };
  }
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function parseArgs(argv: string[]): Args {
  const sources = flag(argv, '--sources');
  return { only: flag(argv, '--only'), sources: sources === undefined ? undefined : Number(sources) };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const { only } = args;
  if (args.sources !== undefined && !(Number.isInteger(args.sources) && args.sources > 0)) {
    console.error('--sources takes a positive whole number');
    return 2;
  }
  const selected = only ? BENCHES.filter((b) => b.name === only) : BENCHES;
  if (only && selected.length === 0) {
    console.error(`unknown bench "${only}"; one of: ${BENCHES.map((b) => b.name).join(', ')}`);
    return 2;
  }
  console.log(`wireroom bench: node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString()}\n`);
  const rows: Row[] = [];
  const work: WorkCheck[] = [];
  const statuses: [string, string][] = [];
  let failed = 0;
  const t0 = performance.now();
  for (const b of selected) {
    console.log(`== ${b.name}`);
    const r = await runOne(b, args);
    if (!r.result) {
      failed++;
      console.log(`  ${r.status}`);
    }
    rows.push(...(r.result?.rows ?? []));
    work.push(...(r.result?.work ?? []));
    statuses.push([b.name, r.status]);
    console.log('');
  }
  console.log(`== summary (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  for (const [name, status] of statuses) console.log(`  ${name.padEnd(8)} ${status}`);
  if (rows.length) printRows(rows, '');
  const missed = rows.filter((r) => verdict(r) === 'miss').length;
  const passed = rows.filter((r) => verdict(r) === 'pass').length;
  console.log(
    `\n${passed} target(s) met, ${missed} missed (a missed target is a finding, not a failure of the bench).`,
  );
  const sameWork = reportWork(work);
  if (!sameWork || failed) {
    const why: string[] = [];
    if (!sameWork) why.push('arms of a comparison did different work');
    if (failed) why.push(`${failed} bench(es) failed`);
    console.log(`exit 1: ${why.join('; ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
