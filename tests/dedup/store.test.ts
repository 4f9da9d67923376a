// Story detection through the store: the decisions (URL, similarity, folds, representatives, editors' splits and
// merges kept through later ingests) on SQLite, as the worker runs them, and the same tests on a real PostgreSQL,
// through the fenced write of a source with the PostgreSQL story assigner (as the fleet runs them). What only SQLite
// has (its in-process bucket index, another connection's split seen by a cached detector, a rolled-back
// transaction) is tested on SQLite alone; tests/store-pg/stories.test.ts has PostgreSQL's own (racing workers, a
// killed writer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  storyRules,
  assignKeys,
  assignStory,
  createPgStoryAssigner,
  encodeSketchKey,
  explainStory,
  jaccard,
  RecentBuckets,
  sketch,
  storySettings,
  type StorySettings,
} from '../../src/dedup/index.ts';
import { openStore, type Store, type StoredEntry } from '../../src/store/index.ts';
import type { PgStore } from '../../src/store/pg/index.ts';
import { PgStoryRepo } from '../../src/store/pg/stories.ts';
import type { StoryExplanation } from '../../src/store/stories.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const LEAD =
  'Forest fires raging in central and southern Chile have killed at least 23 people and burned more than 270,000 hectares, authorities said on Sunday, as President Gabriel Boric extended a state of catastrophe to the Araucanía region.';

const SOURCES = ['wire', 'paper', 'aggregator', 'other'];
let dir: string;
let store: Store;
let settings: StorySettings;

function entry(sourceId: string, over: Partial<Entry>): Entry {
  const e: Entry = {
    sourceId,
    key: '',
    title: 'Chile forest fires kill 23 as state of catastrophe expanded',
    summary: LEAD,
    contentHtml: '',
    authors: [],
    categories: [],
    enclosures: [],
    language: 'en',
    publishedAt: '2023-02-05T12:00:00.000Z',
    dateFlags: [],
    ...over,
  };
  return assignKeys([e], { guidReuse: false }).entries[0]!;
}

/** What the worker does for one source's batch. */
function ingest(e: Entry, now = '2023-02-05T13:00:00.000Z'): StoredEntry | undefined {
  return store.transaction(() => {
    const r = store.entries.upsert([e], now);
    for (const x of [...r.inserted, ...r.updated]) assignStory(store, x, settings, now);
    return r.inserted[0] ?? r.updated[0];
  });
}

const storyOf = (id: number) => store.stories.membership(id).storyId!;

const CONFIGS: SourceConfig[] = SOURCES.map((id) => ({
  id,
  url: `https://${id}.test/feed`,
  enabled: true,
  topics: [],
  trusted: true,
}));

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wireroom-stories-'));
  store = openStore(path.join(dir, 'wireroom.sqlite'));
  store.sources.sync(CONFIGS, '2023-01-01T00:00:00.000Z');
  settings = storySettings(CONFIGS);
});

/** What a test reads and does on the store under test (on SQLite: the calls the SQLite-only tests make). */
interface StoriesOn {
  /** One source's batch of one entry, stored with its story decided, as a worker does it; at `now`. */
  ingest(e: Entry, now?: string): Promise<StoredEntry | undefined>;
  storyOf(entryId: number): Promise<number>;
  story(storyId: number): Promise<{ uid: string; representativeEntryId?: number }>;
  members(storyId: number): Promise<{ method: string }[]>;
  /** `stories show`'s lines. */
  explain(entryId: number): Promise<string[]>;
  /** An editor's split (returns the entry's new story) and merge (returns the story kept). */
  split(entryId: number, at: string): Promise<number>;
  merge(entryA: number, entryB: number, at: string): Promise<number>;
  storyCount(): Promise<number>;
  splitApart(storyIds: number[]): Promise<[number, number][]>;
  /** Starts again on an empty database with the same sources. */
  fresh(): Promise<void>;
}

const explainOf = (x: StoryExplanation | undefined, entryId: number) =>
  explainStory({ stories: { explain: () => x } }, entryId);

