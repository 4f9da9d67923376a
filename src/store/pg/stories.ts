// The story tables on PostgreSQL, inside one source's write transaction (see src/dedup/assign-pg.ts, which decides):
// the same rows as SQLite's StoryRepo writes (stories, entries' membership, story_keys, story_merges). Candidates are
// read by URL key and by LSH bucket (story_bands, migration 006) in the time window, never as "keys after id N",
// which assumes ids commit in order.
import type { StoredEntry } from '../entries.ts';
import {
  storyUid,
  toCandidate as toStoredCandidate,
  type CandidateSqlRow as SqliteCandidateRow,
  type StoryCandidateRow,
  type StoryRules,
} from '../stories.ts';
import type { Queryable } from './connect.ts';

/** The advisory-lock class of story keys (two-int form: its own key space, apart from claims and migrations). */
const STORY_LOCK_CLASS = 0x53545259; // 'STRY'

/** URL matches considered per entry, as SQLite's byUrlKey. */
const URL_LIMIT = 20;

/** The SQLite candidate row, with what the one PostgreSQL lookup adds to each. */
interface CandidateSqlRow extends SqliteCandidateRow {
  probe: number;
  by_url: boolean;
  shared: number | null;
  blocked: boolean;
}

/**
 * For each probe ($1: entry, URL key, bands, window), the URL matches (LIMIT before the story filter, as SQLite's)
 * and the near duplicates sharing most buckets, other sources than $2 only, in the window; each with whether an
 * editor split the probe out of its story. One statement for a source's whole batch.
 */
const LOOKUP_SQL = `
SELECT p.entry_id AS probe, m.by_url, m.shared, e.id, e.source_id, e.title, e.summary, e.language, e.published_at,
       e.content_hash, e.story_id, (SELECT canonical_url FROM story_keys k WHERE k.entry_id = e.id) AS canonical_url,
       EXISTS (SELECT 1 FROM story_decisions d
                WHERE d.entry_id = p.entry_id AND d.action = 'split' AND d.story_id = e.story_id) AS blocked
  FROM jsonb_to_recordset($1::jsonb) AS p(entry_id bigint, url text, bands bigint[], lo bigint, hi bigint)
  CROSS JOIN LATERAL (
    SELECT u.entry_id, true AS by_url, NULL::int AS shared
      FROM (SELECT entry_id FROM story_keys
             WHERE p.url IS NOT NULL AND canonical_url = p.url AND entry_id <> p.entry_id LIMIT ${URL_LIMIT}) u
    UNION ALL
    SELECT n.entry_id, false, n.shared
      FROM (SELECT b.entry_id, count(*)::int AS shared
              FROM story_bands b JOIN entries x ON x.id = b.entry_id
             WHERE b.band = ANY (p.bands) AND b.published_at BETWEEN p.lo AND p.hi AND b.entry_id <> p.entry_id
               AND x.source_id <> $2 AND x.story_id IS NOT NULL
             GROUP BY b.entry_id ORDER BY shared DESC, b.entry_id DESC LIMIT $3) n
  ) m
  JOIN entries e ON e.id = m.entry_id AND e.story_id IS NOT NULL`;

type Candidate = StoryCandidateRow & { blocked: boolean };

function toCandidate(r: CandidateSqlRow): Candidate {
  return { ...toStoredCandidate(r), blocked: r.blocked };
}

export class PgStoryRepo {
  constructor(private readonly q: Queryable) {}

  /**
   * Transaction-level advisory locks, taken one after another in the order given (pass them sorted). The same
   * statement turns JIT off for the rest of the transaction: the lookup's estimated cost (a set-returning function
   * of 100 rows, to the planner) crossed jit_above_cost, and compiling took longer than running (25 of 50 ms).
   */
  async lockKeys(keys: readonly number[]): Promise<void> {
    // A function scan returns the array in order, and each row's lock is taken as it is read.
    await this.q.query(
      `SELECT set_config('jit', 'off', true), (SELECT count(pg_advisory_xact_lock($1::int4, k)) FROM unnest($2::int4[]) AS k)`,
      [STORY_LOCK_CLASS, keys],
    );
  }

