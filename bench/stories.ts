// Story detection cost over a store already holding 1,000,000 entries, with detection (assignStory: URL lookup,
// LSH buckets, verification) vs without (every entry founds its own story), alternating rounds in the same run:
// first against the store upsert alone (the strictest baseline), then through the whole ingest pipeline as the
// worker runs it (issue #2's definition of ingest throughput).
//
//   node --import tsx bench/stories.ts [--stored N] [--rounds N]
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/index.ts';
import { createWorkerDeps } from '../src/worker/deps.ts';
import { ingestSource, type WorkerDeps } from '../src/worker/index.ts';
import { assignKeys, assignStory, DEFAULT_STORY_SETTINGS, RecentBuckets, sketch } from '../src/dedup/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import type { Entry, SourceConfig } from '../src/types.ts';
import { prng } from './ingest.ts';
import { isMain, median, printRows, row, settle, type Row, type WorkCheck } from './report.ts';

export interface StoriesBenchOptions {
  /** Entries generated into the store before measuring. */
  stored?: number;
  /** Measured rounds per arm (alternating). */
  rounds?: number;
  /** Entries per round; stored in source-sized transactions. */
  perRound?: number;
  log?: (line: string) => void;
}

export interface StoriesBenchFigures {
  stored: number;
  generateSeconds: number;
  withoutPerSecond: number;
  withPerSecond: number;
  /** with / without: 1 means detection is free. */
  ratio: number;
  /** Share of throughput detection costs (target <= 0.20). */
  cost: number;
  /** Of the measured entries with detection, how many joined another entry's story. */
  joined: number;
  measured: number;
  /** Median candidates the buckets returned per entry. */
  candidatesMedian: number;
  dbBytes: number;
}

const SOURCES = 200;
const BATCH = 25; // entries per source transaction, like one feed fetch
const DAY = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00Z');
const SPAN_DAYS = 365;

const VOCAB = (
  'government minister president election protest strike court police army congress parliament vote reform budget ' +
  'inflation bank rates market oil prices workers union farmers students capital region province border talks ceasefire ' +
  'fire flood earthquake storm rescue victims hospital health vaccine school teachers energy power water drought ' +
  'opposition coalition party leader senator judge prosecutor investigation corruption scandal trial sentence prison ' +
  'company jobs factory exports trade tariffs deal agreement summit visit embassy ambassador sanctions aid refugees'
).split(' ');
const PLACES = 'Peru Chile Bolivia Ecuador Colombia Brazil Argentina Mexico France Germany Spain Italy Kenya Nigeria India Japan'.split(' ');

/** Bulk synthetic history: entries, one story each, their index rows and random LSH buckets (distinct texts). */
export function generateStoredEntries(store: Store, n: number): void {
  const db = store.db;
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1000000');
  const stepSeconds = (SPAN_DAYS * 86_400) / n;
  const epoch0 = START / 1000;
  db.transaction(() => {
    const now = new Date().toISOString();
    const ins = db.prepare('INSERT INTO sources (id, url, created_at) VALUES (?, ?, ?)');
    for (let s = 0; s < SOURCES; s++) ins.run(`src-${s}`, `https://src-${s}.test/feed`, now);
    db.exec(`
      CREATE TEMP TABLE seq AS WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) SELECT i FROM s;
      INSERT INTO entries (id, source_id, key, url, title, summary, language, published_at, content_hash, first_seen_at,
                           updated_at, story_id, story_method)
        SELECT i, 'src-' || (i % ${SOURCES}), 'https://src-' || (i % ${SOURCES}) || '.test/news/' || i,
               'https://src-' || (i % ${SOURCES}) || '.test/news/' || i,
               'Synthetic headline number ' || i || ' about ' || hex(randomblob(6)),
               'A stored summary of some length so rows are the size of real ones, item ' || i || ' ' || hex(randomblob(40)),
               'en', strftime('%Y-%m-%dT%H:%M:%fZ', ${epoch0} + i * ${stepSeconds}, 'unixepoch'),
               hex(randomblob(8)), '${now}', '${now}', i, 'founder'
          FROM seq;
      INSERT INTO stories (id, uid, representative_entry_id, published_at, created_at, updated_at)
        SELECT id, lower(hex(randomblob(12))), id, published_at, '${now}', '${now}' FROM entries;
      INSERT INTO story_keys (entry_id, canonical_url, published_at, bands)
        SELECT id, '//src-' || (id % ${SOURCES}) || '.test/news/' || id, CAST(${epoch0} + id * ${stepSeconds} AS INTEGER),
               -- Random band hashes stand for distinct texts.
               (SELECT '[' || group_concat(abs(random() + id - id) % 4503599627370496) || ']'
                  FROM (WITH RECURSIVE b(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM b WHERE j < ${DEFAULT_STORY_SETTINGS.sketch.bands}) SELECT j FROM b))
          FROM entries;
      DROP TABLE seq;
    `);
  })();
  db.pragma('foreign_keys = ON');
  db.exec('ANALYZE');
}

