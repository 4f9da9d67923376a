// Feed order agrees with the dates the items show: a story sits at the date of the entry it shows (its
// representative, or its earliest matching entry when the representative does not match), not at the date of a
// later copy. Checked on hand-made stories, over HTTP in every format across pages, and on random stories. Every test
// on SQLite and on a PostgreSQL copy of the same fixture (tests/helpers/stores.ts), which keeps the entries' ids, so
// ties in published_at break the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/http/index.ts';
import { FORMATS, shownEntry, storyUrn } from '../../src/publish/index.ts';
import type { FeedFilter, FeedReader } from '../../src/store/index.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { makeFixture, setRepresentative, SOURCES, type Fixture, type SeedEntry } from './seed.ts';
import { nonIncreasing, readPage } from './read.ts';

const PE = { kind: 'country', value: 'PE' } as const;

// One server for the file: both describes read through these arms.
const STORES = stores();
afterAll(async () => {
  for (const s of STORES) await s.close();
});

/** The representative (05-01) is older than a story published in between (05-02) and a copy that joined (05-03). */
const lateCopy = (): SeedEntry[] => [
  { sourceId: 'andina', key: 'old-rep', title: 'Old report', publishedAt: '2024-05-01T08:00:00.000Z', tags: [PE] },
  { sourceId: 'wire', key: 'middle', title: 'Middle story', publishedAt: '2024-05-02T08:00:00.000Z', tags: [PE] },
  {
    sourceId: 'lared',
    key: 'late-copy',
    title: 'Late copy',
    publishedAt: '2024-05-03T08:00:00.000Z',
    tags: [PE],
    joins: 'old-rep',
  },
  { sourceId: 'bolnews', key: 'newest', title: 'Newest story', publishedAt: '2024-05-04T08:00:00.000Z', tags: [PE] },
];

for (const s of STORES)
  describe.skipIf(skipArm(s))(`a story is placed by the entry it shows, on ${s.kind}${s.skip}`, () => {
    let f: Fixture;
    let reader: FeedReader;
    let srv: RunningServer;
    beforeAll(async () => {
      f = makeFixture(lateCopy());
      reader = await s.reader(f);
      srv = await startServer({ store: reader, config: f.config, port: 0, host: '127.0.0.1' });
    }, 120_000);
    afterAll(async () => {
      await srv?.close();
      f?.cleanup();
    });
    const keys = async (filter: FeedFilter) =>
      (await reader.page(filter, { limit: 50, shownEntry })).items.map((i) => i.entry.key);

    it('an older representative keeps the story at its own date, below newer stories, with the late copy as also-reported-by', async () => {
      const items = (await reader.page({ require: [{ countries: ['PE'] }] }, { limit: 50, shownEntry })).items;
      expect(items.map((i) => i.entry.key)).toEqual(['newest', 'middle', 'old-rep']);
      expect(items[2]!.also.map((a) => a.entryId)).toEqual([f.byKey.get('late-copy')!.id]);
      expect(items.map((i) => i.sortKey.publishedAt)).toEqual(items.map((i) => i.entry.publishedAt));
    });

    it('when the representative does not match, the earliest matching member shows and places the story', async () => {
      expect(await keys({ require: [{ sources: ['lared'] }] })).toEqual(['late-copy']);
      expect(await keys({ require: [{ sources: ['lared', 'wire'] }] })).toEqual(['late-copy', 'middle']);
    });

    it('shown dates never go up, in every format, across pages, over HTTP', async () => {
      const uid = (key: string) =>
        (
          f.store.db
            .prepare('SELECT s.uid FROM stories s JOIN entries e ON e.story_id = s.id WHERE e.key = ?')
            .get(key) as { uid: string }
        ).uid;
      const expected = ['newest', 'middle', 'old-rep'].map((k) => storyUrn(uid(k)));
      for (const format of FORMATS) {
        for (const limit of [1, 2]) {
          const ids: string[] = [];
          const published: number[] = [];
          let next: string | undefined = `feeds/country/pe.${format}?limit=${limit}`;
          for (let n = 0; next && n < 10; n++) {
            const res = await fetch(new URL(next, srv.url));
            expect(res.status, next).toBe(200);
            const page = readPage(await res.text(), format);
            ids.push(...page.ids);
            published.push(...page.published);
            page.updated.forEach((u, i) => expect(u).toBeGreaterThanOrEqual(page.published[i]!));
            next = page.next ? new URL(page.next).pathname.slice(1) + new URL(page.next).search : undefined;
          }
          expect(ids, `${format} limit ${limit}`).toEqual(expected);
          expect(
            nonIncreasing(published),
            `${format} limit ${limit}: ${published.map((d) => new Date(d).toISOString())}`,
          ).toBe(true);
        }
      }
    });

    it('a representative newer than the others places the story at its date', async () => {
      setRepresentative(f.store, f.byKey.get('late-copy')!);
      await s.sync(f);
      expect(await keys({ require: [{ countries: ['PE'] }] })).toEqual(['newest', 'late-copy', 'middle']);
      setRepresentative(f.store, f.byKey.get('old-rep')!);
      await s.sync(f);
    });
  });