/** SQLite: the module's store, as the SQLite-only tests use it. */
function onSqlite(): StoriesOn {
  return {
    ingest: (e, now) => Promise.resolve(ingest(e, now)),
    storyOf: (id) => Promise.resolve(storyOf(id)),
    story: (id) => Promise.resolve(store.stories.story(id)!),
    members: (id) => Promise.resolve(store.stories.members(id)),
    explain: (id) => Promise.resolve(explainStory(store, id)),
    split: (id, at) => Promise.resolve(store.stories.split(id, at, storyRules(settings.priorities))),
    merge: (a, b, at) => Promise.resolve(store.stories.merge(a, b, at, storyRules(settings.priorities))),
    storyCount: () => Promise.resolve((store.db.prepare('SELECT count(*) AS n FROM stories').get() as { n: number }).n),
    splitApart: (ids) => Promise.resolve(store.stories.splitApart(ids)),
    async fresh() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(path.join(tmpdir(), 'wireroom-stories-'));
      store = openStore(path.join(dir, 'wireroom.sqlite'));
      store.sources.sync(CONFIGS, '2023-01-01T00:00:00.000Z');
    },
  };
}

let server: TestPostgres | undefined;
let databases = 0;
const opened: PgStore[] = [];
afterAll(async () => {
  for (const pg of opened.splice(0)) await pg.close();
  server?.stop();
});

/** PostgreSQL: a fresh database on the file's one server; each ingest is a claimed source's fenced write. */
async function onPostgres(): Promise<StoriesOn> {
  const { openPgStore } = await import('../../src/store/pg/index.ts');
  let pg!: PgStore;
  const fresh = async () => {
    server ??= await startPostgres();
    pg = await openPgStore(await server.createDatabase(`stories${++databases}`), { max: 2 });
    opened.push(pg);
    await pg.sources.sync(CONFIGS, '2023-01-01T00:00:00.000Z');
  };
  await fresh();
  const rows = async <T>(sql: string, params: unknown[]) => (await pg.db.query(sql, params)).rows as T[];
  const storyOfPg = async (id: number) =>
    (await rows<{ story_id: number }>('SELECT story_id FROM entries WHERE id = $1', [id]))[0]!.story_id;
  const rules = () => storyRules(settings.priorities);
  const audit = (at: string) => () => ({ at, actor: 'test', origin: 'cli' as const, action: 'stories.edit' });
  return {
    async ingest(e, now = '2023-02-05T13:00:00.000Z') {
      const owner = 'test-worker';
      const claimed = await pg.claimNamed(owner, now, [e.sourceId], 1, 60, 100);
      if (claimed.length !== 1) throw new Error(`${e.sourceId}: not claimed`);
      const assigner = createPgStoryAssigner(settings);
      const written = await pg.storeFetch(owner, now, {
        sourceId: e.sourceId,
        entries: [e],
        record: { status: 'ok', fetchedAt: now, nextFetchAt: now },
        log: { startedAt: now, durationMs: 1, status: 'ok', bytes: 0 },
        stories: async (tables, w) => (await assigner.assign(tables, [...w.inserted, ...w.updated], now)).storiesMade,
      });
      if (!written.stored) throw new Error(`${e.sourceId}: lease lost`);
      return written.result.inserted[0] ?? written.result.updated[0];
    },
    storyOf: storyOfPg,
    async story(id) {
      const r = await rows<{ uid: string; representative_entry_id: number | null }>(
        'SELECT uid, representative_entry_id FROM stories WHERE id = $1',
        [id],
      );
      return { uid: r[0]!.uid, representativeEntryId: r[0]!.representative_entry_id ?? undefined };
    },
    members: (id) =>
      rows<{ method: string }>('SELECT story_method AS method FROM entries WHERE story_id = $1 ORDER BY id', [id]),
    explain: async (id) => explainOf(await pg.reads.story(id), id),
    async split(id, at) {
      const done = await pg.splitStory(id, at, rules(), audit(at));
      if ('missing' in done) throw new Error(`split: entry ${done.missing} has no story`);
      return done.storyId;
    },
    async merge(a, b, at) {
      const done = await pg.mergeStories(a, b, at, rules(), audit(at));
      if ('missing' in done) throw new Error(`merge: entry ${done.missing} has no story`);
      return done.storyId;
    },
    storyCount: async () => (await rows<{ n: number }>('SELECT count(*) AS n FROM stories', []))[0]!.n,
    splitApart: (ids) => new PgStoryRepo(pg.db).splitApart(ids),
    fresh,
  };
}

