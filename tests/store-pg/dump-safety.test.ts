// What a backup leaks and what a restore overwrites (issue #15): a password never reaches pg_dump's arguments or any
// printed text, whichever way the connection string gives it; a backup file (it holds password and token hashes)
// is readable by its owner only, on either store; and a restore is refused while a wireroom worker, run or serve
// has the database open, even with every pooled connection of theirs idle and closed.
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, openStore } from '../../src/store/index.ts';
import { redactUrl } from '../../src/store/pg/connect.ts';
import { backupPg, libpqTarget, restorePg } from '../../src/store/pg/dump.ts';
import { holdInUse, openPgStore } from '../../src/store/pg/index.ts';
import { tempDir } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const tmp = tempDir('wireroom-dump-safety-');
let server: TestPostgres | undefined;
afterAll(() => {
  server?.stop();
  tmp.cleanup();
});

describe('passwords in connection strings', () => {
  const QUERY = 'postgres://wire@db.example:5432/wireroom?sslmode=require&password=s%33cret&application_name=w';
  const USERINFO = 'postgres://wire:s3cret@db.example/wireroom';

  it('are taken out of what pg_dump and pg_restore get, and handed over in PGPASSWORD', () => {
    expect(libpqTarget(QUERY)).toEqual({
      url: 'postgres://wire@db.example:5432/wireroom?sslmode=require&application_name=w',
      env: { PGPASSWORD: 's3cret' },
    });
    expect(libpqTarget(USERINFO)).toEqual({
      url: 'postgres://wire@db.example/wireroom',
      env: { PGPASSWORD: 's3cret' },
    });
    expect(libpqTarget('postgres://wire@/wireroom?host=/run/pg')).toEqual({
      url: 'postgres://wire@/wireroom?host=/run/pg',
      env: {},
    });
  });

  it('are hidden wherever a connection string appears in a text', () => {
    expect(redactUrl(QUERY)).toBe(
      'postgres://wire@db.example:5432/wireroom?sslmode=require&password=***&application_name=w',
    );
    expect(redactUrl(`pg_dump: error: connection to ${USERINFO} failed; also ${USERINFO}`)).toBe(
      'pg_dump: error: connection to postgres://wire:***@db.example/wireroom failed; also ' +
        'postgres://wire:***@db.example/wireroom',
    );
    expect(redactUrl('db/wireroom.sqlite')).toBe('db/wireroom.sqlite');
  });
});

it('a SQLite backup is readable by its owner only', async () => {
  const live = path.join(tmp.dir, 'live.sqlite');
  openStore(live).close();
  const file = path.join(tmp.dir, 'sqlite-backup.sqlite');
  await backupDatabase(live, file);
  expect(statSync(file).mode & 0o777).toBe(0o600);
});

describe.skipIf(postgresMissing)(`backup and restore on PostgreSQL${needsPostgres}`, () => {
  it('a backup is readable by its owner only', async () => {
    server ??= await startPostgres();
    const url = await server.createDatabase('modes');
    await (await openPgStore(url, { max: 1 })).close();
    const file = path.join(tmp.dir, 'pg-backup.pgdump');
    await backupPg(url, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('a restore is refused while a wireroom process holds the database, however idle, and runs once it is gone', async () => {
    server ??= await startPostgres();
    const url = await server.createDatabase('inuse');
    const file = path.join(tmp.dir, 'inuse.pgdump');
    await (await openPgStore(url, { max: 1 })).close();
    await backupPg(url, file);
    // What `wireroom serve`, `worker` and `run` hold for their whole life; their pools may have no connection at all.
    const running = await holdInUse(url);
    try {
      await expect(restorePg(url, file)).rejects.toThrow(/in use by a running wireroom process/);
    } finally {
      await running.release();
    }
    // Its session can take a moment to end on the server.
    let restored: Awaited<ReturnType<typeof restorePg>> | undefined;
    for (let i = 0; i < 50 && !restored; i++)
      restored = await restorePg(url, file).catch(async (err: Error) => {
        if (!/in use/.test(err.message)) throw err;
        await new Promise((r) => setTimeout(r, 100));
        return undefined;
      });
    expect(restored?.entries).toBe(0);
  }, 60_000);
});
