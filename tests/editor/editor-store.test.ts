// The EditorStore on both databases (issue #15): one SQLite fixture filled by `wireroom fetch` from feed files (a
// few sources reporting the same stories, a source that keeps failing), with tag overrides and jobs added through the
// store, is copied into a fresh database on a real PostgreSQL server (tests/helpers/postgres.ts). Every read the
// console and the API make answers the same on both, paged reads walked page by page with small limits; the
// editorial changes (tag corrections, merges, splits, their errors) give the same results and audit rows on both.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import { sqliteEditorStore, tagChange, type EditorStore } from '../../src/editor/index.ts';
import { pgEditorStore } from '../../src/editor/editor-store-pg.ts';
import { shownEntry } from '../../src/publish/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import type { FeedCursor, FeedFilter } from '../../src/store/feeds.ts';
import { copySqliteToPg, openPgStore, type PgStore } from '../../src/store/pg/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import { cli, rss } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { configCopy } from './fixture.ts';

const AT = (h: number, m = 0) => `Mon, 06 Feb 2023 ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00 GMT`;

/** Three wires on the same news (shared links make stories of several members), with datelines only some days. */
const FEEDS: Record<string, Parameters<typeof rss>[0]> = {
  alpha: [
    {
      guid: 'a1',
      title: 'Dock workers strike in Lima, Peru over pay',
      link: 'https://news.test/strike',
      description: 'Dock workers in Peru walked out on Monday over pay.',
      pubDate: AT(9),
    },
    {
      guid: 'a2',
      title: 'Forest fires in southern Chile kill 23',
      link: 'https://news.test/fires',
      description: 'Forest fires raging in southern Chile have killed at least 23 people, authorities said.',
      pubDate: AT(10),
    },
    {
      guid: 'a3',
      title: 'Port reopens after talks',
      link: 'https://news.test/port',
      description: 'LIMA (Reuters) - The port reopened on Monday after overnight talks.',
      pubDate: AT(11),
    },
    {
      guid: 'a4',
      title: 'Markets steady as traders wait',
      link: 'https://news.test/markets',
      description: 'SANTIAGO (Reuters) - Stocks were little changed in early trade.',
      pubDate: AT(12),
    },
  ],
  bravo: [
    {
      guid: 'b1',
      title: 'Peru dock strike halts exports',
      link: 'https://news.test/strike',
      description: 'A strike by dock workers in Peru halted exports.',
      pubDate: AT(9, 30),
    },
    {
      guid: 'b2',
      title: 'Chile wildfires: death toll rises to 23',
      link: 'https://news.test/fires',
      description: 'The death toll from wildfires in Chile rose to 23.',
      pubDate: AT(10, 30),
    },
    {
      guid: 'b3',
      title: 'Floods hit Dhaka as monsoon rains intensify',
      link: 'https://news.test/floods',
      description: 'DHAKA (AP) - Heavy rains flooded streets.',
      pubDate: AT(13),
    },
  ],
  charlie: [
    {
      guid: 'c1',
      title: 'Strike at Peruvian ports enters second day',
      link: 'https://news.test/strike',
      description: 'The strike at Peruvian ports entered its second day.',
      pubDate: AT(14),
    },
    {
      guid: 'c2',
      title: 'Teachers strike in Santiago, Chile',
      link: 'https://news.test/teachers',
      description: 'Teachers in Chile went on strike.',
      pubDate: AT(15),
    },
    {
      guid: 'c3',
      title: 'Talks resume in the capital',
      link: 'https://news.test/talks',
      description: 'BOGOTA (Reuters) - Talks resumed on Tuesday.',
      pubDate: AT(16),
    },
  ],
};

const SOURCES =
  'sources:\n' +
  Object.keys(FEEDS)
    .map((id) => `  - id: ${id}\n    url: file:${id}.rss\n    title: ${id}\n`)
    .join('') +
  '  - id: broken\n    url: file:missing.rss\n';

const MONSOON = '  - slug: monsoon\n    label: Monsoon\n    keywords:\n      en: ["monsoon*"]\n';

const editor: Actor = { name: 'alice', origin: 'console', address: '192.0.2.7' };
const NOW = new Date('2024-05-01T12:00:00.000Z');

/** Every page of a keyset-paged read, from the first on, until it says there is no next. */
async function walk<C, P extends { next?: C }>(page: (after: C | undefined) => Promise<P>): Promise<P[]> {
  const pages: P[] = [];
  let after: C | undefined;
  for (;;) {
    const p = await page(after);
    pages.push(p);
    if (p.next === undefined || pages.length > 200) return pages;
    after = p.next;
  }
}

