// Story detection cost over a store already holding 1,000,000 entries (and, for scale, 10,000), with detection
// (assignStory: URL lookup, LSH buckets, verification) vs without (every entry founds its own story), alternating
// rounds in the same run: first against the store upsert alone (the strictest baseline), then, at the big size,
// through the whole ingest pipeline as the worker runs it. The stored entries are a realistic background (see
// generateStoredEntries), so candidates are found and verified at both sizes; how many is printed. The pipeline is the
// compiled dist/ (bench/shipped.ts), as the worker runs it.
//
//   node --import tsx bench/stories.ts [--stored N] [--small N] [--rounds N]
//   node --import tsx bench/stories.ts --assignments FILE [--stored N]   the stories detection gives, to compare
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerDeps } from '../src/worker/index.ts';
import type { Store } from '../src/store/index.ts';
import {
  assignKeys,
  assignStory,
  createFounderOnlyAssigner,
  createWorkerDeps,
  DEFAULT_STORY_SETTINGS,
  encodeSketchKey,
  ingestSource,
  loadConfig,
  openStore,
  RecentBuckets,
  sketch,
  storyUrl,
} from './shipped.ts';
import type { Entry, SourceConfig } from '../src/types.ts';
import { prng } from '../tests/helpers/prng.ts';
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

