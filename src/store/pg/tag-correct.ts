// An editor's tag correction on PostgreSQL (newsroom.ts correctTag): the overrides go on every entry of the entry's
// story and are applied at once, and the audit row is written, all in one transaction. The story's entries are
// locked first (id order, as setOverrides locks), so the tags read before and after are this change's alone.
import type { Tag } from '../../types.ts';
import type { NewAuditRecord } from '../accounts.ts';
import type { PgDb } from './connect.ts';
import { setOverrides, type OverrideChange } from './overrides.ts';
import { PgReads } from './reads.ts';
import { retriedTransaction } from './retry.ts';

export interface TagsCorrected {
  /** The entry's story's entries (oldest first), or the entry alone. */
  entryIds: number[];
  before: Tag[];
  after: Tag[];
  auditId: number;
}

/** Undefined when the entry is not stored. */
export function correctTagsPg(
  db: PgDb,
  entryId: number,
  changes: readonly OverrideChange[],
  at: string,
  audit: (c: { entryIds: number[]; before: Tag[]; after: Tag[] }) => NewAuditRecord,
): Promise<TagsCorrected | undefined> {
  // Retried as merges and splits are: a worker's write locking the same entries may deadlock with it.
  return retriedTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ story_id: number | null }>('SELECT story_id FROM entries WHERE id = $1', [
      entryId,
    ]);
    const entry = rows[0];
    if (!entry) return undefined;
    // StoryRepo.members' order: the audit row lists the entries as SQLite lists them.
    const members =
      entry.story_id === null
        ? [entryId]
        : (
            await tx.query<{ id: number }>('SELECT id FROM entries WHERE story_id = $1 ORDER BY published_at, id', [
              entry.story_id,
            ])
          ).rows.map((r) => r.id);
    await tx.query('SELECT id FROM entries WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [members]);
    const reads = new PgReads(tx);
    const before = await reads.tags(entryId);
    await setOverrides(tx, members, changes, at);
    const after = await reads.tags(entryId);
    const auditId = await reads.audit(audit({ entryIds: members, before, after }));
    return { entryIds: members, before, after, auditId };
  });
}
