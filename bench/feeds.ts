// Curated feeds: HTTP requests/s against a plain node:http server answering the same bytes from memory: 200s
// answered from wireroom's response cache, 200s that each cost a render (a distinct ?before= page per request),
// and 304s; plus the curated-feed query with 1,000,000 stored entries against 10,000, all in the same run.
//
//   node --import tsx bench/feeds.ts [--big N] [--small N] [--seconds S]
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/index.ts';
import { startServer } from '../src/http/index.ts';
import { encodeCursor, shownEntry } from '../src/publish/index.ts';
import { openStore, type FeedFilter, type Store } from '../src/store/index.ts';
import { alternate, cannon, CONNECTIONS, type Cannon } from './cannon.ts';
import { isMain, median, printRows, reportWork, row, type BenchResult, type Row, type WorkCheck } from './report.ts';

export interface FeedsBenchOptions {
  big?: number;
  small?: number;
  /** Seconds per autocannon run (five runs). */
  seconds?: number;
  log?: (line: string) => void;
}

export interface FeedsBenchFigures {
  rps200: number;
  baseline200: number;
  rps304: number;
  baseline304: number;
  rpsUncached: number;
  queryMsBig: number;
  queryMsSmall: number;
  generateSeconds: number;
}

export const COUNTRIES = [
  'PE',
  'BO',
  'EC',
  'CO',
  'VE',
  'CL',
  'AR',
  'BR',
  'MX',
  'GT',
  'HN',
  'SV',
  'NI',
  'CR',
  'PA',
  'CU',
  'DO',
  'HT',
  'PY',
  'UY',
  'US',
  'CA',
  'FR',
  'DE',
  'ES',
  'IT',
  'GB',
  'PL',
  'UA',
  'RU',
  'TR',
  'EG',
  'NG',
  'KE',
  'ZA',
  'ET',
  'IN',
  'PK',
  'BD',
  'CN',
  'JP',
  'KR',
  'ID',
  'PH',
  'VN',
  'TH',
  'MM',
  'AU',
  'NZ',
  'IR',
];
export const SOURCES = 200;

