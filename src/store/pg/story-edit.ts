// Editors' story merges and splits on PostgreSQL (issue #15): StoryRepo.merge and StoryRepo.split (src/store/stories.ts)
// with the same rows (story_decisions, members pinned as 'editor', splits and merge history following the survivor),
// run while workers store entries. The entries named are locked first, then their stories (FOR UPDATE, as a fold
// locks the story it drops): no worker moves those entries, puts an entry in those stories or drops them meanwhile;
// each waits for the commit, and one whose story went meanwhile fails its key check and is retried.
import type { NewAuditRecord } from '../accounts.ts';
import { storyUid, type StoryRules } from '../stories.ts';
import type { PgDb } from './connect.ts';
import { PgReads } from './reads.ts';
import { retriedTransaction } from './retry.ts';
import { PgStoryRepo } from './stories.ts';

/** An entry's story, locked; `storyId` undefined: the entry has none yet. */
interface LockedEntry {
  id: number;
  sourceId: string;
  key: string;
  publishedAt: string;
  storyId?: number;
  uid?: string;
}

/** Locks the entries (id order), then their stories (id order); entries that do not exist are left out. */
async function lockEntryStories(tx: PgDb, entryIds: readonly number[]): Promise<Map<number, LockedEntry>> {
  const entries = await tx.query<{
    id: number;
    source_id: string;
    key: string;
    published_at: string;
    story_id: number | null;
  }>(
    'SELECT id, source_id, key, published_at, story_id FROM entries WHERE id = ANY ($1::bigint[]) ORDER BY id FOR UPDATE',
    [[...entryIds]],
  );
  const storyIds = [...new Set(entries.rows.flatMap((r) => (r.story_id === null ? [] : [r.story_id])))];
  const stories = await tx.query<{ id: number; uid: string }>(
    'SELECT id, uid FROM stories WHERE id = ANY ($1::bigint[]) ORDER BY id FOR UPDATE',
    [storyIds],
  );
  const uids = new Map(stories.rows.map((s) => [s.id, s.uid]));
  return new Map(
    entries.rows.map((r) => [
      r.id,
      {
        id: r.id,
        sourceId: r.source_id,
        key: r.key,
        publishedAt: r.published_at,
        storyId: r.story_id ?? undefined,
        uid: r.story_id === null ? undefined : uids.get(r.story_id),
      },
    ]),
  );
}

/** Why an edit did not run: the entry is not stored, or has no story yet (NotFoundError on SQLite). */
export interface StoryEditMissing {
  missing: number;
  entryExists: boolean;
}

export interface StoryEdited {
  storyId: number;
  storyUid?: string;
  auditId: number;
}

function missingOf(locked: Map<number, LockedEntry>, entryIds: readonly number[]): StoryEditMissing | undefined {
  for (const id of entryIds) {
    const e = locked.get(id);
    if (!e?.uid) return { missing: id, entryExists: !!e };
  }
  return undefined;
}

/**
 * Puts two entries' stories together (StoryRepo.merge), and writes the audit row `audit` gives (each entry's story
 * uid before, the story's after) in the same transaction.
 */
export function mergeStoriesPg(
  db: PgDb,
  entryA: number,
  entryB: number,
  now: string,
  rules: StoryRules,
  audit: (before: Record<number, string>, uid: string | undefined) => NewAuditRecord,
): Promise<StoryEdited | StoryEditMissing> {
  return retriedTransaction(db, async (tx) => {
    const locked = await lockEntryStories(tx, [entryA, entryB]);
    const missing = missingOf(locked, [entryA, entryB]);
    if (missing) return missing;
    const [ea, eb] = [locked.get(entryA), locked.get(entryB)] as [LockedEntry, LockedEntry];
    const [a, b] = [ea.storyId as number, eb.storyId as number];
    await tx.query(
      `INSERT INTO story_decisions (action, entry_id, other_entry_id, story_id, created_at) VALUES ('merge', $1, $2, NULL, $3)`,
      [entryB, entryA, now],
    );
    const { keep, drop } = rules.survivor(a, b);
    const anchor = keep === a ? entryA : entryB;
    if (keep !== drop) {
      // Every member of the other story moves over, pinned: detection never moves them again.
      await tx.query(
        `UPDATE entries SET story_id = $1, story_method = 'editor', story_score = NULL, story_match_entry_id = $2
          WHERE story_id = $3`,
        [keep, anchor, drop],
      );
      await tx.query(`UPDATE story_decisions SET story_id = $1 WHERE action = 'split' AND story_id = $2`, [keep, drop]);
      await tx.query('UPDATE story_merges SET story_id = $1 WHERE story_id = $2', [keep, drop]);
    }
    await tx.query(`UPDATE entries SET story_method = 'editor' WHERE id = ANY ($1::bigint[])`, [[entryA, entryB]]);
    const stories = new PgStoryRepo(tx);
    await stories.refresh(keep, now, rules);
    if (keep !== drop) await stories.refresh(drop, now, rules);
    const uid = keep === a ? ea.uid : eb.uid;
    const before = { [entryA]: ea.uid as string, [entryB]: eb.uid as string };
    const auditId = await new PgReads(tx).audit(audit(before, uid));
    return { storyId: keep, storyUid: uid, auditId };
  });
}

/**
 * Gives an entry its own story again (StoryRepo.split): never joined to the old one automatically, since the
 * decision names the story it left. The audit row `audit` gives is written in the same transaction.
 */
export function splitStoryPg(
  db: PgDb,
  entryId: number,
  now: string,
  rules: StoryRules,
  audit: (before: string, uid: string | undefined) => NewAuditRecord,
): Promise<StoryEdited | StoryEditMissing> {
  return retriedTransaction(db, async (tx) => {
    const locked = await lockEntryStories(tx, [entryId]);
    const missing = missingOf(locked, [entryId]);
    if (missing) return missing;
    const entry = locked.get(entryId) as LockedEntry;
    const old = entry.storyId as number;
    await tx.query(
      `INSERT INTO story_decisions (action, entry_id, other_entry_id, story_id, created_at) VALUES ('split', $1, NULL, $2, $3)`,
      [entryId, old, now],
    );
    // Nobody joins the old story meanwhile (it is locked): the count stays right until the commit.
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM entries WHERE story_id = $1', [old]);
    let id = old;
    let uid = entry.uid;
    if ((rows[0]?.n ?? 0) > 1) {
      // A fresh uid: the founder's own uid may still name the story it leaves behind.
      uid = storyUid(entry.sourceId, `${entry.key}\u0000split:${now}`);
      const made = await tx.query<{ id: number }>(
        `INSERT INTO stories (uid, representative_entry_id, published_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING id`,
        [uid, entryId, entry.publishedAt, now],
      );
      id = made.rows[0]?.id as number;
    }
    await tx.query(
      `UPDATE entries SET story_id = $1, story_method = 'editor', story_score = NULL, story_match_entry_id = NULL
        WHERE id = $2`,
      [id, entryId],
    );
    const stories = new PgStoryRepo(tx);
    await stories.refresh(id, now, rules);
    if (id !== old) await stories.refresh(old, now, rules);
    const auditId = await new PgReads(tx).audit(audit(entry.uid as string, uid));
    return { storyId: id, storyUid: uid, auditId };
  });
}
