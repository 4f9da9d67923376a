import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  storyRules,
  assignKeys,
  assignStory,
  explainStory,
  RecentBuckets,
  storySettings,
  type StorySettings,
} from '../../src/dedup/index.ts';
import { openStore, type Store, type StoredEntry } from '../../src/store/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';

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

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wireroom-stories-'));
  store = openStore(path.join(dir, 'wireroom.sqlite'));
  const configs: SourceConfig[] = SOURCES.map((id) => ({
    id,
    url: `https://${id}.test/feed`,
    enabled: true,
    topics: [],
    trusted: true,
  }));
  store.sources.sync(configs, '2023-01-01T00:00:00.000Z');
  settings = storySettings(configs);
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('stories in the store', () => {
  it('joins entries from three sources into one story whose uid does not change', () => {
    const a = ingest(entry('wire', { url: 'https://wire.test/chile/fires-23-dead', guid: 'wire-1' }))!;
    const story = storyOf(a.id);
    const uid = store.stories.story(story)!.uid;

    const b = ingest(
      entry('aggregator', {
        url: 'https://www.wire.test/chile/fires-23-dead/?utm_source=rss',
        summary: '',
        publishedAt: '2023-02-05T12:40:00.000Z',
      }),
    )!;
    const c = ingest(
      entry('paper', {
        title: 'Chile wildfires: 23 dead, Boric widens state of catastrophe',
        summary: LEAD.split(', as')[0] + '.',
        url: 'https://paper.test/world/chile-wildfires',
        publishedAt: '2023-02-05T11:30:00.000Z',
      }),
    )!;

    expect(storyOf(b.id)).toBe(story);
    expect(storyOf(c.id)).toBe(story);
    expect(store.stories.story(story)!.uid).toBe(uid);
    const members = store.stories.members(story);
    expect(members.map((m) => m.method).sort()).toEqual(['founder', 'similarity', 'url']);
    // Earliest published is the representative by default.
    expect(store.stories.story(story)!.representativeEntryId).toBe(c.id);
    expect(explainStory(store, b.id)[1]).toBe(`entry ${b.id}: same URL as entry ${a.id}`);
    expect(explainStory(store, c.id)[1]).toMatch(/near duplicate of entry \d+ \(similarity 0\.\d\d\)/);
  });

  it('lets source priority pick the representative', () => {
    settings = { ...settings, priorities: { wire: 5 } };
    const a = ingest(entry('wire', { url: 'https://wire.test/a', publishedAt: '2023-02-05T12:30:00.000Z' }))!;
    ingest(entry('paper', { url: 'https://paper.test/a', publishedAt: '2023-02-05T12:00:00.000Z' }));
    expect(store.stories.story(storyOf(a.id))!.representativeEntryId).toBe(a.id);
  });

  it('keeps different events apart and does not touch unrelated buckets', () => {
    const a = ingest(entry('wire', { url: 'https://wire.test/a' }))!;
    const b = ingest(
      entry('paper', {
        title: 'Chile fires: Boric announces reconstruction plan as blazes ease',
        summary:
          'President Gabriel Boric on Thursday announced a reconstruction plan for the towns of Ñuble and Biobío destroyed by forest fires, as cooler weather helped firefighters contain the blazes.',
        url: 'https://paper.test/b',
        publishedAt: '2023-02-06T18:00:00.000Z',
      }),
    )!;
    expect(storyOf(a.id)).not.toBe(storyOf(b.id));
  });

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

  it('keeps an editor split and merge through later ingests', () => {
    const a = ingest(entry('wire', { url: 'https://wire.test/a', guid: 'a' }))!;
    const b = ingest(
      entry('paper', { url: 'https://paper.test/b', guid: 'b', publishedAt: '2023-02-05T13:00:00.000Z' }),
    )!;
    expect(storyOf(b.id)).toBe(storyOf(a.id));
    const original = storyOf(a.id);
    const uid = store.stories.story(original)!.uid;

    const own = store.stories.split(b.id, '2023-02-06T00:00:00.000Z', storyRules(settings.priorities));
    expect(own).not.toBe(original);
    expect(store.stories.story(original)!.uid).toBe(uid);

    // Re-ingest: the paper edits its text and link; the entry stays where the editor put it.
    ingest(
      entry('paper', {
        url: 'https://paper.test/b-updated',
        guid: 'b',
        summary: LEAD + ' Updated.',
        publishedAt: '2023-02-05T13:00:00.000Z',
      }),
      '2023-02-06T01:00:00.000Z',
    );
    expect(storyOf(b.id)).toBe(own);
    expect(explainStory(store, b.id).join('\n')).toMatch(/editor split/);

    // Another copy arriving later still joins the original story, not the split-off one's by accident of order.
    const c = ingest(
      entry('other', { url: 'https://other.test/c', publishedAt: '2023-02-05T14:00:00.000Z' }),
      '2023-02-06T02:00:00.000Z',
    )!;
    expect([original, own]).toContain(storyOf(c.id));

    // Merge two unrelated stories; a re-ingest of either does not undo it.
    const d = ingest(
      entry('other', {
        title: 'Chile: firefighters from Spain and Mexico arrive',
        summary:
          'Teams of firefighters from Spain, Mexico and Argentina arrived in Santiago on Monday to help fight more than 200 active blazes.',
        url: 'https://other.test/d',
        guid: 'd',
        publishedAt: '2023-02-06T12:00:00.000Z',
      }),
    )!;
    expect(storyOf(d.id)).not.toBe(original);
    const merged = store.stories.merge(a.id, d.id, '2023-02-07T00:00:00.000Z', storyRules(settings.priorities));
    expect(merged).toBe(original);
    expect(storyOf(d.id)).toBe(original);
    ingest(
      entry('other', {
        title: 'Chile: firefighters from Spain and Mexico arrive (updated)',
        summary: 'Changed.',
        url: 'https://other.test/d2',
        guid: 'd',
        publishedAt: '2023-02-06T12:00:00.000Z',
      }),
      '2023-02-07T01:00:00.000Z',
    );
    expect(storyOf(d.id)).toBe(original);
    expect(store.stories.story(original)!.uid).toBe(uid);
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

  it('merges two stories when a late entry matches both, keeping the older story and saying why', () => {
    const c = chain();
    const early = ingest(c.early)!;
    const late = ingest(c.late)!;
    expect(storyOf(late.id)).not.toBe(storyOf(early.id)); // too little in common on their own
    const kept = storyOf(early.id);
    const uid = store.stories.story(kept)!.uid;
    const goneUid = store.stories.story(storyOf(late.id))!.uid;
    const bridge = ingest(c.bridge)!;
    expect(storyOf(bridge.id)).toBe(kept);
    expect(storyOf(late.id)).toBe(kept);
    expect(store.stories.story(kept)!.uid).toBe(uid);
    expect(store.db.prepare('SELECT count(*) AS n FROM stories').get()).toEqual({ n: 1 });
    const text = explainStory(store, late.id).join('\n');
    const via = `when entry ${bridge.id} matched both`;
    expect(text).toContain(`entry ${late.id}: founded story ${goneUid}, merged into this one ${via}`);
    expect(text).toContain(`story ${goneUid} merged into this one ${via}`);
    expect(explainStory(store, early.id)[1]).toBe(`entry ${early.id}: founded the story`);
  });

  it('gives the same stories whatever order the three copies arrive in', () => {
    const orders = [
      ['early', 'late', 'bridge'],
      ['bridge', 'early', 'late'],
      ['late', 'bridge', 'early'],
    ] as const;
    for (const order of orders) {
      store.close();
      rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(path.join(tmpdir(), 'wireroom-stories-'));
      store = openStore(path.join(dir, 'wireroom.sqlite'));
      const configs: SourceConfig[] = SOURCES.map((id) => ({
        id,
        url: `https://${id}.test/feed`,
        enabled: true,
        topics: [],
        trusted: true,
      }));
      store.sources.sync(configs, '2023-01-01T00:00:00.000Z');
      const c = chain();
      const ids = Object.fromEntries(order.map((k) => [k, ingest(c[k])!.id]));
      const stories = new Set(Object.values(ids).map(storyOf));
      expect(stories.size, order.join(',')).toBe(1);
    }
  });

  it('does not merge stories an editor split apart, even through an entry matching both', () => {
    const c = chain();
    const early = ingest(c.early)!;
    const bridge = ingest(c.bridge)!;
    expect(storyOf(bridge.id)).toBe(storyOf(early.id));
    const original = storyOf(early.id);
    const own = store.stories.split(bridge.id, '2023-02-07T00:00:00.000Z', storyRules(settings.priorities));
    // Another copy of the bridge matches it (now alone) and the early one: joining both would undo the split.
    const copy = ingest({ ...c.bridge, sourceId: 'other', url: 'https://other.test/copy', guid: 'copy', key: 'copy' })!;
    expect(storyOf(bridge.id)).toBe(own);
    expect(storyOf(early.id)).toBe(original);
    expect([own, original]).toContain(storyOf(copy.id));
    expect(store.stories.splitApart([own, original])).toEqual([[own, original]]);
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
