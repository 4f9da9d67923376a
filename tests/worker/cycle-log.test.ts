// The worker's log: each cycle writes exactly one JSON line with its figures, and each failing source one line with
// its id and error class. First `wireroom run --no-server` as a real child process (its stderr, as an operator sees
// it), then cycles in process with pino writing into the test, for a 304 cycle and a source that hits a bug. The same
// tests on SQLite and on PostgreSQL (`wireroom run` runs a fleet worker there; in process, runFleetCycle:
// tests/helpers/cycle-on-store.ts).
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStores } from '../helpers/cycle-on-store.ts';
import { fixtureServer, rss, startServer, tempDir, writeConfig } from '../helpers/env.ts';
import { spawnWorker } from '../helpers/worker-process.ts';

/** A real child process on a shared machine: room beyond the default test timeout. */
const CHILD_TIMEOUT_MS = 120_000;

const ETAG = '"v1"';
const FEED = rss([
  { guid: 'a', title: 'Port strike in Callao', pubDate: new Date(Date.now() - 3_600_000).toUTCString() },
  { guid: 'b', title: 'Lima council votes budget', pubDate: new Date(Date.now() - 7_200_000).toUTCString() },
]);
const MAIN =
  'schedule:\n  cron: "0 0 1 1 *"\n  run_on_start: true\n' +
  'fetch:\n  timeout_seconds: 10\n  connect_timeout_seconds: 5\n  allow_private: ["127.0.0.1"]\n' +
  'ingest:\n  threads: 0\n';

interface LogLine {
  msg: string;
  level: number;
  [key: string]: unknown;
}

const parseLines = (text: string): LogLine[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LogLine);

const FIGURE_KEYS = [
  'sourcesDue',
  'sourcesFetched',
  'sourcesOk',
  'sourcesNotModified',
  'sourcesFailed',
  'entriesNew',
  'entriesUpdated',
  'storiesMade',
  'durationMs',
];

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`the worker log on ${arm.kind}${arm.skip}`, () => {
    let feeds: Awaited<ReturnType<typeof fixtureServer>>;
    let tmp: ReturnType<typeof tempDir>;
    let closedPort: number;

    beforeAll(async () => {
      feeds = await fixtureServer({
        '/ok.xml': (req, res) => {
          if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { ETag: ETAG }).end();
          res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: ETAG }).end(FEED);
        },
        '/missing.xml': (_q, res) => void res.writeHead(404).end('no such feed'),
        '/gone.xml': (_q, res) => void res.writeHead(410).end('removed'),
      });
      // A port that refuses connections: one that was just listening and is now closed.
      const closed = await startServer(() => undefined);
      closedPort = closed.port;
      await closed.close();
      tmp = tempDir('wireroom-cycle-log-');
    });
    afterAll(async () => {
      await arm.close();
      await feeds?.close();
      tmp?.cleanup();
    });

    const sources = (extra = '') =>
      'sources:\n' +
      ['ok', 'missing', 'gone'].map((id) => `  - id: ${id}\n    url: ${feeds.url(`/${id}.xml`)}\n`).join('') +
      `  - id: refused\n    url: http://127.0.0.1:${closedPort}/feed.xml\n` +
      extra;

    it(
      'wireroom run: one line for the cycle with its figures, one per failing source with id and error class',
      async () => {
        const root = path.join(tmp.dir, 'run');
        const database = await arm.database(root, 'run');
        const dir = writeConfig(root, { main: `${MAIN}database: ${database}\n`, sources: sources() });
        const worker = spawnWorker(dir, root);
        try {
          await worker.until(() => worker.stderr().includes('"msg":"cycle done"'), 'the first cycle');
        } finally {
          worker.kill('SIGTERM');
          await worker.exited;
        }
        expect(worker.exitCode()).toBe(0);
        const lines = parseLines(worker.stderr());

        const cycles = lines.filter((l) => l.msg === 'cycle done');
        expect(cycles).toHaveLength(1);
        const cycle = cycles[0] as LogLine;
        expect(cycle.level).toBe(30);
        expect(cycle).toMatchObject({
          sourcesDue: 4,
          sourcesFetched: 4,
          sourcesOk: 1,
          sourcesNotModified: 0,
          sourcesFailed: 3,
          entriesNew: 2,
          entriesUpdated: 0,
          storiesMade: 2,
        });
        for (const key of FIGURE_KEYS) expect(typeof cycle[key], key).toBe('number');
        expect(Number.isNaN(Date.parse(String(cycle.startedAt)))).toBe(false);

        const failed = lines.filter((l) => l.msg === 'source failed');
        expect(failed.map((l) => [l.source, l.errorClass]).sort()).toEqual([
          ['gone', 'gone'],
          ['missing', 'http'],
          ['refused', 'refused'],
        ]);
        for (const l of failed) expect(l.level).toBe(40);
        expect(failed.find((l) => l.source === 'missing')?.reason).toContain('HTTP 404');
        // Nothing else names a failing source: the cycle line carries figures, not a second list of failures.
        const naming = lines.filter((l) => JSON.stringify(l).includes('"missing"'));
        expect(naming).toHaveLength(1);
      },
      CHILD_TIMEOUT_MS,
    );

    it('in process: a 304 cycle counts as not modified; a bug in one source is its one line, with the stack', async () => {
      const root = path.join(tmp.dir, 'inprocess');
      writeConfig(root, {
        main: MAIN,
        sources: sources(`  - id: buggy\n    url: ${feeds.url('/ok.xml')}\n`),
      });
      const written: string[] = [];
      const log = pino({ level: 'info' }, { write: (s: string) => void written.push(s) });
      // A bug that shows only for one source's entries: the story step throws inside its transaction.
      const p = await arm.project(root, 'inprocess', {
        log,
        storyBug: { sourceId: 'buggy', message: 'story step exploded' },
      });
      await p.cycle();
      const firstCount = written.length;
      await p.cycle({ force: true });
      const first = parseLines(written.slice(0, firstCount).join(''));
      const second = parseLines(written.slice(firstCount).join(''));

      for (const lines of [first, second]) expect(lines.filter((l) => l.msg === 'cycle done')).toHaveLength(1);
      const bug = first.filter((l) => l.source === 'buggy');
      expect(bug).toHaveLength(1);
      expect(bug[0]).toMatchObject({ msg: 'source failed', errorClass: 'internal', level: 50 });
      expect(JSON.stringify(bug[0]?.err)).toContain('story step exploded');

      // Second cycle: ok answers 304; buggy's entries were never stored, so it tries (and fails) again.
      expect(second.find((l) => l.msg === 'cycle done')).toMatchObject({
        sourcesDue: 5,
        sourcesOk: 0,
        sourcesNotModified: 1,
        sourcesFailed: 4,
        entriesNew: 0,
        storiesMade: 0,
      });
      expect(second.filter((l) => l.msg === 'source failed')).toHaveLength(4);
    });
  });