const ARMS = [
  { kind: 'sqlite', skip: '', missing: false, open: () => Promise.resolve(onSqlite()) },
  { kind: 'postgres', skip: needsPostgres, missing: !!postgresMissing, open: onPostgres },
];

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

// Three copies of one wire story: the early copy and the updated one share too little to match, the copy that
// carries the new headline over the old lead matches both. Arriving last, it must join their two stories.
const EARLY =
  'Forest fires raging in central and southern Chile have killed at least 23 people and burned more than ' +
  '270,000 hectares, authorities said on Sunday.';
const LATE =
  'Forest fires in central and southern Chile have now killed at least 46 people, the interior ministry said on ' +
  'Monday, as President Gabriel Boric declared two days of national mourning and asked residents to leave ' +
  'threatened towns.';
const chain = () => ({
  early: entry('wire', {
    title: 'Chile forest fires kill 23, burn 270,000 hectares',
    summary: EARLY,
    url: 'https://wire.test/early',
    guid: 'early',
  }),
  bridge: entry('aggregator', {
    title: 'Chile fires death toll rises to 46, Boric declares mourning',
    summary: EARLY,
    url: 'https://aggregator.test/bridge',
    guid: 'bridge',
    publishedAt: '2023-02-06T09:00:00.000Z',
  }),
  late: entry('paper', {
    title: 'Chile fires death toll rises to 46, Boric declares mourning',
    summary: LATE,
    url: 'https://paper.test/late',
    guid: 'late',
    publishedAt: '2023-02-06T10:00:00.000Z',
  }),
});

