// The console and JSON API of real `wireroom run` and `wireroom serve` processes, on both stores, as an editor meets
// them from the README: an account and a token made with the CLI, "fetch now" as a background job through the API,
// the stored entries listed and a tag corrected through the API, the dashboard and an entry's page in the console
// after a form sign-in; then `wireroom serve` on the same database shows the same and refuses every change.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, REPO_ROOT, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnCli, type CliProcess } from '../helpers/worker-process.ts';
import { FormClient } from '../web/harness.ts';

const PASSWORD = 'a long enough password';
const MAIN =
  'schedule:\n  run_on_start: false\n  cron: "0 0 1 1 *"\ningest:\n  threads: 0\n' +
  'fetch:\n  timeout_seconds: 5\n  connect_timeout_seconds: 2\n  allow_private: ["127.0.0.1"]\n' +
  'server:\n  port: 0\n  host: 127.0.0.1\nsite:\n  base_url: http://127.0.0.1:8080/\n';

const tmp = tempDir('wireroom-console-both-');
let server: TestPostgres | undefined;
let srv: Awaited<ReturnType<typeof fixtureServer>> | undefined;

beforeAll(async () => {
  srv = await fixtureServer({
    '/pe.xml': (_q, res) =>
      void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(
        rss([
          {
            guid: 'pe1',
            title: 'Peru: Oligarchy Launches Coup against Pedro Castillo',
            description: 'Lima: Congress voted to remove the president of Peru.',
            pubDate: 'Tue, 03 Jan 2023 10:00:00 GMT',
          },
          { guid: 'pe2', title: 'Harvest festival in the Andes', pubDate: 'Tue, 03 Jan 2023 09:00:00 GMT' },
        ]),
      ),
  });
});
afterAll(async () => {
  await srv?.close();
  server?.stop();
  tmp.cleanup();
});

const STORES = [
  { name: 'SQLite', missing: undefined, database: (root: string) => Promise.resolve(path.join(root, 'db.sqlite')) },
  {
    name: `PostgreSQL${needsPostgres}`,
    missing: postgresMissing,
    async database(root: string) {
      server ??= await startPostgres();
      return server.createDatabase(`console_${path.basename(root).replace(/\W/g, '_')}`);
    },
  },
];

/** `wireroom ...args` to its end, with `input` on stdin; its stdout. */
function cli(configDir: string, args: string[], input = ''): string {
  return execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin/wireroom.js'), '--config', configDir, ...args], {
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  }).trim();
}

/** Polls until get() gives a value; fails with the process log after 45 s. */
async function waitFor<T>(get: () => Promise<T | undefined> | T | undefined, p: CliProcess, what: string) {
  const end = Date.now() + 45_000;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (!p.running() || Date.now() > end) throw new Error(`no ${what}: ${p.log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const listening = (p: CliProcess) =>
  waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)\/"/.exec(p.log())?.[1], p, 'listening');

for (const store of STORES) {
  describe.skipIf(store.missing)(`the console and API of wireroom run and serve on ${store.name}`, () => {
    it('an editor fetches, reads and corrects through the API and the console; serve shows it read-only', async () => {
      const root = path.join(tmp.dir, store.name.split(' ')[0] ?? '');
      const db = await store.database(root);
      const configDir = writeConfig(root, {
        main: `${MAIN}database: ${db}\n`,
        sources: `sources:\n  - id: pe\n    url: ${srv!.url('/pe.xml')}\n`,
      });
      cli(configDir, ['users', 'add', 'ada', '--role', 'admin', '--password-stdin'], PASSWORD);
      const token = cli(configDir, [
        'tokens',
        'add',
        'ci',
        '--user',
        'ada',
        '--scope',
        'read,sources:write,tags:write',
      ]);
      expect(token).toMatch(/^wr_/);
      const api = (base: string, p: string, init: RequestInit = {}) =>
        fetch(base + p, {
          ...init,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
        });

      const run = spawnCli(['--config', configDir, 'run'], root);
      let entryId: number | undefined;
      let session: Map<string, string> | undefined;
      try {
        const base = await listening(run);
        // Fetch now, as a background job: 202 with the job, polled until done.
        const started = await api(base, '/api/v1/sources/fetch', { method: 'POST', body: '{}' });
        expect(started.status, await started.clone().text()).toBe(202);
        const job = (await started.json()) as { id: number };
        const done = await waitFor(
          async () => {
            const j = (await (await api(base, `/api/v1/jobs/${job.id}`)).json()) as { state: string };
            return j.state === 'queued' || j.state === 'running' ? undefined : j;
          },
          run,
          'the fetch job to end',
        );
        expect(done).toMatchObject({ state: 'done', progress: 1, total: 1 });

        const list = (await (await api(base, '/api/v1/entries?limit=10')).json()) as {
          items: { id: number; title: string; tags: { kind: string; value: string }[] }[];
        };
        expect(list.items.map((e) => e.title)).toEqual([
          'Peru: Oligarchy Launches Coup against Pedro Castillo',
          'Harvest festival in the Andes',
        ]);
        const coup = list.items[0]!;
        expect(coup.tags).toContainEqual(expect.objectContaining({ kind: 'country', value: 'PE' }));
        entryId = coup.id;
        const corrected = await api(base, `/api/v1/entries/${entryId}/tags`, {
          method: 'POST',
          body: JSON.stringify({ kind: 'country', value: 'CL', action: 'add' }),
        });
        expect(corrected.status, await corrected.clone().text()).toBe(200);

        // The console: a form sign-in, the dashboard, the entry's page with the editor's tag.
        const browser = new FormClient(base);
        expect((await browser.login('ada', PASSWORD)).status).toBe(303);
        const dashboard = await browser.page('/console/');
        expect(dashboard.res.status).toBe(200);
        expect(dashboard.html).toMatch(/2 entries/);
        const entry = await browser.page(`/console/entries/${entryId}`);
        expect(entry.res.status).toBe(200);
        expect(entry.html).toContain('Oligarchy Launches Coup');
        expect(entry.html).toMatch(/country:CL/);
        session = browser.cookies;

        run.child.kill('SIGTERM');
        expect(await run.exited, run.log()).toBe(0);
      } finally {
        if (run.running()) run.child.kill('SIGKILL');
      }

      // `wireroom serve` on the same database: the same answers, and no change accepted.
      const serve = spawnCli(['--config', configDir, 'serve'], root);
      try {
        const base = await listening(serve);
        const entry = (await (await api(base, `/api/v1/entries/${entryId ?? 0}`)).json()) as {
          tags: { kind: string; value: string }[];
        };
        expect(entry.tags).toContainEqual(expect.objectContaining({ kind: 'country', value: 'CL' }));
        const refused = await api(base, '/api/v1/sources/fetch', { method: 'POST', body: '{}' });
        expect(refused.status).toBe(503);
        // Signing in writes a session, so it is refused here; a session made beside the worker is honoured.
        expect((await new FormClient(base).login('ada', PASSWORD)).status).toBe(503);
        const browser = new FormClient(base);
        for (const [name, value] of session ?? []) browser.cookies.set(name, value);
        const dashboard = await browser.page('/console/');
        expect(dashboard.res.status).toBe(200);
        expect(dashboard.html).toMatch(/2 entries/);
        serve.child.kill('SIGTERM');
        expect(await serve.exited, serve.log()).toBe(0);
      } finally {
        if (serve.running()) serve.child.kill('SIGKILL');
      }
    });
  });
}
