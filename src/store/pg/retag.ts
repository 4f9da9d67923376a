// Retag on PostgreSQL (issue #15): stored entries read in batches (keyset on id), and each batch's new tags written
// in one short transaction, with editors' overrides on top and unchanged sets left alone, as TagRepo.replace does on
// SQLite. Workers may write the same entries meanwhile: the write locks the batch's entry rows first and re-tags,
// with the same tagger, any entry whose text changed since it was read, so whichever commits last leaves tags of
// the entry's current text (and a worker's edit that comes later waits for the lock, then writes its own).
import type { Tag } from '../../types.ts';
import { rowToEntry, type StoredEntry } from '../entries.ts';
import { applyOverrides, byKindScore, toStored, type OverrideAction } from '../tags.ts';
import type { PgDb, Queryable } from './connect.ts';
import { retriedTransaction } from './retry.ts';
import { PgTagRepo } from './tags.ts';

/** The entry columns rowToEntry reads (not the search vector). */
export const ENTRY_COLUMNS =
  'id, source_id, key, guid, url, canonical_url, title, summary, content_html, authors, categories, enclosures, ' +
  'language, published_at, entry_updated_at, date_flags, content_hash, first_seen_at, updated_at, story_id';

/** Up to `size` entries after id `afterId`, published since `since`, in id order (as EntryRepo.iterate pages). */
export async function entriesAfter(
  q: Queryable,
  afterId: number,
  since: string | undefined,
  size: number,
): Promise<StoredEntry[]> {
  const { rows } = await q.query<Parameters<typeof rowToEntry>[0]>(
    `SELECT ${ENTRY_COLUMNS} FROM entries WHERE id > $1 AND published_at >= $2 ORDER BY id LIMIT $3`,
    [afterId, since ?? '', size],
  );
  return rows.map(rowToEntry);
}

/** A batch row as the write finds it, locked: its text's hash, its stored set and its overrides. */
interface LockedRow {
  id: number;
  content_hash: string;
  published_at: string;
  set_published_at: string | null;
  tags: string | null;
  overrides: { kind: Tag['kind']; value: string; action: OverrideAction }[];
}

// Overrides in TagRepo.overrides's order (created_at, kind, value; COLLATE "C" as SQLite compares).
const LOCK_SQL = `
SELECT e.id, e.content_hash, e.published_at, s.published_at AS set_published_at, s.tags,
       (SELECT coalesce(json_agg(json_build_object('kind', o.kind, 'value', o.value, 'action', o.action)
                                 ORDER BY o.created_at, o.kind, o.value), '[]'::json)
          FROM tag_overrides o WHERE o.entry_id = e.id) AS overrides
  FROM entries e LEFT JOIN entry_tag_sets s ON s.entry_id = e.id
 WHERE e.id = ANY ($1::bigint[]) ORDER BY e.id FOR UPDATE OF e`;

export interface RetagWrite {
  /** Entries whose stored tag set changed (and was written). */
  written: number;
  /** Entries whose text changed after the batch was read, tagged again from the stored text. */
  reread: number;
}

/**
 * Writes one batch's tags (`tags[i]` for `batch[i]`, as the tagger gave them) in one transaction: entries gone
 * meanwhile are left out, entries edited meanwhile are tagged again with `tagAgain`, sets that would not change are
 * not written, the rest go in a few statements for the whole batch (PgTagRepo.replaceMany). A deadlock with a
 * worker's write (each holding rows the other wants) rolls this batch back and runs it again.
 */
export function writeRetagBatch(
  db: PgDb,
  batch: readonly StoredEntry[],
  tags: readonly (readonly Tag[])[],
  tagAgain: (entries: StoredEntry[]) => Promise<Tag[][]>,
): Promise<RetagWrite> {
  if (tags.length !== batch.length) throw new Error(`retag: ${tags.length} tag sets for ${batch.length} entries`);
  const read = new Map(batch.map((e, i) => [e.id, { entry: e, tags: tags[i] as readonly Tag[] }]));
  return retriedTransaction(db, async (tx) => {
    const { rows } = await tx.query<LockedRow>(LOCK_SQL, [[...read.keys()]]);
    const stale = rows.filter((r) => r.content_hash !== read.get(r.id)?.entry.contentHash).map((r) => r.id);
    const fresh = new Map<number, readonly Tag[]>();
    if (stale.length) {
      const again = await tx.query<Parameters<typeof rowToEntry>[0]>(
        `SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = ANY ($1::bigint[]) ORDER BY id`,
        [stale],
      );
      const entries = again.rows.map(rowToEntry);
      const retagged = await tagAgain(entries);
      entries.forEach((e, i) => fresh.set(e.id, retagged[i] ?? []));
    }
    const changed = [];
    for (const r of rows) {
      const computed = fresh.get(r.id) ?? read.get(r.id)?.tags ?? [];
      const json = JSON.stringify(applyOverrides(computed, r.overrides).sort(byKindScore).map(toStored));
      // Mostly a retag finds what is stored already: nothing to write for it.
      if (r.tags === json && r.set_published_at === r.published_at) continue;
      changed.push({ entryId: r.id, publishedAt: r.published_at, tags: computed });
    }
    await new PgTagRepo(tx).replaceMany(changed);
    return { written: changed.length, reread: stale.length };
  });
}