for (const arm of ARMS)
  describe.skipIf(arm.missing)(`stories in the store on ${arm.kind}${arm.skip}`, () => {
    let on: StoriesOn;
    beforeEach(async () => {
      on = await arm.open();
    }, 60_000);

    it('joins entries from three sources into one story whose uid does not change', async () => {
      const a = (await on.ingest(entry('wire', { url: 'https://wire.test/chile/fires-23-dead', guid: 'wire-1' })))!;
      const story = await on.storyOf(a.id);
      const uid = (await on.story(story)).uid;

      const b = (await on.ingest(
        entry('aggregator', {
          url: 'https://www.wire.test/chile/fires-23-dead/?utm_source=rss',
          summary: '',
          publishedAt: '2023-02-05T12:40:00.000Z',
        }),
      ))!;
      const c = (await on.ingest(
        entry('paper', {
          title: 'Chile wildfires: 23 dead, Boric widens state of catastrophe',
          summary: LEAD.split(', as')[0] + '.',
          url: 'https://paper.test/world/chile-wildfires',
          publishedAt: '2023-02-05T11:30:00.000Z',
        }),
      ))!;

      expect(await on.storyOf(b.id)).toBe(story);
      expect(await on.storyOf(c.id)).toBe(story);
      expect((await on.story(story)).uid).toBe(uid);
      const members = await on.members(story);
      expect(members.map((m) => m.method).sort()).toEqual(['founder', 'similarity', 'url']);
      // Earliest published is the representative by default.
      expect((await on.story(story)).representativeEntryId).toBe(c.id);
      expect((await on.explain(b.id))[1]).toBe(`entry ${b.id}: same URL as entry ${a.id}`);
      expect((await on.explain(c.id))[1]).toMatch(/near duplicate of entry \d+ \(similarity 0\.\d\d\)/);
    });

    it('lets source priority pick the representative', async () => {
      settings = { ...settings, priorities: { wire: 5 } };
      const a = (await on.ingest(
        entry('wire', { url: 'https://wire.test/a', publishedAt: '2023-02-05T12:30:00.000Z' }),
      ))!;
      await on.ingest(entry('paper', { url: 'https://paper.test/a', publishedAt: '2023-02-05T12:00:00.000Z' }));
      expect((await on.story(await on.storyOf(a.id))).representativeEntryId).toBe(a.id);
    });

    it('keeps different events apart and does not touch unrelated buckets', async () => {
      const a = (await on.ingest(entry('wire', { url: 'https://wire.test/a' })))!;
      const b = (await on.ingest(
        entry('paper', {
          title: 'Chile fires: Boric announces reconstruction plan as blazes ease',
          summary:
            'President Gabriel Boric on Thursday announced a reconstruction plan for the towns of Ñuble and Biobío destroyed by forest fires, as cooler weather helped firefighters contain the blazes.',
          url: 'https://paper.test/b',
          publishedAt: '2023-02-06T18:00:00.000Z',
        }),
      ))!;
      expect(await on.storyOf(a.id)).not.toBe(await on.storyOf(b.id));
    });

    it('keeps an editor split and merge through later ingests', async () => {
      const a = (await on.ingest(entry('wire', { url: 'https://wire.test/a', guid: 'a' })))!;
      const b = (await on.ingest(
        entry('paper', { url: 'https://paper.test/b', guid: 'b', publishedAt: '2023-02-05T13:00:00.000Z' }),
      ))!;
      expect(await on.storyOf(b.id)).toBe(await on.storyOf(a.id));
      const original = await on.storyOf(a.id);
      const uid = (await on.story(original)).uid;

      const own = await on.split(b.id, '2023-02-06T00:00:00.000Z');
      expect(own).not.toBe(original);
      expect((await on.story(original)).uid).toBe(uid);

      // Re-ingest: the paper edits its text and link; the entry stays where the editor put it.
      await on.ingest(
        entry('paper', {
          url: 'https://paper.test/b-updated',
          guid: 'b',
          summary: LEAD + ' Updated.',
          publishedAt: '2023-02-05T13:00:00.000Z',
        }),
        '2023-02-06T01:00:00.000Z',
      );
      expect(await on.storyOf(b.id)).toBe(own);
      expect((await on.explain(b.id)).join('\n')).toMatch(/editor split/);

      // Another copy arriving later still joins the original story, not the split-off one's by accident of order.
      const c = (await on.ingest(
        entry('other', { url: 'https://other.test/c', publishedAt: '2023-02-05T14:00:00.000Z' }),
        '2023-02-06T02:00:00.000Z',
      ))!;
      expect([original, own]).toContain(await on.storyOf(c.id));

      // Merge two unrelated stories; a re-ingest of either does not undo it.
      const d = (await on.ingest(
        entry('other', {
          title: 'Chile: firefighters from Spain and Mexico arrive',
          summary:
            'Teams of firefighters from Spain, Mexico and Argentina arrived in Santiago on Monday to help fight more than 200 active blazes.',
          url: 'https://other.test/d',
          guid: 'd',
          publishedAt: '2023-02-06T12:00:00.000Z',
        }),
      ))!;
      expect(await on.storyOf(d.id)).not.toBe(original);
      const merged = await on.merge(a.id, d.id, '2023-02-07T00:00:00.000Z');
      expect(merged).toBe(original);
      expect(await on.storyOf(d.id)).toBe(original);
      await on.ingest(
        entry('other', {
          title: 'Chile: firefighters from Spain and Mexico arrive (updated)',
          summary: 'Changed.',
          url: 'https://other.test/d2',
          guid: 'd',
          publishedAt: '2023-02-06T12:00:00.000Z',
        }),
        '2023-02-07T01:00:00.000Z',
      );
      expect(await on.storyOf(d.id)).toBe(original);
      expect((await on.story(original)).uid).toBe(uid);
    });

    it('merges two stories when a late entry matches both, keeping the older story and saying why', async () => {
      const c = chain();
      const early = (await on.ingest(c.early))!;
      const late = (await on.ingest(c.late))!;
      expect(await on.storyOf(late.id)).not.toBe(await on.storyOf(early.id)); // too little in common on their own
      const kept = await on.storyOf(early.id);
      const uid = (await on.story(kept)).uid;
      const goneUid = (await on.story(await on.storyOf(late.id))).uid;
      const bridge = (await on.ingest(c.bridge))!;
      expect(await on.storyOf(bridge.id)).toBe(kept);
      expect(await on.storyOf(late.id)).toBe(kept);
      expect((await on.story(kept)).uid).toBe(uid);
      expect(await on.storyCount()).toBe(1);
      const text = (await on.explain(late.id)).join('\n');
      const via = `when entry ${bridge.id} matched both`;
      expect(text).toContain(`entry ${late.id}: founded story ${goneUid}, merged into this one ${via}`);
      expect(text).toContain(`story ${goneUid} merged into this one ${via}`);
      expect((await on.explain(early.id))[1]).toBe(`entry ${early.id}: founded the story`);
    });

    it('gives the same stories whatever order the three copies arrive in', async () => {
      const orders = [
        ['early', 'late', 'bridge'],
        ['bridge', 'early', 'late'],
        ['late', 'bridge', 'early'],
      ] as const;
      for (const order of orders) {
        await on.fresh();
        const c = chain();
        const ids: number[] = [];
        for (const k of order) ids.push((await on.ingest(c[k]))!.id);
        const stories = new Set(await Promise.all(ids.map((id) => on.storyOf(id))));
        expect(stories.size, order.join(',')).toBe(1);
      }
    });

    it('does not merge stories an editor split apart, even through an entry matching both', async () => {
      const c = chain();
      const early = (await on.ingest(c.early))!;
      const bridge = (await on.ingest(c.bridge))!;
      expect(await on.storyOf(bridge.id)).toBe(await on.storyOf(early.id));
      const original = await on.storyOf(early.id);
      const own = await on.split(bridge.id, '2023-02-07T00:00:00.000Z');
      // Another copy of the bridge matches it (now alone) and the early one: joining both would undo the split.
      const copy = (await on.ingest({
        ...c.bridge,
        sourceId: 'other',
        url: 'https://other.test/copy',
        guid: 'copy',
        key: 'copy',
      }))!;
      expect(await on.storyOf(bridge.id)).toBe(own);
      expect(await on.storyOf(early.id)).toBe(original);
      expect([own, original]).toContain(await on.storyOf(copy.id));
      expect(await on.splitApart([own, original])).toEqual([[own, original]]);
    });
  });

