// The console's sources dashboard on PostgreSQL (issue #15): the same page as SourceRepo.dashboardPage on SQLite
// (src/store/sources.ts), computed per request. SQLite keeps sources.yaml's list in a temp table of its one
// connection; a pool has no such connection (and `wireroom serve`'s are read-only), so the list goes with the query
// as arrays (ids and whether each is enabled; titles and URLs only when the text filter needs them) and is joined
// with the fetch state there; the page's own rows get the rest of their listed fields here. (One jsonb parameter
// with every field took 80 ms to unpack at 10,000 sources; the id array, 3 ms.) Same rows, order, counts and keyset
// cursor: ids and dates compare bytewise (COLLATE "C", SQLite's BINARY), the text filter folds ASCII case only
// (SQLite's LIKE).
import type { DashboardKey, DashboardQuery, DashboardRow, Health, ListedSourceRow } from '../sources.ts';
import type { Queryable } from './connect.ts';
import { withoutNul } from './text.ts';

export interface DashboardPage {
  rows: DashboardRow[];
  next?: DashboardKey;
  counts: Record<Health, number>;
}

const HEALTH_SQL = `(CASE WHEN l.enabled = 0 THEN 'disabled' WHEN s.status IN ('error', 'gone') THEN 'failing'
  WHEN s.status IN ('ok', 'not-modified') THEN 'ok' ELSE 'new' END)`;
const HEALTH_RANK_SQL = `(CASE WHEN l.enabled = 0 THEN 3 WHEN s.status IN ('error', 'gone') THEN 0
  WHEN s.status IN ('ok', 'not-modified') THEN 2 ELSE 1 END)`;
const HEALTH_BY_RANK: readonly Health[] = ['failing', 'new', 'ok', 'disabled'];

/** Each sort's column (never NULL) and whether it holds text or a number. */
const SORT: Record<DashboardQuery['sort'], { column: string; text: boolean }> = {
  id: { column: 'id', text: true },
  status: { column: '"healthRank"', text: false },
  last_success: { column: '"lastSuccessAt"', text: true },
  failures: { column: '"errorCount"', text: false },
  entries: { column: '"entryCount"', text: false },
};

/**
 * The listed sources ($1 ids, $2 positions, $3 enabled; $4 titles and $5 URLs with `text`) with what the filters
 * and sorts read of their fetch state: narrow rows, as every listed source goes through them.
 */
const dashboardCte = (text: boolean) => `listed AS (
    SELECT l.id COLLATE "C" AS id, l.position, l.enabled${text ? ', l.title, l.url' : ''}
    FROM unnest($1::text[], $2::int[], $3::int[]${text ? ', $4::text[], $5::text[]' : ''})
      AS l(id, position, enabled${text ? ', title, url' : ''})),
  d AS MATERIALIZED (
    SELECT l.*, ${HEALTH_SQL} AS health, ${HEALTH_RANK_SQL} AS "healthRank",${text ? ' s.title AS "feedTitle",' : ''}
      coalesce(s.error_count, 0) AS "errorCount", coalesce(s.last_success_at, '') COLLATE "C" AS "lastSuccessAt",
      coalesce(s.entry_count, 0) AS "entryCount"
    FROM listed l LEFT JOIN sources s ON s.id = l.id)`;

/** sources.yaml's list as the query's arrays: one row per id, its first listing (SQLite's INSERT OR IGNORE). */
interface ListedArrays {
  ids: string[];
  positions: number[];
  enabled: number[];
  titles: (string | null)[];
  urls: string[];
}

/** Per list (sources-shared.ts keeps one array per version of the file): built once, not per request. */
const arraysOf = new WeakMap<readonly ListedSourceRow[], ListedArrays>();

function listedArrays(listed: readonly ListedSourceRow[]): ListedArrays {
  const known = arraysOf.get(listed);
  if (known) return known;
  const seen = new Set<string>();
  const a: ListedArrays = { ids: [], positions: [], enabled: [], titles: [], urls: [] };
  listed.forEach((s, i) => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    // PostgreSQL text holds no U+0000; the page shows the listed values themselves (filledIn).
    a.ids.push(withoutNul(s.id));
    a.positions.push(i);
    a.enabled.push(s.enabled === false ? 0 : 1);
    a.titles.push(s.title === undefined ? null : withoutNul(s.title));
    a.urls.push(withoutNul(s.url));
  });
  arraysOf.set(listed, a);
  return a;
}

/** A page row with its listed fields, as SQLite's temp table holds them (useListed). */
function filledIn(r: DashboardRow, s: ListedSourceRow): DashboardRow {
  return {
    ...r,
    id: s.id,
    url: s.url,
    title: s.title ?? null,
    enabled: s.enabled === false ? 0 : 1,
    country: s.country ?? null,
    topics: JSON.stringify(s.topics ?? []),
    interval: s.interval === undefined ? null : String(s.interval),
  };
}