/** Small deterministic PRNG (mulberry32): random stories that are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const s of STORES)
  describe.skipIf(skipArm(s))(`random stories, random representatives, on ${s.kind}${s.skip}`, () => {
    let f: Fixture;
    let reader: FeedReader;
    const seeded: SeedEntry[] = [];
    beforeAll(async () => {
      const r = rng(20240601);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
      for (let i = 0; i < 90; i++) {
        // Minutes within a few days: ties in published_at happen and are broken by id.
        const at = new Date(Date.UTC(2024, 4, 1) + Math.floor(r() * 4 * 24 * 60) * 60_000).toISOString();
        const tags: SeedEntry['tags'] = [];
        if (r() < 0.5) tags.push({ kind: 'country', value: 'PE' });
        if (r() < 0.3) tags.push({ kind: 'country', value: 'BO' });
        if (r() < 0.3) tags.push({ kind: 'topic', value: 'strikes' });
        const joins = i > 0 && r() < 0.45 ? seeded[Math.floor(r() * i)]!.key : undefined;
        seeded.push({ sourceId: pick(SOURCES), key: `e${i}`, title: `Entry ${i}`, publishedAt: at, tags, joins });
      }
      f = makeFixture(seeded);
      // Source priorities pick any member as representative, older or newer than the rest.
      const stories = new Map<number, string[]>();
      for (const e of f.byKey.values()) {
        const sid = (f.store.db.prepare('SELECT story_id FROM entries WHERE id = ?').get(e.id) as { story_id: number })
          .story_id;
        stories.set(sid, [...(stories.get(sid) ?? []), e.key]);
      }
      for (const keys of stories.values()) if (keys.length > 1) setRepresentative(f.store, f.byKey.get(pick(keys))!);
      reader = await s.reader(f);
    }, 120_000);
    afterAll(() => f?.cleanup());

    /** What a feed should list, worked out from the seeded entries alone: the shown entry of each story, newest first. */
    function expected(matches: (e: SeedEntry) => boolean, excludes: (e: SeedEntry) => boolean = () => false): string[] {
      const rows = f.store.db
        .prepare(
          'SELECT e.key, e.story_id, s.representative_entry_id AS rep FROM entries e JOIN stories s ON s.id = e.story_id',
        )
        .all() as { key: string; story_id: number; rep: number }[];
      const byKey = new Map(seeded.map((s) => [s.key, s]));
      const id = (k: string) => f.byKey.get(k)!.id;
      const older = (a: string, b: string) =>
        byKey.get(a)!.publishedAt < byKey.get(b)!.publishedAt ||
        (byKey.get(a)!.publishedAt === byKey.get(b)!.publishedAt && id(a) < id(b));
      const stories = new Map<number, typeof rows>();
      for (const r of rows) stories.set(r.story_id, [...(stories.get(r.story_id) ?? []), r]);
      const shown: string[] = [];
      for (const members of stories.values()) {
        if (members.some((m) => excludes(byKey.get(m.key)!))) continue;
        const ok = members.filter((m) => matches(byKey.get(m.key)!)).map((m) => m.key);
        if (!ok.length) continue;
        const rep = ok.find((k) => id(k) === members[0]!.rep);
        shown.push(rep ?? ok.reduce((a, b) => (older(a, b) ? a : b)));
      }
      return shown.sort((a, b) => (older(a, b) ? 1 : -1));
    }

    const has = (e: SeedEntry, value: string) => !!e.tags?.some((t) => t.value === value);
    const cases: {
      name: string;
      filter: FeedFilter;
      matches: (e: SeedEntry) => boolean;
      excludes?: (e: SeedEntry) => boolean;
    }[] = [
      { name: 'all', filter: {}, matches: () => true },
      { name: 'PE', filter: { require: [{ countries: ['PE'] }] }, matches: (e) => has(e, 'PE') },
      {
        name: '(PE or BO) and strikes',
        filter: { require: [{ countries: ['PE', 'BO'] }, { topics: ['strikes'] }] },
        matches: (e) => (has(e, 'PE') || has(e, 'BO')) && has(e, 'strikes'),
      },
      {
        name: 'wire or lared',
        filter: { require: [{ sources: ['wire', 'lared'] }] },
        matches: (e) => e.sourceId === 'wire' || e.sourceId === 'lared',
      },
      {
        name: 'PE without strikes',
        filter: { require: [{ countries: ['PE'] }], exclude: { topics: ['strikes'] } },
        matches: (e) => has(e, 'PE'),
        excludes: (e) => has(e, 'strikes'),
      },
    ];

    it.each(cases)(
      '$name: every page in date order, each story once, none missing',
      async ({ filter, matches, excludes }) => {
        const want = expected(matches, excludes);
        expect(want.length).toBeGreaterThan(3);
        for (const limit of [1, 2, 3, 7, 50]) {
          const keys: string[] = [];
          const dates: number[] = [];
          let before;
          for (let n = 0; n < 200; n++) {
            const page = await reader.page(filter, { limit, before, shownEntry });
            keys.push(...page.items.map((i) => i.entry.key));
            dates.push(...page.items.map((i) => Date.parse(i.entry.publishedAt)));
            if (!page.next) break;
            before = page.next;
          }
          expect(keys, `limit ${limit}`).toEqual(want);
          expect(nonIncreasing(dates)).toBe(true);
        }
      },
    );
  });