  async index(
    rows: readonly { entryId: number; urlKey?: string; publishedAt: string; bands: readonly number[] }[],
  ): Promise<void> {
    if (!rows.length) return;
    await this.q.query(
      `INSERT INTO story_keys (entry_id, canonical_url, published_at, bands)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[])
       ON CONFLICT (entry_id) DO UPDATE
         SET canonical_url = excluded.canonical_url, published_at = excluded.published_at, bands = excluded.bands`,
      [
        rows.map((r) => r.entryId),
        rows.map((r) => r.urlKey ?? null),
        rows.map((r) => Math.floor(Date.parse(r.publishedAt) / 1000)),
        rows.map((r) => JSON.stringify(r.bands)),
      ],
    );
  }

  async membership(entryId: number): Promise<{ storyId?: number; method?: string }> {
    const { rows } = await this.q.query<{ story_id: number | null; story_method: string | null }>(
      'SELECT story_id, story_method FROM entries WHERE id = $1',
      [entryId],
    );
    const r = rows[0];
    return { storyId: r?.story_id ?? undefined, method: r?.story_method ?? undefined };
  }

  async lookupMany(
    sourceId: string,
    queries: readonly { entryId: number; urlKey?: string; bands: readonly number[]; lo: number; hi: number }[],
    limit: number,
  ): Promise<Map<number, { byUrl: Candidate[]; near: Candidate[] }>> {
    const out = new Map<number, { byUrl: Candidate[]; near: Candidate[] }>();
    if (!queries.length) return out;
    const probes = queries.map((q) => ({
      entry_id: q.entryId,
      url: q.urlKey ?? null,
      bands: q.bands,
      lo: q.lo,
      hi: q.hi,
    }));
    const { rows } = await this.q.query<CandidateSqlRow>(LOOKUP_SQL, [JSON.stringify(probes), sourceId, limit]);
    const byProbe = new Map<number, CandidateSqlRow[]>();
    for (const r of rows) byProbe.set(r.probe, [...(byProbe.get(r.probe) ?? []), r]);
    for (const [probe, rs] of byProbe) {
      const byUrl = rs
        .filter((r) => r.by_url)
        .sort((a, b) => a.published_at.localeCompare(b.published_at) || a.id - b.id);
      const near = rs.filter((r) => r.shared !== null).sort((a, b) => (b.shared ?? 0) - (a.shared ?? 0) || b.id - a.id);
      out.set(probe, { byUrl: byUrl.map(toCandidate), near: near.map(toCandidate) });
    }
    return out;
  }

  async contentHtml(entryIds: readonly number[]): Promise<Map<number, string>> {
    if (!entryIds.length) return new Map();
    const { rows } = await this.q.query<{ id: number; content_html: string }>(
      'SELECT id, content_html FROM entries WHERE id = ANY ($1::bigint[])',
      [entryIds],
    );
    return new Map(rows.map((r) => [r.id, r.content_html]));
  }

  /** Pairs of these stories an editor's split keeps apart (as StoryRepo.splitApart). */
  async splitApart(storyIds: readonly number[]): Promise<[number, number][]> {
    const { rows } = await this.q.query<{ a: number; b: number }>(
      `SELECT DISTINCT e.story_id AS a, d.story_id AS b FROM story_decisions d JOIN entries e ON e.id = d.entry_id
        WHERE d.action = 'split' AND e.story_id = ANY ($1::bigint[]) AND d.story_id = ANY ($1::bigint[])`,
      [storyIds],
    );
    return rows.filter((r) => r.a !== r.b).map((r): [number, number] => [r.a, r.b]);
  }

