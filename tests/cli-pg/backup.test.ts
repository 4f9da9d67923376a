// `wireroom backup` and `wireroom restore` with the same assertions on both stores: a real SQLite file (SQLite's
// backup API) and a real PostgreSQL (tests/helpers/postgres.ts; pg_dump and pg_restore). A backup taken while rows
// exist restores into a fresh database with the same rows (counts and a checksum per table, src/store/pg/checksum.ts)
// and over the live database once it changed; restore refuses while the database is in use.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, cliActor } from '../../src/auth/index.ts';
import { openStore, sqliteAccountStore, type AccountStore } from '../../src/store/index.ts';
import { findPgTool, openPgStore } from '../../src/store/pg/index.ts';
import { libpqTarget } from '../../src/store/pg/dump.ts';
import { TableChecksum } from '../../src/store/pg/checksum.ts';
import type { Entry } from '../../src/types.ts';
import { cli, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

/** A database of one kind: made fresh, read, written through the store's own code, held open. */
interface Kind {
  fresh(): Promise<string>;
  /** Rows as arrays, for a checksum; SQLite placeholders (?) become $1.. on PostgreSQL. */
  rows(setting: string, sql: string, ...params: unknown[]): Promise<unknown[][]>;
  exec(setting: string, sql: string, ...params: unknown[]): Promise<void>;
  /** Stores entries (the store's upsert) and adds a user (the account operation), as the commands would. */
  seed(setting: string, entries: Entry[], user?: string): Promise<void>;
  /** Keeps a connection open until the returned function is called: another process using the database. */
  holdOpen(setting: string): Promise<() => Promise<void>>;
}

const tmp = tempDir('wireroom-cli-backup-');
let server: TestPostgres | undefined;
let databases = 0;

const sqlite: Kind = {
  async fresh() {
    const dir = mkdtempSync(path.join(tmp.dir, 'sqlite-'));
    const file = path.join(dir, 'wireroom.sqlite');
    openStore(file).close();
    return file;
  },
  async rows(file, sql, ...params) {
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare(sql)
        .raw()
        .all(...params) as unknown[][];
    } finally {
      db.close();
    }
  },
  async exec(file, sql, ...params) {
    const db = new Database(file);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  },
  async seed(file, entries, user) {
    const store = openStore(file);
    try {
      store.transaction(() => store.entries.upsert(entries, new Date().toISOString()));
      if (user) await addAdmin(sqliteAccountStore(store), user);
    } finally {
      store.close();
    }
  },
  async holdOpen(file) {
    const store = openStore(file);
    store.db.prepare('SELECT count(*) FROM entries').get();
    return async () => store.close();
  },
};

const postgres: Kind = {
  async fresh() {
    server ??= await startPostgres();
    const url = await server.createDatabase(`backup${++databases}`);
    await (await openPgStore(url, { max: 1 })).close(); // the schema, as any command leaves it
    return url;
  },
  async rows(url, sql, ...params) {
    const pg = await openPgStore(url, { max: 1 });
    let i = 0;
    try {
      const { rows } = await pg.pool.query({
        text: sql.replace(/\?/g, () => `$${++i}`),
        values: params,
        rowMode: 'array',
      });
      return rows as unknown[][];
    } finally {
      await pg.close();
    }
  },
  async exec(url, sql, ...params) {
    await postgres.rows(url, sql, ...params);
  },
  async seed(url, entries, user) {
    const pg = await openPgStore(url, { max: 1 });
    try {
      await pg.entries.upsert(entries, new Date().toISOString());
      if (user) await addAdmin(pg.accounts, user);
    } finally {
      await pg.close();
    }
  },
  async holdOpen(url) {
    const pg = await openPgStore(url, { max: 1 });
    await pg.db.query('SELECT 1');
    return () => pg.close();
  },
};

const addAdmin = (accounts: AccountStore, name: string) =>
  addUser(accounts, cliActor('tester'), { name, role: 'admin', password: `${name} has a long password` });

const STORES = [
  { name: 'SQLite', missing: undefined, kind: sqlite, ext: 'sqlite' },
  { name: `PostgreSQL${needsPostgres}`, missing: postgresMissing, kind: postgres, ext: 'dump' },
];

afterAll(() => {
  server?.stop();
  tmp.cleanup();
});

const entry = (key: string): Entry => ({
  sourceId: 'fixture',
  key,
  title: `Entry ${key}: dock workers strike in Lima`,
  summary: `Summary of ${key}`,
  contentHtml: `<p>Text of ${key}</p>`,
  authors: [],
  categories: [],
  enclosures: [],
  url: `https://example.org/${key}`,
  publishedAt: '2026-11-01T10:00:00.000Z',
  dateFlags: [],
});

/** The tables compared, with the key they are read in. */
const TABLES = [
  ['entries', 'id'],
  ['sources', 'id'],
  ['users', 'id'],
  ['audit_log', 'id'],
] as const;

