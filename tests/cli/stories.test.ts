// `wireroom stories show|merge|split`, run in-process through main() against a real SQLite file, with entries
// fetched from a loopback fixture server; editors' merges and splits must survive later fetches. The same tests on a
// real PostgreSQL (every command here runs on it), `--db` naming a fresh database there.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStores } from '../helpers/cycle-on-store.ts';
import { cli, fixtureServer, rss, tempDir, writeConfig, type Handler } from '../helpers/env.ts';

const FIRES =
  'Forest fires raging in central and southern Chile have killed at least 23 people and burned more than ' +
  '270,000 hectares, authorities said on Sunday, as President Gabriel Boric extended a state of catastrophe to the ' +
  'Araucanía region.';
const PENSION =
  'The congress in Bogota approved a sweeping pension reform late on Sunday after weeks of street protests by ' +
  'unions, teachers and retired workers across the country.';
const ZEBRA =
  'Several zebras escaped from the Lima zoo on Monday morning, running along the Costa Verde highway before keepers ' +
  'and police recaptured all of them by noon without injuries.';
const DATE = 'Sun, 05 Feb 2023 12:00:00 GMT';

type Item = Parameters<typeof rss>[0][number];
const FIRES_TITLE = 'Chile forest fires kill 23 as state of catastrophe expanded';
const wire: Item[] = [
  { guid: 'w1', title: FIRES_TITLE, link: 'https://wire.test/fires', description: FIRES, pubDate: DATE },
  {
    guid: 'w2',
    title: 'Colombia congress passes pension reform',
    link: 'https://wire.test/pension',
    description: PENSION,
    pubDate: DATE,
  },
];
const paperFires: Item = {
  guid: 'p1',
  title: 'Chile wildfires: 23 dead, Boric widens state of catastrophe',
  link: 'https://paper.test/chile-wildfires',
  description: FIRES.split(', as')[0] + '.',
  pubDate: 'Sun, 05 Feb 2023 12:30:00 GMT',
};
const paperZebra: Item = {
  guid: 'p2',
  title: 'Zebras escape Lima zoo',
  link: 'https://paper.test/zebras',
  description: ZEBRA,
  pubDate: DATE,
};

