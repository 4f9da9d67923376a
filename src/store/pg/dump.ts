// Backup and restore of a PostgreSQL database (issue #15) with the server's own tools: `pg_dump --format=custom`
// and `pg_restore --clean --if-exists`. A backup is read from one snapshot, exported by a transaction that also
// counts the entries in it, so the count printed is the count in the file. A restore checks the archive first and
// runs in one transaction; it refuses while any other session is connected (workers, servers, commands), as the
// SQLite restore refuses while another process has the file open.
import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { backupTempName, placeBackup } from '../backup.ts';
import { StoreError } from '../db.ts';
import { connectPool, redactUrl } from './connect.ts';
import { IN_USE_LOCK } from './in-use.ts';
import { pgMigrations } from './migrate.ts';

export type PgTool = 'pg_dump' | 'pg_restore';

/** A PostgreSQL client program that is not installed (or not where wireroom looks). */
export class PgToolMissingError extends Error {
  override name = 'PgToolMissingError';
}

/** Where wireroom looks for a tool: PATH first, then the newest Debian-layout install. */
export function findPgTool(tool: PgTool, env: { PATH?: string } = process.env, root = '/usr/lib/postgresql'): string {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, tool);
    if (existsSync(file)) return file;
  }
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', tool)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin', tool);
  throw new PgToolMissingError(
    `${tool} not found (looked on PATH and in ${root}/*/bin): backup and restore on PostgreSQL use the server's ` +
      `own tools; install the PostgreSQL client programs (Debian: apt-get install postgresql-client), of the ` +
      `server's major version or newer`,
  );
}

/**
 * The connection string for libpq without its password, and the password apart (PGPASSWORD): a password in the
 * arguments would show in every process list.
 */
export function libpqTarget(url: string): { url: string; env: Record<string, string> } {
  // The same shapes redactUrl hides (a URL parser refuses `postgres://user@/db?host=/socket`, which libpq takes):
  // the user-info password, and a `password=` parameter (libpq takes the parameter over the user-info one).
  let rest = url;
  let password: string | undefined;
  const m = /^(postgres(?:ql)?:\/\/[^:@/]*):([^@/]*)@/i.exec(rest);
  if (m) {
    password = decodeURIComponent(m[2] ?? '');
    rest = `${m[1]}@${rest.slice(m[0].length)}`;
  }
  const q = rest.indexOf('?');
  if (q >= 0) {
    const params = rest
      .slice(q + 1)
      .split('&')
      .filter((p) => {
        if (!/^password=/i.test(p)) return true;
        password = decodeURIComponent(p.slice('password='.length).replace(/\+/g, ' '));
        return false;
      });
    rest = rest.slice(0, q) + (params.length ? `?${params.join('&')}` : '');
  }
  return { url: rest, env: password === undefined ? {} : { PGPASSWORD: password } };
}

/** Runs a tool; a failure names it and gives its own message, with any password in it hidden. */
function runTool(tool: PgTool, args: string[], env: Record<string, string> = {}): Promise<string> {
  const file = findPgTool(tool);
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const said = redactUrl(String(stderr || err.message).trim());
        reject(new Error(`${tool} failed: ${said}`, { cause: err }));
      },
    );
  });
}

export interface PgBackupResult {
  file: string;
  entries: number;
  schemaVersion: number;
  bytes: number;
}

async function schemaVersion(q: { query: Pool['query'] }): Promise<number> {
  const { rows } = await q.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}

/**
 * Dumps the database at `url` into `destFile` (replaced atomically) while workers and servers keep running: the
 * dump reads the snapshot of a REPEATABLE READ transaction held open across it, the one its figures are read from.
 */
export async function backupPg(url: string, destFile: string): Promise<PgBackupResult> {
  findPgTool('pg_dump'); // before connecting: a missing tool is the likelier problem, and says what to install
  const pool = await connectPool(url, { max: 1 });
  const tmp = backupTempName(destFile);
  try {
    const client = await pool.connect();
    let figures: { entries: number; version: number };
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
      const entries = (await client.query<{ n: number }>('SELECT count(*) AS n FROM entries')).rows[0]?.n ?? 0;
      figures = { entries, version: await schemaVersion(client) };
      const target = libpqTarget(url);
      rmSync(tmp, { force: true });
      await runTool(
        'pg_dump',
        ['--format=custom', `--snapshot=${rows[0]?.snapshot}`, `--file=${tmp}`, `--dbname=${target.url}`],
        target.env,
      );
    } finally {
      await client.query('COMMIT').catch(() => {});
      client.release();
    }
    const toc = await archiveContents(tmp).catch((err: Error) => {
      throw new Error(`${destFile}: the dump failed its check: ${err.message}`, { cause: err });
    });
    if (toc.version !== figures.version)
      throw new Error(`${destFile}: the dump holds schema ${toc.version}, the snapshot ${figures.version}`);
    placeBackup(tmp, destFile);
    return { file: destFile, entries: figures.entries, schemaVersion: figures.version, bytes: statSync(destFile).size };
  } finally {
    rmSync(tmp, { force: true });
    await pool.end();
  }
}

/** wireroom's tables a backup must hold. */
const CORE_TABLES = ['entries', 'sources', 'fetch_log', 'schema_migrations'];