for (const store of STORES) {
  describe.skipIf(store.missing)(`wireroom backup and restore on ${store.name}`, () => {
    const { kind } = store;
    const root = path.join(tmp.dir, store.name.split(' ')[0] ?? '');
    let live = '';
    let configDir = '';
    const backupFile = path.join(root, 'backups', `first.${store.ext}`);
    const run = (...args: string[]) => cli(['--config', configDir, ...args]);
    const runOn = (setting: string, ...args: string[]) => cli(['--config', configDir, '--db', setting, ...args]);
    /** Row count and checksum of each compared table. */
    const sums = async (setting: string) =>
      Promise.all(
        TABLES.map(async ([table, key]) => {
          const sum = new TableChecksum();
          for (const row of await kind.rows(setting, `SELECT * FROM ${table} ORDER BY ${key}`)) sum.add(row);
          return { table, rows: sum.rows, sha256: sum.digest() };
        }),
      );
    let atBackup: Awaited<ReturnType<typeof sums>> = [];

    beforeAll(async () => {
      live = await kind.fresh();
      configDir = writeConfig(root, {
        main: `database: ${live}\n`,
        sources: 'sources:\n  - id: fixture\n    url: https://example.org/feed.xml\n',
      });
      await kind.exec(
        live,
        'INSERT INTO sources (id, url, created_at) VALUES (?, ?, ?)',
        'fixture',
        'https://example.org/feed.xml',
        '2026-11-01T00:00:00.000Z',
      );
      await kind.seed(
        live,
        Array.from({ length: 40 }, (_, i) => entry(`k${i}`)),
        'ana',
      );
    });

    it('backup writes a consistent copy and says what it holds; its usage errors', async () => {
      const noFolder = await run('backup', backupFile);
      expect(noFolder.code).toBe(2);
      expect(noFolder.err).toMatch(new RegExp(`first\\.${store.ext}: no folder .*backups`));
      mkdirSync(path.dirname(backupFile));
      atBackup = await sums(live);
      expect(atBackup.map((s) => [s.table, s.rows])).toEqual([
        ['entries', 40],
        ['sources', 1],
        ['users', 1],
        ['audit_log', 1],
      ]);
      const ok = await run('backup', backupFile);
      expect(ok.err).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(
        new RegExp(`^backed up \\S+ to .*first\\.${store.ext}: 40 entries, schema version \\d+, \\d+ KiB$`),
      );
      expect(existsSync(backupFile)).toBe(true);
      const again = await run('backup', backupFile);
      expect(again.code).toBe(2);
      expect(again.err).toMatch(/first\.\w+: already exists \(--force replaces it\)/);
      expect((await run('backup', '--force', backupFile)).code).toBe(0);
    });

    it('the backup restores into a fresh database: the same rows, table for table', async () => {
      const fresh = await kind.fresh();
      const r = await runOn(fresh, 'restore', backupFile);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^restored \\S+ from .*first\\.${store.ext}: 40 entries, schema version \\d+`));
      expect(await sums(fresh)).toEqual(atBackup);
      // The restored database is one wireroom works on: a command opens it and lists what it holds.
      const items = await runOn(fresh, 'items', '--json', '--limit', '1000');
      expect(items.code, items.err).toBe(0);
      expect((JSON.parse(items.out) as unknown[]).length).toBe(40);
    });

    it('restore refuses while the database is in use, and bad backups, leaving the database as it is', async () => {
      await kind.seed(live, [entry('later-1'), entry('later-2')], 'bruno');
      const changed = await sums(live);
      expect(changed[0]?.rows).toBe(42);
      const release = await kind.holdOpen(live);
      try {
        const inUse = await run('restore', backupFile);
        expect(inUse.code).toBe(1);
        expect(inUse.err).toMatch(/in use by (another process|1 other connection) .*then restore/);
      } finally {
        await release();
      }
      const garbage = path.join(root, 'garbage.bin');
      writeFileSync(garbage, 'this is not a database, just text long enough to have a header'.repeat(20));
      const notBackup = await run('restore', garbage);
      expect(notBackup.code).toBe(3);
      expect(notBackup.err).toMatch(/garbage\.bin: not a (SQLite database|PostgreSQL backup)/);
      const missing = await run('restore', path.join(root, 'nope.bin'));
      expect(missing.code).toBe(3);
      expect(missing.err).toMatch(/nope\.bin: no such file/);
      expect(await sums(live)).toEqual(changed);
    });

    it('restore over the live database, once nothing uses it, puts back what the backup holds', async () => {
      const r = await run('restore', backupFile);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/: 40 entries, schema version \d+/);
      expect(await sums(live)).toEqual(atBackup);
    });
  });
}

describe.skipIf(postgresMissing)(`wireroom restore on PostgreSQL: what it refuses${needsPostgres}`, () => {
  let url = '';
  let configDir = '';
  const root = path.join(tmp.dir, 'pg-refusals');
  const run = (...args: string[]) => cli(['--config', configDir, ...args]);

  beforeAll(async () => {
    url = await postgres.fresh();
    configDir = writeConfig(root, { main: `database: ${url}\n`, sources: 'sources: []\n' });
  });

  it('a live lease names its worker; a SQLite file says how to bring it in; nothing is changed', async () => {
    mkdirSync(path.join(root, 'b'), { recursive: true });
    const dump = path.join(root, 'b', 'empty.dump');
    expect((await run('backup', dump)).code).toBe(0);
    await postgres.exec(
      url,
      'INSERT INTO sources (id, url, created_at, lease_owner, lease_until) VALUES (?, ?, ?, ?, ?)',
      'a',
      'https://example.org/a.xml',
      '2026-11-01T00:00:00.000Z',
      'host-1:4242',
      new Date(Date.now() + 600_000).toISOString(),
    );
    const leased = await run('restore', dump);
    expect(leased.code).toBe(1);
    expect(leased.err).toMatch(/workers hold leases on sources \(host-1:4242: 1\): stop every `wireroom worker`/);
    const sqliteFile = await sqlite.fresh();
    const wrongKind = await run('restore', sqliteFile);
    expect(wrongKind.code).toBe(3);
    expect(wrongKind.err).toMatch(/is a SQLite database: .*wireroom migrate --from FILE --to URL/);
    expect(await postgres.rows(url, 'SELECT id, lease_owner FROM sources')).toEqual([['a', 'host-1:4242']]);
  });

  it('a backup taken while another connection keeps storing entries holds exactly the entries it reports', async () => {
    const dump = path.join(root, 'b', 'busy.dump');
    let stop = false;
    let stored = 0;
    let failed: unknown;
    const writer = (async () => {
      const pg = await openPgStore(url, { max: 1 });
      try {
        while (!stop) {
          await pg.entries.upsert([{ ...entry(`busy-${stored}`), sourceId: 'a' }], new Date().toISOString());
          stored++;
        }
      } catch (err) {
        failed = err;
      } finally {
        await pg.close();
      }
    })();
    let r: Awaited<ReturnType<typeof run>>;
    try {
      while (stored < 5 && failed === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      r = await run('backup', dump);
    } finally {
      stop = true;
      await writer;
    }
    expect(failed).toBeUndefined();
    expect(r.code, r.err).toBe(0);
    const reported = Number(/: (\d+) entries,/.exec(r.out)?.[1]);
    expect(reported).toBeGreaterThanOrEqual(5);
    const fresh = await postgres.fresh();
    expect((await cli(['--config', configDir, '--db', fresh, 'restore', dump])).code).toBe(0);
    const keys = (await postgres.rows(fresh, 'SELECT key FROM entries ORDER BY id')).map((row) => row[0]);
    expect(keys).toHaveLength(reported);
    // Stored one at a time in order: the snapshot holds a prefix of them, with no gap.
    expect(keys).toEqual(Array.from({ length: reported }, (_, i) => `busy-${i}`));
  });

  it('schemas that differ: a backup newer than this wireroom, a database migrated past the backup', async () => {
    const dump = path.join(root, 'b', 'empty.dump');
    const ahead = await postgres.fresh();
    await postgres.exec(ahead, 'INSERT INTO schema_migrations (version, name) VALUES (?, ?)', 999, '999_later.sql');
    const aheadDump = path.join(root, 'b', 'ahead.dump');
    const backedUp = await cli(['--config', configDir, '--db', ahead, 'backup', aheadDump]);
    expect(backedUp.out).toMatch(/: 0 entries, schema version 999,/);
    const fresh = await postgres.fresh();
    const newer = await cli(['--config', configDir, '--db', fresh, 'restore', aheadDump]);
    expect(newer.code).toBe(3);
    expect(newer.err).toMatch(
      /ahead\.dump: schema version 999 is newer than this wireroom's \d+: upgrade wireroom first/,
    );
    const older = await cli(['--config', configDir, '--db', ahead, 'restore', dump]);
    expect(older.code).toBe(3);
    expect(older.err).toMatch(/empty\.dump: schema version \d+, the database's 999: .* or an empty one \(createdb/);
    expect(await postgres.rows(ahead, 'SELECT max(version) FROM schema_migrations')).toEqual([[999]]);
  });

  it('a missing pg_dump is named, with what to install', () => {
    expect(() => findPgTool('pg_dump', { PATH: root }, path.join(root, 'no-postgresql'))).toThrow(
      /pg_dump not found \(looked on PATH and in .*no-postgresql\/\*\/bin\).*apt-get install postgresql-client/,
    );
    expect(findPgTool('pg_restore', { PATH: '' })).toMatch(/\/pg_restore$/);
  });
});

describe('what pg_dump and pg_restore are given', () => {
  it('the connection string without its password, which goes in PGPASSWORD', () => {
    expect(libpqTarget('postgres://wire:p%40ss:w0rd@db.example:5433/wireroom?sslmode=require')).toEqual({
      url: 'postgres://wire@db.example:5433/wireroom?sslmode=require',
      env: { PGPASSWORD: 'p@ss:w0rd' },
    });
    expect(libpqTarget('postgresql://postgres@/wireroom?host=%2Ftmp%2Fpg')).toEqual({
      url: 'postgresql://postgres@/wireroom?host=%2Ftmp%2Fpg',
      env: {},
    });
  });
});
