// `wireroom fetch` on PostgreSQL claims the sources it is asked for, due or not (claimNamed): in the order asked,
// never one another worker holds, never past the per-host limit counted across the fleet, and a gone source too
// (an editor's fetch tries it again, as on SQLite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgStore } from '../../src/store/pg/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const T0 = '2024-05-01T12:00:00.000Z';
const LATER = '2024-05-02T12:00:00.000Z';

describe.skipIf(postgresMissing)(`claiming named sources on PostgreSQL${needsPostgres}`, () => {
  let server: TestPostgres;
  let pg: PgStore;
  beforeAll(async () => {
    server = await startPostgres();
    pg = await openPgStore(await server.createDatabase('named'), { max: 2 });
    // a0..a3 on one host, b0 on another.
    const list = ['a0', 'a1', 'a2', 'a3', 'b0'].map((id): SourceConfig => ({
      id,
      url: `https://${id[0]}.example/${id}.xml`,
      enabled: true,
      topics: [],
      trusted: false,
    }));
    await pg.sources.sync(list, T0);
    // None is due: each was fetched and is next due tomorrow; a3 is gone.
    await pg.db.query(`UPDATE sources SET next_fetch_at = $1, status = CASE id WHEN 'a3' THEN 'gone' ELSE 'ok' END`, [
      LATER,
    ]);
  });
  afterAll(async () => {
    await pg?.close();
    server?.stop();
  });

  it('takes them due or not, gone too, in the order asked, skipping what another holds, within the host limit', async () => {
    expect(await pg.sources.claimDueSources('due', T0, 10, 60, 10)).toEqual([]);
    // Another worker holds a0: it counts against host a (limit 2), so one more of host a may be taken.
    await pg.db.query(`UPDATE sources SET lease_owner = 'other', lease_until = $1 WHERE id = 'a0'`, [LATER]);
    const got = await pg.claimNamed('me', T0, ['a3', 'b0', 'a0', 'a1', 'a2'], 10, 60, 2);
    expect(got.map((c) => [c.id, c.leaseOwner])).toEqual([
      ['a3', 'me'],
      ['b0', 'me'],
    ]);
    // Host a is full now (other's a0, my a3): nothing more of it until a lease ends.
    expect(await pg.claimNamed('me', T0, ['a1', 'a2'], 10, 60, 2)).toEqual([]);
    await pg.sources.releaseLeases('other');
    expect((await pg.claimNamed('me', T0, ['a2', 'a1', 'a0'], 10, 60, 2)).map((c) => c.id)).toEqual(['a2']);
    // `limit` caps a claim.
    await pg.sources.releaseLeases('me');
    expect((await pg.claimNamed('me', T0, ['a1', 'a0', 'b0'], 2, 60, 5)).map((c) => c.id)).toEqual(['a1', 'a0']);
    const held = await pg.db.query(`SELECT id, lease_until FROM sources WHERE lease_owner = 'me' ORDER BY id`);
    expect(held.rows).toEqual([
      { id: 'a0', lease_until: '2024-05-01T12:01:00.000Z' },
      { id: 'a1', lease_until: '2024-05-01T12:01:00.000Z' },
    ]);
  });
});
