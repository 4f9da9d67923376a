// Backup and restore of the database file. A backup is a consistent copy of the live database made through
// SQLite's backup API while the worker keeps writing; a restore checks a backup and swaps it in whole, only when
// no other process has the database open.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { latestSchemaVersion, StoreError } from './db.ts';

export interface BackupResult {
  /** The backup file written. */
  file: string;
  entries: number;
  schemaVersion: number;
  bytes: number;
}

export interface RestoreResult {
  entries: number;
  schemaVersion: number;
  /** The backup's schema is older than this code's: the next read-write open (worker, fetch) migrates it. */
  needsMigration: boolean;
  /** Something the caller should tell the user (e.g. the replaced file could not be checked for other users). */
  note?: string;
}

/**
 * Called between steps of the copy with the pages left (better-sqlite3's progress option): a number returned is how
 * many pages the next step copies (0 waits a turn of the event loop; 100 is the default).
 */
export type BackupProgress = (p: { totalPages: number; remainingPages: number }) => number;

/** Tables every wireroom schema has had since the first migration. */
const CORE_TABLES = ['entries', 'sources', 'fetch_log'];

/**
 * Copies the live database at `liveFile` into `destFile` (replaced atomically), safe while other processes write.
 * The copy is read from one snapshot, taken when the backup starts: it holds every transaction committed before
 * that and none of the ones committed during the copy, so it is as consistent as the live file at that instant.
 */
export async function backupDatabase(
  liveFile: string,
  destFile: string,
  opts: { progress?: BackupProgress } = {},
): Promise<BackupResult> {
  if (!existsSync(liveFile)) throw new StoreError(liveFile, 'no database to back up');
  let src: Database.Database;
  try {
    src = new Database(liveFile, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new StoreError(liveFile, `cannot open database: ${(err as Error).message}`);
  }
  const tmp = backupTempName(destFile);
  try {
    src.pragma('busy_timeout = 5000');
    // A read transaction held across the whole copy: the backup steps read this one snapshot, so the worker's
    // commits meanwhile neither restart the copy nor mix into it (WAL readers do not block the writer).
    src.exec('BEGIN');
    let snapshot: { version: number; entries: number };
    try {
      snapshot = describe(src);
    } catch (err) {
      throw new StoreError(liveFile, (err as Error).message);
    }
    try {
      removeDatabaseFiles(tmp);
      await src.backup(tmp, { progress: opts.progress ?? (() => 100) });
    } catch (err) {
      throw new Error(`${destFile}: cannot write the backup: ${(err as Error).message}`, { cause: err });
    } finally {
      src.exec('COMMIT');
    }
    let copied: { version: number; entries: number };
    try {
      copied = checkCopy(tmp, 'delete');
    } catch (err) {
      throw new Error(`${destFile}: the copy failed its check: ${(err as Error).message}`, { cause: err });
    }
    if (copied.entries !== snapshot.entries || copied.version !== snapshot.version)
      throw new Error(
        `${destFile}: the copy holds ${copied.entries} entries (schema ${copied.version}), the snapshot ${snapshot.entries} (schema ${snapshot.version})`,
      );
    placeBackup(tmp, destFile);
    return { file: destFile, entries: copied.entries, schemaVersion: copied.version, bytes: statSync(destFile).size };
  } finally {
    src.close();
    removeDatabaseFiles(tmp);
  }
}

/**
 * Replaces the database at `liveFile` with the backup `backupFile`. Refuses while any other process has the
 * database open (a worker, a server, a command); checks the backup (a SQLite file with a wireroom schema no
 * newer than this code's, passing integrity_check) on a copy beside the database; then renames the copy over
 * the database, with the old database's -wal, -shm and -journal removed first so none is applied to the new one.
 */
export function restoreDatabase(backupFile: string, liveFile: string): RestoreResult {
  if (!existsSync(backupFile)) throw new StoreError(backupFile, 'no such file');
  if (!statSync(backupFile).isFile()) throw new StoreError(backupFile, 'not a file');
  if (existsSync(`${backupFile}-wal`) && statSync(`${backupFile}-wal`).size > 0)
    throw new StoreError(
      backupFile,
      'has a -wal file beside it: it is a live database, not a backup (make one with `wireroom backup`)',
    );
  mkdirSync(path.dirname(liveFile), { recursive: true });
  const tmp = `${liveFile}.restore-${process.pid}`;
  try {
    removeDatabaseFiles(tmp);
    try {
      copyFileSync(backupFile, tmp);
    } catch (err) {
      throw new Error(`${liveFile}: cannot copy the backup beside it: ${(err as Error).message}`, { cause: err });
    }
    let copied: { version: number; entries: number };
    try {
      // Left in WAL mode, as every wireroom connection keeps it: the next restore's in-use check relies on it, and
      // a read-only `serve` cannot switch a rollback-journal database to WAL itself.
      copied = checkCopy(tmp, 'wal');
    } catch (err) {
      throw new StoreError(backupFile, (err as Error).message);
    }
    syncFile(tmp);
    const note = existsSync(liveFile) ? claimAlone(liveFile) : undefined;
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(liveFile + suffix, { force: true });
    renameSync(tmp, liveFile);
    syncFile(path.dirname(liveFile));
    return {
      entries: copied.entries,
      schemaVersion: copied.version,
      needsMigration: copied.version < latestSchemaVersion(),
      note,
    };
  } finally {
    removeDatabaseFiles(tmp);
  }
}

/** The database was in use by another process when a restore was asked for (or could not be shown not to be). */
export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
  constructor(
    readonly file: string,
    reason = 'in use by another process (a worker, a server or a command): stop it, then restore',
  ) {
    super(`${file}: ${reason}`);
  }
}

