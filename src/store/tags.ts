// entry_tag_sets, entry_tags and tag_overrides: computed tags per entry with their reasons (one row per entry), the
// published ones filed for feed queries, and editors' manual decisions, which are applied on top of every
// (re)computation so they survive a retag.
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

/** A tag as kept in entry_tag_sets.tags (JSON): the Tag, flattened. */
export interface StoredTag {
  kind: TagKind;
  value: string;
  score: number;
  role?: 'focus' | 'mention' | null;
  rule: string;
  match?: string | null;
  field?: Tag['reason']['field'] | null;
}

/**
 * As entry_tag_sets.tags holds a tag (both stores). Fields are set one by one, in this order (the JSON's): a retag
 * makes one of these per tag, and spreading optional fields made three more objects each.
 */
export function toStored(t: Tag): StoredTag {
  const s: StoredTag = { kind: t.kind, value: t.value, score: t.score } as StoredTag;
  if (t.role) s.role = t.role;
  s.rule = t.reason.rule;
  if (t.reason.match != null) s.match = t.reason.match;
  if (t.reason.field) s.field = t.reason.field;
  return s;
}

export const fromStored = (r: StoredTag): Tag => ({
  kind: r.kind,
  value: r.value,
  score: r.score,
  ...(r.role ? { role: r.role } : {}),
  reason: { rule: r.rule, ...(r.match != null ? { match: r.match } : {}), ...(r.field ? { field: r.field } : {}) },
});

/** Feeds select by focus countries, regions and topics; a country the text only mentions is never published. */
export const isPublished = (t: { kind: TagKind; role?: Tag['role'] | null }) =>
  t.kind !== 'country' || t.role !== 'mention';

const KIND_ORDER: Record<TagKind, number> = { country: 0, region: 1, topic: 2 };
const compareText = (a: string, b: string) => {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
};
/** The order of a stored tag set: kind, then score, then value. */
export const byKindScore = (a: Tag, b: Tag) =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.score - a.score || compareText(a.value, b.value);

const keyOf = (kind: string, value: string) => `${kind}\u0000${value}`;

/** A manual tag: what an editor added, shown as such. Countries an editor adds are what the entry is about. */
export function manualTag(kind: TagKind, value: string): Tag {
  return {
    kind,
    value,
    score: 1,
    ...(kind === 'country' ? { role: 'focus' as const } : {}),
    reason: { rule: 'manual', field: 'manual' },
  };
}

/** Computed tags with the overrides applied: removals drop a tag, additions add (or promote) it. */
export function applyOverrides(
  tags: readonly Tag[],
  overrides: readonly Pick<TagOverride, 'kind' | 'value' | 'action'>[],
): Tag[] {
  // Most entries have no overrides and no tag twice: then the tags are the answer, with no keys made.
  if (!overrides.length && !hasRepeatedTag(tags)) return [...tags];
  const out = new Map<string, Tag>();
  for (const t of tags) out.set(keyOf(t.kind, t.value), t);
  for (const o of overrides) {
    const k = keyOf(o.kind, o.value);
    if (o.action === 'remove') {
      out.delete(k);
      // Regions that were only derived from a removed country go with it.
      if (o.kind === 'country')
        for (const [rk, t] of out)
          if (t.kind === 'region' && t.reason.rule === 'region.derived' && t.reason.match === o.value) out.delete(rk);
    } else out.set(k, { ...manualTag(o.kind, o.value), score: Math.max(1, out.get(k)?.score ?? 0) });
  }
  return [...out.values()];
}

/** Whether two tags share a kind and value (a set holds a few, so pairs are compared directly). */
function hasRepeatedTag(tags: readonly Tag[]): boolean {
  for (let i = 1; i < tags.length; i++) {
    const t = tags[i] as Tag;
    for (let j = 0; j < i; j++) if (tags[j]?.kind === t.kind && tags[j]?.value === t.value) return true;
  }
  return false;
}

const INSERT_CHUNK = 32;
const TAG_ROWS = 'entry_tags (kind, value, published_at, entry_id, score, role)';
/** Rows per statement in replaceMany: 6 x 150 values stay far below SQLite's limit of 32,766 parameters. */
const MANY_ROWS = 150;

