// entry_tags and tag_overrides: computed tags per entry with their reasons, and editors' manual decisions,
// which are applied on top of every (re)computation so they survive a retag.
import type { Tag, TagKind } from '../types.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

export type OverrideAction = 'add' | 'remove';

export interface TagOverride {
  kind: TagKind;
  value: string;
  action: OverrideAction;
  createdAt: string;
}

export interface TagCount {
  kind: TagKind;
  value: string;
  count: number;
  latest: string;
}

interface TagRow {
  kind: TagKind;
  value: string;
  score: number;
  role: 'focus' | 'mention' | null;
  rule: string;
  match: string | null;
  field: Tag['reason']['field'] | null;
}

const rowToTag = (r: TagRow): Tag => ({
  kind: r.kind,
  value: r.value,
  score: r.score,
  ...(r.role ? { role: r.role } : {}),
  reason: { rule: r.rule, ...(r.match != null ? { match: r.match } : {}), ...(r.field ? { field: r.field } : {}) },
});

const keyOf = (kind: string, value: string) => `${kind}\u0000${value}`;

/** A manual tag: what an editor added, shown as such. Countries an editor adds are what the entry is about. */
export function manualTag(kind: TagKind, value: string): Tag {
  return { kind, value, score: 1, ...(kind === 'country' ? { role: 'focus' as const } : {}), reason: { rule: 'manual', field: 'manual' } };
}

/** Computed tags with the overrides applied: removals drop a tag, additions add (or promote) it. */
export function applyOverrides(tags: readonly Tag[], overrides: readonly Pick<TagOverride, 'kind' | 'value' | 'action'>[]): Tag[] {
  const out = new Map<string, Tag>();
  for (const t of tags) out.set(keyOf(t.kind, t.value), t);
  for (const o of overrides) {
    const k = keyOf(o.kind, o.value);
    if (o.action === 'remove') {
      out.delete(k);
      // Regions that were only derived from a removed country go with it.
      if (o.kind === 'country') for (const [rk, t] of out) if (t.kind === 'region' && t.reason.rule === 'region.derived' && t.reason.match === o.value) out.delete(rk);
    } else out.set(k, { ...manualTag(o.kind, o.value), score: Math.max(1, out.get(k)?.score ?? 0) });
  }
  return [...out.values()];
}

const INSERT_CHUNK = 32;

function tagParams(entryId: number, publishedAt: string, t: Tag): (string | number | null)[] {
  return [entryId, t.kind, t.value, t.score, t.role ?? null, t.reason.rule, t.reason.match ?? null, t.reason.field ?? null, publishedAt];
}

export class TagRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      deleteEntry: db.prepare<[number]>('DELETE FROM entry_tags WHERE entry_id = ?'),
      list: db.prepare<[number], TagRow>(
        `SELECT kind, value, score, role, rule, match, field FROM entry_tags WHERE entry_id = ?
         ORDER BY CASE kind WHEN 'country' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, score DESC, value`,
      ),
      overrides: db.prepare<[number], { kind: TagKind; value: string; action: OverrideAction; created_at: string }>(
        'SELECT kind, value, action, created_at FROM tag_overrides WHERE entry_id = ? ORDER BY created_at, kind, value',
      ),
      setOverride: db.prepare(
        'INSERT OR REPLACE INTO tag_overrides (entry_id, kind, value, action, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      clearOverride: db.prepare<[number, string, string]>('DELETE FROM tag_overrides WHERE entry_id = ? AND kind = ? AND value = ?'),
      publishedAt: db.prepare<[number], { published_at: string }>('SELECT published_at FROM entries WHERE id = ?'),
      counts: db.prepare<[{ since: string; mentions: number }], { kind: TagKind; value: string; n: number; latest: string }>(
        `SELECT kind, value, count(*) AS n, max(published_at) AS latest FROM entry_tags
         WHERE (role IS NULL OR role = 'focus' OR @mentions) AND published_at >= @since
         GROUP BY kind, value ORDER BY kind, n DESC, value`,
      ),
    };
  }

  /**
   * Stores an entry's computed tags, replacing what it had, with its manual overrides applied on top.
   * Call inside the source's (or retag's) transaction. Returns the tags as stored.
   */
  replace(entryId: number, publishedAt: string, tags: readonly Tag[]): Tag[] {
    const final = applyOverrides(tags, this.overrides(entryId));
    this.stmts.deleteEntry.run(entryId);
    // One statement per entry, not per tag: ingest writes about twenty tags an entry.
    for (let i = 0; i < final.length; i += INSERT_CHUNK) {
      const chunk = final.slice(i, i + INSERT_CHUNK);
      this.insertStatement(chunk.length).run(chunk.flatMap((t) => tagParams(entryId, publishedAt, t)));
    }
    return final;
  }

  private readonly insertStatements = new Map<number, Statement>();
  private insertStatement(rows: number): Statement {
    let st = this.insertStatements.get(rows);
    if (!st) {
      st = this.db.prepare(
        `INSERT OR REPLACE INTO entry_tags (entry_id, kind, value, score, role, rule, match, field, published_at)
         VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      this.insertStatements.set(rows, st);
    }
    return st;
  }

  list(entryId: number): Tag[] {
    return this.stmts.list.all(entryId).map(rowToTag);
  }

  overrides(entryId: number): TagOverride[] {
    return this.stmts.overrides.all(entryId).map((r) => ({ kind: r.kind, value: r.value, action: r.action, createdAt: r.created_at }));
  }

  /** Records an editor's decision and applies it to the stored tags at once; false when the entry does not exist. */
  setOverride(entryId: number, kind: TagKind, value: string, action: OverrideAction, now = new Date().toISOString()): boolean {
    const entry = this.stmts.publishedAt.get(entryId);
    if (!entry) return false;
    this.db.transaction(() => {
      this.stmts.setOverride.run(entryId, kind, value, action, now);
      // Re-apply every override to what is stored now: the same result a retag would give, at once.
      this.replace(entryId, entry.published_at, this.list(entryId));
    })();
    return true;
  }

  /** Forgets an override; the computed tag comes back (or goes) at the next retag of the entry. */
  clearOverride(entryId: number, kind: TagKind, value: string): boolean {
    return this.stmts.clearOverride.run(entryId, kind, value).changes > 0;
  }

  /** Entries per tag (focus countries, regions, topics; mentions only when asked), for index pages. */
  counts(opts: { since?: string; includeMentions?: boolean; kind?: TagKind } = {}): TagCount[] {
    return this.stmts.counts
      .all({ since: opts.since ?? '', mentions: opts.includeMentions ? 1 : 0 })
      .filter((r) => !opts.kind || r.kind === opts.kind)
      .map((r) => ({ kind: r.kind, value: r.value, count: r.n, latest: r.latest }));
  }

}
