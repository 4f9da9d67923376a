// Ingest throughput: the whole pipeline (file: fetch -> prepare (parse, normalize + sanitize, keys, tags) ->
// one store transaction per document, through the worker's runCycle) into a temp SQLite file, vs rss-parser's
// parseString alone on the same documents, in the same run. Targets compare like with like: the pipeline on one
// thread (ingest.threads 0) against rss-parser on one thread; what prepare threads add is printed apart
// (threaded vs one thread, same run, same documents). The pipeline is the compiled dist/ (bench/shipped.ts), as
// `wireroom fetch` runs it.
//
//   node --import tsx bench/ingest.ts [--rounds N] [--docs N]
//   node --import tsx bench/ingest.ts --corpus [--rounds N]   only the real-corpus rounds, and their stage breakdown
import { readFileSync, writeFileSync, existsSync, mkdirSync, rmSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import type { WorkerDeps } from '../src/worker/index.ts';
import {
  assignKeys,
  createFounderOnlyAssigner,
  createPreparer,
  createStoryDetector,
  createTagger,
  createWorkerDeps,
  loadConfig,
  loadTaxonomy,
  normalizeFeed,
  openStore,
  parseFeed,
  runCycle,
  sanitizeHtml,
  storySettings,
  tagEntry,
} from './shipped.ts';
import {
  isMain,
  median,
  printRows,
  reportWork,
  row,
  settle,
  type BenchResult,
  type Row,
  type WorkCheck,
} from './report.ts';
import { generateDocuments } from './documents.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');

/** Real-world feeds from the shared corpus (big RSS/Atom documents), if it is there. */
function corpusDocuments(): { name: string; body: Buffer }[] {
  const manifest = path.join(CORPUS, 'manifest.json');
  if (!existsSync(manifest)) return [];
  const list = JSON.parse(readFileSync(manifest, 'utf8')) as {
    file: string;
    format: string;
    category: string;
    bytes?: number;
  }[];
  return list
    .filter(
      (m) =>
        /^real-world/.test(m.category) &&
        /^(rss-2\.0|atom-1\.0|rss-1\.0-rdf)$/.test(m.format) &&
        (m.bytes ?? 0) > 20_000,
    )
    .map((m) => ({ name: m.file, body: readFileSync(path.join(CORPUS, m.file)) }));
}

// ---------------------------------------------------------------------------------------------------------

interface Doc {
  name: string;
  body: Buffer;
}

interface PipelineRun {
  ms: number;
  /** CPU time of the process over the round (every thread: on a loaded machine, steadier than the clock). */
  cpuMs: number;
  entries: number;
  errors: string[];
}

/** CPU time this process has used, user and system, in ms. */
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Writes the documents under `dir`, lists them as file: sources, and returns a fresh config + store. */
function prepareProject(dir: string, docs: Doc[]) {
  const feeds = path.join(dir, 'feeds');
  mkdirSync(feeds, { recursive: true });
  const lines: string[] = ['sources:'];
  docs.forEach((d, i) => {
    const file = path.join(feeds, `${String(i).padStart(3, '0')}.xml`);
    writeFileSync(file, d.body);
    lines.push(`  - { id: doc-${i}, url: "${pathToFileURL(file).href}" }`);
  });
  const config = path.join(dir, 'config');
  mkdirSync(config, { recursive: true });
  writeFileSync(
    path.join(config, 'wireroom.yaml'),
    `schedule:\n  run_on_start: false\nfetch:\n  max_body_bytes: 20000000\n`,
  );
  writeFileSync(path.join(config, 'sources.yaml'), lines.join('\n') + '\n');
  return loadConfig(config);
}

/** What a round runs: #2's pipeline alone, or with tagging (#5) and story detection (#6); threads as configured. */
interface Variant {
  label: string;
  tags: boolean;
  stories: boolean;
  /** Prepare threads; undefined: the config's default (auto). */
  threads?: number;
}

const VARIANTS = {
  ingestOne: { label: 'parse, normalize, sanitize, dedup, store; one thread', tags: false, stories: false, threads: 0 },
  ingestThreaded: {
    label: 'parse, normalize, sanitize, dedup, store; prepare threads (auto)',
    tags: false,
    stories: false,
  },
  fullOne: { label: '+ tags, + story detection; one thread', tags: true, stories: true, threads: 0 },
  fullThreaded: { label: '+ tags, + story detection; prepare threads (auto)', tags: true, stories: true },
} satisfies Record<string, Variant>;

