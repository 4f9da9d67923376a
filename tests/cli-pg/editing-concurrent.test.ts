// The editing commands' PostgreSQL writes while a worker writes the same rows (issue #15), on a real server: retag's
// batch write and an editor's story merge, each meeting a worker's write that commits between their read and their
// write, or that holds its rows uncommitted when they start (the edit waits for it, then takes its commit into
// account). The worker's side is the store's own write code on a second connection.
import path from 'node:path';
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyRules } from '../../src/dedup/index.ts';
import type { StoredEntry } from '../../src/store/index.ts';
import { openPgStore, type PgStore } from '../../src/store/pg/index.ts';
import { PgEntryRepo } from '../../src/store/pg/entries.ts';
import { PgStoryRepo } from '../../src/store/pg/stories.ts';
import { PgTagRepo } from '../../src/store/pg/tags.ts';
import { createTagger, loadTaxonomy, tagEntry } from '../../src/tag/index.ts';
import type { Entry } from '../../src/types.ts';
import { REPO_ROOT } from '../helpers/env.ts';
import { until } from '../helpers/polling.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const tagger = createTagger(loadTaxonomy(path.join(REPO_ROOT, 'config')));
const NOW = '2024-05-01T00:00:00.000Z';

const entry = (key: string, title: string): Entry => ({
  sourceId: 'a',
  key,
  title,
  summary: '',
  contentHtml: '',
  authors: [],
  categories: [],
  enclosures: [],
  publishedAt: '2024-04-30T10:00:00.000Z',
  dateFlags: [],
});

const countries = async (pg: PgStore, id: number) =>
  (await pg.reads.tags(id)).filter((t) => t.kind === 'country').map((t) => t.value);

/** A worker's write of an edited entry on `q`: the entry, then its tags, as the fenced write stores them. */
async function workerEdit(q: PgStore['db'] | PoolClient, edited: Entry): Promise<StoredEntry> {
  const { updated } = await new PgEntryRepo(q).upsert([edited], NOW);
  const stored = updated[0]!;
  await new PgTagRepo(q).replaceMany([
    { entryId: stored.id, publishedAt: stored.publishedAt, tags: tagEntry(tagger, stored) },
  ]);
  return stored;
}

/** Whether some statement on this database waits for a lock another connection holds. */
async function someoneWaits(pg: PgStore): Promise<boolean> {
  const { rows } = await pg.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return (rows[0]?.n ?? 0) > 0;
}

