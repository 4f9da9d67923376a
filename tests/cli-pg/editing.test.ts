// The editing commands on both stores, with the same CLI assertions: `classify`, `rules test`, `retag`, `stories
// merge` and `stories split`, run in-process through main() against a real SQLite file and a real PostgreSQL
// (tests/helpers/postgres.ts), the entries stored by `wireroom fetch` from fixture feeds on 127.0.0.1. What each
// store holds afterwards (tags, overrides, story decisions, audit rows) is compared between the two at the end.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore } from '../../src/store/pg/index.ts';
import { cli, fixtureServer, REPO_ROOT, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const MAIN =
  'schedule:\n  run_on_start: false\ningest:\n  threads: 0\n' +
  'fetch:\n  timeout_seconds: 2\n  connect_timeout_seconds: 1\n  allow_private: ["127.0.0.1"]\n';

/** Runs one read-only query on the store a test ran on; SQLite placeholders (?) become $1.. on PostgreSQL. */
type Rows = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;

const tmp = tempDir('wireroom-cli-edit-');
let server: TestPostgres | undefined;
let databases = 0;

async function sqliteTarget(dir: string): Promise<{ setting: string; rows: Rows }> {
  const file = path.join(dir, 'db', 'wireroom.sqlite');
  return {
    setting: file,
    async rows(sql, ...params) {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(sql).all(...params) as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
  };
}

async function postgresTarget(): Promise<{ setting: string; rows: Rows }> {
  server ??= await startPostgres();
  const url = await server.createDatabase(`edit${++databases}`);
  return {
    setting: url,
    async rows(sql, ...params) {
      const pg = await openPgStore(url, { max: 1 });
      let i = 0;
      try {
        return (
          await pg.db.query(
            sql.replace(/\?/g, () => `$${++i}`),
            params,
          )
        ).rows;
      } finally {
        await pg.close();
      }
    },
  };
}

const STORES = [
  { name: 'SQLite', missing: undefined, target: sqliteTarget },
  { name: `PostgreSQL${needsPostgres}`, missing: postgresMissing, target: postgresTarget },
];

afterAll(() => {
  server?.stop();
  tmp.cleanup();
});

const STRIKE = 'Dock workers strike in Lima, Peru over pay';
const FLOODS = 'Floods hit Dhaka as monsoon rains intensify';
const TEACHERS = 'Teachers strike in Santiago, Chile';

/** A topic the stored tags do not have yet: added to topics.yaml after the fetch. */
const MONSOON = '  - slug: monsoon\n    label: Monsoon\n    keywords:\n      en: ["monsoon*"]\n';

/** What each store printed and held, compared between the stores at the end. */
const seen = new Map<string, Record<string, unknown>>();

/** Dates and the split's fresh story uid (made from the time) differ between two runs; the rest may not. */
const timeless = (s: string) =>
  s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>').replace(/story [0-9a-f]{24}/g, 'story <uid>');

/** Runs classify with `input` as standard input. */
async function classify(configDir: string, input: string, ...args: string[]) {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(input)]), configurable: true });
  try {
    return await cli(['--config', configDir, 'classify', ...args]);
  } finally {
    Object.defineProperty(process, 'stdin', original);
  }
}

