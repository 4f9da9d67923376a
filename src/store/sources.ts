// Fetch state per source. The config files say which sources exist; this table says how they are doing.
import type { FetchState, SourceConfig } from '../types.ts';
import { asBookkeeping } from './bookkeeping.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

export type SourceStatus = 'new' | 'ok' | 'not-modified' | 'error' | 'gone';

export interface SourceState extends FetchState {
  id: string;
  url: string;
  title?: string;
  siteUrl?: string;
  status: SourceStatus;
  lastError?: string;
  lastErrorCode?: string;
  warnings: string[];
  errorCount: number;
  lastFetchAt?: string;
  lastSuccessAt?: string;
  nextFetchAt?: string;
  guidReuse: boolean;
}

export interface FetchRecord {
  status: SourceStatus;
  fetchedAt: string;
  nextFetchAt: string;
  etag?: string | null;
  lastModified?: string | null;
  effectiveUrl?: string | null;
  title?: string;
  siteUrl?: string;
  error?: string;
  errorCode?: string;
  warnings?: string[];
}

/** A sources row as both stores read it (src/store/pg/sources.ts too). */
export interface SourceRow {
  id: string;
  url: string;
  effective_url: string | null;
  title: string | null;
  site_url: string | null;
  etag: string | null;
  last_modified: string | null;
  status: SourceStatus;
  last_error: string | null;
  last_error_code: string | null;
  warnings: string;
  error_count: number;
  last_fetch_at: string | null;
  last_success_at: string | null;
  next_fetch_at: string | null;
  guid_reuse: number;
}

export function rowToState(r: SourceRow): SourceState {
  return {
    id: r.id,
    url: r.url,
    effectiveUrl: r.effective_url ?? undefined,
    title: r.title ?? undefined,
    siteUrl: r.site_url ?? undefined,
    etag: r.etag ?? undefined,
    lastModified: r.last_modified ?? undefined,
    status: r.status,
    lastError: r.last_error ?? undefined,
    lastErrorCode: r.last_error_code ?? undefined,
    warnings: parseJson(r.warnings, []),
    errorCount: r.error_count,
    lastFetchAt: r.last_fetch_at ?? undefined,
    lastSuccessAt: r.last_success_at ?? undefined,
    nextFetchAt: r.next_fetch_at ?? undefined,
    guidReuse: r.guid_reuse === 1,
  };
}

/** Parameters of the record statement (named, so the SQL reads on its own). */
interface RecordParams {
  id: string;
  status: SourceStatus;
  fetchedAt: string;
  nextFetchAt: string;
  hasEtag: number;
  etag: string | null;
  hasLastModified: number;
  lastModified: string | null;
  hasEffectiveUrl: number;
  effectiveUrl: string | null;
  title: string | null;
  siteUrl: string | null;
  error: string | null;
  errorCode: string | null;
  warnings: string | null;
  failed: number;
}

/** What feeds show of a source: its names and links. */
export interface SourceInfo {
  id: string;
  url: string;
  effectiveUrl?: string;
  title?: string;
  siteUrl?: string;
}