export class TagRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      set: db.prepare<[number], { published_at: string; tags: string }>(
        'SELECT published_at, tags FROM entry_tag_sets WHERE entry_id = ?',
      ),
      sets: db.prepare<[string], { entry_id: number; tags: string }>(
        'SELECT entry_id, tags FROM entry_tag_sets WHERE entry_id IN (SELECT value FROM json_each(?))',
      ),
      putSet: db.prepare<[number, string, string]>(
        'INSERT OR REPLACE INTO entry_tag_sets (entry_id, published_at, tags) VALUES (?, ?, ?)',
      ),
      deleteRow: db.prepare<[string, string, string, number]>(
        'DELETE FROM entry_tags WHERE kind = ? AND value = ? AND published_at = ? AND entry_id = ?',
      ),
      overrides: db.prepare<[number], { kind: TagKind; value: string; action: OverrideAction; created_at: string }>(
        'SELECT kind, value, action, created_at FROM tag_overrides WHERE entry_id = ? ORDER BY created_at, kind, value',
      ),
      // The same two reads for a whole batch of entries (replaceMany): one statement each instead of two per entry.
      setsWithDate: db.prepare<[string], { entry_id: number; published_at: string; tags: string }>(
        'SELECT entry_id, published_at, tags FROM entry_tag_sets WHERE entry_id IN (SELECT value FROM json_each(?))',
      ),
      overridesOf: db.prepare<[string], { entry_id: number; kind: TagKind; value: string; action: OverrideAction }>(
        `SELECT entry_id, kind, value, action FROM tag_overrides WHERE entry_id IN (SELECT value FROM json_each(?))
         ORDER BY entry_id, created_at, kind, value`,
      ),
      setOverride: db.prepare(
        'INSERT OR REPLACE INTO tag_overrides (entry_id, kind, value, action, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      clearOverride: db.prepare<[number, string, string]>(
        'DELETE FROM tag_overrides WHERE entry_id = ? AND kind = ? AND value = ?',
      ),
      publishedAt: db.prepare<[number], { published_at: string }>('SELECT published_at FROM entries WHERE id = ?'),
      withTopics: db.prepare<[string], { entry_id: number }>(
        "SELECT entry_id FROM entry_tags WHERE kind = 'topic' AND value IN (SELECT value FROM json_each(?))",
      ),
    };
  }

  /**
   * Stores an entry's computed tags, replacing what it had, with its manual overrides applied on top.
   * Call inside the source's (or retag's) transaction. Returns the tags as stored. `fresh`: the entry was inserted
   * in this transaction (nothing to read first).
   */
  replace(entryId: number, publishedAt: string, tags: readonly Tag[], fresh = false): Tag[] {
    // `fresh`: inserted in this transaction, so it has no overrides and no stored set yet (ids are never reused).
    const final = applyOverrides(tags, fresh ? [] : this.overrides(entryId)).sort(byKindScore);
    const old = fresh ? undefined : this.stmts.set.get(entryId);
    const json = JSON.stringify(final.map(toStored));
    // A retag mostly finds what is stored already: the set says what its rows are, so nothing needs writing.
    if (old && old.tags === json && old.published_at === publishedAt) return final;
    if (old) {
      for (const t of JSON.parse(old.tags) as StoredTag[]) {
        if (isPublished(t)) this.stmts.deleteRow.run(t.kind, t.value, old.published_at, entryId);
      }
    }
    this.stmts.putSet.run(entryId, publishedAt, json);
    // One statement per entry, not per tag.
    const rows = final.filter(isPublished);
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      this.insertStatement(TAG_ROWS, 6, chunk.length).run(
        chunk.flatMap((t) => [t.kind, t.value, publishedAt, entryId, t.score, t.role ?? null]),
      );
    }
    return final;
  }

  /**
   * `replace` for a batch of entries (a retag's), with the same result row for row: the batch's stored sets and
   * overrides are read in one statement each, unchanged sets cost nothing more, and the changed ones' sets and tag
   * rows are written a few hundred to a statement. Call inside one transaction. Ids must be distinct. `fresh`: every
   * entry was inserted in this transaction (a source's new entries), so there is nothing to read first.
   */
  replaceMany(items: readonly { id: number; publishedAt: string; tags: readonly Tag[] }[], fresh = false): void {
    if (!items.length) return;
    const old = new Map<number, { published_at: string; tags: string }>();
    const overrides = new Map<number, Pick<TagOverride, 'kind' | 'value' | 'action'>[]>();
    if (!fresh) {
      const ids = JSON.stringify(items.map((x) => x.id));
      for (const r of this.stmts.setsWithDate.all(ids)) old.set(r.entry_id, r);
      for (const r of this.stmts.overridesOf.all(ids)) {
        const list = overrides.get(r.entry_id);
        if (list) list.push(r);
        else overrides.set(r.entry_id, [r]);
      }
    }
    const sets: (string | number)[] = [];
    const rows: (string | number | null)[] = [];
    for (const { id, publishedAt, tags } of items) {
      const final = applyOverrides(tags, overrides.get(id) ?? []).sort(byKindScore);
      const json = JSON.stringify(final.map(toStored));
      const was = old.get(id);
      if (was && was.tags === json && was.published_at === publishedAt) continue;
      if (was) {
        // Deleted at once: this entry's new rows, written below, may reuse the same keys.
        for (const t of JSON.parse(was.tags) as StoredTag[])
          if (isPublished(t)) this.stmts.deleteRow.run(t.kind, t.value, was.published_at, id);
      }
      sets.push(id, publishedAt, json);
      for (const t of final) if (isPublished(t)) rows.push(t.kind, t.value, publishedAt, id, t.score, t.role ?? null);
    }
    this.insertChunks('entry_tag_sets (entry_id, published_at, tags)', 3, sets);
    this.insertChunks(TAG_ROWS, 6, rows);
  }

  /** `values` (rows of `width` values) inserted MANY_ROWS rows to a statement. */
  private insertChunks(into: string, width: number, values: readonly (string | number | null)[]): void {
    const step = MANY_ROWS * width;
    for (let i = 0; i < values.length; i += step) {
      const chunk = values.slice(i, i + step);
      this.insertStatement(into, width, chunk.length / width).run(chunk);
    }
  }

  private readonly insertStatements = new Map<string, Statement>();
  private insertStatement(into: string, width: number, rows: number): Statement {
    const key = `${into}/${rows}`;
    let st = this.insertStatements.get(key);
    if (!st) {
      const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
      st = this.db.prepare(
        `INSERT OR REPLACE INTO ${into} VALUES ${Array.from({ length: rows }, () => row).join(', ')}`,
      );
      this.insertStatements.set(key, st);
    }
    return st;
  }

  /** The entries tagged (as published) with any of these topics. */
  withTopics(slugs: Iterable<string>): Set<number> {
    return new Set(this.stmts.withTopics.all(JSON.stringify([...slugs])).map((r) => r.entry_id));
  }

  /** Everything stored for the entry, with reasons: countries, then regions, then topics, strongest first. */
  list(entryId: number): Tag[] {
    const set = this.stmts.set.get(entryId);
    return set ? (JSON.parse(set.tags) as StoredTag[]).map(fromStored) : [];
  }

  /** Published tags (see isPublished) of these entries, in list order; entries without tags are left out. */
  publishedOf(ids: readonly number[]): Map<number, Tag[]> {
    const out = new Map<number, Tag[]>();
    if (!ids.length) return out;
    for (const r of this.stmts.sets.all(JSON.stringify(ids))) {
      const tags = (JSON.parse(r.tags) as StoredTag[]).filter(isPublished).map(fromStored);
      if (tags.length) out.set(r.entry_id, tags);
    }
    return out;
  }

  /**
   * SQL for "the entry `entryIdSql` has a published tag of this kind with one of the values in the next JSON array
   * parameter", for feed queries. A point lookup: the entry's set gives the date its rows are filed under.
   */
  hasAnySql(kind: TagKind, entryIdSql: string): string {
    return `SELECT 1 FROM entry_tag_sets s JOIN entry_tags t ON t.kind = '${kind}' AND t.value IN (SELECT value FROM json_each(?))
      AND t.published_at = s.published_at AND t.entry_id = s.entry_id WHERE s.entry_id = ${entryIdSql}`;
  }

  overrides(entryId: number): TagOverride[] {
    return this.stmts.overrides
      .all(entryId)
      .map((r) => ({ kind: r.kind, value: r.value, action: r.action, createdAt: r.created_at }));
  }

  /** Records an editor's decision and applies it to the stored tags at once; false when the entry does not exist. */
  setOverride(
    entryId: number,
    kind: TagKind,
    value: string,
    action: OverrideAction,
    now = new Date().toISOString(),
  ): boolean {
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

  /** Everything stored for these entries, with reasons (as `list` gives one entry's), in one statement. */
  setsOf(ids: readonly number[]): Map<number, Tag[]> {
    const out = new Map<number, Tag[]>();
    if (!ids.length) return out;
    for (const r of this.stmts.sets.all(JSON.stringify(ids))) {
      out.set(r.entry_id, (JSON.parse(r.tags) as StoredTag[]).map(fromStored));
    }
    return out;
  }
}