/** New entries in stories of 1-4 copies across sources: exact links, tracking-parameter variants, edited copies. */
export function makeIngestRound(seed: number, count: number, atMs: number): Entry[][] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: Entry[] = [];
  let story = 0;
  while (out.length < count) {
    story++;
    const place = pick(PLACES);
    const title = `${place}: ${pick(VOCAB)} ${pick(VOCAB)} as ${pick(VOCAB)} ${pick(VOCAB)} ${seed}-${story}`;
    const body = Array.from({ length: 45 }, () => pick(VOCAB));
    body.splice(3, 0, place);
    const home = Math.floor(rnd() * SOURCES);
    const url = `https://src-${home}.test/news/r${seed}-${story}`;
    const copies = 1 + Math.floor(rnd() * 4);
    for (let c = 0; c < copies && out.length < count; c++) {
      const src = (home + c * 7) % SOURCES;
      const variant = c === 0 ? url : c === 1 ? `${url}?utm_source=rss&utm_medium=feed` : `https://src-${src}.test/world/r${seed}-${story}-${c}`;
      const words = c >= 2 ? body.slice(0, 25 + c * 3) : body;
      out.push({
        sourceId: `src-${src}`,
        key: '',
        url: variant,
        title: c >= 2 ? `${title} (update)` : title,
        summary: words.join(' '),
        contentHtml: `<p>${body.join(' ')}</p>`,
        authors: [],
        categories: [],
        enclosures: [],
        language: 'en',
        publishedAt: new Date(atMs + rnd() * 6 * 3_600_000).toISOString(),
        dateFlags: [],
      });
    }
  }
  // Group per source, then cut into feed-sized batches.
  const bySource = new Map<string, Entry[]>();
  for (const e of out) bySource.set(e.sourceId, [...(bySource.get(e.sourceId) ?? []), e]);
  const batches: Entry[][] = [];
  for (const es of bySource.values()) {
    const keyed = assignKeys(es, { guidReuse: false }).entries;
    for (let i = 0; i < keyed.length; i += BATCH) batches.push(keyed.slice(i, i + BATCH));
  }
  return batches;
}