interface ItemJson {
  id: number;
  sourceId: string;
  guid?: string;
  storyId?: number;
}

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`wireroom stories show, merge and split on ${arm.kind}${arm.skip}`, () => {
    const tmp = tempDir();
    let db = path.join(tmp.dir, 'db', 'wireroom.sqlite');
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let configDir: string;
    const feeds: Record<string, Item[]> = { wire, paper: [paperFires, paperZebra], agg: [] };
    const run = (...args: string[]) => cli(['--config', configDir, '--db', db, ...args]);
    const items = async (): Promise<Record<string, ItemJson>> => {
      const r = await run('items', '--json');
      expect(r.code).toBe(0);
      return Object.fromEntries((JSON.parse(r.out) as ItemJson[]).map((e) => [e.guid ?? String(e.id), e]));
    };
    // One source at a time, in a fixed order, so which entry founds a story does not depend on network timing.
    const fetchAll = async () => {
      for (const id of ['wire', 'paper', 'agg']) {
        const r = await run('fetch', '--json', '--source', id);
        expect(r.code).toBe(0);
        const report = JSON.parse(r.out) as { sources: { id: string; status: string }[] };
        expect(report.sources.map((x) => [x.id, x.status])).toEqual([[id, 'ok']]);
      }
    };

    beforeAll(async () => {
      // Each request serves the feed as it is now: a test edits `feeds` to play a later fetch.
      const serve =
        (id: string): Handler =>
        (_q, res) =>
          void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(rss(feeds[id] ?? []));
      srv = await fixtureServer({ '/wire.xml': serve('wire'), '/paper.xml': serve('paper'), '/agg.xml': serve('agg') });
      const list = ['wire', 'paper', 'agg']
        .map((id) => `  - { id: ${id}, url: "${srv.url(`/${id}.xml`)}" }`)
        .join('\n');
      configDir = writeConfig(tmp.dir, { sources: `sources:\n${list}\n` });
      if (arm.kind === 'postgres') db = await arm.database(tmp.dir, 'stories');
      await fetchAll();
    });
    afterAll(async () => {
      await arm.close();
      await srv?.close();
      tmp.cleanup();
    });

    it('show lists the story members and why each joined', async () => {
      const e = await items();
      const [w1, p1] = [e.w1, e.p1];
      if (!w1 || !p1) throw new Error('fixture entries missing');
      expect(p1.storyId).toBe(w1.storyId);
      const r = await run('stories', 'show', String(p1.id));
      expect(r.code).toBe(0);
      const lines = r.out.split('\n');
      expect(lines[0]).toMatch(/^story [0-9a-f]{24} \(2 entries\), representative: entry \d+$/);
      const why = `^entry ${p1.id}: near duplicate of entry ${w1.id} \\(similarity 0\\.\\d\\d\\)$`;
      expect(lines[1]).toMatch(new RegExp(why));
      expect(r.out).toContain(`${w1.id} [wire] 2023-02-05T12:00:00.000Z ${FIRES_TITLE} — founded the story`);
      expect(r.out).toContain(`${p1.id} [paper]`);
      expect(r.out).not.toContain('Zebras');
      // The zebra entry is alone in its story.
      const z = await run('stories', 'show', String(e.p2?.id));
      expect(z.out.split('\n')[0]).toMatch(/\(1 entry\)/);
    });

    it('refuses unknown entries and merging an entry with itself', async () => {
      const missing = await run('stories', 'show', '999999');
      expect(missing.code).toBe(2);
      expect(missing.err).toMatch(/no entry #999999/);
      const e = await items();
      const self = await run('stories', 'merge', String(e.w2?.id), String(e.w2?.id));
      expect(self.code).toBe(2);
      expect(self.err).toMatch(/two different entries/);
    });

    it('merge puts two unrelated entries in one story, and a re-fetch of an edited entry keeps it there', async () => {
      const before = await items();
      const [w2, p2] = [before.w2, before.p2];
      if (!w2 || !p2) throw new Error('fixture entries missing');
      expect(p2.storyId).not.toBe(w2.storyId);
      const r = await run('stories', 'merge', String(w2.id), String(p2.id));
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/\(2 entries\)/);
      expect(r.out).toContain(`editor merged entry ${p2.id} with entry ${w2.id}`);
      expect((await items()).p2?.storyId).toBe(w2.storyId);

      // The paper reuses the zebra item for a fires update (new text and link, same guid): re-ingested, the entry now
      // reads like the fires story, yet stays where the editor put it.
      const reused = { ...paperZebra, title: FIRES_TITLE, link: 'https://paper.test/fires-update', description: FIRES };
      feeds.paper = [paperFires, reused];
      await fetchAll();
      const after = await items();
      expect(after.p2?.id).toBe(p2.id);
      expect(after.p2?.storyId).toBe(w2.storyId);
      expect(after.p2?.storyId).not.toBe(after.w1?.storyId);
      expect((await run('stories', 'show', String(p2.id))).out).toMatch(/editor merged/);
    });

    it('split takes an entry out, and it stays out when it is edited and when a copy matching both arrives', async () => {
      const before = await items();
      const [w1, p1] = [before.w1, before.p1];
      if (!w1 || !p1) throw new Error('fixture entries missing');
      const r = await run('stories', 'split', String(p1.id));
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^story [0-9a-f]{24} \(1 entry\)/);
      expect(r.out).toMatch(new RegExp(`editor split entry ${p1.id} out of story #${w1.storyId}`));
      const split = (await items()).p1?.storyId;
      expect(split).not.toBe(w1.storyId);

      // An edit of the split entry, and another outlet's copy that matches both the wire story and the split entry.
      feeds.paper = [{ ...paperFires, description: `${paperFires.description} Updated.` }, paperZebra];
      const copy = { ...paperFires, guid: 'a1', link: 'https://agg.test/fires' };
      feeds.agg = [copy];
      await fetchAll();
      const after = await items();
      expect(after.p1?.storyId).toBe(split);
      expect(after.w1?.storyId).toBe(w1.storyId);
      expect([split, w1.storyId]).toContain(after.a1?.storyId);
      expect((await run('stories', 'show', String(p1.id))).out).toMatch(/it will not rejoin it/);
    });
  });