describe.skipIf(postgresMissing)(`the EditorStore answers the same on SQLite and PostgreSQL${needsPostgres}`, () => {
  const cfg = configCopy();
  const dbFile = path.join(cfg.root, 'db', 'wireroom.sqlite');
  let server: TestPostgres;
  let store: Store;
  let pg: PgStore;
  let sources: SourceConfig[];
  /** [SQLite, PostgreSQL] */
  let stores: [EditorStore, EditorStore];
  let entryIds: number[];

  /** Runs a read on both stores and expects the same answer; returns SQLite's. */
  async function same<T>(read: (s: EditorStore) => Promise<T>, what: string): Promise<T> {
    const [a, b] = await Promise.all(stores.map(read));
    expect(b, what).toStrictEqual(a);
    return a as T;
  }

  /** The same error (class and message) on both stores. */
  async function sameError(change: (s: EditorStore) => Promise<unknown>, expected: RegExp): Promise<void> {
    const errors = await Promise.all(
      stores.map((s) =>
        change(s).then(
          () => undefined,
          (e: Error) => e,
        ),
      ),
    );
    for (const e of errors) expect(e?.message).toMatch(expected);
    expect(errors[1]?.name).toBe(errors[0]?.name);
    expect(errors[1]?.message).toBe(errors[0]?.message);
  }

  beforeAll(async () => {
    for (const [id, items] of Object.entries(FEEDS)) writeFileSync(cfg.file(`${id}.rss`), rss(items));
    writeFileSync(cfg.file('sources.yaml'), SOURCES);
    // Twice: the broken source's failures make a streak, the others are unchanged the second time.
    for (let i = 0; i < 2; i++) {
      const r = await cli(['--config', cfg.dir, '--db', dbFile, 'fetch']);
      expect(r.code, r.err).toBe(0);
    }
    store = openStore(dbFile);
    sources = loadConfig(cfg.dir).sources;
    entryIds = store.entries.list({}).map((e) => e.id);
    // Editors' overrides (one decides an uncertain country, so the review queue passes it over) and jobs.
    const [first, second] = entryIds;
    store.tags.setOverride(first!, 'topic', 'elections', 'add', '2024-01-01T00:00:00.000Z');
    for (const e of store.entries.list({})) {
      const uncertain = store.tags.list(e.id).find((t) => t.kind === 'country' && t.score < 4);
      if (uncertain) {
        store.tags.setOverride(e.id, 'country', uncertain.value, 'add', '2024-01-02T00:00:00.000Z');
        break;
      }
    }
    store.tags.setOverride(second!, 'country', 'PE', 'remove', '2024-01-03T00:00:00.000Z');
    const job = (kind: 'fetch' | 'retag' | 'export', i: number) =>
      store.jobs.add({ kind, params: { n: i }, createdBy: 'alice', origin: 'console', at: `2024-02-0${i}T00:00:00Z` });
    const done = job('fetch', 1);
    store.jobs.start(done.id, '2024-02-01T00:00:01Z', 3);
    store.jobs.progress(done.id, 2, 3, 'half way\nthere');
    store.jobs.finish(done.id, { state: 'done', at: '2024-02-01T00:01:00Z', progress: 3, result: { fetched: 3 } });
    const failed = job('retag', 2);
    store.jobs.start(failed.id, '2024-02-02T00:00:01Z', null);
    store.jobs.finish(failed.id, { state: 'failed', at: '2024-02-02T00:00:02Z', message: 'boom' });
    job('export', 3);
    job('fetch', 4);

    server = await startPostgres();
    const url = await server.createDatabase('editor_store');
    const report = await copySqliteToPg(dbFile, url);
    expect(report.ok).toBe(true);
    pg = await openPgStore(url, { max: 4 });
    stores = [sqliteEditorStore(store), pgEditorStore(pg)];
  });

  afterAll(async () => {
    await pg?.close();
    store?.close();
    server?.stop();
    cfg.cleanup();
  });

  it('the fixture has what the reads are about: stories of several members, uncertain countries, failures', async () => {
    expect(stores.map((s) => s.kind)).toEqual(['sqlite', 'postgres']);
    expect(stores.map((s) => s.readonly)).toEqual([false, false]);
    expect(entryIds.length).toBe(10);
    const recent = await stores[0].stories.recent({ limit: 50, minMembers: 2 });
    expect(recent.stories.map((s) => s.members).sort()).toEqual([2, 3]);
    expect((await stores[0].feeds.reviewPage({ limit: 50 })).entries.length).toBeGreaterThan(1);
    expect(await stores[0].sources.failingSince('broken')).toMatch(/^\d{4}-/);
    expect((await stores[0].fetchLog.recent('broken')).map((r) => r.status)).toEqual(['error', 'error']);
  });

  /** Every read of the interface, compared; paged reads walked with small pages. */
  async function everyRead(): Promise<void> {
    const ids = [...entryIds, 999_999];
    for (const id of ids) {
      await same((s) => s.entries.get(id), `entries.get(${id})`);
      await same((s) => s.tags.list(id), `tags.list(${id})`);
      await same((s) => s.tags.overrides(id), `tags.overrides(${id})`);
      await same((s) => s.explainStory(id), `explainStory(${id})`);
    }
    await same(async (s) => [...(await s.entries.countsBySource())], 'entries.countsBySource');
    const listed = await same((s) => s.sources.list(), 'sources.list');
    await same((s) => s.sources.infos(), 'sources.infos');
    for (const id of [...listed.map((l) => l.id), 'nobody']) {
      await same((s) => s.sources.get(id), `sources.get(${id})`);
      await same((s) => s.sources.failingSince(id), `sources.failingSince(${id})`);
      await same((s) => s.sources.entryCount(id), `sources.entryCount(${id})`);
      await same((s) => s.fetchLog.recent(id), `fetchLog.recent(${id})`);
      await same((s) => s.fetchLog.recent(id, 1), `fetchLog.recent(${id}, 1)`);
    }
    const storyIds = new Set<number>();
    for (const id of entryIds) {
      const e = await stores[0].entries.get(id);
      if (e?.storyId !== undefined) storyIds.add(e.storyId);
    }
    expect(storyIds.size).toBeGreaterThan(3);
    for (const id of [...storyIds, 999_999]) {
      await same((s) => s.stories.story(id), `stories.story(${id})`);
      await same((s) => s.stories.members(id), `stories.members(${id})`);
    }
    for (const minMembers of [undefined, 2, 3])
      for (const limit of [1, 2, 50]) {
        const pages = await same(
          (s) => walk((before?: FeedCursor) => s.stories.recent({ limit, before, minMembers })),
          `stories.recent(${limit}, ${minMembers})`,
        );
        if (minMembers === undefined) expect(pages.flatMap((p) => p.stories).length).toBeGreaterThan(3);
      }
    const filters: [string, FeedFilter][] = [
      ['everything', {}],
      ['Peru or Chile', { require: [{ countries: ['PE', 'CL'] }] }],
      ['a strike', { q: ['strike'] }],
      ['a topic, not alpha', { require: [{ topics: ['strikes'] }], exclude: { sources: ['alpha'] } }],
      ['bravo', { require: [{ sources: ['bravo'] }] }],
    ];
    for (const [name, filter] of filters) {
      for (const limit of [1, 3]) {
        const shown = await same(
          (s) => walk((before?: FeedCursor) => s.feeds.page(filter, { limit, before, shownEntry })),
          `feeds.page(${name}, ${limit})`,
        );
        expect(shown.flatMap((p) => p.items).length).toBeGreaterThan(0);
        for (const range of [{}, { since: '2023-02-06T10:00:00.000Z', until: '2023-02-06T14:30:00.000Z' }]) {
          const pages = await same(
            (s) => walk((before?: FeedCursor) => s.feeds.entryPage(filter, { limit, before, ...range })),
            `feeds.entryPage(${name}, ${limit}, ${JSON.stringify(range)})`,
          );
          expect(pages.flatMap((p) => p.entries).length).toBeGreaterThan(0);
        }
      }
    }
    for (const country of [undefined, 'PE', 'CL', 'XX'])
      for (const limit of [1, 2, 50])
        await same(
          (s) => walk((before?: FeedCursor) => s.feeds.reviewPage({ limit, before, country })),
          `feeds.reviewPage(${country}, ${limit})`,
        );
    for (const q of [{}, { limit: 2 }, { kind: 'fetch' as const }, { state: 'queued' as const, limit: 1 }])
      await same((s) => s.jobs.list(q), `jobs.list(${JSON.stringify(q)})`);
    for (const id of [1, 2, 3, 4, 99]) await same((s) => s.jobs.get(id), `jobs.get(${id})`);
    const listedRows = sources.map((s) => ({ id: s.id, url: s.url, title: s.title, enabled: s.enabled }));
    for (const sort of ['id', 'status', 'last_success', 'failures', 'entries'] as const)
      for (const desc of [false, true])
        await same(
          (s) =>
            walk((after?: { value: string | number; id: string }) =>
              s.sourcesDashboard('v1', listedRows, { sort, desc, after, limit: 2 }),
            ),
          `sourcesDashboard(${sort}, ${desc})`,
        );
    for (const q of [{ health: 'failing' as const }, { health: 'ok' as const }, { text: 'RAV' }, { text: '%' }])
      await same(
        (s) => s.sourcesDashboard('v1', listedRows, { sort: 'id', desc: false, limit: 2, ...q }),
        `sourcesDashboard(${JSON.stringify(q)})`,
      );
    await same((s) => s.rulesDiff(cfg.dir), 'rulesDiff');
    await same((s) => s.rulesDiff(cfg.dir, undefined, { limit: 3 }), 'rulesDiff(limit 3)');
    // A candidate topics.yaml not saved yet: a new topic the floods entry would gain.
    const topics = readFileSync(cfg.file('topics.yaml'), 'utf8').replace(/^topics:\n/m, `topics:\n${MONSOON}`);
    const diff = await same((s) => s.rulesDiff(cfg.dir, { topics }), 'rulesDiff(candidate)');
    expect(diff.changed.map((d) => d.gained.map((t) => t.value))).toContainEqual(['monsoon']);
    await same((s) => s.accounts.audit.recent({ limit: 50 }), 'audit.recent');
  }

  it('every read answers the same records, in the same order and pages', async () => {
    await everyRead();
  });

  it('tag corrections, merges and splits give the same results, errors and audit rows on both', async () => {
    const versions = await Promise.all(stores.map((s) => s.feeds.dataVersion()));
    const [strike] = (await stores[0].stories.recent({ limit: 1, minMembers: 3 })).stories;
    const member = strike!.representativeEntryId!;
    const knownTopics = new Set(['strikes']);
    const corrected = await same(
      (s) =>
        s.correctTag(
          editor,
          member,
          [
            tagChange('add', 'topic', 'harbours'),
            tagChange('remove', 'country', 'PE'),
            tagChange('add', 'topic', 'strikes'),
          ],
          { knownTopics, now: NOW },
        ),
      'correctTag',
    );
    expect(corrected.entryIds).toHaveLength(3);
    expect(corrected.unknownTopics).toEqual(['harbours']);
    expect(corrected.after).toContain('topic:harbours');
    expect(corrected.after.some((t) => t.startsWith('country:PE'))).toBe(false);
    await sameError((s) => s.correctTag(editor, member, [], { now: NOW }), /^no tag change given$/);
    await sameError(
      (s) => s.correctTag(editor, 999_999, [tagChange('add', 'topic', 'x')], { now: NOW }),
      /^no entry #999999$/,
    );

    // Two single-entry stories merged (the later one goes), then an entry of the three-member story split out.
    // Not the newest story: SQLite's stories table (no AUTOINCREMENT) would give its id to the split's new story,
    // where PostgreSQL's identity moves on; story ids are internal (feeds and pages name stories by uid).
    const all = (await stores[0].stories.recent({ limit: 50 })).stories;
    const newest = Math.max(...all.map((s) => s.id));
    const singles = all.filter((s) => s.members === 1 && s.id !== newest).sort((a, b) => a.id - b.id);
    expect(singles.length).toBeGreaterThanOrEqual(2);
    const [one, two] = singles.map((s) => s.representativeEntryId!);
    const merged = await same((s) => s.mergeStories(editor, one!, two!, sources, NOW), 'mergeStories');
    expect(merged.storyUid).toMatch(/^[0-9a-f]{24}$/);
    await sameError((s) => s.mergeStories(editor, one!, one!, sources, NOW), /^give two different entries/);
    await sameError((s) => s.mergeStories(editor, one!, 999_999, sources, NOW), /^no entry #999999$/);
    const split = await same((s) => s.splitStory(editor, member, sources, NOW), 'splitStory');
    expect(split.storyId).not.toBe(strike!.id);
    await sameError((s) => s.splitStory(editor, 999_999, sources, NOW), /^no entry #999999$/);

    await same(
      (s) =>
        s.auditFileEdit(
          editor,
          {
            action: 'sources.add',
            target: 'source:delta',
            before: undefined,
            after: { id: 'delta' },
            file: 'sources.yaml',
            version: 'v2',
          },
          NOW,
        ),
      'auditFileEdit',
    );
    const audit = await same((s) => s.accounts.audit.recent({ limit: 10 }), 'audit after the edits');
    expect(audit.map((a) => a.action)).toEqual(['sources.add', 'stories.split', 'stories.merge', 'tags.correct']);
    // What a feed shows changed, so the data version moved (each store counts its own way).
    const after = await Promise.all(stores.map((s) => s.feeds.dataVersion()));
    expect(after[0]).not.toBe(versions[0]);
    expect(after[1]).not.toBe(versions[1]);
    // And every read still agrees afterwards.
    await everyRead();
  });

  it('a store opened read-only says so', async () => {
    const url = server.url('editor_store');
    const reading = await openPgStore(url, { readOnly: true, max: 1 });
    try {
      expect(pgEditorStore(reading).readonly).toBe(true);
      expect(pgEditorStore(reading, { readonly: false }).readonly).toBe(false);
      expect((await pgEditorStore(reading).sources.list()).length).toBe(4);
    } finally {
      await reading.close();
    }
  });
});
