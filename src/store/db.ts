// Opens the SQLite file with the pragmas wireroom relies on and applies numbered migrations from db/migrations.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';

export type Db = Database.Database;

export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'db/migrations');

/** The database cannot be used: names the file and the reason. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'StoreError';
  }
}

/**
 * Opens (creating and migrating) the database, or with `readonly` opens an existing one for reading only: no
 * migrations, so a missing database or one older than this code's schema is refused with what to run first.
 */
export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Db {
  let db: Db;
  if (opts.readonly && file !== ':memory:' && !existsSync(file))
    throw new StoreError(file, `no database here yet: run the worker (wireroom run) or \`wireroom fetch\` once`);
  try {
    // Read-only: nothing created (a missing database was refused above), no write access needed.
    if (file !== ':memory:' && !opts.readonly) {
      mkdirSync(path.dirname(file), { recursive: true });
      // SQLite on a read-only disk opens fine and fails at the first write, mid-cycle; say so up front instead.
      accessSync(path.dirname(file), constants.W_OK);
      if (existsSync(file)) accessSync(file, constants.W_OK);
    }
    db = new Database(file, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
  } catch (err) {
    throw new StoreError(file, `cannot open database: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      whileBusy(() => db.pragma('journal_mode = WAL'));
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    // SQLite's default 2 MB page cache makes index writes into a large database (tags, story buckets) miss it on
    // nearly every row. 16 MB is enough: the cache fills with every page a cycle touches, and 64 MB took a cold
    // cycle's peak RSS 53 MB higher at 3,000 sources for no time or CPU saved (bench/cycle.ts, 3 rounds; #14).
    db.pragma('cache_size = -16384');
    // Checkpoint every ~40 MB of WAL rather than 4 MB: index and full-text pages that many small per-source
    // transactions rewrite are copied into the database once per checkpoint, not once per few sources.
    if (!opts.readonly) db.pragma('wal_autocheckpoint = 10000');
    // Another process migrating this database at the same moment (a first start beside a command) changes the
    // schema under this connection: SQLite then fails a full-text table's constructor with SQLITE_SCHEMA instead of
    // retrying it, so the check and the migrations are tried again once the schema has settled.
    whileSchemaChanges(() => {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
      if (!opts.readonly) migrate(db);
      else requireCurrentSchema(db);
    });
  } catch (err) {
    db.close();
    throw new StoreError(file, (err as Error).message);
  }
  return db;
}

/** The schema version this code expects: the number of the newest migration in `dir`. */
export function latestSchemaVersion(dir = MIGRATIONS_DIR): number {
  const versions = readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .map((f) => parseInt(f, 10));
  return versions.length ? Math.max(...versions) : 0;
}

/** A read-only connection cannot migrate: it refuses a database whose schema is older than the code's. */
function requireCurrentSchema(db: Db): void {
  const have = db.pragma('user_version', { simple: true }) as number;
  const want = latestSchemaVersion();
  if (have === 0) throw new Error('not a wireroom database (no schema version)');
  if (have < want)
    throw new Error(
      `schema version ${have} is older than this wireroom's ${want}: run the worker (wireroom run) or \`wireroom fetch\` once to migrate it`,
    );
}

/** Applies every migration whose number is above PRAGMA user_version, each in its own transaction. */
export function migrate(db: Db, dir = MIGRATIONS_DIR): number {
  const files = readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const newest = files[files.length - 1];
  const latest = newest ? parseInt(newest, 10) : 0;
  if ((db.pragma('user_version', { simple: true }) as number) >= latest) return 0; // the usual case: no lock taken
  let applied = 0;
  for (const f of files) {
    const version = parseInt(f, 10);
    const sql = readFileSync(path.join(dir, f), 'utf8');
    // IMMEDIATE, and the version read again under the lock: two processes starting on a new database at once
    // (`npm start` and a `wireroom` command) must not both apply a migration.
    const ran = db
      .transaction(() => {
        if ((db.pragma('user_version', { simple: true }) as number) >= version) return false;
        db.exec(sql);
        db.pragma(`user_version = ${version}`);
        return true;
      })
      .immediate();
    if (ran) applied++;
  }
  return applied;
}

/** Retries an operation that met a schema changed by another connection (SQLITE_SCHEMA), a few times. */
function whileSchemaChanges(fn: () => void): void {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_SCHEMA' || attempt >= 5) throw err;
    }
  }
}

/** Retries an operation SQLite refuses with SQLITE_BUSY (switching to WAL needs a moment alone), up to ~5 s. */
function whileBusy<T>(fn: () => T): T {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 100) throw err;
      Atomics.wait(sleeper, 0, 0, 50);
    }
  }
}