/** Synthetic store: n entries over a year, 1 in 5 joins the previous entry's story, a country each, some topics. */
export function generate(file: string, n: number): Store {
  const store = openStore(file);
  const db = store.db;
  db.pragma('synchronous = OFF');
  const now = '2025-01-01T00:00:00Z';
  const step = Math.max(1, Math.floor((365 * 86400) / n));
  db.transaction(() => {
    const src = db.prepare('INSERT INTO sources (id, url, created_at) VALUES (?, ?, ?)');
    for (let s = 0; s < SOURCES; s++) src.run(`src${s}`, `https://src${s}.example/feed.xml`, now);
  })();
  const chunk = 100_000;
  for (let lo = 1; lo <= n; lo += chunk) {
    const hi = Math.min(n, lo + chunk - 1);
    db.transaction(() => {
      const series = `WITH RECURSIVE c(x) AS (SELECT ${lo} UNION ALL SELECT x + 1 FROM c WHERE x < ${hi})`;
      db.exec(`${series} INSERT INTO stories (id, uid, representative_entry_id, published_at, created_at, updated_at)
        SELECT x, printf('%024x', x), NULL, strftime('%Y-%m-%dT%H:%M:%SZ', 1704067200 + x * ${step}, 'unixepoch'), '${now}', '${now}' FROM c WHERE x % 5 <> 0`);
      db.exec(`${series} INSERT INTO entries (id, source_id, key, guid, url, title, summary, content_html, published_at, content_hash, first_seen_at, updated_at, story_id, story_method)
        SELECT x, 'src' || (x % ${SOURCES}), 'k' || x, 'g' || x, 'https://src' || (x % ${SOURCES}) || '.example/a/' || x, 'Entry number ' || x,
          'Summary of entry ' || x, '<p>Body of entry ' || x || ' with a few words of text.</p>',
          strftime('%Y-%m-%dT%H:%M:%SZ', 1704067200 + x * ${step}, 'unixepoch'), 'h' || x, '${now}', '${now}',
          CASE WHEN x % 5 = 0 THEN x - 1 ELSE x END, CASE WHEN x % 5 = 0 THEN 'url' ELSE 'founder' END FROM c`);
      db.exec(`UPDATE stories SET representative_entry_id = id WHERE id BETWEEN ${lo} AND ${hi}`);
      const codes = COUNTRIES.map((c, i) => `SELECT ${i} AS i, '${c}' AS cc`).join(' UNION ALL ');
      db.exec(`${series}, cc(i, cc) AS (${codes}) INSERT INTO entry_tags (entry_id, kind, value, score, role, published_at)
        SELECT x, 'country', cc.cc, 1, 'focus', strftime('%Y-%m-%dT%H:%M:%SZ', 1704067200 + x * ${step}, 'unixepoch')
        FROM c JOIN cc ON cc.i = x % ${COUNTRIES.length}`);
      db.exec(`${series} INSERT INTO entry_tags (entry_id, kind, value, score, role, published_at)
        SELECT x, 'region', 'latin-america', 1, NULL, strftime('%Y-%m-%dT%H:%M:%SZ', 1704067200 + x * ${step}, 'unixepoch')
        FROM c WHERE x % ${COUNTRIES.length} < 20`);
      db.exec(`${series} INSERT INTO entry_tags (entry_id, kind, value, score, role, published_at)
        SELECT x, 'topic', CASE x % 3 WHEN 0 THEN 'strikes' WHEN 1 THEN 'elections' ELSE 'protests' END, 1, NULL,
          strftime('%Y-%m-%dT%H:%M:%SZ', 1704067200 + x * ${step}, 'unixepoch') FROM c WHERE x % 7 IN (0, 3)`);
      // Each entry's set of tags with reasons, as the tag repository writes it beside the rows above.
      db.exec(`INSERT INTO entry_tag_sets (entry_id, published_at, tags)
        SELECT entry_id, max(published_at), json_group_array(json_object('kind', kind, 'value', value, 'score', score, 'role', role, 'rule', 'bench', 'field', 'title'))
        FROM entry_tags WHERE entry_id BETWEEN ${lo} AND ${hi} GROUP BY entry_id`);
    })();
  }
  db.pragma('synchronous = NORMAL');
  db.exec('ANALYZE');
  return store;
}

/** The filters a subscriber meets: a country, a region-wide collection, and a country narrowed by topic. */
export const FILTERS: { name: string; filter: FeedFilter }[] = [
  { name: 'country PE', filter: { require: [{ countries: ['PE'] }] } },
  {
    name: 'collection latin-america',
    filter: { require: [{ countries: COUNTRIES.slice(0, 20), regions: ['latin-america'] }] },
  },
  { name: 'PE and strikes', filter: { require: [{ countries: ['PE'] }, { topics: ['strikes'] }] } },
];

function timeQueries(store: Store, rounds = 30): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { name, filter } of FILTERS) {
    store.feeds.page(filter, { limit: 50, shownEntry }); // warm the page cache and statements
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      store.feeds.page(filter, { limit: 50, shownEntry });
      times.push(performance.now() - t0);
    }
    out[name] = median(times);
  }
  return out;
}

const perResponse = (c: Cannon) => c.bytes / Math.max(1, c.total);

/** Runs per arm of a side-by-side comparison: one run each swung with the machine's load. */
const RUNS = 3;

/** The two arms, alternating, each the median of its runs. */
const sideBySide = (a: () => Promise<Cannon>, b: () => Promise<Cannon>) => alternate(a, b, RUNS, median);