export interface StoriesBenchOptions {
  /** Entries generated into the store before measuring (the headline size). */
  stored?: number;
  /** The small size the big one is set beside (store-only rounds and candidate counts). */
  small?: number;
  /** Measured rounds per arm (alternating). */
  rounds?: number;
  /** Entries per round; stored in source-sized transactions. */
  perRound?: number;
  log?: (line: string) => void;
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
const PLACES =
  'Peru Chile Bolivia Ecuador Colombia Brazil Argentina Mexico France Germany Spain Italy Kenya Nigeria India Japan'.split(
    ' ',
  );

// ---------------------------------------------------------------------------------------------------------
// Stored background: stories written from the same word distribution as the incoming ones (VOCAB, PLACES), each
// with 1-3 members from different sources (the original and near copies), sketched by the real sketch() so their
// band hashes are what ingest would have stored. Incoming rounds carry follow-ups of background stories published
// hours earlier, so at every size the LSH buckets return real candidates that are read and verified.

/** Background story k has 1 + (k % 3) members: every three stories take six consecutive entry ids. */
function membersOf(k: number): number {
  return 1 + (k % 3);
}

/** Entry id (1-based) of story k's first member. */
function firstIdOf(k: number): number {
  const r = k % 3;
  // Stories k % 3 = 0, 1, 2 start 0, 1 and 3 entries into their group of six.
  return 6 * Math.floor(k / 3) + (r * (r + 1)) / 2 + 1;
}

interface StoryText {
  title: string;
  body: string[];
}

/** A story's text: a place, a headline of VOCAB words and a 45-word body, all drawn from `rnd`. */
function storyText(rnd: () => number, tag: string): StoryText {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const place = pick(PLACES);
  const title = `${place}: ${pick(VOCAB)} ${pick(VOCAB)} as ${pick(VOCAB)} ${pick(VOCAB)} ${tag}`;
  const body = Array.from({ length: 45 }, () => pick(VOCAB));
  body.splice(3, 0, place);
  return { title, body };
}

function backgroundText(k: number): StoryText {
  return storyText(prng(1_000_003 + k), `bg-${k}`);
}

/** One background member as detection reads it back (title, summary, no content). */
function backgroundMember(k: number, c: number): { sourceId: string; url: string; title: string; summary: string } {
  const t = backgroundText(k);
  const src = (k * 13 + c * 7) % SOURCES;
  return {
    sourceId: `src-${src}`,
    url: `https://src-${src}.test/news/bg${k}-${c}`,
    title: c === 0 ? t.title : `${t.title} (update)`,
    summary: t.body.slice(0, 45 - c * 3).join(' '),
  };
}

/** Stored entries' spacing: `n` entries over SPAN_DAYS ending at START + SPAN_DAYS. */
function stepMsFor(n: number): number {
  return (SPAN_DAYS * DAY) / n;
}

/**
 * Writes `n` background entries (ids 1..n) with their stories and story_keys. Rows go in through SQL, not the
 * store's upsert: the full-text index stays empty (detection never reads it).
 */
export function generateStoredEntries(store: Store, n: number, log: (line: string) => void = () => {}): void {
  const db = store.db;
  db.pragma('foreign_keys = OFF');
  db.pragma('synchronous = OFF');
  const step = stepMsFor(n);
  const created = new Date().toISOString();
  const insSource = db.prepare('INSERT INTO sources (id, url, created_at) VALUES (?, ?, ?)');
  const insEntry = db.prepare(
    `INSERT INTO entries (id, source_id, key, url, title, summary, language, published_at, content_hash, first_seen_at,
       updated_at, story_id, story_method, story_score, story_match_entry_id)
     VALUES (?, ?, ?, ?, ?, ?, 'en', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insStory = db.prepare(
    `INSERT INTO stories (id, uid, representative_entry_id, published_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insKey = db.prepare(
    'INSERT INTO story_keys (entry_id, canonical_url, published_at, bands, sketch) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let s = 0; s < SOURCES; s++) insSource.run(`src-${s}`, `https://src-${s}.test/feed`, created);
  })();
  const t0 = performance.now();
  let k = 0;
  const chunk = 3 * 20_000;
  while (firstIdOf(k) <= n) {
    const last = k + chunk;
    db.transaction(() => {
      for (; k < last && firstIdOf(k) <= n; k++) {
        const first = firstIdOf(k);
        const members = Math.min(membersOf(k), n - first + 1);
        for (let c = 0; c < members; c++) {
          const id = first + c;
          const m = backgroundMember(k, c);
          const at = START + (id - 1) * step;
          const iso = new Date(at).toISOString();
          if (c === 0) insStory.run(k + 1, `bg${k}`, id, iso, created, created);
          insEntry.run(
            id,
            m.sourceId,
            m.url,
            m.url,
            m.title,
            m.summary,
            iso,
            `bg${k}-${c}`,
            created,
            created,
            k + 1,
            c === 0 ? 'founder' : 'similarity',
            c === 0 ? null : 0.9,
            c === 0 ? null : first,
          );
          const settings = DEFAULT_STORY_SETTINGS.sketch;
          const sk = sketch({ title: m.title, summary: m.summary, contentHtml: '' }, settings);
          const key = encodeSketchKey(`bg${k}-${c}`, settings.leadWords, sk);
          insKey.run(id, storyUrl(m.url) ?? null, Math.floor(at / 1000), JSON.stringify(sk.bands), key);
        }
      }
    })();
    if (n >= 200_000)
      log(
        `  background: ${Math.min(firstIdOf(k) - 1, n).toLocaleString('en-US')} of ${n.toLocaleString('en-US')} ` +
          `entries, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
  }
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec('ANALYZE');
}

/** Cached background stores are rebuilt when this or the sketch settings change (2: story_keys.sketch). */
const BACKGROUND_VERSION = 2;
const CACHE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.bench-cache');

/**
 * A fresh copy of a store holding `n` background entries. Sizes from 200,000 up are built once into
 * .bench-cache/ (gitignored) and copied; smaller ones are built in place. Returns the seconds spent building.
 */
function backgroundStore(
  n: number,
  file: string,
  log: (line: string) => void,
): { store: Store; buildSeconds: number; cached: boolean } {
  const t0 = performance.now();
  const sk = DEFAULT_STORY_SETTINGS.sketch;
  if (n < 200_000) {
    const store = openStore(file);
    generateStoredEntries(store, n, log);
    return { store, buildSeconds: (performance.now() - t0) / 1000, cached: false };
  }
  const cached = path.join(
    CACHE,
    `stories-background-${n}-v${BACKGROUND_VERSION}-p${sk.permutations}b${sk.bands}l${sk.leadWords}.sqlite`,
  );
  let built = false;
  if (!existsSync(cached)) {
    mkdirSync(CACHE, { recursive: true });
    const tmp = `${cached}.tmp-${process.pid}`;
    log(
      `stories: building ${n.toLocaleString('en-US')} background entries once into ` +
        path.relative(process.cwd(), cached),
    );
    const building = openStore(tmp);
    generateStoredEntries(building, n, log);
    building.db.pragma('journal_mode = DELETE');
    building.close();
    renameSync(tmp, cached);
    built = true;
  }
  copyFileSync(cached, file);
  // openStore migrates a copy built before a newer migration, as it would any older database.
  return { store: openStore(file), buildSeconds: (performance.now() - t0) / 1000, cached: !built };
}

/**
 * New entries in stories of 1-4 copies across sources: exact links, tracking-parameter variants, edited copies.
 * With `stored`, about a third of the stories are follow-ups of a background story published in the day
 * before (same text, new links): detection can find those only through the LSH buckets.
 */
export function makeIngestRound(seed: number, count: number, atMs: number, stored = 0): Entry[][] {
  const rnd = prng(seed);
  const out: Entry[] = [];
  let story = 0;
  const step = stored ? stepMsFor(stored) : 0;
  while (out.length < count) {
    story++;
    let text = storyText(rnd, `${seed}-${story}`);
    let followUp = false;
    if (stored && rnd() < 0.33) {
      // A background story published in the 24 hours before atMs, any of them alike.
      const storyAt = (ms: number) =>
        Math.floor((Math.min(stored, Math.max(1, Math.round((ms - START) / step) + 1)) - 1) / 6) * 3;
      const hi = storyAt(atMs);
      const lo = storyAt(atMs - DAY);
      let k = lo + Math.floor(rnd() * (hi - lo + 1));
      while (k > 0 && firstIdOf(k) + membersOf(k) - 1 > stored) k--;
      text = { ...backgroundText(k), title: `${backgroundText(k).title} (update)` };
      followUp = true;
    }
    const { title, body } = text;
    const home = Math.floor(rnd() * SOURCES);
    const url = `https://src-${home}.test/news/r${seed}-${story}`;
    const copies = 1 + Math.floor(rnd() * 4);
    for (let c = 0; c < copies && out.length < count; c++) {
      const src = (home + c * 7) % SOURCES;
      let variant = `https://src-${src}.test/world/r${seed}-${story}-${c}`;
      if (c === 0) variant = url;
      else if (c === 1) variant = `${url}?utm_source=rss&utm_medium=feed`;
      const words = c >= 2 || followUp ? body.slice(0, 25 + c * 3) : body;
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
    (
      e,
    ) => `<item><guid isPermaLink="false">${xmlEscape(e.key)}</guid><title>${xmlEscape(e.title)}</title><link>${xmlEscape(e.url ?? '')}</link>
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
/**
 * A file: source's mtime stands in for Last-Modified, so a source's next batch written within the same second
 * would be answered "not modified" and skipped. Every batch file gets a later mtime than the one before.
 */
let batchClock = Math.floor(Date.now() / 1000);

async function pipelineRound(
  deps: WorkerDeps,
  docsDir: string,
  batches: Entry[][],
  tag: string,
): Promise<{ rate: number; entries: number }> {
  const files = batches.map((b, i) => {
    const file = path.join(docsDir, `${tag}-${i}.xml`);
    writeFileSync(file, batchToRss(b));
    batchClock += 1;
    utimesSync(file, batchClock, batchClock);
    return { file, sourceId: b[0]!.sourceId };
  });
  settle();
  const t = performance.now();
  let n = 0;
  for (const f of files) {
    const source: SourceConfig = {
      id: f.sourceId,
      url: pathToFileURL(f.file).href,
      enabled: true,
      topics: [],
      trusted: true,
    };
    n += (await ingestSource(deps, source)).new;
  }
  return { rate: n / ((performance.now() - t) / 1000), entries: n };
}

interface SizeResult {
  stored: number;
  buildSeconds: number;
  cached: boolean;
  dbBytes: number;
  without: number[];
  with: number[];
  /** Entries inserted by the rounds without and with detection (the work check). */
  withoutEntries: number;
  withEntries: number;
  /** With detection: entries that joined a story by URL or by similarity. */
  joinedUrl: number;
  joinedSimilar: number;
  /** Candidate entries read back and compared (URL matches and LSH near candidates), over the detection rounds. */
  verified: number;
  /** Mean LSH bucket candidates per sampled new entry (before the cap of 16 verified). */
  bucketMean: number;
  pipeline?: { with: number[]; without: number[]; withEntries: number; withoutEntries: number };
}

/** Store-only rounds (and, with `pipeline`, whole-pipeline rounds) over a background of `n` entries. */
async function measureAt(
  n: number,
  dir: string,
  rounds: number,
  perRound: number,
  pipeline: boolean,
  log: (line: string) => void,
): Promise<SizeResult> {
  const file = path.join(dir, `bench-${n}.sqlite`);
  const { store, buildSeconds, cached } = backgroundStore(n, file, log);
  const label = n.toLocaleString('en-US');
  log(
    `stories: ${label} stored entries ready in ${buildSeconds.toFixed(1)} s` +
      (cached ? ' (copied from .bench-cache/)' : ''),
  );
  // Count the candidate rows detection reads back to verify (the repository method assignStory calls for them).
  let verified = 0;
  const repo = store.stories;
  const candidates = repo.candidates.bind(repo);
  repo.candidates = (ids) => {
    const rows = candidates(ids);
    verified += rows.length;
    return rows;
  };
  const res: SizeResult = {
    stored: n,
    buildSeconds,
    cached,
    dbBytes: 0,
    without: [],
    with: [],
    withoutEntries: 0,
    withEntries: 0,
    joinedUrl: 0,
    joinedSimilar: 0,
    verified: 0,
    bucketMean: 0,
  };
  try {
    const settings = DEFAULT_STORY_SETTINGS;
    const now = new Date().toISOString();
    const endMs = START + SPAN_DAYS * DAY;
    // Warm-up, not counted: statements, JIT, and the detector's buckets for the window (loaded on first use).
    for (const detect of [false, true]) {
      for (const batch of makeIngestRound(900 + Number(detect), 200, endMs - 3 * DAY, n)) {
        store.transaction(() => {
          for (const e of store.entries.upsert(batch, now).inserted) {
            if (detect) assignStory(store, e, settings, now);
            else store.stories.found(e, now);
          }
        });
      }
    }
    verified = 0;
    for (let r = 0; r < rounds * 2; r++) {
      const detect = r % 2 === 1;
      // New entries land in the last days of the stored span, so windows overlap stored history.
      const batches = makeIngestRound(1000 + r, perRound, endMs - 3 * DAY + r * 3_600_000, n);
      settle();
      const before = verified;
      const t = performance.now();
      let inserted = 0;
      for (const batch of batches) {
        store.transaction(() => {
          const up = store.entries.upsert(batch, now);
          for (const e of up.inserted) {
            if (!detect) {
              store.stories.found(e, now);
              continue;
            }
            const method = assignStory(store, e, settings, now).decision.method;
            if (method === 'url') res.joinedUrl++;
            if (method === 'similarity') res.joinedSimilar++;
          }
          inserted += up.inserted.length;
        });
      }
      const rate = inserted / ((performance.now() - t) / 1000);
      if (detect) {
        res.with.push(rate);
        res.withEntries += inserted;
      } else {
        res.without.push(rate);
        res.withoutEntries += inserted;
        verified = before; // nothing is verified without detection; keep the count to the detection rounds
      }
      log(
        `  ${label} stored, round ${r + 1}/${rounds * 2} ${detect ? 'with' : 'without'} detection: ` +
          `${Math.round(rate).toLocaleString('en-US')} entries/s`,
      );
    }
    res.verified = verified;
    // Bucket candidates, sampled apart from the timing: how much of the index one check touches.
    const sample = makeIngestRound(99, 300, endMs - 2 * DAY, n)
      .flat()
      .slice(0, 300);
    const buckets = new RecentBuckets(store.stories);
    const counts = sample.map((e) => {
      const at = Math.floor(Date.parse(e.publishedAt) / 1000);
      return buckets.near(sketch(e, settings.sketch).bands, at - 72 * 3600, at + 72 * 3600, { entryId: -1 }).size;
    });
    res.bucketMean = counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length);

    if (pipeline) {
      // The same, through the whole ingest pipeline: detection's share of what ingesting an entry really costs.
      const configDir = path.join(dir, 'config');
      const docsDir = path.join(dir, 'docs');
      mkdirSync(configDir, { recursive: true });
      mkdirSync(docsDir, { recursive: true });
      writeFileSync(path.join(configDir, 'wireroom.yaml'), '');
      const withDetection = createWorkerDeps(loadConfig(configDir, { db: file }), store);
      const withoutDetection: WorkerDeps = { ...withDetection, stories: createFounderOnlyAssigner(store) };
      const p = { with: [] as number[], without: [] as number[], withEntries: 0, withoutEntries: 0 };
      // Warm-up, not counted: the pipeline's code paths both ways.
      for (const detect of [false, true]) {
        const batches = makeIngestRound(4900 + Number(detect), 200, endMs - 3 * DAY, n);
        await pipelineRound(detect ? withDetection : withoutDetection, docsDir, batches, `w${Number(detect)}`);
      }
      for (let r = 0; r < rounds * 2; r++) {
        const detect = r % 2 === 1;
        const batches = makeIngestRound(5000 + r, perRound, endMs - 3 * DAY + (rounds * 2 + r) * 3_600_000, n);
        const x = await pipelineRound(detect ? withDetection : withoutDetection, docsDir, batches, `p${r}`);
        (detect ? p.with : p.without).push(x.rate);
        if (detect) p.withEntries += x.entries;
        else p.withoutEntries += x.entries;
        log(
          `  ${label} stored, pipeline round ${r + 1}/${rounds * 2} ${detect ? 'with' : 'without'} detection: ` +
            `${Math.round(x.rate).toLocaleString('en-US')} entries/s`,
        );
      }
      res.pipeline = p;
    }
    res.dbBytes = statSync(file).size;
    return res;
  } finally {
    store.close();
    rmSync(file, { force: true });
  }
}

export async function runStoriesBench(opts: StoriesBenchOptions = {}): Promise<BenchResult> {
  const stored = opts.stored ?? 1_000_000;
  const small = opts.small ?? 10_000;
  const rounds = opts.rounds ?? 5;
  const perRound = opts.perRound ?? 2_000;
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-stories-'));
  log(
    `stories: background = stories from the same vocabulary as the incoming ones, 1-3 members each (near copies from ` +
      `other sources), real sketches; each round ${perRound} new entries, ` +
      'about a third follow-ups of background stories',
  );
  try {
    const lo = await measureAt(small, dir, rounds, perRound, false, log);
    const hi = await measureAt(stored, dir, rounds, perRound, true, log);
    const perEntry = (x: SizeResult) => x.verified / Math.max(1, x.withEntries);
    const big = stored.toLocaleString('en-US');
    const little = small.toLocaleString('en-US');
    const describe = (x: SizeResult) =>
      `${x.stored.toLocaleString('en-US')} stored: ${perEntry(x).toFixed(2)} candidates read and verified ` +
      `per new entry, mean ${x.bucketMean.toFixed(2)} LSH bucket candidates (300 sampled); ` +
      `of ${x.withEntries} entries with detection ` +
      `${x.joinedSimilar} joined by similarity, ${x.joinedUrl} by URL`;
    log(`stories: ${describe(lo)}`);
    log(`stories: ${describe(hi)}`);
    const ratioHi = median(hi.with) / median(hi.without);
    const rows: Row[] = [
      row({
        bench: 'stories',
        figure: `store-only ingest with story detection, ${big} stored`,
        value: median(hi.with),
        unit: 'entries/s',
        baseline: median(hi.without),
        baselineLabel: 'store upsert alone, without detection',
        target: { op: '>=', value: 0.8 },
        note: `detection costs ${(100 * (1 - ratioHi)).toFixed(1)}% (target <= 20%); ${describe(hi)}`,
      }),
      row({
        bench: 'stories',
        figure: `store-only ingest with story detection, ${little} stored`,
        value: median(lo.with),
        unit: 'entries/s',
        baseline: median(lo.without),
        baselineLabel: 'store upsert alone, without detection',
        note: describe(lo),
      }),
      row({
        bench: 'stories',
        figure: `candidates read and verified per new entry, ${big} stored`,
        value: perEntry(hi),
        unit: '',
        baseline: perEntry(lo),
        baselineLabel: `${little} stored`,
      }),
    ];
    const p = hi.pipeline;
    if (p) {
      const pr = median(p.with) / median(p.without);
      rows.push(
        row({
          bench: 'stories',
          figure: `whole ingest pipeline with story detection, ${big} stored`,
          value: median(p.with),
          unit: 'entries/s',
          baseline: median(p.without),
          baselineLabel: 'whole pipeline without detection',
          target: { op: '>=', value: 0.8 },
          note:
            `detection costs ${(100 * (1 - pr)).toFixed(1)}% of whole-pipeline ingest ` +
            '(fetch of file: URLs, parse, normalize, sanitize, keys, tags, store)',
        }),
      );
    }
    const work: WorkCheck[] = [];
    for (const x of [lo, hi]) {
      const at = `${x.stored.toLocaleString('en-US')} stored`;
      work.push({
        bench: 'stories',
        comparison: `store-only with vs without detection, ${at}`,
        unit: 'new entries stored',
        arms: [
          { arm: 'with detection', done: x.withEntries },
          { arm: 'without', done: x.withoutEntries },
        ],
        expected: rounds * perRound,
      });
      // Detection that verified nothing measured nothing: the background must give it candidates at every size.
      work.push({
        bench: 'stories',
        comparison: `detection, ${at}`,
        unit: 'entries joined by similarity (candidates verified)',
        arms: [{ arm: 'with detection', done: x.joinedSimilar }],
        atLeast: 1,
      });
    }
    if (p) {
      work.push({
        bench: 'stories',
        comparison: `whole pipeline with vs without detection, ${big} stored`,
        unit: 'new entries stored',
        arms: [
          { arm: 'with detection', done: p.withEntries },
          { arm: 'without', done: p.withoutEntries },
        ],
        expected: rounds * perRound,
      });
    }
    return { rows, work };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes the story every entry of a detection-only run gets (one line per entry: id, source, key, method, score,
 * match, the story's uid and representative), stored entries whose story changed included: a change meant only to
 * make detection cheaper must leave the file identical. Five store-only rounds of 2,000 new entries over `stored`
 * background entries, then five through the whole pipeline, on the bench's generated input. Returns the lines.
 */
export async function writeStoryAssignments(file: string, stored = 1_000_000): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-story-assignments-'));
  const { store } = backgroundStore(stored, path.join(dir, 'bench.sqlite'), () => {});
  try {
    const now = '2026-01-01T00:00:00.000Z';
    const endMs = START + SPAN_DAYS * DAY;
    for (let r = 0; r < 5; r++) {
      for (const batch of makeIngestRound(1000 + r, 2000, endMs - 3 * DAY + r * 3_600_000, stored)) {
        store.transaction(() => {
          for (const e of store.entries.upsert(batch, now).inserted) assignStory(store, e, DEFAULT_STORY_SETTINGS, now);
        });
      }
    }
    const configDir = path.join(dir, 'config');
    const docsDir = path.join(dir, 'docs');
    mkdirSync(configDir, { recursive: true });
    mkdirSync(docsDir, { recursive: true });
    writeFileSync(path.join(configDir, 'wireroom.yaml'), '');
    const deps = createWorkerDeps(loadConfig(configDir, { db: path.join(dir, 'bench.sqlite') }), store);
    for (let r = 0; r < 5; r++) {
      const batches = makeIngestRound(5000 + r, 2000, endMs - 3 * DAY + (10 + r) * 3_600_000, stored);
      await pipelineRound(deps, docsDir, batches, `a${r}`);
    }
    const rows = store.db
      .prepare(
        `SELECT e.id, e.source_id, e.key, e.story_method, e.story_score, e.story_match_entry_id, s.uid,
                s.representative_entry_id
           FROM entries e LEFT JOIN stories s ON s.id = e.story_id
          WHERE e.id > ? OR e.story_id IN (SELECT story_id FROM entries WHERE id > ?) ORDER BY e.id`,
      )
      .raw()
      .all(stored, stored) as unknown[][];
    writeFileSync(file, rows.map((r) => `${r.join('\t')}\n`).join(''));
    return rows.length;
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
  const assignments = process.argv.indexOf('--assignments');
  if (assignments > 0) {
    const file = process.argv[assignments + 1] ?? 'story-assignments.tsv';
    const lines = await writeStoryAssignments(file, arg('--stored'));
    console.log(`stories: ${lines} entries' stories written to ${file}`);
    process.exit(0);
  }
  const r = await runStoriesBench({
    stored: arg('--stored'),
    small: arg('--small'),
    rounds: arg('--rounds'),
    log: (l) => console.log(l),
  });
  printRows(r.rows, 'story detection');
  if (!reportWork(r.work)) process.exitCode = 1;
}