for (const store of STORES) {
  describe.skipIf(store.missing)(`the editing commands on ${store.name}`, () => {
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let rows: Rows;
    let configDir = '';
    const ids: Record<string, number> = {};
    const root = path.join(tmp.dir, store.name.split(' ')[0]!);
    const record: Record<string, unknown> = {};
    let summary = 'A summary.';

    beforeAll(async () => {
      srv = await fixtureServer({
        '/a.xml': (_q, res) =>
          void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(
            rss([
              { guid: 'a1', title: STRIKE, link: 'https://example.org/a1', pubDate: 'Tue, 03 Jan 2023 10:00:00 GMT' },
              {
                guid: 'a2',
                title: FLOODS,
                link: 'https://example.org/a2',
                description: summary,
                pubDate: 'Tue, 03 Jan 2023 10:30:00 GMT',
              },
              { guid: 'a3', title: TEACHERS, link: 'https://example.org/a3', pubDate: 'Tue, 03 Jan 2023 11:00:00 GMT' },
            ]),
          ),
      });
      const target = await store.target(root);
      rows = target.rows;
      configDir = writeConfig(root, {
        main: `${MAIN}database: ${target.setting}\n`,
        sources: `sources:\n  - id: a\n    url: ${srv.url('/a.xml')}\n`,
      });
      // The taxonomy as of now, in the project's folder: the fetch and the commands read the same files.
      for (const f of ['topics.yaml', 'countries.yaml'])
        copyFileSync(path.join(REPO_ROOT, 'config', f), path.join(configDir, f));
      const r = await cli(['--config', configDir, 'fetch']);
      expect(r.code, r.err).toBe(0);
      for (const e of await rows('SELECT id, title FROM entries ORDER BY id')) ids[String(e.title)] = Number(e.id);
      expect(Object.keys(ids).sort()).toEqual([STRIKE, FLOODS, TEACHERS].sort());
    });
    afterAll(() => {
      srv?.close();
      seen.set(store.name, record);
    });

    it('classify tags JSON lines from standard input without the store; a bad line is reported, exit 1', async () => {
      const input = [JSON.stringify({ title: STRIKE }), 'not json', JSON.stringify({ title: FLOODS })].join('\n');
      const r = await classify(configDir, input + '\n');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^stdin:2: not JSON: /);
      const lines = r.out.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^PE \\| .* \\| .*strikes.*  ${STRIKE}$`));
      const json = await classify(configDir, JSON.stringify({ title: STRIKE }) + '\n', '--json');
      expect(json.code, json.err).toBe(0);
      expect(JSON.parse(json.out)).toMatchObject({ countries: [{ code: 'PE', role: 'focus' }] });
      record.classify = [r.out, json.out];
    });

    it('rules test shows what a new topic would tag, writing nothing; --limit checks the newest only', async () => {
      // An editor's override first: retag must keep it.
      const tag = await cli(['--config', configDir, 'tag', String(ids[STRIKE]), '-topic:strikes']);
      expect(tag.code, tag.err).toBe(0);
      const none = await cli(['--config', configDir, 'rules', 'test']);
      expect(none.code, none.err).toBe(0);
      expect(none.out).toBe('0 of 3 entries would change');
      const topics = path.join(configDir, 'topics.yaml');
      writeFileSync(topics, readFileSync(topics, 'utf8').replace(/^topics:\n/m, `topics:\n${MONSOON}`));
      const r = await cli(['--config', configDir, 'rules', 'test']);
      expect(r.code, r.err).toBe(0);
      expect(r.out.split('\n')).toEqual([`#${ids[FLOODS]} +topic:monsoon  ${FLOODS}`, '1 of 3 entries would change']);
      const newest = await cli(['--config', configDir, 'rules', 'test', '--limit', '1']);
      expect(newest.out).toBe('0 of 1 entries would change');
      const since = await cli(['--config', configDir, 'rules', 'test', '--since', '2023-01-03T10:15:00Z']);
      expect(since.out.split('\n').at(-1)).toBe('1 of 2 entries would change');
      expect(await rows("SELECT entry_id FROM entry_tags WHERE value = 'monsoon'")).toEqual([]);
      record.rulesTest = r.out;
    });

    it('retag applies the taxonomy to the entries an edit can change, keeps overrides, and prints its summary', async () => {
      const r = await cli(['--config', configDir, 'retag', '--batch', '2']);
      expect(r.code, r.err).toBe(0);
      // Only the entries the edit can change are tagged again (retag-scope.test.ts).
      expect(r.out).toMatch(/^retagged 1 of 3 entries in \d+\.\d s: those topics monsoon can change/);
      expect(await rows("SELECT entry_id, kind FROM entry_tags WHERE value = 'monsoon'")).toEqual([
        { entry_id: ids[FLOODS], kind: 'topic' },
      ]);
      // The override stays on top: the strike entry is still without the topic the editor removed.
      const x = await cli(['--config', configDir, 'explain', String(ids[STRIKE])]);
      expect(x.out).not.toMatch(/^topic\s+strikes\s/m);
      expect(x.out).toMatch(/\nmanual overrides \(kept on retag\):\n {2}-topic:strikes {2}\(\S+\)/);
      const after = await cli(['--config', configDir, 'rules', 'test']);
      expect(after.out).toBe('0 of 3 entries would change');
      const since = await cli(['--config', configDir, 'retag', '--since', '2023-01-03T10:45:00Z']);
      expect(since.out).toMatch(/^nothing to retag: /);
      record.tags = await rows('SELECT entry_id, tags FROM entry_tag_sets ORDER BY entry_id');
      record.tagRows = await rows(
        'SELECT kind, value, published_at, entry_id, score, role FROM entry_tags ORDER BY entry_id, kind, value',
      );
    });

    it('stories merge puts two stories together, pins both, and is in the audit log', async () => {
      const [a, b] = [ids[STRIKE]!, ids[FLOODS]!];
      const before = await rows('SELECT id, story_id FROM entries ORDER BY id');
      expect(new Set(before.map((e) => e.story_id)).size).toBe(3);
      // The story made first survives: the other's members move over, pinned, matched to the survivor's entry.
      const storyOf = (id: number) => Number(before.find((e) => e.id === id)?.story_id);
      const [kept, moved] = storyOf(a) < storyOf(b) ? [a, b] : [b, a];
      const r = await cli(['--config', configDir, 'stories', 'merge', String(a), String(b)]);
      expect(r.code, r.err).toBe(0);
      const lines = r.out.split('\n');
      // The representative is the earliest published.
      expect(lines[0]).toMatch(new RegExp(`^story [0-9a-f]{24} \\(2 entries\\), representative: entry ${a}$`));
      expect(lines[1]).toBe(
        a === kept ? `entry ${a}: editor decision` : `entry ${a}: editor merged it with entry ${b}`,
      );
      expect(r.out).toMatch(new RegExp(`\n {2}. ${moved} \\[a\\] \\S+ .* — editor merged it with entry ${kept}\n`));
      expect(r.out).toMatch(new RegExp(`\n {2}editor merged entry ${b} with entry ${a} at \\S+$`));
      const stories = await rows('SELECT id, story_id, story_method FROM entries WHERE id IN (?, ?) ORDER BY id', a, b);
      expect(stories.map((s) => s.story_method)).toEqual(['editor', 'editor']);
      expect(stories[0]?.story_id).toBe(stories[1]?.story_id);
      expect(await rows('SELECT count(*) AS n FROM stories')).toEqual([{ n: 2 }]);
      // A later fetch that edits the pinned entry leaves it where the editor put it.
      summary = 'A longer summary: the rains go on.';
      const again = await cli(['--config', configDir, 'fetch']);
      expect(again.code, again.err).toBe(0);
      expect(again.out.split('\n').at(-1)).toMatch(/^1 sources, 0 new entries, 0 failed/);
      expect(await rows('SELECT story_id, story_method FROM entries WHERE id = ?', b)).toEqual([
        { story_id: stories[1]?.story_id, story_method: 'editor' },
      ]);
      const same = await cli(['--config', configDir, 'stories', 'merge', String(a), String(a)]);
      expect(same.code).toBe(2);
      expect(same.err).toBe(`wireroom: stories merge: give two different entries (got #${a} twice)`);
      const unknown = await cli(['--config', configDir, 'stories', 'merge', String(a), '999999']);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toBe('wireroom: no entry #999999');
      record.merge = timeless(r.out);
    });

    it('stories split gives an entry its own story, recorded so it never rejoins, and is in the audit log', async () => {
      const [a, b] = [ids[STRIKE]!, ids[FLOODS]!];
      const [merged] = await rows('SELECT story_id FROM entries WHERE id = ?', b);
      const r = await cli(['--config', configDir, 'stories', 'split', String(b)]);
      expect(r.code, r.err).toBe(0);
      const lines = r.out.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^story [0-9a-f]{24} \\(1 entry\\), representative: entry ${b}$`));
      expect(lines[1]).toBe(`entry ${b}: editor decision`);
      expect(r.out).toContain(`editor split entry ${b} out of story #${merged?.story_id} at `);
      const [split] = await rows('SELECT story_id, story_method FROM entries WHERE id = ?', b);
      expect(split?.story_id).not.toBe(merged?.story_id);
      expect(await rows('SELECT story_id FROM entries WHERE id = ?', a)).toEqual([{ story_id: merged?.story_id }]);
      expect(await rows('SELECT count(*) AS n FROM stories')).toEqual([{ n: 3 }]);
      // Splitting an entry alone in its story keeps that story (and records the decision).
      const alone = await cli(['--config', configDir, 'stories', 'split', String(ids[TEACHERS])]);
      expect(alone.code, alone.err).toBe(0);
      expect(await rows('SELECT count(*) AS n FROM stories')).toEqual([{ n: 3 }]);
      const decisions = await rows('SELECT action, entry_id, other_entry_id FROM story_decisions ORDER BY id');
      expect(decisions.map((d) => [d.action, d.entry_id, d.other_entry_id])).toEqual([
        ['merge', b, a],
        ['split', b, null],
        ['split', ids[TEACHERS], null],
      ]);
      const audit = await rows('SELECT origin, action, target, before, after FROM audit_log ORDER BY id');
      expect(audit.map((x) => [x.origin, x.action, x.target])).toEqual([
        ['cli', 'tags.correct', `entry:${a}`],
        ['cli', 'stories.merge', `entry:${a}`],
        ['cli', 'stories.split', `entry:${b}`],
        ['cli', 'stories.split', `entry:${ids[TEACHERS]}`],
      ]);
      const mergeAudit = JSON.parse(String(audit[1]?.before)) as { stories: Record<string, string> };
      expect(Object.keys(mergeAudit.stories)).toEqual([String(a), String(b)].sort());
      // The split's new story has a uid made from the time, and its id is the next free one (SQLite reuses the id
      // of the story the merge dropped, a PostgreSQL sequence does not): compared by the entries in each story.
      const [fresh] = await rows('SELECT s.uid FROM stories s JOIN entries e ON e.story_id = s.id WHERE e.id = ?', b);
      const same = (x: unknown) => timeless(String(x).replaceAll(String(fresh?.uid), '<split uid>'));
      record.split = timeless(r.out);
      record.audit = audit.slice(1).map((x) => [x.action, same(x.before), same(x.after)]);
      record.stories = (
        await rows(
          `SELECT e.id, s.uid, e.story_method, e.story_match_entry_id FROM entries e JOIN stories s ON s.id = e.story_id
            ORDER BY e.id`,
        )
      ).map((e) => ({ ...e, uid: same(e.uid) }));
    });
  });
}

describe.skipIf(postgresMissing)(`both stores${needsPostgres}`, () => {
  it('printed the same and hold the same tags, stories, decisions and audit records', () => {
    const [sqlite, pg] = [seen.get('SQLite'), seen.get(STORES[1]!.name)];
    expect(sqlite && Object.keys(sqlite)).toEqual([
      'classify',
      'rulesTest',
      'tags',
      'tagRows',
      'merge',
      'split',
      'audit',
      'stories',
    ]);
    expect(pg).toEqual(sqlite);
  });
});
