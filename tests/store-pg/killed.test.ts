// A worker killed with SIGKILL halfway through writing a source leaves nothing of that write, and its source is
// claimed and stored by another worker once the lease has run out.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgStore } from '../../src/store/pg/index.ts';
import { REPO_ROOT } from '../helpers/env.ts';
import { until } from '../helpers/polling.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const T0 = '2024-05-01T12:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

describe.skipIf(postgresMissing)(`a worker killed while writing${needsPostgres}`, () => {
  let server: TestPostgres;
  let store: PgStore;
  beforeAll(async () => {
    server = await startPostgres();
    store = await openPgStore(server.url('wireroom'));
  });
  afterAll(async () => {
    await store?.close();
    server?.stop();
  });

  const count = async (sql: string) => (await store.db.query<{ n: number }>(sql)).rows[0]?.n;

  it('leaves no entry, tag or log row, keeps its lease until it runs out, then another worker stores the source', async () => {
    await store.sources.sync(
      [{ id: 'victim', url: 'https://victim.example/feed', enabled: true, topics: [], trusted: true }],
      T0,
    );
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'tests/store-pg/killed-child.ts'), server.url('wireroom'), T0],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const signal = await new Promise((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    expect([signal, out]).toEqual(['SIGKILL', '']);
    // The server rolls the dead connection's transaction back (and frees its row lock) once it sees it gone.
    await until(
      async () =>
        (await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'`)) === 0,
      'the dead worker’s transaction to end',
    );
    expect(await count(`SELECT count(*) AS n FROM entries`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM entry_tags`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM entry_tag_sets`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM fetch_log`)).toBe(0);
    const { rows } = await store.db.query(`SELECT status, lease_owner, lease_until, entry_count FROM sources`);
    expect(rows).toEqual([{ status: 'new', lease_owner: 'doomed', lease_until: at(30), entry_count: 0 }]);

    // Until the lease runs out nobody else takes the source; then one worker does, and stores it once.
    expect(await store.sources.claimDueSources('alive', at(10), 5, 30, 2)).toEqual([]);
    expect((await store.sources.claimDueSources('alive', at(31), 5, 30, 2)).map((c) => c.id)).toEqual(['victim']);
    const entries = Array.from({ length: 10 }, (_, i) => ({
      sourceId: 'victim',
      key: `k${i}`,
      title: `Entry ${i}`,
      summary: '',
      contentHtml: '',
      authors: [],
      categories: [],
      enclosures: [],
      publishedAt: at(31),
      dateFlags: [],
    }));
    const r = await store.storeFetch('alive', at(32), {
      sourceId: 'victim',
      entries,
      record: { status: 'ok', fetchedAt: at(31), nextFetchAt: at(931) },
      log: { startedAt: at(31), durationMs: 1, status: 'ok', bytes: 0 },
    });
    expect(r.stored && r.result.inserted.length).toBe(10);
    expect(await count(`SELECT count(*) AS n FROM entries`)).toBe(10);
    expect(await count(`SELECT count(*) AS n FROM fetch_log`)).toBe(1);
    expect(await count(`SELECT entry_count AS n FROM sources`)).toBe(10);
  });
});