export async function runFeedsBench(
  opts: FeedsBenchOptions = {},
): Promise<BenchResult & { figures: FeedsBenchFigures }> {
  const log = opts.log ?? ((s: string) => console.error(s));
  const big = opts.big ?? 1_000_000;
  const small = opts.small ?? 10_000;
  const seconds = opts.seconds ?? 5;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-feeds-'));
  try {
    const t0 = performance.now();
    log(`feeds: generating ${small.toLocaleString('en-US')} and ${big.toLocaleString('en-US')} entries`);
    const smallStore = generate(path.join(dir, 'small.sqlite'), small);
    const bigStore = generate(path.join(dir, 'big.sqlite'), big);
    const generateSeconds = (performance.now() - t0) / 1000;
    log(`feeds: generated in ${generateSeconds.toFixed(1)} s; timing queries`);
    const qSmall = timeQueries(smallStore);
    const qBig = timeQueries(bigStore);

    // HTTP: the wireroom server over the big store, a collection feed; the baseline answers its exact bytes.
    const configDir = path.join(dir, 'config');
    mkdirSync(configDir);
    writeFileSync(path.join(configDir, 'wireroom.yaml'), 'site:\n  base_url: http://127.0.0.1:8080/\n');
    writeFileSync(
      path.join(configDir, 'collections.yaml'),
      `collections:\n  - slug: latin-america\n    title: Latin America\n    filter:\n      regions: [latin-america]\n      countries: [${COUNTRIES.slice(0, 20).join(', ')}]\n`,
    );
    const config = loadConfig(configDir, { db: bigStore.file });
    const srv = await startServer({ store: bigStore, config, port: 0, host: '127.0.0.1' });
    const feedUrl = new URL('feeds/c/latin-america.rss', srv.url).href;
    const res = await fetch(feedUrl, { headers: { 'accept-encoding': 'identity' } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const etag = res.headers.get('etag')!;
    const headers = Object.fromEntries(
      [...res.headers].filter(([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)),
    );
    const headers304 = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'content-length'));
    const plain = createServer((req, r) => {
      if (req.headers['if-none-match'] === etag) {
        r.writeHead(304, headers304);
        return r.end();
      }
      r.writeHead(200, headers);
      r.end(bytes);
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/feeds/c/latin-america.rss`;
    log(`feeds: HTTP, ${seconds} s per run, ${RUNS} runs per arm alternating, feed of ${bytes.length} bytes`);
    const [base200, feed200] = await sideBySide(
      () => cannon(plainUrl, {}, seconds),
      () => cannon(feedUrl, {}, seconds),
    );
    // Uncached: every request asks for another page (a distinct paging cursor), so each one runs the query and
    // renders; the server's render counter says how many did.
    const feedPath = new URL(feedUrl).pathname;
    let page = 0;
    const pageStart = Date.parse('2024-07-01T00:00:00Z');
    const nextPage = () => {
      page++;
      const before = encodeCursor({ publishedAt: new Date(pageStart - page * 7_000).toISOString(), id: 1e12 });
      return `${feedPath}?before=${before}`;
    };
    const rendersBefore = srv.renders();
    const uncached = await cannon(feedUrl, {}, seconds, nextPage);
    const rendered = srv.renders() - rendersBefore;
    const [base304, feed304] = await sideBySide(
      () => cannon(plainUrl, { 'if-none-match': etag }, seconds),
      () => cannon(feedUrl, { 'if-none-match': etag }, seconds),
    );
    await srv.close();
    await new Promise<void>((resolve) => plain.close(() => resolve()));
    smallStore.close();
    bigStore.close();
    const rps200 = feed200.rps;
    const baseline200 = base200.rps;
    const rps304 = feed304.rps;
    const baseline304 = base304.rps;
    const rpsUncached = uncached.rps;
    log(
      `feeds: bytes per response (headers + body): plain ${perResponse(base200).toFixed(0)}, ` +
        `cached ${perResponse(feed200).toFixed(0)}, ` +
        `uncached ${perResponse(uncached).toFixed(0)}; uncached run: ${uncached.total} responses, ${rendered} renders`,
    );

    const load = `${CONNECTIONS} connections, loopback, autocannon in-process (it shares the cores); cached and 304: median of ${RUNS} runs per arm, alternating`;
    const rows: Row[] = [
      row({
        bench: 'feeds',
        figure: 'curated feed 200, from the response cache (same URL every request)',
        value: rps200,
        unit: 'req/s',
        baseline: baseline200,
        baselineLabel: 'plain node:http, same bytes',
        target: { op: '>=', value: 0.5 },
        note: `${bytes.length} bytes, ${load}`,
      }),
      row({
        bench: 'feeds',
        figure: 'curated feed 200, uncached (distinct ?before= page each request, each rendered)',
        value: rpsUncached,
        unit: 'req/s',
        baseline: baseline200,
        baselineLabel: 'plain node:http, prebuilt page-one bytes',
        note: `${rendered} renders for ${uncached.total} responses, ${load}`,
      }),
      row({
        bench: 'feeds',
        figure: 'curated feed 304 (If-None-Match, cached)',
        value: rps304,
        unit: 'req/s',
        baseline: baseline304,
        baselineLabel: 'plain node:http 304',
        target: { op: '>=', value: 0.7 },
        note: load,
      }),
      ...FILTERS.map((q, i) =>
        row({
          bench: 'feeds',
          figure: `query "${q.name}" (feeds.page, limit 50, warm median), ${big.toLocaleString('en-US')} entries`,
          value: qBig[q.name]!,
          unit: 'ms',
          baseline: qSmall[q.name]!,
          baselineLabel: `${small.toLocaleString('en-US')} entries`,
          target: i === 1 ? { op: '<=', value: 3 } : undefined,
        }),
      ),
    ];
    // Same work per response: the cached and plain 200s carry the same bytes, the uncached pages about as many (other
    // items, same count), every uncached response was a render, and every answer had the status its arm asks for.
    const work: WorkCheck[] = [
      {
        bench: 'feeds',
        comparison: 'curated feed 200, cached vs plain',
        unit: 'bytes per response',
        tolerance: 0.02,
        arms: [
          { arm: 'plain', done: perResponse(base200) },
          { arm: 'wireroom cached', done: perResponse(feed200) },
        ],
      },
      {
        bench: 'feeds',
        comparison: 'curated feed 200, uncached vs plain',
        unit: 'bytes per response',
        tolerance: 0.1,
        arms: [
          { arm: 'plain', done: perResponse(base200) },
          { arm: 'wireroom uncached', done: perResponse(uncached) },
        ],
      },
      // When the run stops, up to one request per connection has been rendered but not answered.
      {
        bench: 'feeds',
        comparison: 'curated feed 200, uncached',
        unit: 'renders vs responses',
        tolerance: (CONNECTIONS + 1) / Math.max(1, uncached.total),
        arms: [
          { arm: 'responses', done: uncached.total },
          { arm: 'renders', done: rendered },
        ],
      },
      {
        bench: 'feeds',
        comparison: 'curated feed 304 vs plain',
        unit: 'bytes per response',
        tolerance: 0.05,
        arms: [
          { arm: 'plain', done: perResponse(base304) },
          { arm: 'wireroom', done: perResponse(feed304) },
        ],
      },
      ...[base200, feed200, uncached].map((c, i) => ({
        bench: 'feeds',
        comparison: '200 runs',
        unit: 'responses not 200',
        arms: [{ arm: ['plain', 'cached', 'uncached'][i] ?? '', done: c.total - c.s2xx }],
        expected: 0,
      })),
      ...[base304, feed304].map((c, i) => ({
        bench: 'feeds',
        comparison: '304 runs',
        unit: 'responses not 304',
        arms: [{ arm: ['plain', 'wireroom'][i] ?? '', done: c.total - c.s3xx }],
        expected: 0,
      })),
    ];
    return {
      rows,
      work,
      figures: {
        rps200,
        baseline200,
        rps304,
        baseline304,
        rpsUncached,
        queryMsBig: qBig[FILTERS[1]!.name]!,
        queryMsSmall: qSmall[FILTERS[1]!.name]!,
        generateSeconds,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const r = await runFeedsBench({ big: arg('big'), small: arg('small'), seconds: arg('seconds') });
  printRows(r.rows, 'curated feeds');
  if (!reportWork(r.work)) process.exitCode = 1;
}
