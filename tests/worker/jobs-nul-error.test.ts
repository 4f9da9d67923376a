// Review of issue #15 (the console jobs on PostgreSQL): a fetch job whose source fails with an error message holding
// U+0000 (a JSON Feed cut by a NUL byte: JSON.parse quotes the character it choked on) ends `done`
// with that source's outcome in its result, on both stores. PostgreSQL text and jsonb hold no U+0000, so the job's
// progress message and result must be made storable there as the fetch log's are (src/store/pg/text.ts).
// Real parts: a fixture feed server on 127.0.0.1, a SQLite file and a real PostgreSQL database.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner, type FetchJobResult } from '../../src/worker/index.ts';
import { cycleStores } from '../helpers/cycle-on-store.ts';
import { fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';

const FEED = rss([
  { guid: 'n1', title: 'Harbour reopens', link: 'https://example.org/n1', pubDate: 'Mon, 01 Jan 2024' },
]);

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(
    `a fetch job whose source fails with a NUL in its error, on ${arm.kind}${arm.skip}`,
    () => {
      let srv: Awaited<ReturnType<typeof fixtureServer>>;
      const tmp = tempDir('wireroom-review-nul-');
      const runners: JobRunner[] = [];
      beforeAll(async () => {
        srv = await fixtureServer({
          '/ok.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED),
          // A JSON Feed cut by a NUL: JSON.parse's message quotes the character and the text around it.
          '/nul.json': (_q, res) =>
            void res
              .writeHead(200, { 'Content-Type': 'application/feed+json' })
              .end('{"version": "https://jsonfeed.org/version/1.1", "items": \u0000}'),
        });
      });
      afterAll(async () => {
        for (const r of runners) await r.stop();
        await arm.close();
        await srv?.close();
        tmp.cleanup();
      });

      it('ends done, the failing source reported with its error', async () => {
        const root = path.join(tmp.dir, arm.kind);
        const configDir = writeConfig(root, {
          main:
            'schedule:\n  run_on_start: false\nfetch:\n  timeout_seconds: 20\n  allow_private: ["127.0.0.1"]\n' +
            'ingest:\n  threads: 0\n',
          sources:
            `sources:\n  - { id: good, url: "${srv.url('/ok.xml')}" }\n` +
            `  - { id: nul, url: "${srv.url('/nul.json')}" }\n`,
        });
        writeFileSync(path.join(configDir, 'topics.yaml'), 'topics: []\n');
        const p = await arm.project(root, 'review_jobs_nul');
        const jobs = new JobRunner(p.jobHost());
        runners.push(jobs);

        const started = await jobs.start('fetch', {}, { name: 'alice', origin: 'console' });
        const job = await jobs.settled(started.id);
        const result = job?.result as FetchJobResult | undefined;
        // What the parser said, as stored: the test is about a message that carries the NUL it met.
        const nul = result?.sources.find((s) => s.id === 'nul');
        expect(job).toMatchObject({ state: 'done', message: '2 sources, 1 new entries, 1 failed' });
        expect(result?.sources.map((s) => [s.id, s.status])).toEqual([
          ['good', 'ok'],
          ['nul', 'error'],
        ]);
        expect(nul?.error).toMatch(/malformed JSON Feed/);
      });
    },
  );