const xmlEscape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One source's batch as the RSS document its feed would serve. */
function batchToRss(batch: Entry[]): string {
  const items = batch.map(
    (e) => `<item><guid isPermaLink="false">${xmlEscape(e.key)}</guid><title>${xmlEscape(e.title)}</title><link>${xmlEscape(e.url ?? '')}</link>
<description>${xmlEscape(e.summary)}</description><content:encoded><![CDATA[${e.contentHtml}]]></content:encoded>
<pubDate>${new Date(e.publishedAt).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>${batch[0]!.sourceId}</title><link>https://${batch[0]!.sourceId}.test/</link><description>bench</description><language>en</language>
${items.join('\n')}</channel></rss>`;
}

/**
 * The whole ingest pipeline as the worker runs it (fetch of a file: URL, parse, normalize, sanitize, keys, tags,
 * store, and story detection or not), one source transaction per batch. Returns entries/s.
 */
async function pipelineRound(deps: WorkerDeps, docsDir: string, batches: Entry[][], tag: string): Promise<number> {
  const files = batches.map((b, i) => {
    const file = path.join(docsDir, `${tag}-${i}.xml`);
    writeFileSync(file, batchToRss(b));
    return { file, sourceId: b[0]!.sourceId };
  });
  settle();
  const t = performance.now();
  let n = 0;
  for (const f of files) {
    const source: SourceConfig = { id: f.sourceId, url: pathToFileURL(f.file).href, enabled: true, topics: [], trusted: true };
    n += (await ingestSource(deps, source)).new;
  }
  return n / ((performance.now() - t) / 1000);
}

export async function runStoriesBench(opts: StoriesBenchOptions = {}): Promise<{ rows: Row[]; figures: StoriesBenchFigures; work: WorkCheck[] }> {
  const stored = opts.stored ?? 1_000_000;
  const rounds = opts.rounds ?? 5;
  const perRound = opts.perRound ?? 2_000;
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-stories-'));
  const file = path.join(dir, 'bench.sqlite');
  const store = openStore(file);
  try {
    let t = performance.now();
    generateStoredEntries(store, stored);
    const generateSeconds = (performance.now() - t) / 1000;
    log(`generated ${stored.toLocaleString('en-US')} stored entries in ${generateSeconds.toFixed(1)} s`);
    const settings = DEFAULT_STORY_SETTINGS;
    const now = new Date().toISOString();
    const rates = { with: [] as number[], without: [] as number[] };
    let joined = 0;
    let measured = 0;
    const candidates: number[] = [];
    const endMs = START + SPAN_DAYS * DAY;
    for (let r = 0; r < rounds * 2; r++) {
      const detect = r % 2 === 1;
      // New entries land in the last days of the stored span, so windows overlap stored history.
      const batches = makeIngestRound(1000 + r, perRound, endMs - 3 * DAY + r * 3_600_000);
      settle();
      t = performance.now();
      let n = 0;
      for (const batch of batches) {
        store.transaction(() => {
          const res = store.entries.upsert(batch, now);
          for (const e of res.inserted) {
            if (detect) {
              const s = assignStory(store, e, settings, now);
              if (s.decision.method !== 'founder') joined++;
            } else store.stories.found(e, now);
          }
          n += res.inserted.length;
        });
      }
      const rate = n / ((performance.now() - t) / 1000);
      (detect ? rates.with : rates.without).push(rate);
      if (detect) measured += n;
      log(`round ${r + 1}/${rounds * 2} ${detect ? 'with' : 'without'} detection: ${Math.round(rate).toLocaleString('en-US')} entries/s`);
    }
    // The same, through the whole ingest pipeline: detection's share of what ingesting an entry really costs.
    const configDir = path.join(dir, 'config');
    const docsDir = path.join(dir, 'docs');
    mkdirSync(configDir);
    mkdirSync(docsDir);
    writeFileSync(path.join(configDir, 'wireroom.yaml'), '');
    const withDetection = createWorkerDeps(loadConfig(configDir, { db: file }), store);
    const withoutDetection: WorkerDeps = { ...withDetection, stories: undefined };
    const pipeline = { with: [] as number[], without: [] as number[] };
    for (let r = 0; r < rounds * 2; r++) {
      const detect = r % 2 === 1;
      const batches = makeIngestRound(5000 + r, perRound, endMs - 3 * DAY + (rounds * 2 + r) * 3_600_000);
      const rate = await pipelineRound(detect ? withDetection : withoutDetection, docsDir, batches, `p${r}`);
      (detect ? pipeline.with : pipeline.without).push(rate);
      log(`pipeline round ${r + 1}/${rounds * 2} ${detect ? 'with' : 'without'} detection: ${Math.round(rate).toLocaleString('en-US')} entries/s`);
    }
    const pipelineWith = median(pipeline.with);
    const pipelineWithout = median(pipeline.without);
    // Candidate counts, sampled apart from the timing: how much of the index one check touches.
    const sample = makeIngestRound(99, 300, endMs - 2 * DAY).flat().slice(0, 300);
    const buckets = new RecentBuckets(store.stories);
    for (const e of sample) {
      const sk = sketch(e, settings.sketch);
      const at = Math.floor(Date.parse(e.publishedAt) / 1000);
      candidates.push(buckets.near(sk.bands, at - 72 * 3600, at + 72 * 3600, { entryId: -1 }).size);
    }
    const withoutPerSecond = median(rates.without);
    const withPerSecond = median(rates.with);
    const ratio = withPerSecond / withoutPerSecond;
    const { size } = statSync(file);
    const figures: StoriesBenchFigures = {
      stored,
      generateSeconds,
      withoutPerSecond,
      withPerSecond,
      ratio,
      cost: 1 - ratio,
      joined,
      measured,
      candidatesMedian: median(candidates),
      dbBytes: size,
    };
    const rows = [
      row({
        bench: 'stories',
        figure: `store-only ingest with story detection, ${stored.toLocaleString('en-US')} stored`,
        value: withPerSecond,
        unit: 'entries/s',
        baseline: withoutPerSecond,
        baselineLabel: 'store upsert alone, without detection',
        target: { op: '>=', value: 0.8 },
        note: `detection costs ${(100 * (1 - ratio)).toFixed(1)}% (target <= 20%); ${joined}/${measured} joined a story; median ${median(candidates)} bucket candidates`,
      }),
      row({
        bench: 'stories',
        figure: `whole ingest pipeline with story detection, ${stored.toLocaleString('en-US')} stored`,
        value: pipelineWith,
        unit: 'entries/s',
        baseline: pipelineWithout,
        baselineLabel: 'whole pipeline without detection',
        target: { op: '>=', value: 0.8 },
        note: `detection costs ${(100 * (1 - pipelineWith / pipelineWithout)).toFixed(1)}% of whole-pipeline ingest (fetch of file: URLs, parse, normalize, sanitize, keys, tags, store)`,
      }),
    ];
    return { rows, figures, work: [] };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const { rows, figures } = await runStoriesBench({ stored: arg('--stored'), rounds: arg('--rounds'), log: (l) => console.log(l) });
  printRows(rows, 'story detection');
  console.log(JSON.stringify(figures));
}