function depsFor(
  variant: Variant,
  config: ReturnType<typeof loadConfig>,
  store: ReturnType<typeof openStore>,
): WorkerDeps {
  const threads = variant.threads ?? config.ingestThreads;
  if (variant.tags && variant.stories) return createWorkerDeps(config, store, undefined, { threads });
  // Without a taxonomy nothing is tagged; without detection each new entry founds its own story.
  return {
    config,
    store,
    preparer: createPreparer({ threads, taxonomy: variant.tags ? loadTaxonomy(config.dir) : undefined }),
    stories: createFounderOnlyAssigner(store),
  };
}

/** One round: one cycle over every document as a file: source (the worker's runCycle), into an empty database. */
async function pipelineRound(docs: Doc[], round: number, root: string, variant: Variant): Promise<PipelineRun> {
  const dir = path.join(root, `round-${round}`);
  const config = prepareProject(dir, docs);
  const store = openStore(path.join(dir, 'db', 'bench.sqlite'));
  const deps = depsFor(variant, config, store);
  store.sources.sync(config.sources, new Date().toISOString());
  const t0 = performance.now();
  const c0 = cpuMs();
  const report = await runCycle(deps, { force: true });
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  const errors = report.sources.filter((r) => r.status !== 'ok').map((r) => `${r.id}: ${r.error ?? r.status}`);
  const entries = report.sources.reduce((n, r) => n + r.new + r.updated + r.unchanged, 0);
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms, cpuMs: cpu, entries, errors };
}

async function rssParserRound(
  parser: Parser,
  docs: Doc[],
): Promise<{ ms: number; cpuMs: number; entries: number; failed: number }> {
  let entries = 0;
  let failed = 0;
  const t0 = performance.now();
  const c0 = cpuMs();
  for (const d of docs) {
    try {
      const feed = await parser.parseString(d.body.toString('utf8'));
      entries += feed.items.length;
    } catch {
      failed++;
    }
  }
  return { ms: performance.now() - t0, cpuMs: cpuMs() - c0, entries, failed };
}

/** Stage by stage on one round on this thread, composed directly (informational: where the time goes). */
async function stageBreakdown(docs: Doc[], root: string) {
  const dir = path.join(root, 'stages');
  const config = prepareProject(dir, docs);
  const store = openStore(path.join(dir, 'db', 'bench.sqlite'));
  store.sources.sync(config.sources, new Date().toISOString());
  const tagger = createTagger(loadTaxonomy(config.dir));
  const detector = createStoryDetector(store, storySettings(config.sources));
  const parser = new Parser();
  const t = { rssParser: 0, parse: 0, normalize: 0, sanitize: 0, keys: 0, tag: 0, store: 0, storeTags: 0, stories: 0 };
  let entries = 0;
  const now = new Date();
  const clock = () => performance.now();
  for (const [i, d] of docs.entries()) {
    const source = config.sources[i]!;
    let a = clock();
    await parser.parseString(d.body.toString('utf8')).catch(() => undefined);
    t.rssParser += clock() - a;
    a = clock();
    let parsed;
    try {
      parsed = await parseFeed(d.body, { url: source.url });
    } catch {
      continue;
    }
    t.parse += clock() - a;
    a = clock();
    for (const item of parsed.items) sanitizeHtml(item.contentHtml ?? item.summaryHtml ?? '', source.url);
    t.sanitize += clock() - a;
    a = clock();
    const normalized = normalizeFeed(parsed, source, { now, feedUrl: source.url });
    t.normalize += clock() - a;
    a = clock();
    const keyed = assignKeys(normalized, { guidReuse: false });
    t.keys += clock() - a;
    a = clock();
    const tags = new Map(keyed.entries.map((e) => [e.key, tagEntry(tagger, e, source)]));
    t.tag += clock() - a;
    const startedAt = now.toISOString();
    const s0 = clock();
    let detection = 0;
    store.transaction(() => {
      const r = store.entries.upsert([...keyed.entries].reverse(), startedAt);
      let b = clock();
      // As src/worker/ingest.ts writes a source's new entries' tags.
      store.tags.replaceMany(
        r.inserted.map((e) => ({ id: e.id, publishedAt: e.publishedAt, tags: tags.get(e.key) ?? [] })),
        true,
      );
      t.storeTags += clock() - b;
      b = clock();
      for (const e of r.inserted) detector.assign(e, startedAt);
      detection = clock() - b;
      store.sources.record(source.id, { status: 'ok', fetchedAt: startedAt, nextFetchAt: startedAt });
    });
    t.stories += detection;
    t.store += clock() - s0 - detection;
    entries += keyed.entries.length;
  }
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return { ...t, entries };
}

