// What the one tag_versions row that every fleet write touches costs (issue #14): each fetch worker's transaction ends
// by updating its tagging version's row (src/store/pg/tag-versions.ts touch), which stays locked until the commit, so
// writers in other sessions queue on it for the length of a commit. N sessions each run transactions shaped like a
// source's write (five entry-sized rows, then PgTagVersionRepo.touch of the shipped config's version, then the
// commit) beside the same transactions without the touch, the two taking turns, on a server that flushes every commit (fsync and synchronous commit on), and on one that
// does not (as the tests and bench/fleet.ts run it).
//
//   node --import tsx bench/pg-version-row.ts [--per N]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { clientDb } from '../src/store/pg/connect.ts';
import { openPgStore } from '../src/store/pg/index.ts';
import { PgTagVersionRepo } from '../src/store/pg/tag-versions.ts';
import { loadTaxonomy, taggingVersion } from '../src/tag/index.ts';
import { startPostgres } from '../tests/helpers/postgres.ts';

const at = process.argv.indexOf('--per');
const PER_SESSION = at > 0 ? Number(process.argv[at + 1]) : 200;
const SESSIONS = [1, 4, 8, 16];
const BODY = 'x'.repeat(2500);
const VERSION = taggingVersion(
  loadTaxonomy(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../config')),
  [],
);

/** Transactions a second over `sessions` sessions, each running PER_SESSION of them. */
async function rate(url: string, sessions: number, touch: boolean): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: sessions }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < PER_SESSION; i++) {
        await c.query('BEGIN');
        for (let k = 0; k < 5; k++) await c.query('INSERT INTO scratch (body) VALUES ($1)', [BODY]);
        if (touch) await new PgTagVersionRepo(clientDb(c)).touch(VERSION);
        await c.query('COMMIT');
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  return (sessions * PER_SESSION) / seconds;
}

for (const durable of [true, false]) {
  const server = await startPostgres({ durable });
  try {
    const url = server.url('wireroom');
    await (await openPgStore(url, { max: 1 })).close(); // the schema, tag_versions included
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const fsync = (await admin.query<{ fsync: string }>('SHOW fsync')).rows[0]?.fsync;
    await admin.query('CREATE TABLE scratch (id bigserial PRIMARY KEY, body text)');
    await admin.end();
    console.log(`fsync ${fsync}, ${PER_SESSION} transactions a session:`);
    for (const sessions of SESSIONS) {
      // Without, with, without, with: a drift in the machine's load hits both alike.
      const without = [];
      const withTouch = [];
      for (let round = 0; round < 2; round++) {
        without.push(await rate(url, sessions, false));
        withTouch.push(await rate(url, sessions, true));
      }
      const a = without.reduce((x, y) => x + y) / without.length;
      const b = withTouch.reduce((x, y) => x + y) / withTouch.length;
      console.log(
        `  ${String(sessions).padStart(2)} sessions: ${b.toFixed(0)} transactions/s with the touch, ` +
          `${a.toFixed(0)} without = ${(b / a).toFixed(2)}x`,
      );
    }
  } finally {
    server.stop();
  }
}
