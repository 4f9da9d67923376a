// The console's sources dashboard on PostgreSQL (issue #15): the same page as SourceRepo.dashboardPage on SQLite
// (src/store/sources.ts), computed per request. SQLite keeps sources.yaml's list in a temp table of its one
// connection; a pool has no such connection, so the list goes with the query as one jsonb parameter and is joined
// with the fetch state there. Same rows, order, counts and keyset cursor: ids and dates compare bytewise (COLLATE
// "C", SQLite's BINARY), the text filter folds ASCII case only (SQLite's LIKE).
import type { DashboardKey, DashboardQuery, DashboardRow, Health, ListedSourceRow } from '../sources.ts';
import type { Queryable } from './connect.ts';
import { withoutNul, withoutNulOr } from './text.ts';

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

/** The listed sources joined with their fetch state: one row per id, the first listing of it (INSERT OR IGNORE). */
const DASHBOARD_CTE = `listed AS (
    SELECT DISTINCT ON (l.id) l.id COLLATE "C" AS id, l.p AS position, l.url, l.title, l.enabled, l.country,
      l.topics, l.interval
    FROM jsonb_to_recordset($1::jsonb) AS l(id text, p int, url text, title text, enabled int, country text,
      topics text, interval text)
    ORDER BY l.id, l.p),
  d AS (
    SELECT l.id, l.position, l.url, l.title, l.enabled, l.country, l.topics, l.interval,
      ${HEALTH_SQL} AS health, ${HEALTH_RANK_SQL} AS "healthRank",
      s.status, s.title AS "feedTitle", s.site_url AS "siteUrl", s.effective_url AS "effectiveUrl",
      s.last_error AS "lastError", s.last_error_code AS "lastErrorCode", coalesce(s.error_count, 0) AS "errorCount",
      s.last_fetch_at AS "lastFetchAt", coalesce(s.last_success_at, '') COLLATE "C" AS "lastSuccessAt",
      s.next_fetch_at AS "nextFetchAt", coalesce(s.entry_count, 0) AS "entryCount"
    FROM listed l LEFT JOIN sources s ON s.id = l.id)`;

/** sources.yaml's rows as the jsonb parameter (PostgreSQL text holds no U+0000). */
function listedJson(listed: readonly ListedSourceRow[]): string {
  return JSON.stringify(
    listed.map((s, i) => ({
      id: withoutNul(s.id),
      p: i,
      url: withoutNul(s.url),
      title: withoutNulOr(s.title ?? null),
      enabled: s.enabled === false ? 0 : 1,
      country: withoutNulOr(s.country ?? null),
      topics: withoutNul(JSON.stringify(s.topics ?? [])),
      interval: s.interval === undefined ? null : withoutNul(String(s.interval)),
    })),
  );
}

/** ASCII-only case folding, as SQLite's LIKE compares. */
const fold = (sql: string) => `translate(${sql}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/** One page of the listed sources, as SourceRepo.dashboardPage answers it (see useListed there). */
export async function dashboardPagePg(
  q: Queryable,
  listed: readonly ListedSourceRow[],
  query: DashboardQuery,
): Promise<DashboardPage> {
  const params: unknown[] = [listedJson(listed)];
  const param = (v: unknown) => `$${params.push(v)}`;
  const sort = SORT[query.sort];
  const filters: string[] = [];
  if (query.text) {
    const pattern = fold(param(withoutNul(`%${query.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)));
    filters.push(
      `(${['d.id', 'd.title', 'd."feedTitle"', 'd.url'].map((c) => `${fold(c)} LIKE ${pattern} ESCAPE '\\'`).join(' OR ')})`,
    );
  }
  const where = [...filters];
  if (query.health) where.push(`d.health = ${param(query.health)}`);
  if (query.after) where.push(afterSql(sort, query.desc, query.after, param));
  const dir = query.desc ? 'DESC' : 'ASC';
  const limit = param(query.limit + 1);
  const [pageRes, countRes] = await Promise.all([
    q.query<DashboardRow>(
      `WITH ${DASHBOARD_CTE},
       page AS MATERIALIZED (
         SELECT d.*, d.${sort.column} AS "sortValue" FROM d
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY d.${sort.column} ${dir}, d.id ${dir} LIMIT ${limit})
       SELECT page.*,
         CASE WHEN health = 'failing' THEN (
           SELECT min(f.started_at) FROM fetch_log f WHERE f.source_id = page.id
             AND f.started_at > coalesce(nullif(page."lastSuccessAt", ''), '') AND f.status IN ('error', 'gone'))
         END AS "failingSince"
       FROM page ORDER BY "sortValue" ${dir}, id ${dir}`,
      params,
    ),
    // The tabs' figures: over every listed source, the text filter aside (as on SQLite).
    q.query<{ rank: number; n: number }>(
      `WITH ${DASHBOARD_CTE} SELECT "healthRank" AS rank, count(*) AS n FROM d GROUP BY "healthRank"`,
      [params[0]],
    ),
  ]);
  const counts: Record<Health, number> = { ok: 0, failing: 0, disabled: 0, new: 0 };
  for (const r of countRes.rows) {
    const health = HEALTH_BY_RANK[r.rank];
    if (health) counts[health] = r.n;
  }
  const rows = pageRes.rows;
  const more = rows.length > query.limit;
  const shown = more ? rows.slice(0, query.limit) : rows;
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
