// The entries table: upsert by (source, key), edits update in place, tombstones keep removed entries out.
import { createHash } from 'node:crypto';
import type { Entry } from '../types.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

export interface StoredEntry extends Entry {
  id: number;
  /** When wireroom first stored it. */
  firstSeenAt: string;
  /** When wireroom last stored a changed version. */
  changedAt: string;
  /** Hash of title, summary, content and links: what identifies this version of the text. */
  contentHash: string;
  storyId?: number;
}

export interface UpsertResult {
  inserted: StoredEntry[];
  updated: StoredEntry[];
  unchanged: number;
  /** Entries an editor or retention removed: not brought back. */
  tombstoned: number;
}

export interface EntryQuery {
  sourceId?: string;
  since?: string;
  until?: string;
  limit?: number;
  ids?: number[];
}

interface EntryRow {
  id: number;
  source_id: string;
  key: string;
  guid: string | null;
  url: string | null;
  canonical_url: string | null;
  title: string;
  summary: string;
  content_html: string;
  authors: string;
  categories: string;
  enclosures: string;
  language: string | null;
  published_at: string;
  entry_updated_at: string | null;
  date_flags: string;
  content_hash: string;
  first_seen_at: string;
  updated_at: string;
  story_id: number | null;
}

export function rowToEntry(r: EntryRow): StoredEntry {
  return {
    id: r.id,
    sourceId: r.source_id,
    key: r.key,
    guid: r.guid ?? undefined,
    url: r.url ?? undefined,
    canonicalUrl: r.canonical_url ?? undefined,
    title: r.title,
    summary: r.summary,
    contentHtml: r.content_html,
    authors: parseJson(r.authors, []),
    categories: parseJson(r.categories, []),
    enclosures: parseJson(r.enclosures, []),
    language: r.language ?? undefined,
    publishedAt: r.published_at,
    updatedAt: r.entry_updated_at ?? undefined,
    dateFlags: parseJson(r.date_flags, []),
    firstSeenAt: r.first_seen_at,
    changedAt: r.updated_at,
    contentHash: r.content_hash,
    storyId: r.story_id ?? undefined,
  };
}

/** What a retag reads of a stored entry: what the tagger reads, the id, and the date its tag rows are filed under. */
export type TaggableEntry = Pick<
  StoredEntry,
  'id' | 'sourceId' | 'title' | 'summary' | 'contentHtml' | 'language' | 'categories' | 'publishedAt'
>;

type TaggableRow = Pick<
  EntryRow,
  'id' | 'source_id' | 'title' | 'summary' | 'content_html' | 'language' | 'categories' | 'published_at'
>;

function rowToTaggable(r: TaggableRow): TaggableEntry {
  return {
    id: r.id,
    sourceId: r.source_id,
    title: r.title,
    summary: r.summary,
    contentHtml: r.content_html,
    language: r.language ?? undefined,
    categories: parseJson(r.categories, []),
    publishedAt: r.published_at,
  };
}

/** What counts as an edit: the visible text and the link; feed <updated> alone does not. */
export function contentHash(e: Entry): string {
  return createHash('sha1')
    .update([e.title, e.summary, e.contentHtml, e.url ?? '', e.canonicalUrl ?? ''].join('\u0000'))
    .digest('base64url');
}

/**
 * Text for the full-text index; the stored HTML is already sanitized. Tags and entities become spaces, in one pass:
 * the index keeps no copy of the text and its tokenizer splits on whitespace and punctuation itself.
 */
