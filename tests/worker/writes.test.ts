// Several sources in one transaction (src/worker/writes.ts), on a real SQLite file: a source that throws leaves
// nothing behind (rows, full-text index, entry count) while the others commit, and full-text rows written at the
// end of the transaction find exactly the entries stored.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import type { Entry } from '../../src/types.ts';
import { createWriteBatcher } from '../../src/worker/writes.ts';
import { createSlots } from '../../src/worker/slots.ts';
import { tempDir } from '../helpers/env.ts';

function entry(sourceId: string, key: string, text: string): Entry {
  return {
    sourceId,
    key,
    title: `Title ${key}`,
    summary: '',
    contentHtml: `<p>${text}</p>`,
    authors: [],
    categories: [],
    enclosures: [],
    publishedAt: '2026-01-02T03:04:05.000Z',
    dateFlags: [],
  };
}

const NOW = '2026-01-02T04:00:00.000Z';

/** Entry keys whose full text matches the query, through the full-text index alone. */
function search(store: Store, q: string): string[] {
  return (
    store.db
      .prepare('SELECT e.key FROM entries_fts f JOIN entries e ON e.id = f.rowid WHERE entries_fts MATCH ? ORDER BY 1')
      .all(q) as { key: string }[]
  ).map((r) => r.key);
}

const entryCount = (store: Store, id: string) => store.sources.entryCount(id);