/**
 * Checks that no other process has `file` open: every wireroom connection keeps the database in WAL mode and
 * holds a shared lock on it while open, and SQLite leaves WAL mode only for a connection that is alone. So the
 * switch to DELETE mode succeeds exactly when nobody else (reader or writer) is connected. A database found in
 * rollback-journal mode (an older restore left it so, and read-only servers do not switch it back) holds no lock
 * between reads, so nobody can be seen on it: it is switched to WAL mode for the next attempt and refused. A
 * database that is not readable as SQLite at all (the usual reason to restore) cannot be asked; that is returned
 * as a note.
 */
function claimAlone(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 1000');
    // A read first: the journal mode is only known once the header is, and a file that is not SQLite fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const before = db.pragma('journal_mode', { simple: true });
    if (before !== 'wal') {
      db.pragma('journal_mode = WAL');
      throw new DatabaseInUseError(
        file,
        `was in rollback-journal mode, where restore cannot tell whether another process has it open (it is now ` +
          `in WAL mode, where it can): stop every worker, server and command on it, then restore again`,
      );
    }
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw new DatabaseInUseError(file);
    return undefined;
  } catch (err) {
    if (err instanceof DatabaseInUseError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw new DatabaseInUseError(file);
    return `${file}: could not check whether another process uses it (${(err as Error).message}); replaced it anyway`;
  } finally {
    db?.close();
  }
}

/**
 * Opens a copy (never the user's file) read-write, checks it and leaves it in `journalMode`: either way one
 * self-contained file, since closing the only connection to a WAL database checkpoints and removes its -wal.
 */
function checkCopy(file: string, journalMode: 'delete' | 'wal'): { version: number; entries: number } {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (err) {
    throw new Error(`not a SQLite database: ${(err as Error).message}`, { cause: err });
  }
  let result: { version: number; entries: number };
  try {
    const mode = db.pragma(`journal_mode = ${journalMode.toUpperCase()}`, { simple: true });
    if (mode !== journalMode)
      throw new Error(`cannot switch the copy to ${journalMode} mode (it is in ${String(mode)})`);
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
    result = describe(db);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB') throw new Error(`not a SQLite database: ${(err as Error).message}`, { cause: err });
    throw err;
  } finally {
    db.close();
  }
  if (existsSync(`${file}-wal`)) throw new Error('the copy still has a -wal file after closing it');
  return result;
}

/** Schema version and entry count, after checking the file holds a wireroom schema this code can use. */
function describe(db: Database.Database): { version: number; entries: number } {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
  const missing = CORE_TABLES.filter((t) => !tables.has(t));
  if (missing.length) throw new Error(`not a wireroom database (no table ${missing.join(', ')})`);
  if (version === 0) throw new Error('not a wireroom database (no schema version)');
  const latest = latestSchemaVersion();
  if (version > latest)
    throw new Error(`schema version ${version} is newer than this wireroom's ${latest}: upgrade wireroom first`);
  const { n } = db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number };
  return { version, entries: n };
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/** fsync a file or a folder (so a rename in it is durable). */
/**
 * Puts a finished backup in place: readable by its owner only (it holds password and token hashes), on disk before
 * it takes the destination's name, and the rename on disk too. Both stores' backups end here.
 */
export function placeBackup(tmp: string, destFile: string): void {
  chmodSync(tmp, 0o600);
  syncFile(tmp);
  renameSync(tmp, destFile);
  syncFile(path.dirname(destFile));
}

/** A name beside `destFile` no other user could guess and plant first. */
export function backupTempName(destFile: string): string {
  return `${destFile}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
