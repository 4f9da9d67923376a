// Fetch state per source. The config files say which sources exist; this table says how they are doing.
import type { FetchState, SourceConfig } from '../types.ts';
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

interface SourceRow {
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

function rowToState(r: SourceRow): SourceState {
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
}
