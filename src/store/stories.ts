// Stories: every entry belongs to one. Cross-source detection (src/dedup) decides which and holds the policy; this
// file only stores: the stories table, the detection index (URL keys, LSH buckets) and editors' merge/split decisions.
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';
import type { StoredEntry } from './entries.ts';

/** The published id of a story: derived from its founding entry, so it never changes as sources join. */

/** A story member as the representative rule sees it. */
export interface StoryMemberRef {
  id: number;
  sourceId: string;
  publishedAt: string;
}

/** The story policy the store applies inside its transactions; src/dedup (storyRules) provides it. */
export interface StoryRules {
  /** Which of two stories being merged survives. */
  survivor(storyIdA: number, storyIdB: number): { keep: number; drop: number };
  /** The member a story shows; undefined when it has none. */
  representative(members: readonly StoryMemberRef[]): StoryMemberRef | undefined;
}

export function storyUid(sourceId: string, key: string): string {
  return createHash('sha256').update(`${sourceId}\u0000${key}`).digest('hex').slice(0, 24);
}

export type StoryMethod = 'founder' | 'url' | 'similarity' | 'editor';

/** How a detected member joined its story: the match that brought it in. */
export interface StoryMatch {
  method: 'url' | 'similarity';
  matchEntryId: number;
  score: number;
}

/**
 * An entry the detector may compare against: the text it sketches and where it sits. Not its HTML: a candidate's
 * sketch is usually cached, and made from the summary when that is long enough (contentHtml() reads it otherwise).
 * PostgreSQL's candidates; SQLite's are KeyedCandidateRow.
 */
export interface StoryCandidateRow {
  id: number;
  sourceId: string;
  title: string;
  summary: string;
  language?: string;
  publishedAt: string;
  /** Hash of the stored text: a cached sketch of other text (an edit, or a rolled-back row's id reused) is stale. */
  contentHash: string;
  storyId: number;
  /** Folded URL it is matched on (story_keys.canonical_url): a comparison key, not a URL. */
  urlKey?: string;
}

/**
 * A candidate as SQLite's detector reads it: where it sits, not its text (its sketch comes from the detector's
 * cache, or from sketchKeys(), or from sketchTexts()), nor its URL key (a URL match has the probe's).
 */
export type KeyedCandidateRow = Omit<StoryCandidateRow, 'title' | 'summary' | 'urlKey'>;

export interface StoryMember {
  entryId: number;
  sourceId: string;
  title: string;
  url?: string;
  publishedAt: string;
  method: StoryMethod;
  score?: number;
  matchEntryId?: number;
  representative: boolean;
  /** It founded another story, merged into this one when `viaEntryId` matched both. */
  founded?: { uid: string; viaEntryId?: number };
}

export interface StoryInfo {
  id: number;
  uid: string;
  representativeEntryId?: number;
  publishedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoryDecisionRecord {
  action: 'merge' | 'split';
  entryId: number;
  otherEntryId?: number;
  storyId?: number;
  createdAt: string;
}

export interface StoryMergeRecord {
  mergedUid: string;
  founderEntryId?: number;
  viaEntryId?: number;
  createdAt: string;
}

export interface StoryExplanation {
  entryId: number;
  story: StoryInfo;
  /** This entry's own membership line. */
  self: StoryMember;
  members: StoryMember[];
  decisions: StoryDecisionRecord[];
  /** Stories detection merged into this one. */
  merges: StoryMergeRecord[];
}

/** A StoryCandidateRow as PostgreSQL's lookup returns it (src/store/pg/stories.ts). */
export interface CandidateSqlRow {
  id: number;
  source_id: string;
  title: string;
  summary: string;
  language: string | null;
  published_at: string;
  content_hash: string;
  /** The candidate query selects members of a story only. */
  story_id: number;
  canonical_url: string | null;
}

export interface MemberSqlRow {
  id: number;
  source_id: string;
  key: string;
  title: string;
  url: string | null;
  published_at: string;
  story_method: string | null;
  story_score: number | null;
  story_match_entry_id: number | null;
}

export interface MergeSqlRow {
  merged_uid: string;
  founder_entry_id: number | null;
  via_entry_id: number | null;
  created_at: string;
}

export interface StorySqlRow {
  id: number;
  uid: string;
  representative_entry_id: number | null;
  published_at: string;
  created_at: string;
  updated_at: string;
}

/** A KeyedCandidateRow as SQLite returns it: PostgreSQL's row without the text. */
type KeyedCandidateSqlRow = Omit<CandidateSqlRow, 'title' | 'summary' | 'canonical_url'>;

/** The same row read raw: id, source_id, language, published_at, content_hash, story_id. */
type KeyedCandidateSqlTuple = [number, string, string | null, string, string, number];

const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/**
 * The ISO time (as entries.published_at holds it, toISOString's form) at which epoch second `seconds` begins:
 * published_at >= isoBound(s) holds exactly when epochSeconds(published_at) >= s. `beyond` for a second no date
 * reaches (an open end).
 */
function isoBound(seconds: number, beyond: string): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? beyond : d.toISOString();
}