/** What a custom-format archive holds: checks it is one, with wireroom's tables, and reads its schema version. */
async function archiveContents(file: string): Promise<{ version: number }> {
  const list = await runTool('pg_restore', ['--list', file]);
  const tables = new Set([...list.matchAll(/^\d+; \d+ \d+ TABLE \S+ (\S+) /gm)].map((m) => m[1]));
  const missing = CORE_TABLES.filter((t) => !tables.has(t));
  if (missing.length) throw new Error(`not a wireroom database (no table ${missing.join(', ')})`);
  // The applied migrations are the data of one small table: read as the COPY text a restore would run.
  const data = await runTool('pg_restore', ['--data-only', '--table=schema_migrations', '--file=-', file]);
  const copy = /^COPY \S*schema_migrations .* FROM stdin;\n([\s\S]*?)^\\\.$/m.exec(data);
  const versions = (copy?.[1] ?? '')
    .split('\n')
    .filter(Boolean)
    .map((line) => parseInt(line, 10));
  if (!versions.length) throw new Error('not a wireroom database (no schema version)');
  return { version: Math.max(...versions) };
}

export interface PgRestoreResult {
  entries: number;
  schemaVersion: number;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** The first bytes of a file. */
function head(file: string, n: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0)).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** The database was in use when a restore was asked for. */
export class PgInUseError extends Error {
  override name = 'PgInUseError';
}

/**
 * Refuses while a wireroom worker, run or serve has the database open (the in-use lock, held by this connection
 * from here to the end of the restore, so one starting meanwhile waits), while workers hold leases (naming them), or
 * while any other session is connected to the database.
 */
async function claimAlone(pool: PoolClient, name: string): Promise<void> {
  const { rows: locked } = await pool.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
    IN_USE_LOCK.toString(),
  ]);
  if (!locked[0]?.ok)
    throw new PgInUseError(
      `${name}: in use by a running wireroom process (\`wireroom worker\`, \`run\` or \`serve\`): stop them all, ` +
        `then restore`,
    );
  const hasSources = (await pool.query<{ t: string | null }>("SELECT to_regclass('sources') AS t")).rows[0]?.t;
  if (hasSources) {
    const { rows } = await pool.query<{ owner: string; n: number; until: string }>(
      `SELECT lease_owner AS owner, count(*) AS n, max(lease_until) AS until FROM sources
       WHERE lease_owner IS NOT NULL AND lease_until > $1 GROUP BY lease_owner ORDER BY lease_owner`,
      [new Date().toISOString()],
    );
    if (rows.length)
      throw new PgInUseError(
        `${name}: workers hold leases on sources (${rows.map((r) => `${r.owner}: ${r.n}`).join(', ')}): stop ` +
          `every \`wireroom worker\` and \`wireroom run\` on it, then restore (a killed worker's leases run out by ` +
          `${rows
            .map((r) => r.until)
            .sort()
            .at(-1)})`,
      );
  }
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*) AS n FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  const others = rows[0]?.n ?? 0;
  if (others)
    throw new PgInUseError(
      `${name}: in use by ${others} other connection${others === 1 ? '' : 's'} (a worker, a server, a command or ` +
        `another client): stop them, then restore`,
    );
}

/**
 * Replaces the database at `url` with the archive `backupFile` (made by backupPg). Checks the archive, refuses
 * while the database is in use, and refuses a schema the restore could not leave whole: `--clean` replaces only
 * the objects the archive holds, so a database already migrated past the backup would keep the newer objects and
 * fail its next migration. One transaction: a restore that fails leaves the database as it was.
 */
export async function restorePg(url: string, backupFile: string): Promise<PgRestoreResult> {
  const name = redactUrl(url);
  if (!existsSync(backupFile)) throw new StoreError(backupFile, 'no such file');
  if (!statSync(backupFile).isFile()) throw new StoreError(backupFile, 'not a file');
  const magic = head(backupFile, 16);
  if (magic === SQLITE_HEADER)
    throw new StoreError(
      backupFile,
      'is a SQLite database: the database is PostgreSQL; copy it in with `wireroom migrate --from FILE --to URL ' +
        '--replace`, or restore a backup `wireroom backup` made on PostgreSQL',
    );
  if (!magic.startsWith('PGDMP'))
    throw new StoreError(
      backupFile,
      'not a PostgreSQL backup (a `wireroom backup` on PostgreSQL: pg_dump, custom format)',
    );
  let backup: { version: number };
  try {
    backup = await archiveContents(backupFile);
  } catch (err) {
    if (err instanceof PgToolMissingError) throw err;
    throw new StoreError(backupFile, (err as Error).message);
  }
  const latest = pgMigrations().at(-1)?.version ?? 0;
  if (backup.version > latest)
    throw new StoreError(
      backupFile,
      `schema version ${backup.version} is newer than this wireroom's ${latest}: upgrade wireroom first`,
    );
  // One connection, held until pg_restore is done: it holds the in-use lock.
  const pool = await connectPool(url, { max: 1 });
  const held = await pool.connect();
  try {
    await claimAlone(held, name);
    const hasSchema = (await held.query<{ t: string | null }>("SELECT to_regclass('schema_migrations') AS t")).rows[0]
      ?.t;
    const live = hasSchema ? await schemaVersion(held) : 0;
    if (live && live !== backup.version)
      throw new StoreError(
        backupFile,
        `schema version ${backup.version}, the database's ${live}: a restore replaces only what the backup holds, ` +
          `so it goes into a database of the same schema or an empty one (createdb, then point \`database:\` at it)`,
      );
    const target = libpqTarget(url);
    await runTool(
      'pg_restore',
      [
        '--clean',
        '--if-exists',
        '--single-transaction',
        '--exit-on-error',
        '--no-owner',
        `--dbname=${target.url}`,
        backupFile,
      ],
      target.env,
    );
  } finally {
    held.release();
    await pool.end();
  }
  const after = await connectPool(url, { max: 1 });
  try {
    const entries = (await after.query<{ n: number }>('SELECT count(*) AS n FROM entries')).rows[0]?.n ?? 0;
    return { entries, schemaVersion: await schemaVersion(after) };
  } finally {
    await after.end();
  }
}