  /** Each entry starts a story of its own, story ids in the order given: one statement. */
  async foundMany(entries: readonly StoredEntry[], now: string): Promise<Map<number, number>> {
    if (!entries.length) return new Map();
    const { rows } = await this.q.query<{ entry_id: number; story_id: number }>(
      `WITH input AS (
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS i(entry_id, uid, published_at, ord)
       ), s AS (
         INSERT INTO stories (uid, representative_entry_id, published_at, created_at, updated_at)
         SELECT uid, entry_id, published_at, $4, $4 FROM input ORDER BY ord
         RETURNING id, representative_entry_id
       )
       UPDATE entries e SET story_id = s.id, story_method = 'founder', story_score = NULL, story_match_entry_id = NULL
         FROM s WHERE e.id = s.representative_entry_id RETURNING e.id AS entry_id, s.id AS story_id`,
      [
        entries.map((e) => e.id),
        entries.map((e) => storyUid(e.sourceId, e.key)),
        entries.map((e) => e.publishedAt),
        now,
      ],
    );
    return new Map(rows.map((r) => [r.entry_id, r.story_id]));
  }

  async join(
    entryId: number,
    storyId: number,
    match: { method: 'url' | 'similarity'; matchEntryId: number; score: number },
  ): Promise<void> {
    await this.q.query(
      'UPDATE entries SET story_id = $1, story_method = $2, story_score = $3, story_match_entry_id = $4 WHERE id = $5',
      [storyId, match.method, match.score, match.matchEntryId, entryId],
    );
  }

  /** `drop` becomes part of `keep` because entry `via` matched both (as StoryRepo.fold). */
  async fold(keep: number, drop: number, via: number, now: string): Promise<void> {
    // Locked first: a writer that put an entry in `drop` holds its key until it commits, so this waits and the
    // move below sees that entry; one that comes later fails its key check and is retried. Without the lock, the
    // delete would set such an entry's story to NULL (ON DELETE SET NULL) and leave it out of every story.
    const { rows } = await this.q.query<{ uid: string }>('SELECT uid FROM stories WHERE id = $1 FOR UPDATE', [drop]);
    const uid = rows[0]?.uid;
    if (uid === undefined) return;
    const founders = await this.q.query<{ id: number; source_id: string; key: string }>(
      `SELECT id, source_id, key FROM entries WHERE story_id = $1 AND story_method = 'founder' ORDER BY published_at, id`,
      [drop],
    );
    const founder = founders.rows.find((r) => storyUid(r.source_id, r.key) === uid)?.id;
    await this.q.query('UPDATE entries SET story_id = $1 WHERE story_id = $2', [keep, drop]);
    await this.q.query(`UPDATE story_decisions SET story_id = $1 WHERE action = 'split' AND story_id = $2`, [
      keep,
      drop,
    ]);
    await this.q.query('UPDATE story_merges SET story_id = $1 WHERE story_id = $2', [keep, drop]);
    await this.q.query(
      `INSERT INTO story_merges (story_id, merged_uid, founder_entry_id, via_entry_id, created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [keep, uid, founder ?? null, via, now],
    );
    await this.q.query('DELETE FROM stories WHERE id = $1', [drop]);
  }

  /** Re-picks the representative after a membership change; drops a story nobody belongs to. */
  async refresh(storyId: number, now: string, rules: StoryRules): Promise<void> {
    const members = async () => {
      const { rows } = await this.q.query<{ id: number; source_id: string; published_at: string }>(
        'SELECT id, source_id, published_at FROM entries WHERE story_id = $1 ORDER BY published_at, id',
        [storyId],
      );
      return rows.map((r) => ({ id: r.id, sourceId: r.source_id, publishedAt: r.published_at }));
    };
    let rep = rules.representative(await members());
    if (!rep) {
      // Before dropping an empty story, wait for any writer putting an entry in it (as fold does), and look again.
      await this.q.query('SELECT id FROM stories WHERE id = $1 FOR UPDATE', [storyId]);
      rep = rules.representative(await members());
    }
    if (!rep) await this.q.query('DELETE FROM stories WHERE id = $1', [storyId]);
    else
      await this.q.query(
        'UPDATE stories SET representative_entry_id = $1, published_at = $2, updated_at = $3 WHERE id = $4',
        [rep.id, rep.publishedAt, now, storyId],
      );
  }
}
