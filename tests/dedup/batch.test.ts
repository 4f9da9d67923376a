// A source's batch assigned at once (assignStories: its candidates read up front) must leave the store exactly as
// assigning its entries one by one does (assignStory), over histories made to hit what the up-front reads must
// account for: URL keys shared within a batch and across sources, edits that move an entry's URL key, folds of
// stories by an entry matching two, and an editor's pinned entry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assignKeys, assignStories, assignStory, storyRules, storySettings } from '../../src/dedup/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';
import { prng } from '../helpers/prng.ts';

const SOURCES = ['s0', 's1', 's2', 's3'];
const NOW = '2024-03-02T00:00:00.000Z';
const settings = storySettings([]);

// Story texts: each a headline and a lead of its own words; copies keep most of both, so copies of one story are
// near duplicates and a copy of two (a bridge) matches both, making the stories fold.
const WORDS = (
  'harbour strike dockers wages port ministry talks union ships cargo delay minister court ruling appeal judge ' +
  'flood river villages rescue rain army evacuate bridge dam storm coast fishermen boats warning hospital patients ' +
  'election count ballots polling turnout candidate party coalition senate budget vote reform pension protest march'
).split(' ');

function storyText(rnd: () => number, n: number): { title: string; lead: string[] } {
  const pick = () => WORDS[Math.floor(rnd() * WORDS.length)] ?? 'word';
  return { title: `Story ${n}: ${pick()} ${pick()} ${pick()} ${pick()}`, lead: Array.from({ length: 30 }, pick) };
}

interface Made {
  batches: Entry[][];
  /** An entry (source and guid) an editor pins after this batch index. */
  pinAfter: { batch: number; sourceId: string; guid: string };
}

