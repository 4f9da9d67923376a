// Editors' tag overrides on PostgreSQL, as TagRepo.setOverride: each recorded (a later one for the same tag replaces
// it) and applied at once to the stored tags of every entry given, in one transaction, so a retag keeps them.
import type { TagKind } from '../../types.ts';
import type { OverrideAction } from '../tags.ts';
import type { PgDb } from './connect.ts';
import { PgReads } from './reads.ts';
import { PgTagRepo } from './tags.ts';

export interface OverrideChange {
  kind: TagKind;
  value: string;
  action: OverrideAction;
}

/** Records `changes` on each of `entryIds` at `at` and re-applies every override to their stored tags. */
export async function setOverrides(
  db: PgDb,
  entryIds: readonly number[],
  changes: readonly OverrideChange[],
  at: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    // Locked first: a fetch storing one of them meanwhile waits, rather than rewriting tags from before the change.
    const { rows } = await tx.query<{ id: number; published_at: string }>(
      'SELECT id, published_at FROM entries WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE',
      [[...entryIds]],
    );
    for (const c of changes)
      await tx.query(
        `INSERT INTO tag_overrides (entry_id, kind, value, action, created_at)
         SELECT unnest($1::bigint[]), $2, $3, $4, $5
         ON CONFLICT (entry_id, kind, value) DO UPDATE SET action = EXCLUDED.action, created_at = EXCLUDED.created_at`,
        [rows.map((r) => r.id), c.kind, c.value, c.action, at],
      );
    const reads = new PgReads(tx);
    const items = [];
    for (const r of rows) items.push({ entryId: r.id, publishedAt: r.published_at, tags: await reads.tags(r.id) });
    await new PgTagRepo(tx).replaceMany(items);
  });
}