/** ASCII-only case folding, as SQLite's LIKE compares. */
const fold = (sql: string) => `translate(${sql}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/** One page of the listed sources, as SourceRepo.dashboardPage answers it (see useListed there). */
export async function dashboardPagePg(
  q: Queryable,
  listed: readonly ListedSourceRow[],
  query: DashboardQuery,
): Promise<DashboardPage> {
  const arrays = listedArrays(listed);
  const text = !!query.text;
  const params: unknown[] = [
    arrays.ids,
    arrays.positions,
    arrays.enabled,
    ...(text ? [arrays.titles, arrays.urls] : []),
  ];
  const param = (v: unknown) => `$${params.push(v)}`;
  const sort = SORT[query.sort];
  const where: string[] = [];
  if (query.text) {
    const pattern = fold(param(withoutNul(`%${query.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)));
    const columns = ['d.id', 'd.title', 'd."feedTitle"', 'd.url'];
    where.push(`(${columns.map((c) => `${fold(c)} LIKE ${pattern} ESCAPE '\\'`).join(' OR ')})`);
  }
  if (query.health) where.push(`d.health = ${param(query.health)}`);
  if (query.after) where.push(afterSql(sort, query.desc, query.after, param));
  const dir = query.desc ? 'DESC' : 'ASC';
  // The tabs' figures (over every listed source, the text filter aside, as on SQLite) ride on the page's rows: one
  // statement, one pass over the list; an empty page still gives the one row that carries them.
  const { rows } = await q.query<DashboardRow & { counts: Record<string, number> }>(
    `WITH ${dashboardCte(text)},
     counts AS (SELECT coalesce(json_object_agg(rank, n), '{}') AS counts
       FROM (SELECT "healthRank" AS rank, count(*) AS n FROM d GROUP BY "healthRank") c),
     page AS MATERIALIZED (
       SELECT d.*, d.${sort.column} AS "sortValue" FROM d
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY d.${sort.column} ${dir}, d.id ${dir} LIMIT ${param(query.limit + 1)})
     SELECT counts.counts, page.id, page.position, page.health, page."healthRank", page."errorCount",
       page."lastSuccessAt", page."entryCount", page."sortValue",
       s.status, s.title AS "feedTitle", s.site_url AS "siteUrl", s.effective_url AS "effectiveUrl",
       s.last_error AS "lastError", s.last_error_code AS "lastErrorCode", s.last_fetch_at AS "lastFetchAt",
       s.next_fetch_at AS "nextFetchAt",
       CASE WHEN page.health = 'failing' THEN (
         SELECT min(f.started_at) FROM fetch_log f WHERE f.source_id = page.id
           AND f.started_at > coalesce(nullif(page."lastSuccessAt", ''), '') AND f.status IN ('error', 'gone'))
       END AS "failingSince"
     FROM counts LEFT JOIN page ON true LEFT JOIN sources s ON s.id = page.id
     ORDER BY page."sortValue" ${dir}, page.id ${dir}`,
    params,
  );
  const counts: Record<Health, number> = { ok: 0, failing: 0, disabled: 0, new: 0 };
  for (const [rank, n] of Object.entries(rows[0]?.counts ?? {})) {
    const health = HEALTH_BY_RANK[Number(rank)];
    if (health) counts[health] = n;
  }
  const found: DashboardRow[] = [];
  for (const { counts: _counts, ...r } of rows) {
    if (r.id === null) continue; // the counts' row of an empty page
    const s = listed[r.position];
    if (!s) throw new Error(`dashboard: no listed source at position ${r.position}`);
    found.push(filledIn(r, s));
  }
  const more = found.length > query.limit;
  const shown = more ? found.slice(0, query.limit) : found;
  const last = shown[shown.length - 1];
  return { rows: shown, counts, ...(more && last ? { next: { value: last.sortValue, id: last.id } } : {}) };
}

/**
 * The rows after the cursor. A cursor whose value is of the other type than the sort's column compares as SQLite
 * compares mixed types (every number before every text): all rows or none, never a cast error.
 */
function afterSql(
  sort: { column: string; text: boolean },
  desc: boolean,
  after: DashboardKey,
  param: (v: unknown) => string,
): string {
  const isText = typeof after.value === 'string';
  if (isText !== sort.text) {
    // Column numbers, cursor text: every row is below it. Column text, cursor a number: every row is above it.
    const allRows = sort.text ? !desc : desc;
    return allRows ? 'true' : 'false';
  }
  const value = sort.text
    ? `${param(withoutNul(String(after.value)))}::text COLLATE "C"`
    : `${param(after.value)}::numeric`;
  return `(d.${sort.column}, d.id) ${desc ? '<' : '>'} (${value}, ${param(withoutNul(after.id))}::text COLLATE "C")`;
}