describe('stories in the store, on SQLite only: its bucket index, a cached detector', () => {
  it('a split no longer blocks a story that reuses the id of the story it kept the entry out of', () => {
    const a = ingest(entry('wire', { url: 'https://wire.test/a', guid: 'a' }))!;
    const b = ingest(
      entry('paper', { url: 'https://paper.test/b', guid: 'b', publishedAt: '2023-02-05T13:00:00.000Z' }),
    )!;
    const original = storyOf(a.id);
    store.stories.split(b.id, '2023-02-06T00:00:00.000Z', storyRules(settings.priorities));
    expect(store.stories.blockedStories(b.id)).toEqual(new Set([original]));
    // The story goes (its last member removed); stories has no AUTOINCREMENT, so the id can come back.
    store.db.prepare('DELETE FROM stories WHERE id = ?').run(original);
    expect(store.stories.blockedStories(b.id)).toEqual(new Set());
    expect(store.stories.explain(b.id)?.decisions.map((d) => d.action)).toEqual(['split']);
  });

  it('sees a split another connection made after this one found none (the worker and the console apart)', () => {
    const c = chain();
    const early = ingest(c.early)!;
    const bridge = ingest(c.bridge)!; // detection here looked for splits and found none
    const original = storyOf(early.id);
    const editor = openStore(path.join(dir, 'wireroom.sqlite'));
    const own = editor.stories.split(bridge.id, '2023-02-07T00:00:00.000Z', storyRules(settings.priorities));
    editor.close();
    // A copy matching both: folding them would undo the editor's split.
    const copy = ingest({ ...c.bridge, sourceId: 'other', url: 'https://other.test/copy', guid: 'copy', key: 'copy' })!;
    expect(storyOf(bridge.id)).toBe(own);
    expect(storyOf(early.id)).toBe(original);
    expect([own, original]).toContain(storyOf(copy.id));
  });

  it('joins by a link another connection stored after this one last looked (its filter of stored links is stale)', () => {
    ingest(entry('wire', { url: 'https://wire.test/a', guid: 'a' })); // this connection's filter of links is built
    const worker = openStore(path.join(dir, 'wireroom.sqlite'));
    const now = '2023-02-05T13:00:00.000Z';
    const theirs = worker.transaction(() => {
      const r = worker.entries.upsert([entry('paper', { url: 'https://paper.test/b', guid: 'b' })], now);
      for (const e of r.inserted) assignStory(worker, e, settings, now);
      return r.inserted[0]!;
    });
    worker.close();
    // Other text, the same link (with a tracking parameter): only the link can join it.
    const zebras = 'Several zebras escaped from the Lima zoo on Monday morning before keepers recaptured them.';
    const mine = ingest(
      entry('other', { url: 'https://paper.test/b?utm_source=x', guid: 'c', title: 'Zebras escape', summary: zebras }),
    )!;
    expect(storyOf(mine.id)).toBe(storyOf(theirs.id));
    expect(store.stories.explain(mine.id)?.self.method).toBe('url');
  });

  it('unfiles a deleted entry from the index', () => {
    const a = ingest(entry('wire', { url: 'https://wire.test/a' }))!;
    const keyBands = JSON.parse(
      (store.db.prepare('SELECT bands FROM story_keys WHERE entry_id = ?').get(a.id) as { bands: string }).bands,
    ) as number[];
    expect(keyBands).toHaveLength(settings.sketch.bands);
    // A fresh bucket index (another process) finds it through its own buckets before the delete, not after.
    const at = Math.floor(Date.parse(a.publishedAt) / 1000);
    const near = () => [
      ...new RecentBuckets(store.stories).near(keyBands, at - 3600, at + 3600, { entryId: -1 }).keys(),
    ];
    expect(near()).toContain(a.id);
    expect(store.stories.candidates([a.id]).map((c) => c.id)).toEqual([a.id]);
    store.entries.remove(a.id, 'editor', '2023-02-08T00:00:00.000Z');
    expect(near()).not.toContain(a.id);
    expect(store.stories.candidates([a.id])).toEqual([]);
    expect(store.db.prepare('SELECT count(*) AS n FROM story_keys').get()).toEqual({ n: 0 });
  });

  it('ranks a joining entry against the representative, and all members again once the representative is gone', () => {
    const rep = () => store.stories.story(storyOf(a.id))!.representativeEntryId;
    const a = ingest(entry('wire', { url: 'https://wire.test/a', publishedAt: '2023-02-05T12:00:00.000Z' }))!;
    const b = ingest(entry('paper', { url: 'https://paper.test/a', publishedAt: '2023-02-05T12:30:00.000Z' }))!;
    expect(storyOf(b.id)).toBe(storyOf(a.id));
    expect(rep()).toBe(a.id);
    // Published before the representative: it takes the slot.
    const c = ingest(
      entry('aggregator', { url: 'https://aggregator.test/a', publishedAt: '2023-02-05T11:00:00.000Z' }),
    )!;
    expect(storyOf(c.id)).toBe(storyOf(a.id));
    expect(rep()).toBe(c.id);
    // The representative deleted (the story keeps no representative): the next join re-picks from every member,
    // so the earliest left (a) is shown, not the newcomer.
    store.entries.remove(c.id, 'editor', '2023-02-05T13:00:00.000Z');
    expect(rep()).toBeUndefined();
    const d = ingest(entry('other', { url: 'https://other.test/a', publishedAt: '2023-02-05T12:45:00.000Z' }))!;
    expect(storyOf(d.id)).toBe(storyOf(a.id));
    expect(rep()).toBe(a.id);
  });

  it("loads keys by the entries' own publication time, to the second, in the order of their stored times", () => {
    // story_keys keeps no time index (migration 019): a key's time (epoch seconds) and its entry's ISO date agree.
    const indexes = store.db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'story_keys'`)
      .pluck()
      .all();
    expect(indexes).toEqual(['story_keys_url']);
    const dates = [
      '2023-02-05T11:59:59.999Z',
      '2023-02-05T12:00:00.999Z',
      '2023-02-05T12:00:00.000Z',
      '2023-02-05T12:59:59.999Z',
      '2023-02-05T13:00:00.000Z',
    ];
    const ids = dates.map(
      (publishedAt, i) => ingest(entry(SOURCES[i % SOURCES.length]!, { guid: `t${i}`, publishedAt }))!.id,
    );
    const from = Date.parse('2023-02-05T12:00:00.000Z') / 1000;
    const keys = store.stories.keysBetween(from, from + 3600);
    // Both entries of 12:00:00 (by id, not by milliseconds) and the one of 12:59:59; neither end beyond.
    expect(keys.map((k) => k.entryId)).toEqual([ids[1], ids[2], ids[3]]);
    expect(keys.map((k) => k.at)).toEqual([from, from, from + 3599]);
    expect(store.stories.keysBetween(from + 3600, Number.MAX_SAFE_INTEGER).map((k) => k.entryId)).toEqual([ids[4]]);
    expect(store.stories.keysBetween(-Number.MAX_SAFE_INTEGER, from).map((k) => k.entryId)).toEqual([ids[0]]);
  });
});

describe('stored sketch keys, on SQLite only: a candidate is compared without reading its text', () => {
  const keyOf = (id: number) =>
    (store.db.prepare('SELECT sketch FROM story_keys WHERE entry_id = ?').get(id) as { sketch: string | null }).sketch;
  const setKey = (id: number, key: string | null) =>
    store.db.prepare('UPDATE story_keys SET sketch = ? WHERE entry_id = ?').run(key, id);
  const copyOfA = () =>
    ingest(entry('paper', { url: 'https://paper.test/copy', guid: 'copy', publishedAt: '2023-02-05T13:00:00.000Z' }))!;
  /** A restart: a detector with nothing kept in memory reads candidates' sketches from the store. */
  const restart = () => {
    store.close();
    store = openStore(path.join(dir, 'wireroom.sqlite'));
  };
  /** The key of text about something else, made as index() makes one, claiming `hash`. */
  const otherTextKey = (hash: string) =>
    encodeSketchKey(
      hash,
      settings.sketch.leadWords,
      sketch({ title: 'Zebras escape the Lima zoo', summary: 'Keepers recaptured them by noon.', contentHtml: '' }),
    );

  it('stores the key of the text it sketched, and compares a candidate by it', () => {
    const a = ingest(entry('wire', { url: 'https://wire.test/a', guid: 'a' }))!;
    expect(keyOf(a.id)?.startsWith(`${a.contentHash} ${settings.sketch.leadWords} `)).toBe(true);
    // After a restart the stored key is what is compared: a key standing for other text keeps a copy of A out.
    setKey(a.id, otherTextKey(a.contentHash));
    restart();
    expect(storyOf(copyOfA().id)).not.toBe(storyOf(a.id));
  });

  it('sketches a candidate from its text when its key is missing (indexed before keys) or of other text', () => {
    const a = ingest(entry('wire', { url: 'https://wire.test/a', guid: 'a' }))!;
    setKey(a.id, null);
    restart();
    expect(storyOf(copyOfA().id)).toBe(storyOf(a.id));
  });

  it('does not use a key made from an older version of the text', () => {
    const a = ingest(entry('wire', { url: 'https://wire.test/a', guid: 'a' }))!;
    setKey(a.id, otherTextKey('an-older-hash'));
    restart();
    expect(storyOf(copyOfA().id)).toBe(storyOf(a.id));
  });

  it("reads a candidate's row again once another connection has committed: an edit there is compared", () => {
    // Rewritten so that little of A's first text is left (too little to match it), yet one LSH band still agrees:
    // this process's buckets (never told of the edit) find A, and its cached sketch of A says "too far apart".
    const rewritten =
      'Rescue teams flew water bombers over burning hills while families left villages near Santa Juana overnight ' +
      '23 people and burned';
    const first = sketch(entry('wire', {}), settings.sketch);
    const edited = sketch(entry('wire', { summary: rewritten }), settings.sketch);
    expect(jaccard(first.shingles, edited.shingles)).toBeLessThan(settings.threshold);
    expect(first.bands.some((b, i) => edited.bands[i] === b)).toBe(true);
    const a = ingest(entry('wire', { url: 'https://wire.test/a', guid: 'a' }))!;
    // Another worker stores the edit of A and indexes it, as ingest does.
    const other = openStore(path.join(dir, 'wireroom.sqlite'));
    const now = '2023-02-05T14:00:00.000Z';
    other.transaction(() => {
      const r = other.entries.upsert(
        [entry('wire', { url: 'https://wire.test/a', guid: 'a', summary: rewritten })],
        now,
      );
      expect(r.updated.map((e) => e.id)).toEqual([a.id]);
      for (const e of r.updated) assignStory(other, e, settings, now);
    });
    other.close();
    // A copy of the edited text, from another source, joins A.
    const copy = ingest(
      entry('paper', {
        url: 'https://paper.test/copy',
        guid: 'copy',
        summary: rewritten,
        publishedAt: '2023-02-05T14:00:00.000Z',
      }),
    )!;
    expect(storyOf(copy.id)).toBe(storyOf(a.id));
  });
});

describe('a rolled-back source transaction', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wireroom-rollback-'));
    store = openStore(path.join(dir, 'db.sqlite'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves nothing behind that could merge later entries wrongly', () => {
    const settings = storySettings([]);
    const now = '2025-11-10T12:00:00.000Z'; // one cycle: every source starts at (nearly) the same instant
    const src = (id: string): SourceConfig => ({
      id,
      url: `https://${id}.example/feed`,
      enabled: true,
      topics: [],
      trusted: true,
    });
    store.sources.sync([src('s1'), src('s2'), src('s3')], now);
    const zebra =
      'Several zebras escaped from the Lima zoo on Monday morning, running along the Costa Verde highway before keepers and police recaptured all of them by noon without injuries.';
    const pension =
      'The congress in Bogota approved a sweeping pension reform late on Sunday after weeks of street protests by unions, teachers and retired workers across the country.';
    const make = (sourceId: string, key: string, title: string, body: string): Entry => ({
      sourceId,
      key,
      guid: key,
      url: `https://${sourceId}.example/${key}`,
      title,
      summary: body,
      contentHtml: `<p>${body}</p>`,
      authors: [],
      categories: [],
      enclosures: [],
      language: 'en',
      publishedAt: '2025-11-10T10:00:00.000Z',
      dateFlags: [],
    });
    const ingestOne = (e: Entry, fail = false) =>
      store.transaction(() => {
        const r = store.entries.upsert([e], now);
        for (const x of r.inserted) assignStory(store, x, settings, now);
        if (fail) throw new Error('simulated failure after story assignment');
        return r.inserted[0]!;
      });
    expect(() => ingestOne(make('s1', 'z1', 'Zebras escape Lima zoo', zebra), true)).toThrow(/simulated/);
    const pensionEntry = ingestOne(make('s2', 'p1', 'Colombia congress passes pension reform', pension));
    const zebraEntry = ingestOne(make('s3', 'z2', 'Zebras escape Lima zoo', zebra));
    expect(store.entries.get(zebraEntry.id)!.storyId).not.toBe(store.entries.get(pensionEntry.id)!.storyId);
    expect(store.entries.list()).toHaveLength(2);
  });
});
