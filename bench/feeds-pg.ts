// Curated feed queries on PostgreSQL (issue #15): the feeds bench's three filters (bench/feeds.ts FILTERS) through
// the PostgreSQL FeedReader (src/store/pg/feeds.ts) at 1,000,000 stored entries against the same at 10,000. The
// data is bench/feeds.ts generate()'s, written by PostgreSQL itself (generate_series) into a server of
// tests/helpers/postgres.ts (initdb in a temp folder, Unix socket, fsync off): the same entries, stories, tags
// and sets, with the search vector built as every stored entry's is.
//
//   node --import tsx bench/feeds-pg.ts [--big N] [--small N]
import { shownEntry } from '../src/publish/index.ts';
import { openFeedReader, type FeedReader } from '../src/store/index.ts';
import { startPostgres } from '../tests/helpers/postgres.ts';
import { COUNTRIES, FILTERS, SOURCES } from './feeds.ts';
import { isMain, median, printRows, reportWork, row, type BenchResult, type Row } from './report.ts';

const NOW = '2025-01-01T00:00:00Z';

/** generate()'s store in SQL: n entries over a year, 1 in 5 joins the previous entry's story, tags as there. */
async function generatePg(url: string, n: number, log: (s: string) => void): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const step = Math.max(1, Math.floor((365 * 86400) / n));
    const at = `to_char(to_timestamp(1704067200 + x::bigint * ${step}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
    await client.query(`INSERT INTO sources (id, url, created_at)
      SELECT 'src' || s, 'https://src' || s || '.example/feed.xml', '${NOW}' FROM generate_series(0, ${SOURCES - 1}) s`);
    const codes = COUNTRIES.map((c, i) => `(${i}, '${c}')`).join(', ');
    const chunk = 100_000;
    for (let lo = 1; lo <= n; lo += chunk) {
      const hi = Math.min(n, lo + chunk - 1);
      const series = `generate_series(${lo}, ${hi}) x`;
      await client.query('BEGIN');
      await client.query(`INSERT INTO stories (id, uid, representative_entry_id, published_at, created_at, updated_at)
        SELECT x, lpad(to_hex(x), 24, '0'), NULL, ${at}, '${NOW}', '${NOW}' FROM ${series} WHERE x % 5 <> 0`);
      await client.query(`INSERT INTO entries (id, source_id, key, guid, url, title, summary, content_html,
          published_at, content_hash, first_seen_at, updated_at, story_id, story_method)
        SELECT x, 'src' || (x % ${SOURCES}), 'k' || x, 'g' || x, 'https://src' || (x % ${SOURCES}) || '.example/a/' || x,
          'Entry number ' || x, 'Summary of entry ' || x, '<p>Body of entry ' || x || ' with a few words of text.</p>',
          ${at}, 'h' || x, '${NOW}', '${NOW}', CASE WHEN x % 5 = 0 THEN x - 1 ELSE x END,
          CASE WHEN x % 5 = 0 THEN 'url' ELSE 'founder' END FROM ${series}`);
      await client.query(`UPDATE stories SET representative_entry_id = id WHERE id BETWEEN ${lo} AND ${hi}`);
      await client.query(`INSERT INTO entry_tags (entry_id, kind, value, score, role, published_at)
        SELECT x, 'country', cc.cc, 1, 'focus', ${at} FROM ${series}
        JOIN (VALUES ${codes}) cc(i, cc) ON cc.i = x % ${COUNTRIES.length}`);
      await client.query(`INSERT INTO entry_tags (entry_id, kind, value, score, role, published_at)
        SELECT x, 'region', 'latin-america', 1, NULL, ${at} FROM ${series} WHERE x % ${COUNTRIES.length} < 20`);
      await client.query(`INSERT INTO entry_tags (entry_id, kind, value, score, role, published_at)
        SELECT x, 'topic', CASE x % 3 WHEN 0 THEN 'strikes' WHEN 1 THEN 'elections' ELSE 'protests' END, 1, NULL, ${at}
        FROM ${series} WHERE x % 7 IN (0, 3)`);
      await client.query(`INSERT INTO entry_tag_sets (entry_id, published_at, tags)
        SELECT entry_id, max(published_at), json_agg(json_build_object('kind', kind, 'value', value, 'score', score,
          'role', role, 'rule', 'bench', 'field', 'title'))::text
        FROM entry_tags WHERE entry_id BETWEEN ${lo} AND ${hi} GROUP BY entry_id`);
      await client.query('COMMIT');
      if (hi % 500_000 === 0) log(`feeds-pg: ${hi.toLocaleString('en-US')} entries`);
    }
    await client.query(`SELECT setval(pg_get_serial_sequence('entries', 'id'), ${n})`);
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

async function timeQueries(
  reader: FeedReader,
  rounds = 30,
): Promise<Record<string, { ms: number; items: number; matching: number }>> {
  const out: Record<string, { ms: number; items: number; matching: number }> = {};
  for (const { name, filter } of FILTERS) {
    const warm = await reader.page(filter, { limit: 50, shownEntry });
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      await reader.page(filter, { limit: 50, shownEntry });
      times.push(performance.now() - t0);
    }
    out[name] = { ms: median(times), items: warm.items.length, matching: await reader.count(filter, 50) };
  }
  return out;
}

export async function runFeedsPgBench(
  opts: { big?: number; small?: number; log?: (s: string) => void } = {},
): Promise<BenchResult> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const big = opts.big ?? 1_000_000;
  const small = opts.small ?? 10_000;
  const server = await startPostgres();
  try {
    const t0 = performance.now();
    log(`feeds-pg: generating ${small.toLocaleString('en-US')} and ${big.toLocaleString('en-US')} entries`);
    const urls = { small: await server.createDatabase('small'), big: await server.createDatabase('big') };
    const readers: Record<'small' | 'big', Awaited<ReturnType<typeof openFeedReader>>> = {
      // Opening migrates (the schema), as every process on PostgreSQL does.
      small: await openFeedReader({ kind: 'postgres', url: urls.small }, { connections: 2 }),
      big: await openFeedReader({ kind: 'postgres', url: urls.big }, { connections: 2 }),
    };
    await generatePg(urls.small, small, log);
    await generatePg(urls.big, big, log);
    log(`feeds-pg: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; timing queries`);
    const qSmall = await timeQueries(readers.small.reader);
    const qBig = await timeQueries(readers.big.reader);
    await readers.small.close();
    await readers.big.close();
    const rows: Row[] = FILTERS.map((q, i) =>
      row({
        bench: 'feeds-pg',
        figure: `PostgreSQL query "${q.name}" (FeedReader.page, limit 50, warm median), ${big.toLocaleString('en-US')} entries`,
        value: qBig[q.name]?.ms ?? NaN,
        unit: 'ms',
        baseline: qSmall[q.name]?.ms ?? NaN,
        baselineLabel: `${small.toLocaleString('en-US')} entries`,
        target: i === 1 ? { op: '<=', value: 3 } : undefined,
        note: 'a server of tests/helpers/postgres.ts on a Unix socket, fsync off',
      }),
    );
    return {
      rows,
      // Each page holds what it should: 50 items, or every matching story where fewer match (a small store).
      work: FILTERS.map((q) => ({
        bench: 'feeds-pg',
        comparison: `query "${q.name}": a page of min(50, matching stories) at both sizes`,
        unit: 'items on the page, as a share of min(50, matching)',
        expected: 1,
        arms: [
          { arm: `${small}`, done: (qSmall[q.name]?.items ?? 0) / Math.max(1, qSmall[q.name]?.matching ?? 0) },
          { arm: `${big}`, done: (qBig[q.name]?.items ?? 0) / Math.max(1, qBig[q.name]?.matching ?? 0) },
        ],
      })),
    };
  } finally {
    server.stop();
  }
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const r = await runFeedsPgBench({ big: arg('--big'), small: arg('--small') });
  printRows(r.rows);
  reportWork(r.work);
}
