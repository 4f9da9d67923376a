// Retag with the tagging on prepare threads: the same tag tables as the one-thread retag on a copy of the same
// database (editors' overrides on top), nothing written when nothing changed, and a stop between batches.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retag, retagOnThreads } from '../../src/worker/index.ts';
import { openStore } from '../../src/store/index.ts';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';
import { tagTables } from '../helpers/tag-tables.ts';

const SOURCES: SourceConfig[] = [
  { id: 'wire', url: 'https://wire.example/feed', enabled: true, topics: [], trusted: true },
  { id: 'pe', url: 'https://pe.example/feed', enabled: true, country: 'PE', topics: ['strikes'], trusted: true },
];
const sources = new Map(SOURCES.map((s) => [s.id, s]));
const taxonomy = loadTaxonomy(path.join(REPO_ROOT, 'config'));
const COUNT = 240;

/** The labelled eval headlines as stored entries, alternating between a source with priors and one without. */
function entries(): Entry[] {
  const items = readFileSync(path.join(REPO_ROOT, 'tests/eval/tagging-set.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, COUNT)
    .map((l) => JSON.parse(l) as { title: string; summary: string; language?: string });
  return items.map((it, i) => ({
    sourceId: SOURCES[i % 2]!.id,
    key: `k${i}`,
    title: it.title,
    summary: it.summary,
    contentHtml: `<p>${it.summary}</p>`,
    language: it.language,
    authors: [],
    categories: [],
    enclosures: [],
    publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    dateFlags: [],
  }));
}

describe('retagOnThreads', () => {
  const tmp = tempDir();
  const base = path.join(tmp.dir, 'base.sqlite');
  let ids: number[] = [];
  beforeAll(() => {
    const store = openStore(base);
    store.sources.sync(SOURCES, '2024-01-01T00:00:00.000Z');
    ids = store
      .transaction(() => store.entries.upsert(entries(), '2024-02-01T00:00:00.000Z'))
      .inserted.map((e) => e.id);
    store.tags.setOverride(ids[0]!, 'topic', 'coups', 'add');
    store.tags.setOverride(ids[1]!, 'country', 'PE', 'remove');
    store.close();
  });
  afterAll(() => tmp.cleanup());

  const copy = (name: string) => {
    const file = path.join(tmp.dir, name);
    copyFileSync(base, file);
    return file;
  };

  it('leaves the same tags as the one-thread retag, with threads and without, overrides on top', async () => {
    const inline = copy('inline.sqlite');
    const s0 = openStore(inline);
    expect(retag(s0, createTagger(taxonomy), sources, { batch: 50 }).entries).toBe(COUNT);
    s0.close();

    for (const threads of [2, 0]) {
      const file = copy(`threads-${threads}.sqlite`);
      const store = openStore(file);
      const r = await retagOnThreads(store, taxonomy, sources, { threads, batch: 50 });
      expect(r).toMatchObject({ entries: COUNT, stopped: false });
      expect(store.tags.list(ids[0]!).find((t) => t.value === 'coups')?.reason.rule).toBe('manual');
      expect(store.tags.list(ids[1]!).some((t) => t.value === 'PE')).toBe(false);
      store.close();
      expect(tagTables(file)).toBe(tagTables(inline));
    }
    // Not a vacuous comparison: most entries got tags.
    const tagged = new Database(inline, { readonly: true })
      .prepare("SELECT count(*) FROM entry_tag_sets WHERE tags != '[]'")
      .pluck()
      .get() as number;
    expect(tagged).toBeGreaterThan(COUNT / 2);
  });

  it('writes nothing when every tag set is unchanged', async () => {
    const file = copy('again.sqlite');
    const store = openStore(file);
    await retagOnThreads(store, taxonomy, sources, { threads: 2 });
    const before = store.db.prepare('PRAGMA data_version').pluck().get();
    const changes = store.db.prepare('SELECT total_changes()').pluck();
    const c0 = changes.get() as number;
    // Every entry (a retag with nothing edited has none to tag: retag-scope.test.ts).
    await retagOnThreads(store, taxonomy, sources, { threads: 2, all: true });
    expect(changes.get()).toBe(c0);
    expect(store.db.prepare('PRAGMA data_version').pluck().get()).toBe(before);
    store.close();
  });

  it('gives the event loop a turn after every batch, threads or none (a server runs it as a job)', async () => {
    for (const threads of [0, 2]) {
      const store = openStore(copy(`turns-${threads}.sqlite`));
      // Counts the turns the event loop gets while the retag runs: none if it never yields.
      let turns = 0;
      let running = true;
      const spin = () => {
        if (!running) return;
        turns++;
        setImmediate(spin);
      };
      setImmediate(spin);
      const r = await retagOnThreads(store, taxonomy, sources, { threads, batch: 40 });
      running = false;
      store.close();
      expect(r.entries).toBe(COUNT);
      expect(turns).toBeGreaterThanOrEqual(COUNT / 40 - 1);
    }
  });

  it('stops between batches when the signal aborts, keeping what was written', async () => {
    const file = copy('stopped.sqlite');
    const store = openStore(file);
    const stop = new AbortController();
    const progress: number[] = [];
    const r = await retagOnThreads(store, taxonomy, sources, {
      threads: 2,
      batch: 40,
      signal: stop.signal,
      onProgress: (n) => {
        progress.push(n);
        stop.abort();
      },
    });
    expect(r.stopped).toBe(true);
    expect(r.entries).toBeLessThan(COUNT);
    expect(r.entries).toBe(progress.at(-1));
    const written = store.db.prepare('SELECT count(*) FROM entry_tag_sets').pluck().get() as number;
    // The batches written (the two overridden entries, which had sets already, are in the first).
    expect(written).toBe(r.entries);
    store.close();
  });
});