/** The real-corpus rounds: rss-parser and the one-thread pipeline alternating, each round on every document. */
async function corpusRounds(
  corpus: Doc[],
  parser: Parser,
  root: string,
  rounds: number,
  work: WorkCheck[],
): Promise<Row[]> {
  if (!corpus.length) {
    console.log('  corpus: ../shared/corpus not found, real-world documents skipped');
    return [];
  }
  const { ingestOne } = VARIANTS;
  const cBase: number[] = [];
  const cPipe: number[] = [];
  const cBaseCpu: number[] = [];
  const cPipeCpu: number[] = [];
  // No settle() between arms here: a forced full collection leaves the young generation small, and the arm after it
  // pays for that (rss-parser's pass on the corpus took 220 ms of CPU after one, 40 ms without), which drew the ratio
  // towards 1 (0.37x with it, 0.20x without, same tree).
  for (let r = 0; r < rounds; r++) {
    const b = await rssParserRound(parser, corpus);
    cBase.push((b.entries / b.ms) * 1000);
    cBaseCpu.push((b.entries / b.cpuMs) * 1000);
    const p = await pipelineRound(corpus, 100 + r, root, ingestOne);
    cPipe.push((p.entries / p.ms) * 1000);
    cPipeCpu.push((p.entries / p.cpuMs) * 1000);
    work.push({
      bench: 'ingest',
      comparison: `real corpus, round ${r + 1}`,
      unit: 'entries parsed (rss-parser) or stored (pipeline)',
      arms: [
        { arm: 'rss-parser', done: b.entries },
        { arm: ingestOne.label, done: p.entries },
      ],
    });
  }
  if (process.env.BENCH_VERBOSE) {
    console.log(`  corpus rounds, entries/s: rss-parser ${cBase.map(Math.round).join(', ')}`);
    console.log(`  corpus rounds, entries/s: pipeline ${cPipe.map(Math.round).join(', ')}`);
  }
  const cBytes = corpus.reduce((n, d) => n + d.body.length, 0);
  console.log(
    `  corpus: ${corpus.length} real-world documents from ../shared/corpus ` +
      `(${(cBytes / 1024 / 1024).toFixed(1)} MB)`,
  );
  return [
    row({
      bench: 'ingest',
      figure: `entries/s, real corpus: ${ingestOne.label}`,
      value: median(cPipe),
      unit: '/s',
      baseline: median(cBase),
      baselineLabel: 'rss-parser, one thread',
      // Issue #14's target for real-world documents (the 0.5x of issue #2 was for generated ones).
      target: { op: '>=', value: 0.35 },
    }),
    row({
      bench: 'ingest',
      figure: `entries per CPU second, real corpus: ${ingestOne.label}`,
      value: median(cPipeCpu),
      unit: '/s',
      baseline: median(cBaseCpu),
      baselineLabel: 'rss-parser, one thread',
      note: 'CPU time of the process per round (steadier than the clock when other work shares the cores)',
    }),
  ];
}

export interface IngestBenchOptions {
  rounds?: number;
  docs?: number;
  /** Only the real-corpus rounds (and a stage breakdown on the corpus): a quick check of that one target. */
  corpusOnly?: boolean;
}

type Stages = Awaited<ReturnType<typeof stageBreakdown>>;

/** Median of each stage over several breakdown rounds. */
function medianStages(list: Stages[]): Stages {
  const first = list[0];
  if (!first) throw new Error('no stage breakdown round');
  const out = { ...first };
  for (const k of Object.keys(first) as (keyof Stages)[]) out[k] = median(list.map((x) => x[k]));
  return out;
}

/** `--corpus`: warm up on the corpus, its rounds, then where the time goes on it (stages composed directly). */
async function corpusOnly(corpus: Doc[], parser: Parser, root: string, rounds: number): Promise<BenchResult> {
  const work: WorkCheck[] = [];
  await rssParserRound(parser, corpus);
  await pipelineRound(corpus, -1, root, VARIANTS.ingestOne);
  const rows = await corpusRounds(corpus, parser, root, rounds, work);
  const stageRuns: Stages[] = [];
  for (let r = 0; r < 3; r++) stageRuns.push(await stageBreakdown(corpus, root));
  const s = medianStages(stageRuns);
  const us = (ms: number) => ((ms * 1000) / s.entries).toFixed(0);
  console.log(
    `  corpus, where the time goes (µs per entry, ${s.entries} entries): rss-parser alone ${us(s.rssParser)}, ` +
      `parse ${us(s.parse)}, normalize+sanitize ${us(s.normalize)} (sanitize-html alone ${us(s.sanitize)}), ` +
      `keys ${us(s.keys)}, store without tags ${us(s.store - s.storeTags)}`,
  );
  return { rows, work };
}