export class SourceRepo {
  // Prepared once: every fetch reads and records its source, and compiling these statements each time cost more
  // than running them (an all-304 cycle is little else).
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      url: db.prepare<[string], { url: string }>('SELECT url FROM sources WHERE id = ?'),
      insert: db.prepare<[string, string, string]>('INSERT INTO sources (id, url, created_at) VALUES (?, ?, ?)'),
      reset: db.prepare<[string, string]>(
        `UPDATE sources SET url = ?, effective_url = NULL, etag = NULL, last_modified = NULL, status = 'new',
           error_count = 0, next_fetch_at = NULL WHERE id = ?`,
      ),
      get: db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE id = ?'),
      list: db.prepare<[], SourceRow>('SELECT * FROM sources ORDER BY id'),
      infos: db.prepare<[], Pick<SourceRow, 'id' | 'url' | 'effective_url' | 'title' | 'site_url'>>(
        'SELECT id, url, effective_url, title, site_url FROM sources ORDER BY id',
      ),
      record: db.prepare<[RecordParams]>(
        `UPDATE sources SET
           status = @status, last_fetch_at = @fetchedAt, next_fetch_at = @nextFetchAt,
           etag = CASE WHEN @hasEtag THEN @etag ELSE etag END,
           last_modified = CASE WHEN @hasLastModified THEN @lastModified ELSE last_modified END,
           effective_url = CASE WHEN @hasEffectiveUrl THEN @effectiveUrl ELSE effective_url END,
           title = COALESCE(@title, title), site_url = COALESCE(@siteUrl, site_url),
           last_error = @error, last_error_code = @errorCode,
           warnings = CASE WHEN @warnings IS NULL THEN warnings ELSE @warnings END,
           error_count = CASE WHEN @failed THEN error_count + 1 ELSE 0 END,
           last_success_at = CASE WHEN @failed THEN last_success_at ELSE @fetchedAt END
         WHERE id = @id`,
      ),
      markGuidReuse: db.prepare<[string]>('UPDATE sources SET guid_reuse = 1 WHERE id = ?'),
    };
  }

  /** Makes sure every configured source has a row; a changed URL starts its fetch state afresh. */
  sync(sources: SourceConfig[], now: string): void {
    const { url, insert, reset } = this.stmts;
    this.db.transaction(() => {
      for (const s of sources) {
        const row = url.get(s.id);
        if (!row) insert.run(s.id, s.url, now);
        else if (row.url !== s.url) reset.run(s.url, s.id);
      }
    })();
  }

  get(id: string): SourceState | undefined {
    const row = this.stmts.get.get(id);
    return row ? rowToState(row) : undefined;
  }

  list(): SourceState[] {
    return this.stmts.list.all().map(rowToState);
  }

  /** Every source's names and links, for feeds and pages. */
  infos(): SourceInfo[] {
    return this.stmts.infos.all().map((r) => ({
      id: r.id,
      url: r.url,
      effectiveUrl: r.effective_url ?? undefined,
      title: r.title ?? undefined,
      siteUrl: r.site_url ?? undefined,
    }));
  }

  /** Records one fetch attempt's result; failures count up (for back-off), success resets the count. */
  record(id: string, r: FetchRecord): void {
    const failed = r.status === 'error' || r.status === 'gone';
    this.stmts.record.run({
      id,
      status: r.status,
      fetchedAt: r.fetchedAt,
      nextFetchAt: r.nextFetchAt,
      hasEtag: r.etag !== undefined ? 1 : 0,
      etag: r.etag ?? null,
      hasLastModified: r.lastModified !== undefined ? 1 : 0,
      lastModified: r.lastModified ?? null,
      hasEffectiveUrl: r.effectiveUrl !== undefined ? 1 : 0,
      effectiveUrl: r.effectiveUrl ?? null,
      title: r.title ?? null,
      siteUrl: r.siteUrl ?? null,
      error: r.error ?? null,
      errorCode: r.errorCode ?? null,
      warnings: r.warnings ? JSON.stringify(r.warnings) : null,
      failed: failed ? 1 : 0,
    });
  }

  markGuidReuse(id: string): void {
    this.stmts.markGuidReuse.run(id);
  }

  // --- The console's sources dashboard (issue #12) -----------------------------------------------------------------
  // sources.yaml says which sources exist. Its rows are copied into a temp table of this connection (again only when
  // the file changed), and joined with the fetch state into a temp snapshot with an index per sort, so a page is an
  // index walk that stops after the page, at 100 sources as at 10,000. Writes of this connection (the worker in the
  // same process) keep the snapshot current through temp triggers; another process's commits (a `wireroom serve`
  // beside the worker) change PRAGMA data_version, and the snapshot is rebuilt once at the next page.

  /** The `listed` key the temp table holds now (the file version it was filled from). */
  private listedKey: string | undefined;
  /** PRAGMA data_version when the snapshot was built; undefined: to be built. */
  private snapshotVersion: number | undefined;

  /** Fills the temp table of listed sources, unless it already holds the list under `key`. */
  useListed(key: string, listed: readonly ListedSourceRow[]): void {
    if (this.listedKey === key) return;
    this.db.exec(DASHBOARD_SCHEMA);
    const insert = this.db.prepare<
      [string, number, string, string | null, number, string | null, string, string | null]
    >('INSERT OR IGNORE INTO temp.listed_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    asBookkeeping(this.db, () =>
      this.db.transaction(() => {
        this.db.exec('DELETE FROM temp.listed_sources');
        listed.forEach((s, i) =>
          insert.run(
            s.id,
            i,
            s.url,
            s.title ?? null,
            s.enabled === false ? 0 : 1,
            s.country ?? null,
            JSON.stringify(s.topics ?? []),
            s.interval === undefined ? null : String(s.interval),
          ),
        );
      })(),
    );
    this.listedKey = key;
    this.snapshotVersion = undefined;
  }

  /** Rebuilds the snapshot when the list changed or another connection committed since it was built. */
  private freshSnapshot(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (this.snapshotVersion === version) return;
    asBookkeeping(this.db, () =>
      this.db.transaction(() => {
        this.db.exec(`DELETE FROM temp.source_dashboard;
        INSERT INTO temp.source_dashboard
        SELECT l.id, l.position, l.url, l.title, l.enabled, l.country, l.topics, l.interval,
          ${HEALTH_SQL('l.enabled', 's.status')}, ${HEALTH_RANK_SQL('l.enabled', 's.status')},
          s.status, s.title, s.site_url, s.effective_url, s.last_error, s.last_error_code, coalesce(s.error_count, 0),
          s.last_fetch_at, coalesce(s.last_success_at, ''), s.next_fetch_at, coalesce(s.entry_count, 0)
        FROM temp.listed_sources l LEFT JOIN main.sources s ON s.id = l.id;`);
      })(),
    );
    this.snapshotVersion = version;
  }

  /**
   * One page of the listed sources (see useListed) joined with their fetch state: filtered by health and text,
   * sorted, and continued after a keyset cursor. Also how many listed sources have each health.
   */
  dashboardPage(q: DashboardQuery): { rows: DashboardRow[]; next?: DashboardKey; counts: Record<Health, number> } {
    if (this.listedKey === undefined) throw new Error('dashboardPage: useListed first');
    this.freshSnapshot();
    const sort = SORT_COLUMN[q.sort];
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.text) {
      const like = `%${q.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      where.push(
        `(d.id LIKE ? ESCAPE '\\' OR d.title LIKE ? ESCAPE '\\' OR d.feedTitle LIKE ? ESCAPE '\\' OR d.url LIKE ? ESCAPE '\\')`,
      );
      params.push(like, like, like, like);
    }
    // Over every listed source, from the status index alone: the tabs' figures cost no pass over the rows.
    const countRows = this.db
      .prepare<[], { rank: number; n: number }>(
        'SELECT healthRank AS rank, count(*) AS n FROM temp.source_dashboard GROUP BY healthRank',
      )
      .all();
    const counts: Record<Health, number> = { ok: 0, failing: 0, disabled: 0, new: 0 };
    for (const r of countRows) {
      const health = HEALTH_BY_RANK[r.rank];
      if (health) counts[health] = r.n;
    }

    if (q.health) {
      where.push('d.health = ?');
      params.push(q.health);
    }
    if (q.after) {
      where.push(`(d.${sort}, d.id) ${q.desc ? '<' : '>'} (?, ?)`);
      params.push(q.after.value, q.after.id);
    }
    const dir = q.desc ? 'DESC' : 'ASC';
    // The page is materialized first, so the failing-since lookup in fetch_log runs for its rows only.
    const rows = this.db
      .prepare<(string | number)[], DashboardRow>(
        `WITH page AS MATERIALIZED (
           SELECT d.*, d.${sort} AS sortValue FROM temp.source_dashboard d
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY d.${sort} ${dir}, d.id ${dir} LIMIT ?)
         SELECT page.*,
           CASE WHEN health = 'failing' THEN (${FAILING_SINCE_SQL('page.id', "nullif(page.lastSuccessAt, '')")}) END
           AS failingSince
         FROM page ORDER BY sortValue ${dir}, id ${dir}`,
      )
      .all(...params, q.limit + 1);
    const more = rows.length > q.limit;
    const shown = more ? rows.slice(0, q.limit) : rows;
    const last = shown[shown.length - 1];
    return { rows: shown, counts, ...(more && last ? { next: { value: last.sortValue, id: last.id } } : {}) };
  }

  /** One source's stored entries (kept by triggers, see migration 014). */
  entryCount(id: string): number {
    return (
      this.db.prepare<[string], { n: number }>('SELECT entry_count AS n FROM sources WHERE id = ?').get(id)?.n ?? 0
    );
  }

  /** When the current run of failures began (its first failed fetch in fetch_log), or undefined. */
  failingSince(id: string): string | undefined {
    const row = this.db
      .prepare<[string], { since: string | null }>(
        `SELECT (${FAILING_SINCE_SQL('s.id', 's.last_success_at')}) AS since
         FROM sources s WHERE s.id = ? AND s.status IN ('error', 'gone')`,
      )
      .get(id);
    return row?.since ?? undefined;
  }
}

/** A source as sources.yaml lists it (as written), for the dashboard's temp table. */
export interface ListedSourceRow {
  id: string;
  url: string;
  title?: string;
  enabled?: boolean;
  country?: string;
  topics?: string[];
  interval?: string | number;
}

/** How a source is doing, as the dashboard filters it. */
export type Health = 'ok' | 'failing' | 'disabled' | 'new';
export type DashboardSort = 'id' | 'status' | 'last_success' | 'failures' | 'entries';

/** Where a dashboard page ends: its last row's sort value and id. */
export interface DashboardKey {
  value: string | number;
  id: string;
}

export interface DashboardQuery {
  sort: DashboardSort;
  desc: boolean;
  health?: Health;
  /** Matched anywhere in the id, the listed or the feed's title, the URL (case-insensitive for ASCII). */
  text?: string;
  after?: DashboardKey;
  limit: number;
}

export interface DashboardRow {
  id: string;
  position: number;
  url: string;
  title: string | null;
  enabled: number;
  country: string | null;
  /** JSON array of topic slugs. */
  topics: string;
  interval: string | null;
  health: Health;
  sortValue: string | number;
  status: SourceStatus | null;
  feedTitle: string | null;
  siteUrl: string | null;
  effectiveUrl: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  errorCount: number;
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  nextFetchAt: string | null;
  entryCount: number;
  failingSince: string | null;
}

const HEALTH_SQL = (enabled: string, status: string) => `(CASE WHEN ${enabled} = 0 THEN 'disabled'
  WHEN ${status} IN ('error', 'gone') THEN 'failing' WHEN ${status} IN ('ok', 'not-modified') THEN 'ok' ELSE 'new' END)`;

/** The status sort: failing first, then new, ok, disabled. */
const HEALTH_RANK_SQL = (enabled: string, status: string) => `(CASE WHEN ${enabled} = 0 THEN 3
  WHEN ${status} IN ('error', 'gone') THEN 0 WHEN ${status} IN ('ok', 'not-modified') THEN 2 ELSE 1 END)`;

const HEALTH_BY_RANK: readonly Health[] = ['failing', 'new', 'ok', 'disabled'];

/** Each sort's snapshot column: never NULL, so a keyset cursor can continue after any row. */
const SORT_COLUMN: Record<DashboardSort, string> = {
  id: 'id',
  status: 'healthRank',
  last_success: 'lastSuccessAt',
  failures: 'errorCount',
  entries: 'entryCount',
};

/** What one state row puts into its snapshot row (NEW of the temp triggers on main.sources). */
const STATE_SET = `status = NEW.status, feedTitle = NEW.title, siteUrl = NEW.site_url,
  effectiveUrl = NEW.effective_url, lastError = NEW.last_error, lastErrorCode = NEW.last_error_code,
  errorCount = NEW.error_count, lastFetchAt = NEW.last_fetch_at, lastSuccessAt = coalesce(NEW.last_success_at, ''),
  nextFetchAt = NEW.next_fetch_at, entryCount = NEW.entry_count,
  health = ${HEALTH_SQL('enabled', 'NEW.status')}, healthRank = ${HEALTH_RANK_SQL('enabled', 'NEW.status')}`;

/** The temp tables and triggers of this connection's dashboard (created once, idempotent). */
const DASHBOARD_SCHEMA = `
CREATE TEMP TABLE IF NOT EXISTS listed_sources (
  id TEXT PRIMARY KEY, position INTEGER NOT NULL, url TEXT NOT NULL, title TEXT, enabled INTEGER NOT NULL,
  country TEXT, topics TEXT NOT NULL, interval TEXT);
CREATE TEMP TABLE IF NOT EXISTS source_dashboard (
  id TEXT PRIMARY KEY, position INTEGER NOT NULL, url TEXT NOT NULL, title TEXT, enabled INTEGER NOT NULL,
  country TEXT, topics TEXT NOT NULL, interval TEXT, health TEXT NOT NULL, healthRank INTEGER NOT NULL,
  status TEXT, feedTitle TEXT, siteUrl TEXT, effectiveUrl TEXT, lastError TEXT, lastErrorCode TEXT,
  errorCount INTEGER NOT NULL, lastFetchAt TEXT, lastSuccessAt TEXT NOT NULL, nextFetchAt TEXT,
  entryCount INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS temp.source_dashboard_health ON source_dashboard (healthRank, id);
CREATE INDEX IF NOT EXISTS temp.source_dashboard_success ON source_dashboard (lastSuccessAt, id);
CREATE INDEX IF NOT EXISTS temp.source_dashboard_failures ON source_dashboard (errorCount, id);
CREATE INDEX IF NOT EXISTS temp.source_dashboard_entries ON source_dashboard (entryCount, id);
CREATE TEMP TRIGGER IF NOT EXISTS source_dashboard_insert AFTER INSERT ON main.sources BEGIN
  UPDATE source_dashboard SET ${STATE_SET} WHERE id = NEW.id;
END;
CREATE TEMP TRIGGER IF NOT EXISTS source_dashboard_update AFTER UPDATE ON main.sources BEGIN
  UPDATE source_dashboard SET ${STATE_SET} WHERE id = NEW.id;
END;
CREATE TEMP TRIGGER IF NOT EXISTS source_dashboard_delete AFTER DELETE ON main.sources BEGIN
  UPDATE source_dashboard SET status = NULL, feedTitle = NULL, siteUrl = NULL, effectiveUrl = NULL, lastError = NULL,
    lastErrorCode = NULL, errorCount = 0, lastFetchAt = NULL, lastSuccessAt = '', nextFetchAt = NULL, entryCount = 0,
    health = ${HEALTH_SQL('enabled', 'NULL')}, healthRank = ${HEALTH_RANK_SQL('enabled', 'NULL')}
  WHERE id = OLD.id;
END;
`;

/** The first failed fetch after the last success (one range of the fetch_log_source index). */
const FAILING_SINCE_SQL = (id: string, lastSuccess: string) =>
  `SELECT min(f.started_at) FROM fetch_log f WHERE f.source_id = ${id} AND f.started_at > coalesce(${lastSuccess}, '')
   AND f.status IN ('error', 'gone')`;