describe('sources written together in one transaction', () => {
  const tmp = tempDir();
  let store: Store | undefined;
  afterEach(() => {
    store?.close();
    store = undefined;
  });

  it('commits every source that succeeds and nothing of one that throws, full text and counts included', async () => {
    const file = path.join(tmp.dir, 'batch.sqlite');
    const s = openStore(file);
    store = s;
    s.sources.sync(
      ['a', 'b', 'c'].map((id) => ({ id, url: `https://example.org/${id}.xml`, enabled: true }) as never),
      NOW,
    );
    // Every write waits for the others, so all three share one transaction.
    const writes = createWriteBatcher(s, { maxWrites: 3, maxWaitMs: 10_000 });
    const a = writes.write(() => s.entries.upsert([entry('a', 'a1', 'walrus lagoon'), entry('a', 'a2', 'otter')], NOW));
    const b = writes.write(() => {
      s.entries.upsert([entry('b', 'b1', 'walrus harbour')], NOW);
      throw new Error('b exploded after storing its entry');
    });
    const c = writes.write(() => s.entries.upsert([entry('c', 'c1', 'walrus reef')], NOW));
    await expect(b).rejects.toThrow('b exploded');
    expect((await a).inserted.map((e) => e.key)).toEqual(['a1', 'a2']);
    expect((await c).inserted.map((e) => e.key)).toEqual(['c1']);

    // Committed by the time the writes settled: another connection sees them.
    const other = new Database(file, { readonly: true });
    try {
      const keys = other.prepare('SELECT key FROM entries ORDER BY key').all() as { key: string }[];
      expect(keys.map((r) => r.key)).toEqual(['a1', 'a2', 'c1']);
    } finally {
      other.close();
    }
    expect(search(s, 'walrus')).toEqual(['a1', 'c1']);
    expect(search(s, 'harbour')).toEqual([]);
    expect(search(s, 'otter')).toEqual(['a2']);
    expect([entryCount(s, 'a'), entryCount(s, 'b'), entryCount(s, 'c')]).toEqual([2, 0, 1]);
  });

  it('keeps the full-text index in step through an edit and a removal in the same transaction', () => {
    const s = openStore(path.join(tmp.dir, 'edit.sqlite'));
    store = s;
    s.sources.sync([{ id: 'a', url: 'https://example.org/a.xml', enabled: true } as never], NOW);
    s.transaction(() => {
      s.entries.upsert([entry('a', 'a1', 'first words'), entry('a', 'a2', 'gone soon')], NOW);
      // Edited before the transaction ends: only the new text is indexed.
      s.entries.upsert([entry('a', 'a1', 'second words')], NOW);
      const gone = s.db.prepare("SELECT id FROM entries WHERE key = 'a2'").get() as { id: number };
      expect(s.entries.remove(gone.id, 'editor', NOW)).toBe(true);
    });
    expect(search(s, 'second')).toEqual(['a1']);
    expect(search(s, 'first')).toEqual([]);
    expect(s.db.prepare("SELECT count(*) AS n FROM entries_fts WHERE entries_fts MATCH 'gone'").get()).toEqual({
      n: 0,
    });
    expect(entryCount(s, 'a')).toBe(1);
  });

  it('runs the writes of a batch whose commit fails again one by one: only the one at fault fails', async () => {
    const file = path.join(tmp.dir, 'whole.sqlite');
    const s = openStore(file);
    store = s;
    s.sources.sync([{ id: 'a', url: 'https://example.org/a.xml', enabled: true } as never], NOW);
    const writes = createWriteBatcher(s, { maxWrites: 2, maxWaitMs: 10_000 });
    // A write that leaves a deferred constraint broken makes the shared COMMIT itself fail.
    s.db.pragma('defer_foreign_keys = ON');
    let runs = 0;
    const a = writes.write(() => {
      runs++;
      return s.entries.upsert([entry('a', 'a1', 'kept once committed alone')], NOW);
    });
    const bad = writes.write(() => s.entries.upsert([entry('nowhere', 'x1', 'no such source')], NOW));
    await expect(bad).rejects.toThrow(/FOREIGN KEY/);
    expect((await a).inserted.map((e) => e.key)).toEqual(['a1']);
    expect(runs).toBe(2);
    expect(s.db.prepare('SELECT source_id, key FROM entries').all()).toEqual([{ source_id: 'a', key: 'a1' }]);
    expect(search(s, 'committed')).toEqual(['a1']);
    expect(search(s, 'source')).toEqual([]);
    expect(entryCount(s, 'a')).toBe(1);
  });

  it('commits at once when every write still to come is queued, without waiting for others to join', async () => {
    const file = path.join(tmp.dir, 'last.sqlite');
    const s = openStore(file);
    store = s;
    s.sources.sync(
      ['a', 'b'].map((id) => ({ id, url: `https://example.org/${id}.xml`, enabled: true }) as never),
      NOW,
    );
    // A wait no test would outlast: only the count of writes still to come can end it.
    const writes = createWriteBatcher(s, { maxWaitMs: 3_600_000, stillComing: () => 2 });
    const a = writes.write(() => s.entries.upsert([entry('a', 'a1', 'first')], NOW));
    let aDone = false;
    void a.then(() => (aDone = true));
    await new Promise((resolve) => setImmediate(resolve));
    // One of the two writes to come is queued: it waits for the other, which commits both as soon as it comes.
    expect(aDone).toBe(false);
    const b = writes.write(() => s.entries.upsert([entry('b', 'b1', 'second')], NOW));
    expect((await a).inserted.map((e) => e.key)).toEqual(['a1']);
    expect((await b).inserted.map((e) => e.key)).toEqual(['b1']);
    expect(search(s, 'first OR second')).toEqual(['a1', 'b1']);
  });
});

describe('document slots', () => {
  it('lets at most `size` holders in at once, the others in arrival order as slots come back', async () => {
    const slots = createSlots(2);
    const order: string[] = [];
    const first = await slots.acquire();
    const second = await slots.acquire();
    const third = slots.acquire().then((release) => {
      order.push('third');
      return release;
    });
    const fourth = slots.acquire().then((release) => {
      order.push('fourth');
      return release;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    first();
    first(); // given back twice: still one slot
    const releaseThird = await third;
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['third']);
    second();
    (await fourth)();
    releaseThird();
    expect(order).toEqual(['third', 'fourth']);
  });
});
