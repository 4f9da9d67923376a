// The same feed tests on both stores (issue #15): a fixture is seeded into SQLite through the store API, as ever;
// on PostgreSQL it is then copied with `wireroom migrate`'s copy into a fresh database on a real server (one per
// test file), and the test reads through a PgFeedReader. After a test changes the SQLite fixture, sync() copies it
// again (--replace), which on PostgreSQL is a write like any other: the data version moves.
import path from 'node:path';
import type { FeedReader } from '../../src/store/index.ts';
import { sqliteFeedReader, type Store } from '../../src/store/index.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from './postgres.ts';

export type StoreKind = 'sqlite' | 'postgres';

/** A store under test: how a SQLite-seeded fixture is read on it. */
export interface StoreUnderTest {
  kind: StoreKind;
  /** Suffix for test names: why the PostgreSQL arm skips, when it does. */
  skip: string;
  /** The reader over this fixture (on PostgreSQL: a copy of it in a fresh database). */
  reader(fixture: { store: Store; dbFile: string }): Promise<FeedReader>;
  /** Brings the copy up to date with the SQLite fixture (nothing to do on SQLite). */
  sync(fixture: { store: Store; dbFile: string }): Promise<void>;
  /** A new empty database for a process the test starts: a file in root/db, or one on the file's one server. */
  emptyDatabase(root: string, name: string): Promise<string>;
  /** The `database` setting (`--db`) that names this fixture on this store: the file, or its copy's URL. */
  setting(fixture: { dbFile: string }): string;
  /** Closes what reader() opened; stops the server after the file's last test. */
  close(): Promise<void>;
}

function sqliteArm(): StoreUnderTest {
  return {
    kind: 'sqlite',
    skip: '',
    reader: (f) => Promise.resolve(sqliteFeedReader(f.store)),
    sync: () => Promise.resolve(),
    setting: (f) => f.dbFile,
    emptyDatabase: (root, name) => Promise.resolve(path.join(root, 'db', `${name}.sqlite`)),
    close: () => Promise.resolve(),
  };
}

function postgresArm(): StoreUnderTest {
  let server: TestPostgres | undefined;
  let databases = 0;
  /** The latest copy of each fixture file (what sync() refreshes); every reader opened, to close. */
  const copies = new Map<string, { url: string }>();
  const opened: (() => Promise<void>)[] = [];
  const copy = async (dbFile: string, url: string, replace: boolean) => {
    const { copySqliteToPg } = await import('../../src/store/pg/index.ts');
    const report = await copySqliteToPg(dbFile, url, { replace });
    if (!report.ok) throw new Error(`copy of ${dbFile} into PostgreSQL failed its checks`);
  };
  return {
    kind: 'postgres',
    skip: needsPostgres,
    async reader(f) {
      server ??= await startPostgres();
      const url = await server.createDatabase(`feeds_${++databases}`);
      await copy(f.dbFile, url, false);
      const { openFeedReader } = await import('../../src/store/index.ts');
      const reader = await openFeedReader({ kind: 'postgres', url }, { connections: 4 });
      copies.set(f.dbFile, { url });
      opened.push(reader.close);
      return reader.reader;
    },
    async sync(f) {
      const c = copies.get(f.dbFile);
      if (!c) throw new Error(`sync: ${f.dbFile} was never copied (call reader() first)`);
      await copy(f.dbFile, c.url, true);
    },
    async emptyDatabase(_root, name) {
      server ??= await startPostgres();
      return server.createDatabase(name);
    },
    setting(f) {
      const c = copies.get(f.dbFile);
      if (!c) throw new Error(`setting: ${f.dbFile} was never copied (call reader() first)`);
      return c.url;
    },
    async close() {
      for (const close of opened.splice(0)) await close();
      copies.clear();
      server?.stop();
      server = undefined;
    },
  };
}

/** Both stores, for describe.each; the PostgreSQL arm is skipped (and says why) where no server can start. */
export function stores(): StoreUnderTest[] {
  return [sqliteArm(), postgresArm()];
}

/** Whether an arm cannot run here. */
export const skipArm = (s: StoreUnderTest) => s.kind === 'postgres' && !!postgresMissing;