function indexText(html: string): string {
  return html.replace(/<[^>]*>|&[#\w]+;/g, ' ');
}

/** A full-text index write waiting for the end of its transaction (see EntryRepo.deferIndex). */
type IndexOp = { id: number; text?: [title: string, summary: string, content: string] };

export class EntryRepo {
  private readonly stmts;
  /**
   * Full-text writes of the open transaction, applied in order just before it commits. FTS5 writes its pending
   * terms to a new segment at every savepoint and statement journal in the transaction: written as they come, a
   * cycle's full-text index was flushed once per entry (and merged again and again); written last, once per commit.
   */
  private indexOps: IndexOp[] | undefined;

  constructor(private readonly db: Db) {
    this.stmts = {
      // Whether the key is tombstoned and the stored row it names, in one statement: both are primary-key lookups, and
      // as two statements per entry they cost more in calls than in searching (on every entry of every fetch).
      byKey: db.prepare<[string, string], { tombstoned: number; id: number | null; content_hash: string | null }>(
        `SELECT t.source_id IS NOT NULL AS tombstoned, e.id, e.content_hash
         FROM (SELECT ? AS source_id, ? AS key) AS q
         LEFT JOIN tombstones t ON t.source_id = q.source_id AND t.key = q.key
         LEFT JOIN entries e ON e.source_id = q.source_id AND e.key = q.key`,
      ),
      insert: db.prepare(
        `INSERT INTO entries (source_id, key, guid, url, canonical_url, title, summary, content_html, authors, categories, enclosures,
           language, published_at, entry_updated_at, date_flags, content_hash, first_seen_at, updated_at)
         VALUES (@sourceId, @key, @guid, @url, @canonicalUrl, @title, @summary, @contentHtml, @authors, @categories, @enclosures,
           @language, @publishedAt, @entryUpdatedAt, @dateFlags, @hash, @now, @now)`,
      ),
      update: db.prepare(
        `UPDATE entries SET guid = @guid, url = @url, canonical_url = @canonicalUrl, title = @title, summary = @summary, content_html = @contentHtml,
           authors = @authors, categories = @categories, enclosures = @enclosures, language = @language,
           entry_updated_at = @entryUpdatedAt, content_hash = @hash, updated_at = @now
         WHERE id = @id`,
      ),
      ftsInsert: db.prepare('INSERT INTO entries_fts (rowid, title, summary, content) VALUES (?, ?, ?, ?)'),
      ftsDelete: db.prepare('DELETE FROM entries_fts WHERE rowid = ?'),
      get: db.prepare<[number], EntryRow>('SELECT * FROM entries WHERE id = ?'),
      tombstone: db.prepare(
        'INSERT OR REPLACE INTO tombstones (source_id, key, removed_at, reason) SELECT source_id, key, ?, ? FROM entries WHERE id = ?',
      ),
      delete: db.prepare('DELETE FROM entries WHERE id = ?'),
      expired: db.prepare<[string, string], { id: number }>(
        'SELECT id FROM entries WHERE published_at < ? AND first_seen_at < ?',
      ),
      countBySource: db.prepare<[], { source_id: string; n: number }>(
        'SELECT source_id, count(*) AS n FROM entries GROUP BY source_id',
      ),
      // Counted once per source and batch: a trigger per inserted row made each insert a multi-row write, which
      // SQLite guards with a statement journal (migration 016 dropped it; deletes still count down by trigger).
      countUp: db.prepare<[number, string]>('UPDATE sources SET entry_count = entry_count + ? WHERE id = ?'),
    };
  }

  // ---- full-text index writes: at the end of the outermost transaction that defers them ----

  /**
   * Runs fn through `run` (a transaction, or a savepoint inside one) with its full-text writes deferred to the end of
   * the outermost such call, still inside its transaction; a savepoint that rolls back drops its own.
   */
  withDeferredIndex<T>(run: (fn: () => T) => T, fn: () => T): T {
    const ops = this.indexOps;
    if (ops) {
      const mark = ops.length;
      try {
        return run(fn);
      } catch (err) {
        ops.length = Math.min(ops.length, mark);
        throw err;
      }
    }
    this.indexOps = [];
    try {
      return run(() => {
        const out = fn();
        this.flushIndex();
        return out;
      });
    } finally {
      this.indexOps = undefined;
    }
  }

  private flushIndex(): void {
    const ops = this.indexOps ?? [];
    this.indexOps = undefined;
    for (const op of ops) this.applyIndex(op);
  }

  /** Outside a deferring transaction (a caller's own, or none) the write goes at once. */
  private index(op: IndexOp): void {
    if (this.indexOps) this.indexOps.push(op);
    else this.applyIndex(op);
  }

  private applyIndex(op: IndexOp): void {
    if (op.text) this.stmts.ftsInsert.run(op.id, ...op.text);
    else this.stmts.ftsDelete.run(op.id);
  }

  private atomically<T>(fn: () => T): T {
    return this.withDeferredIndex((f) => this.db.transaction(f)(), fn);
  }

  /** Stores a source's entries; call inside the source's transaction. Duplicate keys within one batch keep the first. */
  upsert(entries: Entry[], now: string): UpsertResult {
    const result: UpsertResult = { inserted: [], updated: [], unchanged: 0, tombstoned: 0 };
    const seen = new Set<string>();
    const added = new Map<string, number>();
    for (const e of entries) {
      const dedupKey = `${e.sourceId}\u0000${e.key}`;
      if (seen.has(dedupKey)) continue;
      seen.add(dedupKey);
      const found = this.stmts.byKey.get(e.sourceId, e.key);
      if (found?.tombstoned) {
        result.tombstoned++;
        continue;
      }
      const hash = contentHash(e);
      const existing = found?.id != null ? { id: found.id, content_hash: found.content_hash } : undefined;
      // Re-fetches are mostly unchanged entries: decide before building anything to write.
      if (existing?.content_hash === hash) {
        result.unchanged++;
        continue;
      }
      const params = {
        sourceId: e.sourceId,
        key: e.key,
        guid: e.guid ?? null,
        url: e.url ?? null,
        canonicalUrl: e.canonicalUrl ?? null,
        title: e.title,
        summary: e.summary,
        contentHtml: e.contentHtml,
        authors: JSON.stringify(e.authors),
        categories: JSON.stringify(e.categories),
        enclosures: JSON.stringify(e.enclosures),
        language: e.language ?? null,
        publishedAt: e.publishedAt,
        entryUpdatedAt: e.updatedAt ?? null,
        dateFlags: JSON.stringify(e.dateFlags),
        hash,
        now,
      };
      if (!existing) {
        const id = Number(this.stmts.insert.run(params).lastInsertRowid);
        added.set(e.sourceId, (added.get(e.sourceId) ?? 0) + 1);
        this.index({ id, text: [e.title, e.summary, indexText(e.contentHtml)] });
        // Exactly what was just written: no need to read it back.
        result.inserted.push({ ...e, id, firstSeenAt: now, changedAt: now, contentHash: hash });
      } else {
        // The publication date stays as first stored: an edit is not a new story.
        this.stmts.update.run({ ...params, id: existing.id });
        this.index({ id: existing.id });
        this.index({ id: existing.id, text: [e.title, e.summary, indexText(e.contentHtml)] });
        // Read back for the fields the edit left as stored; the row is there, inside this transaction.
        const updated = this.get(existing.id);
        if (updated) result.updated.push(updated);
      }
    }
    for (const [sourceId, n] of added) this.stmts.countUp.run(n, sourceId);
    return result;
  }

  get(id: number): StoredEntry | undefined {
    const row = this.stmts.get.get(id);
    return row ? rowToEntry(row) : undefined;
  }

  list(q: EntryQuery = {}): StoredEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.sourceId) {
      where.push('source_id = ?');
      params.push(q.sourceId);
    }
    if (q.since) {
      where.push('published_at >= ?');
      params.push(q.since);
    }
    if (q.until) {
      where.push('published_at < ?');
      params.push(q.until);
    }
    if (q.ids) {
      where.push(`id IN (${q.ids.map(() => '?').join(',') || 'NULL'})`);
      params.push(...q.ids);
    }
    const sql = `SELECT * FROM entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY published_at DESC, id DESC ${q.limit ? 'LIMIT ?' : ''}`;
    if (q.limit) params.push(q.limit);
    return (this.db.prepare(sql).all(...params) as EntryRow[]).map(rowToEntry);
  }

  /**
   * Entries (published since `since`) in id order, `size` to a page, for retagging large stores without loading them
   * all: only the columns a retag uses, so no other column is decoded and no other JSON parsed.
   */
  *taggablePages(opts: { since?: string; size?: number } = {}): Generator<TaggableEntry[]> {
    const size = opts.size ?? 1000;
    const stmt = this.db.prepare<[number, string, number], TaggableRow>(
      `SELECT id, source_id, title, summary, content_html, language, categories, published_at
       FROM entries WHERE id > ? AND published_at >= ? ORDER BY id LIMIT ?`,
    );
    let after = 0;
    for (;;) {
      const rows = stmt.all(after, opts.since ?? '', size);
      const last = rows[rows.length - 1];
      if (!last) return;
      yield rows.map(rowToTaggable);
      after = last.id;
    }
  }

  /** Removes an entry for good: a tombstone keeps the next fetch from bringing it back. */
  remove(id: number, reason: 'editor' | 'retention', now: string): boolean {
    return this.atomically(() => {
      this.stmts.tombstone.run(now, reason, id);
      this.index({ id });
      return this.stmts.delete.run(id).changes > 0;
    });
  }

  /** Retention: removes entries published and first seen before the cutoff; returns how many. */
  prune(cutoff: string, now: string): number {
    return this.atomically(() => {
      const ids = this.stmts.expired.all(cutoff, cutoff).map((r) => r.id);
      for (const id of ids) {
        this.stmts.tombstone.run(now, 'retention', id);
        this.index({ id });
        this.stmts.delete.run(id);
      }
      return ids.length;
    });
  }

  countsBySource(): Map<string, number> {
    return new Map(this.stmts.countBySource.all().map((r) => [r.source_id, r.n]));
  }
}