/** Up to this many candidates are read one lookup each; more in one json_each statement. */
const FEW_CANDIDATES = 4;

function keyedCandidate([id, sourceId, language, publishedAt, contentHash, storyId]: KeyedCandidateSqlTuple) {
  return { id, sourceId, language: language ?? undefined, publishedAt, contentHash, storyId };
}

interface KeySqlRow {
  entry_id: number;
  source_id: string;
  published_at: number;
  bands: string;
}

/** An entry's LSH band hashes with its publication time (epoch seconds). */
export interface StoryKey {
  entryId: number;
  sourceId: string;
  at: number;
  bands: number[];
}

const toKey = (r: KeySqlRow): StoryKey => ({
  entryId: r.entry_id,
  sourceId: r.source_id,
  at: r.published_at,
  bands: JSON.parse(r.bands) as number[],
});

export class StoryRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      insertStory: db.prepare(
        'INSERT INTO stories (uid, representative_entry_id, published_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      ),
      setMembership: db.prepare(
        'UPDATE entries SET story_id = @storyId, story_method = @method, story_score = @score, story_match_entry_id = @match WHERE id = @id',
      ),
      entryStory: db.prepare<[number], { story_id: number | null; story_method: string | null }>(
        'SELECT story_id, story_method FROM entries WHERE id = ?',
      ),
      // An upsert, not INSERT OR REPLACE: a new entry's key (the usual case) is a plain insert, with no delete path.
      putKey: db.prepare(
        `INSERT INTO story_keys (entry_id, canonical_url, published_at, bands, sketch) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (entry_id) DO UPDATE SET canonical_url = excluded.canonical_url,
           published_at = excluded.published_at, bands = excluded.bands, sketch = excluded.sketch`,
      ),
      // Found by the entries' own publication time (entries_published, or entries_source_published's skip-scan that
      // reads no entry row): story_keys has no time index of its own (migration 019). In the order the dropped index
      // gave (seconds, then id): the bucket index scans its buckets newest-added first, so the load order is kept.
      keysBetween: db.prepare<[string, string], KeySqlRow>(
        `SELECT k.entry_id, e.source_id, k.published_at, k.bands FROM entries e JOIN story_keys k ON k.entry_id = e.id
          WHERE e.published_at >= ? AND e.published_at < ? ORDER BY k.published_at, k.entry_id`,
      ),
      // A range of story_keys' rowids: reads no row, no band hashes, no entry.
      keyIdsAfter: db.prepare<[number], { entry_id: number }>(
        'SELECT entry_id FROM story_keys WHERE entry_id > ? ORDER BY entry_id',
      ),
      keysOf: db.prepare<[string], KeySqlRow>(
        `SELECT k.entry_id, e.source_id, k.published_at, k.bands FROM story_keys k JOIN entries e ON e.id = k.entry_id
          WHERE k.entry_id IN (SELECT value FROM json_each(?)) ORDER BY k.entry_id`,
      ),
      maxKeyId: db.prepare<[], { id: number | null }>('SELECT max(entry_id) AS id FROM story_keys'),
      // Both from the URL index alone (story_keys_url): what the detector's URL filter is built from.
      urlKeyCount: db.prepare<[], number>('SELECT count(*) FROM story_keys WHERE canonical_url IS NOT NULL').pluck(),
      urlKeys: db.prepare<[], string>('SELECT canonical_url FROM story_keys WHERE canonical_url IS NOT NULL').pluck(),
      // Index only: almost every new entry's URL is new, and this answers that without touching entries.
      byUrl: db.prepare<[string, number, number], { entry_id: number }>(
        'SELECT entry_id FROM story_keys WHERE canonical_url = ? AND entry_id <> ? LIMIT ?',
      ),
      // Up to 16 near and 20 URL candidates per detection, in one statement; only the entries' own row. Rows come
      // as arrays (raw): no object is built per row only to be copied into a KeyedCandidateRow.
      candidates: db
        .prepare<[string], KeyedCandidateSqlTuple>(
          `SELECT id, source_id, language, published_at, content_hash, story_id
             FROM entries WHERE id IN (SELECT value FROM json_each(?)) AND story_id IS NOT NULL`,
        )
        .raw(),
      // The same row for one entry: most detections read a few candidates, and json_each costs more than a lookup.
      candidate: db
        .prepare<[number], KeyedCandidateSqlTuple>(
          `SELECT id, source_id, language, published_at, content_hash, story_id
             FROM entries WHERE id = ? AND story_id IS NOT NULL`,
        )
        .raw(),
      sketchKeys: db.prepare<[string], { entry_id: number; sketch: string | null }>(
        'SELECT entry_id, sketch FROM story_keys WHERE entry_id IN (SELECT value FROM json_each(?))',
      ),
      // One entry's: most detections that miss the sketch cache miss it for one candidate. Only for one: each lookup
      // is a statement call, and at two or more json_each cost less (bench figures in the commit adding this).
      sketchKey: db.prepare<[number], string | null>('SELECT sketch FROM story_keys WHERE entry_id = ?').pluck(),
      texts: db.prepare<[string], { id: number; title: string; summary: string }>(
        'SELECT id, title, summary FROM entries WHERE id IN (SELECT value FROM json_each(?))',
      ),
      contentHtml: db.prepare<[number], { content_html: string }>('SELECT content_html FROM entries WHERE id = ?'),
      // Whether any editor split exists: when none does (the usual case), the per-entry split queries are skipped.
      anySplit: db.prepare<[], { x: number }>(
        `SELECT EXISTS (SELECT 1 FROM story_decisions WHERE action = 'split') AS x`,
      ),
      // Changes when another connection commits: what this one knows about splits may be stale only then.
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      blocked: db.prepare<[number], { story_id: number }>(
        `SELECT story_id FROM story_decisions WHERE entry_id = ? AND action = 'split' AND story_id IS NOT NULL`,
      ),
      members: db.prepare<[number], MemberSqlRow>(
        `SELECT id, source_id, key, title, url, published_at, story_method, story_score, story_match_entry_id
           FROM entries WHERE story_id = ? ORDER BY published_at, id`,
      ),
      // Index only (entries_story_members, migration 017): what the representative rule reads, in its order.
      memberRefs: db.prepare<[number], { id: number; source_id: string; published_at: string }>(
        'SELECT id, source_id, published_at FROM entries WHERE story_id = ? ORDER BY published_at, id',
      ),
      moveMembers: db.prepare('UPDATE entries SET story_id = ? WHERE story_id = ?'),
      // Splits and merge history follow a story into the one it is merged with.
      moveSplits: db.prepare(`UPDATE story_decisions SET story_id = ? WHERE action = 'split' AND story_id = ?`),
      moveMerges: db.prepare('UPDATE story_merges SET story_id = ? WHERE story_id = ?'),
      addMerge: db.prepare(
        `INSERT INTO story_merges (story_id, merged_uid, founder_entry_id, via_entry_id, created_at)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      merges: db.prepare<[number], MergeSqlRow>(
        `SELECT merged_uid, founder_entry_id, via_entry_id, created_at
           FROM story_merges WHERE story_id = ? ORDER BY id`,
      ),
      splitApart: db.prepare<[string, string], { a: number; b: number }>(
        `SELECT DISTINCT e.story_id AS a, d.story_id AS b FROM story_decisions d JOIN entries e ON e.id = d.entry_id
          WHERE d.action = 'split' AND e.story_id IN (SELECT value FROM json_each(?))
            AND d.story_id IN (SELECT value FROM json_each(?))`,
      ),
      story: db.prepare<[number], StorySqlRow>('SELECT * FROM stories WHERE id = ?'),
      // Only when the representative changes: setting published_at rewrites its stories_published index entry even
      // to the same value, and a story's representative usually stays as members join (touch then marks the change).
      setRepresentative: db.prepare(
        `UPDATE stories SET representative_entry_id = @rep, published_at = @publishedAt, updated_at = @now
          WHERE id = @id AND (representative_entry_id IS NOT @rep OR published_at IS NOT @publishedAt)`,
      ),
      touchStory: db.prepare('UPDATE stories SET updated_at = ? WHERE id = ?'),
      // Two primary-key lookups: what `joined` compares a newcomer with, instead of every member's index entry.
      representativeRef: db
        .prepare<[number], [number, string, string]>(
          `SELECT r.id, r.source_id, r.published_at FROM stories s JOIN entries r ON r.id = s.representative_entry_id
            WHERE s.id = ?`,
        )
        .raw(),
      deleteStory: db.prepare('DELETE FROM stories WHERE id = ?'),
      decide: db.prepare(
        'INSERT INTO story_decisions (action, entry_id, other_entry_id, story_id, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      decisions: db.prepare<
        [number, number],
        {
          action: 'merge' | 'split';
          entry_id: number;
          other_entry_id: number | null;
          story_id: number | null;
          created_at: string;
        }
      >(
        'SELECT action, entry_id, other_entry_id, story_id, created_at FROM story_decisions WHERE entry_id = ? OR other_entry_id = ? ORDER BY id',
      ),
    };
  }

  /** The entry starts a story of its own. */
  found(entry: StoredEntry, now: string): number {
    const id = Number(
      this.stmts.insertStory.run(storyUid(entry.sourceId, entry.key), entry.id, entry.publishedAt, now, now)
        .lastInsertRowid,
    );
    this.stmts.setMembership.run({ storyId: id, method: 'founder', score: null, match: null, id: entry.id });
    return id;
  }

  // ---- detection index ----

  /**
   * Records the entry's URL key and band hashes (the detector keeps the buckets in memory from these), and what
   * verifying it as a candidate compares (`sketchKey`, see src/dedup/sketch-key.ts).
   */
  index(
    entryId: number,
    urlKey: string | undefined,
    publishedAt: string,
    bands: readonly number[],
    sketchKey?: string,
  ): void {
    this.stmts.putKey.run(entryId, urlKey ?? null, epochSeconds(publishedAt), JSON.stringify(bands), sketchKey ?? null);
  }

  /** Band keys of entries published in [from, to) (epoch seconds). */
  keysBetween(from: number, to: number): StoryKey[] {
    return this.stmts.keysBetween.all(isoBound(from, ''), isoBound(to, '\uffff')).map(toKey);
  }

  /**
   * Ids of entries indexed after `entryId`, ascending (ids only grow): what other processes added since, with this
   * one's own; read the keys of those it lacks with keysOf.
   */
  keyIdsAfter(entryId: number): number[] {
    return this.stmts.keyIdsAfter.all(entryId).map((r) => r.entry_id);
  }

  /** Band keys of these entries, by ascending id; entries gone are left out. */
  keysOf(entryIds: readonly number[]): StoryKey[] {
    if (!entryIds.length) return [];
    return this.stmts.keysOf.all(JSON.stringify(entryIds)).map(toKey);
  }

  maxKeyId(): number {
    return this.stmts.maxKeyId.get()?.id ?? 0;
  }

  /** Candidate rows for the given entries, in that order; entries gone (or not yet in a story) are left out. */
  candidates(entryIds: readonly number[]): KeyedCandidateRow[] {
    if (!entryIds.length) return [];
    if (entryIds.length <= FEW_CANDIDATES) {
      return entryIds.flatMap((entryId) => {
        const r = this.stmts.candidate.get(entryId);
        return r ? [keyedCandidate(r)] : [];
      });
    }
    const byId = new Map<number, KeyedCandidateRow>();
    for (const [id, sourceId, language, publishedAt, contentHash, storyId] of this.stmts.candidates.all(
      JSON.stringify(entryIds),
    ))
      byId.set(id, keyedCandidate([id, sourceId, language, publishedAt, contentHash, storyId]));
    return entryIds.flatMap((id) => byId.get(id) ?? []);
  }

  /** Stored sketch keys of these entries (story_keys.sketch, see src/dedup/sketch-key.ts); none for one without. */
  sketchKeys(entryIds: readonly number[]): Map<number, string> {
    const out = new Map<number, string>();
    if (!entryIds.length) return out;
    const [only] = entryIds;
    if (entryIds.length === 1 && only !== undefined) {
      const sketch = this.stmts.sketchKey.get(only);
      if (sketch) out.set(only, sketch);
      return out;
    }
    for (const r of this.stmts.sketchKeys.all(JSON.stringify(entryIds))) if (r.sketch) out.set(r.entry_id, r.sketch);
    return out;
  }

  /** Title and summary of these entries (what a sketch reads besides HTML), for candidates with no usable key. */
  sketchTexts(entryIds: readonly number[]): Map<number, { title: string; summary: string }> {
    const out = new Map<number, { title: string; summary: string }>();
    if (!entryIds.length) return out;
    for (const r of this.stmts.texts.all(JSON.stringify(entryIds))) out.set(r.id, r);
    return out;
  }

  /** A candidate's sanitized HTML, read only when its sketch needs it; '' for an entry gone. */
  contentHtml(entryId: number): string {
    return this.stmts.contentHtml.get(entryId)?.content_html ?? '';
  }

  /** How many entries are indexed with a URL key. */
  urlKeyCount(): number {
    return this.stmts.urlKeyCount.get() ?? 0;
  }

  /** Every URL key indexed, in no particular order (read as iterated: a million keys are not held at once). */
  urlKeys(): Iterable<string> {
    return this.stmts.urlKeys.iterate();
  }

  /** Ids of entries indexed with this URL key, the entry itself left out (read their rows with candidates). */
  urlMatchIds(urlKey: string, excludeEntryId: number, limit = 20): number[] {
    return this.stmts.byUrl.all(urlKey, excludeEntryId, limit).map((r) => r.entry_id);
  }

  /**
   * SQLite's data_version: it changes when another connection commits, so what this connection read of a row at one
   * version still holds while it is unchanged (its own writes leave it as it is).
   */
  dataVersion(): number {
    return this.stmts.dataVersion.get() ?? -1;
  }

  /** Whether the database holds any editor split, as of the last commit by another connection (or by split()). */
  private splits?: { version: number; any: boolean };
  private anySplit(version = this.dataVersion()): boolean {
    if (this.splits?.version !== version) this.splits = { version, any: !!this.stmts.anySplit.get()?.x };
    return this.splits.any;
  }

  /**
   * Pairs of these stories an editor's split keeps apart: a member of one was split out of the other. `version`:
   * the dataVersion() the caller read in this transaction, so that it is not asked again.
   */
  splitApart(storyIds: readonly number[], version?: number): [number, number][] {
    if (!this.anySplit(version)) return [];
    const ids = JSON.stringify(storyIds);
    return this.stmts.splitApart
      .all(ids, ids)
      .filter((r) => r.a !== r.b)
      .map((r): [number, number] => [r.a, r.b]);
  }

  /** Stories an editor split this entry out of (`version` as for splitApart). */
  blockedStories(entryId: number, version?: number): Set<number> {
    if (!this.anySplit(version)) return new Set();
    return new Set(this.stmts.blocked.all(entryId).map((r) => r.story_id));
  }

  // ---- membership ----

  /** Current story and how the entry joined it. */
  membership(entryId: number): { storyId?: number; method?: StoryMethod } {
    const r = this.stmts.entryStory.get(entryId);
    return { storyId: r?.story_id ?? undefined, method: (r?.story_method as StoryMethod | null) ?? undefined };
  }

  /** Detection moved the entry into `storyId`; call refresh for the stories this changed. */
  join(entryId: number, storyId: number, match: StoryMatch): void {
    this.stmts.setMembership.run({
      storyId,
      method: match.method,
      score: match.score,
      match: match.matchEntryId,
      id: entryId,
    });
  }

  /**
   * Detection: `drop` becomes part of `keep` because entry `via` matched both. Members keep how they joined (each
   * still matched someone now in `keep`); `drop`'s published id goes away and is recorded for `stories show`.
   */
  fold(keep: number, drop: number, via: number, now: string): void {
    const dropped = this.stmts.story.get(drop);
    if (!dropped) return;
    const founder = this.founderOf(drop, dropped.uid);
    this.stmts.moveMembers.run(keep, drop);
    this.stmts.moveSplits.run(keep, drop);
    this.stmts.moveMerges.run(keep, drop);
    this.stmts.addMerge.run(keep, dropped.uid, founder ?? null, via, now);
    this.stmts.deleteStory.run(drop);
  }

  /** The entry whose uid the story carries (a story's uid is derived from its founder). */
  private founderOf(storyId: number, uid: string): number | undefined {
    const rows = this.stmts.members.all(storyId);
    return rows.find((r) => r.story_method === 'founder' && storyUid(r.source_id, r.key) === uid)?.id;
  }

  members(storyId: number): StoryMember[] {
    const rows = this.stmts.members.all(storyId);
    const rep = this.stmts.story.get(storyId)?.representative_entry_id;
    const founded = new Map<number, { uid: string; viaEntryId?: number }>();
    for (const m of this.stmts.merges.all(storyId)) {
      if (m.founder_entry_id === null) continue;
      founded.set(m.founder_entry_id, { uid: m.merged_uid, viaEntryId: m.via_entry_id ?? undefined });
    }
    return rows.map((r) => toMember(r, rep, founded.get(r.id)));
  }

  /** Stories detection merged into this one, oldest first. */
  merges(storyId: number): StoryMergeRecord[] {
    return this.stmts.merges.all(storyId).map((m) => ({
      mergedUid: m.merged_uid,
      founderEntryId: m.founder_entry_id ?? undefined,
      viaEntryId: m.via_entry_id ?? undefined,
      createdAt: m.created_at,
    }));
  }

  story(storyId: number): StoryInfo | undefined {
    const r = this.stmts.story.get(storyId);
    return r ? toStory(r) : undefined;
  }

  /**
   * Editor: one story. The story created first survives (its uid is the one subscribers saw first); every member of
   * the other moves over and is pinned, so detection never moves them again.
   */
  merge(entryIdA: number, entryIdB: number, now: string, rules: StoryRules): number {
    return this.db.transaction(() => {
      const a = this.requireStory(entryIdA);
      const b = this.requireStory(entryIdB);
      this.stmts.decide.run('merge', entryIdB, entryIdA, null, now);
      const { keep, drop } = rules.survivor(a, b);
      const anchor = keep === a ? entryIdA : entryIdB;
      if (keep !== drop) {
        for (const m of this.stmts.members.all(drop))
          this.stmts.setMembership.run({ storyId: keep, method: 'editor', score: null, match: anchor, id: m.id });
        this.stmts.moveSplits.run(keep, drop);
        this.stmts.moveMerges.run(keep, drop);
      }
      for (const id of [entryIdA, entryIdB])
        this.db.prepare(`UPDATE entries SET story_method = 'editor' WHERE id = ?`).run(id);
      this.refresh(keep, now, rules);
      if (keep !== drop) this.refresh(drop, now, rules);
      return keep;
    })();
  }

  /** Editor: the entry gets its own story again and is never joined to the old one automatically. */
  split(entryId: number, now: string, rules: StoryRules): number {
    return this.db.transaction(() => {
      const old = this.requireStory(entryId);
      const entry = this.db
        .prepare<[number], { source_id: string; key: string; published_at: string }>(
          'SELECT source_id, key, published_at FROM entries WHERE id = ?',
        )
        .get(entryId);
      if (!entry) throw new Error(`entry ${entryId}: no such entry`);
      this.stmts.decide.run('split', entryId, null, old, now);
      // This connection's own writes leave data_version as it is.
      this.splits = undefined;
      const alone = this.stmts.members.all(old).length === 1;
      let id = old;
      if (!alone) {
        // A fresh uid: the founder's own uid may still name the story it leaves behind.
        const uid = storyUid(entry.source_id, `${entry.key}\u0000split:${now}`);
        id = Number(this.stmts.insertStory.run(uid, entryId, entry.published_at, now, now).lastInsertRowid);
      }
      this.stmts.setMembership.run({ storyId: id, method: 'editor', score: null, match: null, id: entryId });
      this.refresh(id, now, rules);
      if (id !== old) this.refresh(old, now, rules);
      return id;
    })();
  }

  explain(entryId: number): StoryExplanation | undefined {
    const storyId = this.membership(entryId).storyId;
    if (storyId === undefined) return undefined;
    const story = this.story(storyId);
    const members = this.members(storyId);
    const self = members.find((m) => m.entryId === entryId);
    if (!story || !self) return undefined;
    const decisions = this.stmts.decisions.all(entryId, entryId).map((d) => ({
      action: d.action,
      entryId: d.entry_id,
      otherEntryId: d.other_entry_id ?? undefined,
      storyId: d.story_id ?? undefined,
      createdAt: d.created_at,
    }));
    return { entryId, story, self, members, decisions, merges: this.merges(storyId) };
  }

  private requireStory(entryId: number): number {
    const s = this.membership(entryId).storyId;
    if (s === undefined) throw new Error(`entry ${entryId}: no such entry, or it has no story yet`);
    return s;
  }

  /**
   * `refresh` for a story whose only change is that `entry` joined it: its representative was the best of its other
   * members (every membership change re-picks it, and no member's source or date changes), so the best of all is
   * the better of that one and the newcomer. A story without one (its entry deleted) is re-picked from every member.
   * Changed source priorities thus reach a story's representative at its next fold, leave or editor's change, no
   * longer at its next join.
   */
  joined(storyId: number, entry: StoryMemberRef, now: string, rules: StoryRules): void {
    const r = this.stmts.representativeRef.get(storyId);
    if (!r) return this.refresh(storyId, now, rules);
    const current = { id: r[0], sourceId: r[1], publishedAt: r[2] };
    const rep = rules.representative([current, entry]) ?? current;
    if (rep.id === current.id) this.stmts.touchStory.run(now, storyId);
    else this.stmts.setRepresentative.run({ rep: rep.id, publishedAt: rep.publishedAt, now, id: storyId });
  }

  /** Re-picks the representative after a membership change; drops a story nobody belongs to. */
  refresh(storyId: number, now: string, rules: StoryRules): void {
    const rows = this.stmts.memberRefs.all(storyId);
    const rep = rules.representative(
      rows.map((r) => ({ id: r.id, sourceId: r.source_id, publishedAt: r.published_at })),
    );
    if (!rep) this.stmts.deleteStory.run(storyId);
    else if (!this.stmts.setRepresentative.run({ rep: rep.id, publishedAt: rep.publishedAt, now, id: storyId }).changes)
      this.stmts.touchStory.run(now, storyId);
  }

  /**
   * Stories newest first (by their representative's date), strictly below `before` in (published_at, id) order,
   * each with its member count and representative's title and source: keyset paging on stories_published. With
   * `minMembers`, stories with fewer members are passed over, reading at most RECENT_SCAN stories per call: a page
   * may then come back short, with `next` where the reading stopped.
   */
  recent(opts: RecentStoriesQuery): RecentStoriesPage {
    const statement = this.db.prepare<[string, number, number], RecentStoryRow>(
      `SELECT s.*, (SELECT count(*) FROM entries m WHERE m.story_id = s.id) AS members, r.title, r.source_id
         FROM stories s LEFT JOIN entries r ON r.id = s.representative_entry_id
        WHERE (s.published_at, s.id) < (?, ?) ORDER BY s.published_at DESC, s.id DESC LIMIT ?`,
    );
    const walk = recentStoriesWalk(opts);
    for (let step = walk.next(); ;) {
      if (step.done) return step.value;
      step = walk.next(statement.all(step.value.after.publishedAt, step.value.after.id, step.value.size));
    }
  }
}

/** Stories `recent` reads at most per call when it passes over small ones (PostgreSQL's too). */
export const RECENT_SCAN = 5000;

export function toCandidate(r: CandidateSqlRow): StoryCandidateRow {
  return { ...toKeyedCandidate(r), title: r.title, summary: r.summary, urlKey: r.canonical_url ?? undefined };
}

function toKeyedCandidate(r: KeyedCandidateSqlRow): KeyedCandidateRow {
  return {
    id: r.id,
    sourceId: r.source_id,
    language: r.language ?? undefined,
    publishedAt: r.published_at,
    contentHash: r.content_hash,
    storyId: r.story_id,
  };
}

export function toMember(
  r: MemberSqlRow,
  representativeId: number | null | undefined,
  founded?: { uid: string; viaEntryId?: number },
): StoryMember {
  return {
    founded,
    entryId: r.id,
    sourceId: r.source_id,
    title: r.title,
    url: r.url ?? undefined,
    publishedAt: r.published_at,
    method: (r.story_method as StoryMethod | null) ?? 'founder',
    score: r.story_score ?? undefined,
    matchEntryId: r.story_match_entry_id ?? undefined,
    representative: r.id === representativeId,
  };
}

export function toStory(r: StorySqlRow): StoryInfo {
  return {
    id: r.id,
    uid: r.uid,
    representativeEntryId: r.representative_entry_id ?? undefined,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

type StoryCursor = { publishedAt: string; id: number };

export interface RecentStoriesQuery {
  limit: number;
  before?: StoryCursor;
  minMembers?: number;
}

/** A story of the recent list: its member count and its representative's title and source. */
export type RecentStory = StoryInfo & { members: number; title?: string; sourceId?: string };

export interface RecentStoriesPage {
  stories: RecentStory[];
  next?: StoryCursor;
}

/** A stories row with its member count and representative's title and source, as the recent list reads it. */
export type RecentStoryRow = StorySqlRow & { members: number; title: string | null; source_id: string | null };

/**
 * StoryRepo.recent's walk, written once for both stores: yields each read it needs (up to `size` stories strictly
 * below `after`, newest first), is given back the rows, and returns the page.
 */
export function* recentStoriesWalk(
  opts: RecentStoriesQuery,
): Generator<{ after: StoryCursor; size: number }, RecentStoriesPage, RecentStoryRow[]> {
  const limit = Math.max(1, Math.floor(opts.limit));
  const min = Math.max(1, Math.floor(opts.minMembers ?? 1));
  const found: RecentStoryRow[] = [];
  let after = opts.before ?? { publishedAt: '\uffff', id: Number.MAX_SAFE_INTEGER };
  let scanned = 0;
  let more = false;
  for (;;) {
    const size = min === 1 ? limit + 1 : Math.min(RECENT_SCAN - scanned, 4 * (limit + 1));
    const rows = yield { after, size };
    for (const r of rows) if (r.members >= min && found.length <= limit) found.push(r);
    const last = rows[rows.length - 1];
    scanned += rows.length;
    if (found.length > limit || !last || rows.length < size) break;
    after = { publishedAt: last.published_at, id: last.id };
    if (scanned >= RECENT_SCAN) {
      more = true;
      break;
    }
  }
  const shown = found.slice(0, limit);
  const lastShown = shown[shown.length - 1];
  let next: StoryCursor | undefined;
  if (found.length > limit && lastShown) next = { publishedAt: lastShown.published_at, id: lastShown.id };
  else if (more) next = after;
  return {
    stories: shown.map((r) => ({
      ...toStory(r),
      members: r.members,
      title: r.title ?? undefined,
      sourceId: r.source_id ?? undefined,
    })),
    next,
  };
}