export async function runIngestBench(opts: IngestBenchOptions = {}): Promise<BenchResult> {
  const rounds = opts.rounds ?? 5;
  const generated = generateDocuments(opts.docs ?? 50);
  const corpus = corpusDocuments();
  const docs: Doc[] = generated;
  const bytes = docs.reduce((n, d) => n + d.body.length, 0);
  const items = generated.reduce((n, d) => n + d.items, 0);
  const threads = Math.min(4, os.availableParallelism());
  console.log(
    `ingest: ${docs.length} generated documents (${generated.filter((d) => d.format === 'rss').length} RSS, ` +
      `${generated.filter((d) => d.format === 'atom').length} Atom), ${items} items, ` +
      `${(bytes / 1024 / 1024).toFixed(1)} MB, ` +
      `${Math.round(bytes / items)} bytes/item; ${rounds} rounds, median reported`,
  );
  console.log(
    '  pipeline = one runCycle over the documents as file: sources, each document: read, parse, ' +
      'normalize + sanitize, keys, one transaction (upsert + full-text index, source state, fetch log), ' +
      'into a fresh temp SQLite file per round; the compiled dist/ as users run it (bench/shipped.ts)',
  );
  console.log(
    `  "one thread" = ingest.threads 0 (everything on the main thread); "prepare threads (auto)" = ` +
      `${threads} prepare threads here (one per core but one, 1 to 4) besides the main thread; ` +
      '"+ tags, + story detection" is what production runs',
  );
  console.log(
    '  baseline = rss-parser parseString (default options) on one thread, same documents, same process, ' +
      'alternating rounds',
  );

  const root = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-ingest-'));
  const parser = new Parser();
  const work: WorkCheck[] = [];
  if (opts.corpusOnly) {
    try {
      return await corpusOnly(corpus, parser, root, rounds);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  try {
    // Warm-up: JIT, sanitize-html caches, SQLite page cache, prepare threads.
    await rssParserRound(parser, docs);
    for (const v of Object.values(VARIANTS)) await pipelineRound(docs, -1, root, v);

    const runs = new Map<Variant, PipelineRun[]>(Object.values(VARIANTS).map((v) => [v, []]));
    const base: { ms: number; cpuMs: number; entries: number; failed: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      settle();
      base.push(await rssParserRound(parser, docs));
      for (const [v, list] of runs) {
        settle();
        list.push(await pipelineRound(docs, r, root, v));
      }
    }
    const failed = base[0]?.failed ?? 0;
    if (failed) console.log(`  rss-parser failed on ${failed} document(s)`);
    const baseRate = median(base.map((p) => (p.entries / p.ms) * 1000));
    const runsOf = (v: Variant) => runs.get(v) ?? [];
    const rate = (v: Variant) => median(runsOf(v).map((p) => (p.entries / p.ms) * 1000));
    for (const [v, list] of runs) {
      const errors = list[0]?.errors ?? [];
      if (errors.length) console.log(`  ${v.label}: errors (${errors.length}): ${errors.slice(0, 5).join('; ')}`);
      if (process.env.BENCH_VERBOSE) {
        console.log(
          `  rounds, ${v.label}, entries/s: ${list.map((p) => Math.round((p.entries / p.ms) * 1000)).join(', ')}`,
        );
      }
    }
    if (process.env.BENCH_VERBOSE) {
      console.log(
        `  rounds, rss-parser, entries/s: ${base.map((p) => Math.round((p.entries / p.ms) * 1000)).join(', ')}`,
      );
    }
    // Every arm of every round handled every generated item: an arm given fewer documents shows here.
    for (let r = 0; r < rounds; r++) {
      const arms = [{ arm: 'rss-parser', done: base[r]?.entries ?? 0 }];
      for (const [v, list] of runs) arms.push({ arm: v.label, done: list[r]?.entries ?? 0 });
      work.push({
        bench: 'ingest',
        comparison: `generated documents, round ${r + 1}`,
        unit: 'entries parsed or stored',
        arms,
        expected: items,
      });
    }

    // Where the time goes, on the same documents, one thread, stages composed directly; three rounds, median each.
    const stageRuns: Stages[] = [];
    for (let r = 0; r < Math.min(3, rounds); r++) stageRuns.push(await stageBreakdown(docs, root));
    work.push({
      bench: 'ingest',
      comparison: 'stage breakdown',
      unit: 'entries through every stage',
      arms: stageRuns.map((s, i) => ({ arm: `breakdown round ${i + 1}`, done: s.entries })),
      expected: items,
    });
    const stages = medianStages(stageRuns);
    const per = (ms: number) => (ms * 1000) / stages.entries;
    const us = (ms: number) => per(ms).toFixed(0);
    console.log(
      `  where the time goes (one thread, stages composed directly, median of ${stageRuns.length} rounds, ` +
        `µs per entry): rss-parser alone ${us(stages.rssParser)}, parse ${us(stages.parse)}, ` +
        `normalize+sanitize ${us(stages.normalize)} (sanitize-html alone ${us(stages.sanitize)}), ` +
        `keys ${us(stages.keys)}, tags ${us(stages.tag)}, store ${us(stages.store)} ` +
        `(of which tag rows ${us(stages.storeTags)}), story detection ${us(stages.stories)}`,
    );
    // The two libraries every entry must pass through, on one core: no pipeline built on them beats this.
    const floor = per(stages.rssParser + stages.sanitize);
    console.log(
      `  rss-parser + sanitize-html alone: ${floor.toFixed(0)} µs per entry on one thread ` +
        `(rss-parser's share of that: ${(per(stages.rssParser) / floor).toFixed(2)})`,
    );
    // Tagging's share, measured on these documents in these rounds: tagEntry plus writing its tag rows, beside every
    // other stage of the same composed pipeline (parse, normalize + sanitize, keys, the rest of store, stories).
    const tagMs = stages.tag + stages.storeTags;
    const restMs = stages.parse + stages.normalize + stages.keys + (stages.store - stages.storeTags) + stages.stories;

    const medMs = (v: Variant) => median(runsOf(v).map((p) => p.ms));
    const baseMs = median(base.map((p) => p.ms));
    const mbps = (ms: number) => bytes / 1024 / 1024 / (ms / 1000);
    const { ingestOne, ingestThreaded, fullOne, fullThreaded } = VARIANTS;
    const rows: Row[] = [
      row({
        bench: 'ingest',
        figure: `entries/s: ${ingestOne.label}`,
        value: rate(ingestOne),
        unit: '/s',
        baseline: baseRate,
        baselineLabel: 'rss-parser, one thread',
        target: { op: '>=', value: 0.5 },
      }),
      row({
        bench: 'ingest',
        figure: `entries/s: ${fullOne.label}`,
        value: rate(fullOne),
        unit: '/s',
        baseline: baseRate,
        baselineLabel: 'rss-parser, one thread',
      }),
      row({
        bench: 'ingest',
        figure: `what threads add: ${ingestThreaded.label}`,
        value: rate(ingestThreaded),
        unit: '/s',
        baseline: rate(ingestOne),
        baselineLabel: 'same pipeline, one thread',
      }),
      row({
        bench: 'ingest',
        figure: `what threads add: ${fullThreaded.label}`,
        value: rate(fullThreaded),
        unit: '/s',
        baseline: rate(fullOne),
        baselineLabel: 'same pipeline, one thread',
      }),
      row({
        bench: 'ingest',
        figure: 'cost per entry, + tags + stories, one thread',
        value: 1e6 / rate(fullOne),
        unit: 'µs',
        baseline: 1e6 / baseRate,
        baselineLabel: 'rss-parser, one thread',
      }),
      row({
        bench: 'ingest',
        figure: 'MB/s, + tags + stories, one thread',
        value: mbps(medMs(fullOne)),
        unit: 'MB/s',
        baseline: mbps(baseMs),
        baselineLabel: 'rss-parser, one thread',
      }),
      row({
        bench: 'ingest',
        figure: 'tagging per entry (tagEntry + its tag rows), stage breakdown',
        value: per(tagMs),
        unit: 'µs',
        baseline: per(restMs),
        baselineLabel: 'every other stage, same documents',
        target: { op: '<=', value: 0.25 },
        note:
          `tagging adds ${((100 * tagMs) / restMs).toFixed(0)}% to the rest of ingest (target <= 25%), ` +
          'one thread, same documents and run',
      }),
    ];

    rows.push(...(await corpusRounds(corpus, parser, root, rounds, work)));
    return { rows, work };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function argValue(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

if (isMain(import.meta.url)) {
  const r = await runIngestBench({
    rounds: argValue('--rounds'),
    docs: argValue('--docs'),
    corpusOnly: process.argv.includes('--corpus'),
  });
  printRows(r.rows);
  if (!reportWork(r.work)) process.exitCode = 1;
}
