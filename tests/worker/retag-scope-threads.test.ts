// After an edit, which stored entries are in its scope (src/tag/scope.ts: tokenizing each entry's text) is told on the
// prepare threads, where the entries are tagged, not on the main thread, which only reads, sends, gathers and writes.
// The main thread's inScope is counted here: the threads load their own copy of the module, which this mock does not
// reach. What the threads decide is what inScope decides: those out of the scope come back untagged and are never
// written, the others are written with the tags an inline retag gives them.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import {
  createTagger,
  retagNeed,
  tagEntry,
  taggingVersion,
  type RetagScope,
  type Taxonomy,
} from '../../src/tag/index.ts';
import type * as ScopeModule from '../../src/tag/scope.ts';
import { retagOnThreads } from '../../src/worker/index.ts';
import { createEntryTagger } from '../../src/worker/threads.ts';
import { tempDir } from '../helpers/env.ts';
import { BASE, SOURCES, edits, entries, type Edit } from '../helpers/retag-edits.ts';
import { tagTables } from '../helpers/tag-tables.ts';

const counted = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../src/tag/scope.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof ScopeModule>();
  return {
    ...actual,
    inScope: (...args: Parameters<typeof actual.inScope>) => {
      counted.calls++;
      return actual.inScope(...args);
    },
  };
});
const { inScope } = await vi.importActual<typeof ScopeModule>('../../src/tag/scope.ts');

const list = entries();
const sources = new Map(SOURCES.map((s) => [s.id, s]));
const [keyword, topicRemoved, priors] = ((all: Edit[]) =>
  ['a keyword added', 'a topic removed', "sources' priors"].map((n) => all.find((e) => e.name === n)!))(edits(list));

/** The edit's scope over what the store was tagged with, and the ids inScope (here, unmocked) puts in it. */
function expectedScope(store: Store, edit: Edit): { scope: RetagScope; ids: number[] } {
  const need = retagNeed(
    store.tagVersions.list(),
    taggingVersion(edit.taxonomy, [...(edit.sources ?? sources).values()]),
  );
  if (need.kind !== 'scope') throw new Error(`${edit.name}: ${need.kind}, not a scope`);
  const taggedWith = store.tags.withTopics(need.scope.topics);
  const ids = [...store.entries.taggablePages({ size: 500 })]
    .flat()
    .filter((e) => inScope(need.scope, e, taggedWith.has(e.id)))
    .map((e) => e.id);
  return { scope: need.scope, ids };
}

describe('the scope of a retag, told on the prepare threads', () => {
  const tmp = tempDir();
  const base = path.join(tmp.dir, 'base.sqlite');
  let n = 0;
  const copy = () => {
    const file = path.join(tmp.dir, `copy-${n++}.sqlite`);
    copyFileSync(base, file);
    return file;
  };
  beforeAll(async () => {
    const store = openStore(base);
    store.sources.sync(SOURCES, '2024-01-01T00:00:00.000Z');
    store.transaction(() => store.entries.upsert(list, '2024-02-01T00:00:00.000Z'));
    // Tagged with the shipped taxonomy, which the store records.
    await retagOnThreads(store, BASE, sources, { threads: 0, batch: 500 });
    store.close();
  });
  afterAll(() => tmp.cleanup());

  it('a thread sends back untagged the entries out of the scope, and the others tagged as inline', async () => {
    const store = openStore(base);
    const { scope } = expectedScope(store, keyword);
    store.close();
    const taxonomy: Taxonomy = keyword.taxonomy;
    // Every seventh entry's stored tags hold a changed topic: in the scope whatever its text.
    const jobs = list.map((entry, i) => ({ entry, source: sources.get(entry.sourceId), taggedWith: i % 7 === 0 }));
    const tagger = createTagger(taxonomy);
    const expected = jobs.map((j) =>
      inScope(scope, j.entry, j.taggedWith) ? tagEntry(tagger, j.entry, j.source) : null,
    );
    const threads = createEntryTagger({ threads: 2, taxonomy });
    counted.calls = 0;
    const half = jobs.length >> 1;
    const got = (
      await Promise.all([threads.tagInScope(jobs.slice(0, half), scope), threads.tagInScope(jobs.slice(half), scope)])
    ).flat();
    expect(counted.calls).toBe(0);
    expect(got).toEqual(expected);
    // Not vacuous: most entries are out, some in by their text, some only by their stored topics.
    expect(got.filter((t) => t === null).length).toBeGreaterThan(list.length / 2);
    expect(got.filter((t, i) => t !== null && !jobs[i]!.taggedWith).length).toBeGreaterThan(0);
    expect(
      jobs.filter((j, i) => j.taggedWith && !inScope(scope, j.entry, false) && got[i] !== null).length,
    ).toBeGreaterThan(0);
    // With no scope, every entry is tagged.
    expect(await threads.tag(jobs.slice(0, 50))).toEqual(
      jobs.slice(0, 50).map((j) => tagEntry(tagger, j.entry, j.source)),
    );
  });

  it.each([
    ['a keyword added', keyword],
    ['a topic removed', topicRemoved],
    ["sources' priors", priors],
  ])(
    'retagOnThreads (%s): no scope test on the main thread, only the entries in the scope written, as inline',
    async (_name, edit) => {
      const [threaded, inline] = [copy(), copy()];
      const runs = [];
      for (const [file, threads] of [
        [threaded, 2],
        [inline, 0],
      ] as const) {
        const store = openStore(file);
        const { ids } = expectedScope(store, edit);
        // Every entry written, in the order written.
        const written: number[] = [];
        const replaceMany = store.tags.replaceMany.bind(store.tags);
        store.tags.replaceMany = (items, fresh) => {
          written.push(...items.map((i) => i.id));
          replaceMany(items, fresh);
        };
        counted.calls = 0;
        const r = await retagOnThreads(store, edit.taxonomy, edit.sources ?? sources, { threads, batch: 100 });
        store.close();
        runs.push({ r, calls: counted.calls, written, ids });
      }
      const [onThreads, onMain] = runs as [(typeof runs)[0], (typeof runs)[0]];
      // On the threads the main thread tests no entry; inline it tests each entry read (the count sees it).
      expect(onThreads.calls).toBe(0);
      expect(onMain.calls).toBe(list.length);
      for (const { r, written, ids } of runs) {
        expect(r).toMatchObject({ examined: list.length, entries: ids.length, stopped: false });
        expect(written).toEqual(ids);
        expect(ids.length).toBeLessThan(list.length);
        expect(ids.length).toBeGreaterThan(0);
      }
      expect(tagTables(threaded)).toBe(tagTables(inline));
    },
    120_000,
  );
});
