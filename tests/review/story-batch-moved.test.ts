// Review of 1e69d2f (helper S, issue #14): a source's batch assigned to stories at once must decide what assigning
// its entries one after another decides. Rows of candidates are read up front; an entry of the batch that an edit
// moves to another story (a join, no fold) was read with its old story, and a later entry of the batch matching it
// by URL took that stale story and folded two unrelated stories into one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assignKeys, assignStory, createStoryDetector, storySettings } from '../../src/dedup/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';

const CONFIGS: SourceConfig[] = ['paper', 'wire'].map((id) => ({
  id,
  url: `https://${id}.test/feed`,
  enabled: true,
  topics: [],
  trusted: true,
}));
const settings = storySettings(CONFIGS);

const FIRES = {
  title: 'Chile forest fires kill 23 as state of catastrophe expanded',
  summary:
    'Forest fires raging in central and southern Chile have killed at least 23 people and burned more than 270,000 hectares, authorities said on Sunday.',
};
const QUAKE = {
  title: 'Earthquake kills thousands in Turkey and Syria',
  summary:
    'A magnitude 7.8 earthquake struck southern Turkey and northern Syria before dawn on Monday, toppling apartment blocks in several cities.',
};

function item(sourceId: string, guid: string, url: string, text: { title: string; summary: string }): Entry {
  return {
    sourceId,
    key: '',
    guid,
    url,
    ...text,
    contentHtml: '',
    authors: [],
    categories: [],
    enclosures: [],
    language: 'en',
    publishedAt: '2023-02-05T08:00:00.000Z',
    dateFlags: [],
  };
}

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function newStore(): Store {
  const dir = mkdtempSync(path.join(tmpdir(), 'wireroom-review-batch-'));
  dirs.push(dir);
  const store = openStore(path.join(dir, 'wireroom.sqlite'));
  store.sources.sync(CONFIGS, '2023-01-01T00:00:00.000Z');
  stores.push(store);
  return store;
}

/** Entries by story, as "source/key" lists: comparable across two stores. */
function partition(store: Store): string[] {
  const rows = store.db
    .prepare(`SELECT story_id AS s, source_id || '/' || key AS k FROM entries ORDER BY source_id, key`)
    .all() as { s: number; k: string }[];
  const groups = new Map<number, string[]>();
  for (const r of rows) groups.set(r.s, [...(groups.get(r.s) ?? []), r.k]);
  return [...groups.values()].map((g) => g.join(' ')).sort();
}

describe('story detection by source batch (assignMany)', () => {
  it('a later entry of the batch sees the story an earlier one was moved to, as one-by-one assignment does', () => {
    const one = newStore();
    const many = newStore();
    const detector = createStoryDetector(many, settings);
    expect(detector.assignMany).toBeTypeOf('function');
    // Each fetch stored both ways, one source's batch to a transaction, as the worker stores it.
    const ingest = (items: Entry[], now: string) => {
      const keyed = assignKeys(items, { guidReuse: false }).entries;
      one.transaction(() => {
        const r = one.entries.upsert(keyed, now);
        for (const e of [...r.inserted, ...r.updated]) assignStory(one, e, settings, now);
      });
      many.transaction(() => {
        const r = many.entries.upsert(keyed, now);
        detector.assignMany?.([...r.inserted, ...r.updated], now);
      });
    };
    // A feed lists one article twice (two guids, one link); another feed has an unrelated story under link b.
    ingest(
      [item('paper', 'g1', 'https://paper.test/a', FIRES), item('paper', 'g2', 'https://paper.test/a', FIRES)],
      '2023-02-05T09:00:00.000Z',
    );
    ingest([item('wire', 'w1', 'https://paper.test/b', QUAKE)], '2023-02-05T09:30:00.000Z');
    // Next fetch: a new item under link a, and both old items edited to link b. The new item stays with the fires;
    // g1 moves to the wire's story by its new link; g2 follows g1 there. The fires and the quake stay two stories.
    ingest(
      [
        item('paper', 'g3', 'https://paper.test/a', FIRES),
        item('paper', 'g1', 'https://paper.test/b', FIRES),
        item('paper', 'g2', 'https://paper.test/b', FIRES),
      ],
      '2023-02-05T10:00:00.000Z',
    );
    expect(partition(one)).toHaveLength(2);
    expect(partition(many)).toEqual(partition(one));
  });
});