/** A random history of source batches. */
function history(seed: number): Made {
  const rnd = prng(seed);
  const stories = Array.from({ length: 6 }, (_, n) => storyText(rnd, n));
  const urls = Array.from({ length: 4 }, (_, n) => `https://pool.test/news/item-${n}`);
  const guids = new Map<string, string[]>(SOURCES.map((s) => [s, []]));
  const batches: Entry[][] = [];
  let next = 0;
  for (let b = 0; b < 40; b++) {
    const sourceId = SOURCES[Math.floor(rnd() * SOURCES.length)] ?? 's0';
    const mine = guids.get(sourceId) ?? [];
    const batch: Entry[] = [];
    const size = 1 + Math.floor(rnd() * 6);
    const used = new Set<string>();
    for (let i = 0; i < size; i++) {
      // An edit of an entry the source already has (new text, or a URL key moved), or a new entry.
      const edit = mine.length && rnd() < 0.5 ? mine[Math.floor(rnd() * mine.length)] : undefined;
      const guid = edit ?? `${sourceId}-${next++}`;
      if (used.has(guid)) continue;
      used.add(guid);
      if (!edit) mine.push(guid);
      const a = stories[Math.floor(rnd() * stories.length)] ?? stories[0]!;
      const c = stories[Math.floor(rnd() * stories.length)] ?? stories[0]!;
      // A bridge: the headline of one story over the lead of another.
      const bridge = rnd() < 0.2;
      const lead = a.lead.filter(() => rnd() < 0.85);
      const url = rnd() < 0.6 ? urls[Math.floor(rnd() * urls.length)] : `https://${sourceId}.test/${guid}/${b}`;
      batch.push({
        sourceId,
        key: '',
        guid,
        url: rnd() < 0.3 ? `${url}?utm_source=rss` : url,
        title: bridge ? c.title : a.title,
        summary: lead.join(' '),
        contentHtml: '',
        authors: [],
        categories: [],
        enclosures: [],
        language: 'en',
        publishedAt: new Date(
          Date.parse('2024-03-01T00:00:00.000Z') + Math.floor(rnd() * 40) * 3_600_000,
        ).toISOString(),
        dateFlags: [],
      });
    }
    batches.push(assignKeys(batch, { guidReuse: false }).entries);
  }
  const pinSource = batches[3]?.[0]?.sourceId ?? 's0';
  return { batches, pinAfter: { batch: 3, sourceId: pinSource, guid: batches[3]?.[0]?.guid ?? '' } };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshStore(): Store {
  const dir = mkdtempSync(path.join(tmpdir(), 'wireroom-batch-'));
  dirs.push(dir);
  const store = openStore(path.join(dir, 'db.sqlite'));
  const configs: SourceConfig[] = SOURCES.map((id) => ({
    id,
    url: `https://${id}.test/feed`,
    enabled: true,
    topics: [],
    trusted: true,
  }));
  store.sources.sync(configs, NOW);
  return store;
}

/** Stores the history, each batch in its own transaction, assigned one by one or as a batch; counts the edits. */
function run(made: Made, batched: boolean): { store: Store; edits: number } {
  const store = freshStore();
  let edits = 0;
  made.batches.forEach((batch, b) => {
    store.transaction(() => {
      const r = store.entries.upsert(batch, NOW);
      edits += r.updated.length;
      const touched = [...r.inserted, ...r.updated];
      if (batched) assignStories(store, touched, settings, NOW);
      else for (const e of touched) assignStory(store, e, settings, NOW);
    });
    if (b === made.pinAfter.batch) {
      const pinned = store.db
        .prepare<[string], { id: number }>('SELECT id FROM entries WHERE guid = ?')
        .get(made.pinAfter.guid);
      if (pinned) store.stories.split(pinned.id, NOW, storyRules());
    }
  });
  return { store, edits };
}

/** Everything story detection writes. */
function snapshot(store: Store) {
  const all = (sql: string) => store.db.prepare(sql).all();
  return {
    entries: all('SELECT id, story_id, story_method, story_score, story_match_entry_id FROM entries ORDER BY id'),
    stories: all('SELECT * FROM stories ORDER BY id'),
    keys: all('SELECT * FROM story_keys ORDER BY entry_id'),
    merges: all('SELECT * FROM story_merges ORDER BY id'),
  };
}

describe('a source batch assigned at once', () => {
  it('leaves the store as assigning its entries one by one does', () => {
    let folds = 0;
    let urlJoins = 0;
    let edits = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const made = history(seed);
      const one = run(made, false);
      const many = run(made, true);
      const a = snapshot(one.store);
      expect(snapshot(many.store)).toEqual(a);
      folds += a.merges.length;
      urlJoins += a.entries.filter((e) => (e as { story_method: string }).story_method === 'url').length;
      edits += one.edits;
      one.store.close();
      many.store.close();
    }
    // The histories hit what the up-front reads must account for, or the comparison shows little.
    expect(folds).toBeGreaterThan(5);
    expect(urlJoins).toBeGreaterThan(20);
    expect(edits).toBeGreaterThan(20);
  });

  it('leaves an entry whose edit moved its URL key out of the URL matches of an entry after it', () => {
    const e = (guid: string, url: string, title: string): Entry => ({
      sourceId: 's0',
      key: '',
      guid,
      url,
      title,
      summary: `${title} ${WORDS.join(' ')}`,
      contentHtml: '',
      authors: [],
      categories: [],
      enclosures: [],
      language: 'en',
      publishedAt: '2024-03-01T10:00:00.000Z',
      dateFlags: [],
    });
    const keyed = (es: Entry[]) => assignKeys(es, { guidReuse: false }).entries;
    const made: Made = {
      batches: [
        keyed([e('x', 'https://pool.test/u', 'Harbour strike'), e('w', 'https://pool.test/w', 'River flood')]),
        // Both edited: x moves to another URL key, then w takes the one x had.
        keyed([e('x', 'https://pool.test/v', 'Harbour strike'), e('w', 'https://pool.test/u', 'River flood')]),
      ],
      pinAfter: { batch: -1, sourceId: 's0', guid: '' },
    };
    const one = run(made, false);
    const many = run(made, true);
    expect(one.edits).toBe(2);
    const storyOf = (store: Store, guid: string) =>
      (store.db.prepare('SELECT story_id FROM entries WHERE guid = ?').get(guid) as { story_id: number }).story_id;
    expect(storyOf(one.store, 'w')).not.toBe(storyOf(one.store, 'x'));
    expect(snapshot(many.store)).toEqual(snapshot(one.store));
    one.store.close();
    many.store.close();
  });
});