describe.skipIf(postgresMissing)(`editing while a worker writes${needsPostgres}`, () => {
  let server: TestPostgres;
  let databases = 0;

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  /** A fresh database with source `a` and these entries, untagged; their ids in the order given. */
  async function seeded(...entries: Entry[]): Promise<{ pg: PgStore; ids: number[] }> {
    const pg = await openPgStore(await server.createDatabase(`conc${++databases}`));
    await pg.db.query(`INSERT INTO sources (id, url, created_at) VALUES ('a', 'https://example.org/a.xml', $1)`, [NOW]);
    const { inserted } = await pg.entries.upsert(entries, NOW);
    const byKey = new Map(inserted.map((e) => [e.key, e.id]));
    return { pg, ids: entries.map((e) => byKey.get(e.key)!) };
  }

  it('retag: an entry edited after its batch was read is tagged from the new text; one deleted gets no tags', async () => {
    const { pg, ids } = await seeded(
      entry('k1', 'Dock workers strike in Lima, Peru over pay'),
      entry('k2', 'Floods hit Dhaka as monsoon rains intensify'),
      entry('k3', 'Teachers strike in Santiago, Chile'),
    );
    try {
      const [e1, e2, e3] = ids as [number, number, number];
      const batch = await pg.entriesAfter(0, undefined, 10);
      expect(batch.map((e) => e.id)).toEqual([...ids].sort((a, b) => a - b));
      const tags = batch.map((e) => tagEntry(tagger, e));
      // Meanwhile a worker stores an edit of the third (with its tags) and the second goes (retention).
      await workerEdit(pg.db, entry('k3', 'Teachers strike in Buenos Aires, Argentina'));
      await pg.db.query('DELETE FROM entries WHERE id = $1', [e2]);
      const again: string[][] = [];
      const w = await pg.retagBatch(batch, tags, async (entries) => {
        again.push(entries.map((e) => e.title));
        return entries.map((e) => tagEntry(tagger, e));
      });
      // The edited entry is tagged again from what is stored; that gives what the worker wrote: nothing to write.
      expect(again).toEqual([['Teachers strike in Buenos Aires, Argentina']]);
      expect(w).toEqual({ written: 1, reread: 1 });
      expect(await countries(pg, e3)).toEqual(['AR']);
      expect(await countries(pg, e1)).toEqual(['PE']);
      expect((await pg.db.query('SELECT 1 FROM entry_tag_sets WHERE entry_id = $1', [e2])).rows).toEqual([]);
    } finally {
      await pg.close();
    }
  });

  it('retag: a worker holding an entry uncommitted makes the batch wait, then its edit is what gets tagged', async () => {
    const { pg, ids } = await seeded(
      entry('k1', 'Dock workers strike in Lima, Peru over pay'),
      entry('k3', 'Teachers strike in Santiago, Chile'),
    );
    const worker = await pg.pool.connect();
    try {
      const e3 = ids[1]!;
      await worker.query('BEGIN');
      await workerEdit(worker, entry('k3', 'Teachers strike in Quito, Ecuador'));
      const batch = await pg.entriesAfter(0, undefined, 10);
      // The batch read the committed text, Santiago's.
      expect(batch.find((e) => e.id === e3)?.title).toBe('Teachers strike in Santiago, Chile');
      const write = pg.retagBatch(
        batch,
        batch.map((e) => tagEntry(tagger, e)),
        async (entries) => entries.map((e) => tagEntry(tagger, e)),
      );
      await until(() => someoneWaits(pg), 'the retag write to wait for the worker');
      await worker.query('COMMIT');
      const w = await write;
      expect(w.reread).toBe(1);
      expect(await countries(pg, e3)).toEqual(['EC']);
    } finally {
      worker.release();
      await pg.close();
    }
  });

  it('stories merge waits for a worker putting an entry in a story it merges, then takes that entry along', async () => {
    const { pg, ids } = await seeded(
      entry('k1', 'Dock workers strike in Lima, Peru over pay'),
      entry('k2', 'Floods hit Dhaka as monsoon rains intensify'),
      entry('k3', 'Flooding in Dhaka after monsoon rains'),
    );
    const worker = await pg.pool.connect();
    try {
      const [e1, e2, e3] = ids as [number, number, number];
      const stored = await pg.entriesAfter(0, undefined, 10);
      const founded = await new PgStoryRepo(pg.db).foundMany(stored, NOW);
      const [s1, s2] = [founded.get(e1)!, founded.get(e2)!];
      expect(s1).toBeLessThan(s2);
      // A worker's detection joins e3 to e2's story, not committed yet.
      await worker.query('BEGIN');
      const detection = new PgStoryRepo(worker);
      await detection.join(e3, s2, { method: 'similarity', matchEntryId: e2, score: 0.9 });
      // The story it leaves, now empty, goes (as the assigner refreshes it).
      await detection.refresh(founded.get(e3)!, NOW, storyRules());
      const audit = () => ({ at: NOW, actor: 'test', origin: 'cli' as const, action: 'stories.merge', target: 'x' });
      const merge = pg.mergeStories(e1, e2, NOW, storyRules(), audit);
      await until(() => someoneWaits(pg), 'the merge to wait for the worker');
      await worker.query('COMMIT');
      expect(await merge).toMatchObject({ storyId: s1 });
      // The story made first survives, with every member of the other, the one that joined meanwhile too.
      const members = await pg.db.query<{ id: number; story_id: number; story_method: string }>(
        'SELECT id, story_id, story_method FROM entries ORDER BY id',
      );
      expect(members.rows.map((r) => [r.id, r.story_id, r.story_method])).toEqual([
        [e1, s1, 'editor'],
        [e2, s1, 'editor'],
        [e3, s1, 'editor'],
      ]);
      expect((await pg.db.query('SELECT id FROM stories')).rows).toEqual([{ id: s1 }]);
    } finally {
      worker.release();
      await pg.close();
    }
  });
});
