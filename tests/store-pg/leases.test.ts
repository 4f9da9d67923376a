// Leases on a real PostgreSQL: workers on several connections and in several processes claim due sources; no source
// is held by two at once, no host has more than its limit of live leases across all of them, and a lease that ran
// out lets another worker claim the source.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore, type ClaimedSource, type PgStore } from '../../src/store/pg/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import { REPO_ROOT } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const run = promisify(execFile);
const T0 = '2024-05-01T12:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

/** `n` sources spread over `hosts` hosts (round robin): s00 on h0, s01 on h1... */
function sources(n: number, hosts: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `s${String(i).padStart(2, '0')}`,
    url: `https://h${i % hosts}.example:8443/feed/${i}.xml`,
  }));
}

describe.skipIf(postgresMissing)(`source leases on PostgreSQL${needsPostgres}`, () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  /** A fresh database with these sources, and `workers` stores (each its own pool of connections). */
  async function fleet(name: string, list: { id: string; url: string }[], workers: number): Promise<PgStore[]> {
    const url = await server.createDatabase(name);
    const stores = await Promise.all(Array.from({ length: workers }, () => openPgStore(url, { max: 2 })));
    const configs = list.map((s): SourceConfig => ({ ...s, enabled: true, topics: [], trusted: true }));
    await stores[0]?.sources.sync(configs, T0);
    return stores;
  }

  it('concurrent claims from six connections never overlap and keep every host within its limit', async () => {
    const list = sources(40, 4);
    const stores = await fleet('concurrent', list, 6);
    try {
      // Every worker claims three times, all at once, holding what it gets (no writes): 4 hosts x 3 leases at most.
      const claims = await Promise.all(
        stores.map(async (s, w) => {
          const got: ClaimedSource[] = [];
          for (let round = 0; round < 3; round++) got.push(...(await s.sources.claimDueSources(`w${w}`, T0, 4, 60, 3)));
          return got;
        }),
      );
      const all = claims.flat();
      const ids = all.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(12);
      const perHost = new Map<string, number>();
      for (const c of all) perHost.set(c.host, (perHost.get(c.host) ?? 0) + 1);
      expect([...perHost.entries()].sort()).toEqual([
        ['h0.example:8443', 3],
        ['h1.example:8443', 3],
        ['h2.example:8443', 3],
        ['h3.example:8443', 3],
      ]);
      // The table agrees with what each worker was told.
      const { rows } = await stores[0]!.db.query<{ id: string; lease_owner: string }>(
        'SELECT id, lease_owner FROM sources WHERE lease_owner IS NOT NULL ORDER BY id',
      );
      const told = claims.flatMap((c, w) => c.map((s) => ({ id: s.id, lease_owner: `w${w}` })));
      expect(rows).toEqual(told.sort((a, b) => (a.id < b.id ? -1 : 1)));
      // Full hosts: nothing more to claim until a lease ends.
      expect(await stores[1]!.sources.claimDueSources('late', T0, 10, 60, 3)).toEqual([]);
      // A worker gives its leases back: their hosts have room again, for anyone.
      const w0 = claims[0]!.map((c) => c.id);
      expect(await stores[0]!.sources.releaseLeases('w0')).toBe(w0.length);
      const again = await stores[1]!.sources.claimDueSources('late', T0, 40, 60, 3);
      expect(again.length).toBe(w0.length);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('workers with different source lists (a config rolling out) still share one limit per host', async () => {
    // Eight sources on one host; each worker may claim only its own four. Without the claim lock both would see the
    // host free in their snapshot and take two each.
    const list = Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, url: `https://one.example/feed/${i}` }));
    const stores = await fleet('lists', list, 2);
    try {
      const [a, b] = stores;
      for (let round = 0; round < 20; round++) {
        await a!.sources.releaseLeases('a');
        await b!.sources.releaseLeases('b');
        const [ga, gb] = await Promise.all([
          a!.sources.claimDueSources('a', T0, 10, 60, 2, ['s0', 's2', 's4', 's6']),
          b!.sources.claimDueSources('b', T0, 10, 60, 2, ['s1', 's3', 's5', 's7']),
        ]);
        expect(ga.length + gb.length).toBe(2);
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('a host with hundreds of sources due first does not keep one claim from the other hosts', async () => {
    const big = Array.from({ length: 300 }, (_, i) => ({ id: `big${i}`, url: `https://big.example/feed/${i}` }));
    const small = Array.from({ length: 20 }, (_, i) => ({ id: `small${i}`, url: `https://small${i}.example/feed` }));
    const [store] = await fleet('busy-host', [...big, ...small], 1);
    try {
      // The big host's sources are the longest due: the first rows of the due order, far past one look's reach.
      await store!.db.query(`UPDATE sources SET next_fetch_at = $1 WHERE id LIKE 'big%'`, [at(-3600)]);
      await store!.db.query(`UPDATE sources SET next_fetch_at = $1 WHERE id LIKE 'small%'`, [at(-60)]);
      const claimed = await store!.sources.claimDueSources('w', T0, 10, 60, 2);
      // Two of the big host (its limit), then the other hosts' in due order (equal times: by id, byte order).
      const next = small
        .map((s) => s.id)
        .sort()
        .slice(0, 8);
      expect(claimed.map((c) => c.id)).toEqual(['big0', 'big1', ...next]);
    } finally {
      await store!.close();
    }
  });

  it('a lease that ran out is claimed again; renewing keeps it; due order is never-fetched first', async () => {
    const list = sources(3, 3);
    const [a, b] = await fleet('expiry', list, 2);
    try {
      const first = await a!.sources.claimDueSources('a', T0, 1, 30, 1);
      expect(first.map((c) => [c.id, c.leaseOwner, c.leaseUntil])).toEqual([['s00', 'a', at(30)]]);
      // Renewed at 20 s: held until 50 s, so at 40 s b cannot take it.
      expect(await a!.sources.renewLeases('a', ['s00'], at(20), 30)).toEqual(['s00']);
      const b40 = await b!.sources.claimDueSources('b', at(40), 10, 30, 1);
      expect(b40.map((c) => c.id)).toEqual(['s01', 's02']);
      // At 51 s a's lease has run out: b claims s00, and a can no longer renew it.
      const b51 = await b!.sources.claimDueSources('b', at(51), 10, 30, 1);
      expect(b51.map((c) => c.id)).toEqual(['s00']);
      expect(await a!.sources.renewLeases('a', ['s00'], at(52), 30)).toEqual([]);
      // An expired lease counts for nothing against its host, and expireLeases tidies it away.
      expect(await b!.sources.expireLeases(at(200))).toBe(3);
    } finally {
      await Promise.all([a!.close(), b!.close()]);
    }
  });

  it('four worker processes claim and write 60 sources on 5 hosts: each source exactly once, hosts within limits', async () => {
    const list = sources(60, 5);
    const [store] = await fleet('processes', list, 1);
    const url = server.url('processes');
    try {
      // Every live lease a claim leaves, counted per host as it commits (claims are serialised, so this is exact).
      await store!.db.query(`CREATE TABLE lease_audit (host text, live bigint)`);
      await store!.db.query(`CREATE FUNCTION lease_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO lease_audit SELECT NEW.host, count(*) FROM sources WHERE host = NEW.host AND lease_owner IS NOT NULL;
          RETURN NULL;
        END $$`);
      await store!.db.query(`CREATE TRIGGER lease_audit AFTER UPDATE OF lease_owner ON sources
        FOR EACH ROW WHEN (NEW.lease_owner IS NOT NULL) EXECUTE FUNCTION lease_audit()`);
      const start = Date.now() + 1500;
      const outs = await Promise.all(
        [0, 1, 2, 3].map((w) =>
          run(
            process.execPath,
            ['--import', 'tsx', path.join(REPO_ROOT, 'tests/store-pg/fleet-child.ts'), url, `p${w}`, String(start), T0],
            { cwd: REPO_ROOT },
          ),
        ),
      );
      const results = outs.map((o) => JSON.parse(o.stdout) as { wrote: string[]; refused: string[] });
      const wrote = results.flatMap((r) => r.wrote);
      expect(results.flatMap((r) => r.refused)).toEqual([]);
      expect(wrote.sort()).toEqual(list.map((s) => s.id));
      const { rows: log } = await store!.db.query<{ source_id: string; n: number }>(
        'SELECT source_id, count(*) AS n FROM fetch_log GROUP BY source_id HAVING count(*) <> 1',
      );
      expect(log).toEqual([]);
      const { rows: audit } = await store!.db.query<{ max: number; n: number }>(
        'SELECT max(live) AS max, count(*) AS n FROM lease_audit',
      );
      expect(audit[0]?.n).toBe(60);
      expect(audit[0]?.max).toBeLessThanOrEqual(2);
      const { rows: left } = await store!.db.query('SELECT id FROM sources WHERE lease_owner IS NOT NULL');
      expect(left).toEqual([]);
    } finally {
      await store!.close();
    }
  });
});
