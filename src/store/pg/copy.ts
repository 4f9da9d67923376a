// `wireroom migrate`: copies a SQLite database into PostgreSQL, every table in batches inside one PostgreSQL
// transaction (a failed copy leaves none of its rows, and empties nothing), read from one SQLite snapshot, then checks each table:
// rows and a checksum (checksum.ts) taken the same way on both sides. Search vectors are built by PostgreSQL itself
// (entries.search is a generated column), so the FTS5 tables are not copied.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Pool, PoolClient } from 'pg';
import { latestSchemaVersion } from '../db.ts';
import { TableChecksum } from './checksum.ts';
import { connectPool, inTransaction, redactUrl } from './connect.ts';
import { migratePg } from './migrate.ts';
import { withoutNul } from './text.ts';

export interface CopyOptions {
  /** Empty the target's wireroom tables first; without it a target holding any row is refused. */
  replace?: boolean;
  /** Rows per INSERT (default 1000). */
  batchSize?: number;
  /** After each batch: the table and how many of its rows are copied so far. */
  onProgress?: (table: string, copied: number, total: number) => void;
}

export interface TableCheck {
  table: string;
  sqliteRows: number;
  pgRows: number;
  sqliteChecksum: string;
  pgChecksum: string;
  /** SQLite values holding U+0000, which PostgreSQL text cannot: copied with U+FFFD in its place (text.ts). */
  nulValues: number;
  ok: boolean;
}

export interface CopyReport {
  tables: TableCheck[];
  ok: boolean;
}

/** A table as the copy sees it: its columns in SQLite's order, its key, the PostgreSQL types of the columns. */
interface TableSpec {
  name: string;
  columns: string[];
  key: string[];
  pgTypes: string[];
}

/** Copied first, in this order (foreign keys); a table not listed follows, in name order. */
const ORDER = [
  'sources',
  'stories',
  'entries',
  'tombstones',
  'fetch_log',
  'entry_tag_sets',
  'entry_tags',
  'tag_overrides',
  'story_keys',
  'story_decisions',
  'story_merges',
  'users',
  'api_tokens',
  'sessions',
  'login_attempts',
  'audit_log',
  'jobs',
  'worker_cycles',
];

/**
 * SQLite's own tables and the FTS5 index (rebuilt on the PostgreSQL side) are not data to copy. The versions its
 * entries were tagged with (tag_versions) are: a version is the tagger's code, taxonomy and priors, the same whichever
 * store holds the tags, so the first retag on PostgreSQL tags what a retag on SQLite would have.
 */
const notCopied = (name: string) => name.startsWith('sqlite_') || name.startsWith('entries_fts');

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The error a copy gives, naming the database it is about. */
export class CopyError extends Error {
  override name = 'CopyError';
}

function openSqlite(file: string): Database.Database {
  if (!existsSync(file)) throw new CopyError(`${file}: no such SQLite database`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('user_version', { simple: true });
  } catch (err) {
    throw new CopyError(`${file}: cannot open as a SQLite database: ${(err as Error).message}`);
  }
  const have = db.pragma('user_version', { simple: true }) as number;
  const want = latestSchemaVersion();
  const refuse = (why: string) => {
    db.close();
    return new CopyError(`${file}: ${why}`);
  };
  if (have === 0) throw refuse('not a wireroom database (no schema version)');
  if (have < want)
    throw refuse(
      `schema version ${have} is older than this wireroom's ${want}: run \`wireroom fetch --db ${file}\` once to bring it up to date, then migrate`,
    );
  if (have > want)
    throw refuse(
      `schema version ${have} is newer than this wireroom's ${want}: migrate it with the wireroom that wrote it`,
    );
  return db;
}

/** The tables to copy, with what both sides say about them; a table or column PostgreSQL lacks is refused. */
async function tableSpecs(sqlite: Database.Database, pg: PoolClient, file: string): Promise<TableSpec[]> {
  const names = sqlite
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name)
    .filter((n) => !notCopied(n));
  const { rows } = await pg.query<{ table_name: string; column_name: string; type: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0
       AND NOT a.attisdropped AND a.attgenerated = ''`,
  );
  const pgColumns = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const t = pgColumns.get(r.table_name) ?? new Map<string, string>();
    t.set(r.column_name, r.type);
    pgColumns.set(r.table_name, t);
  }
  const specs = names.map((name): TableSpec => {
    const target = pgColumns.get(name);
    if (!target) throw new CopyError(`${file}: table ${name} has no counterpart in the PostgreSQL schema`);
    const info = sqlite
      .prepare<[string], { name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?)')
      .all(name);
    const columns = info.map((c) => c.name);
    const missing = columns.filter((c) => !target.has(c));
    if (missing.length)
      throw new CopyError(`${file}: ${name}.${missing.join(', ')} has no counterpart in the PostgreSQL schema`);
    const key = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    return { name, columns, key: key.length ? key : columns, pgTypes: columns.map((c) => target.get(c) ?? 'text') };
  });
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return specs.sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : 1));
}

const orderBy = (spec: TableSpec) => spec.key.map(quote).join(', ');

/** The INSERT of one batch: one array parameter per column. */
const insertSql = (spec: TableSpec) =>
  `INSERT INTO ${quote(spec.name)} (${spec.columns.map(quote).join(', ')})
   SELECT * FROM unnest(${spec.pgTypes.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;

async function copyTable(sqlite: Database.Database, pg: PoolClient, spec: TableSpec, opts: CopyOptions): Promise<void> {
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM ${quote(spec.name)}`).get() as { n: number }).n;
  const batchSize = opts.batchSize ?? 1000;
  const sql = insertSql(spec);
  // Stories point at entries and entries at stories: representatives are set once the entries are in.
  const deferred = spec.name === 'stories' ? spec.columns.indexOf('representative_entry_id') : -1;
  const rows = sqlite
    .prepare(`SELECT ${spec.columns.map(quote).join(', ')} FROM ${quote(spec.name)} ORDER BY ${orderBy(spec)}`)
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  let batch: unknown[][] = spec.columns.map((): unknown[] => []);
  let inBatch = 0;
  let copied = 0;
  const flush = async () => {
    if (!inBatch) return;
    try {
      await pg.query(sql, batch);
    } catch (err) {
      throw new CopyError(`copying ${spec.name} (rows ${copied + 1}-${copied + inBatch}): ${(err as Error).message}`);
    }
    copied += inBatch;
    opts.onProgress?.(spec.name, copied, total);
    batch = spec.columns.map(() => []);
    inBatch = 0;
  };
  for (const row of rows) {
    row.forEach((v, i) => {
      if (i === deferred) batch[i]?.push(null);
      else batch[i]?.push(typeof v === 'string' ? withoutNul(v) : v);
    });
    if (++inBatch >= batchSize) await flush();
  }
  await flush();
}

/** What the first pass left out or the triggers changed: story representatives, sources' entry counts. */
async function restoreCircular(sqlite: Database.Database, pg: PoolClient, specs: TableSpec[]): Promise<void> {
  const has = (t: string, c: string) => specs.some((s) => s.name === t && s.columns.includes(c));
  if (has('stories', 'representative_entry_id')) {
    const reps = sqlite
      .prepare<[], { id: number; rep: number }>(
        'SELECT id, representative_entry_id AS rep FROM stories WHERE representative_entry_id IS NOT NULL',
      )
      .all();
    await pg.query(
      `UPDATE stories s SET representative_entry_id = r.rep FROM unnest($1::bigint[], $2::bigint[]) AS r(id, rep)
       WHERE s.id = r.id`,
      [reps.map((r) => r.id), reps.map((r) => r.rep)],
    );
  }
  // Inserting entries counted them again (the entry_count triggers): the copy keeps SQLite's figures as they are.
  if (has('sources', 'entry_count')) {
    const counts = sqlite.prepare<[], { id: string; n: number }>('SELECT id, entry_count AS n FROM sources').all();
    await pg.query(
      `UPDATE sources s SET entry_count = c.n FROM unnest($1::text[], $2::bigint[]) AS c(id, n) WHERE s.id = c.id`,
      [counts.map((c) => c.id), counts.map((c) => c.n)],
    );
  }
}

/** Identity columns continue after the copied ids, and after ids SQLite handed out and deleted (AUTOINCREMENT). */
async function continueIdentities(sqlite: Database.Database, pg: PoolClient, specs: TableSpec[]): Promise<void> {
  const seqTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
  const used = new Map<string, number>(
    seqTable
      ? sqlite
          .prepare<[], { name: string; seq: number }>('SELECT name, seq FROM sqlite_sequence')
          .all()
          .map((r) => [r.name, r.seq])
      : [],
  );
  const { rows } = await pg.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const r of rows) {
    if (!specs.some((s) => s.name === r.table_name)) continue;
    const max = (
      await pg.query<{ max: number | null }>(`SELECT max(${quote(r.column_name)}) AS max FROM ${quote(r.table_name)}`)
    ).rows[0]?.max;
    const next = Math.max(max ?? 0, used.get(r.table_name) ?? 0);
    if (next > 0)
      await pg.query('SELECT setval(pg_get_serial_sequence($1, $2), $3)', [quote(r.table_name), r.column_name, next]);
  }
}

/** The wireroom tables of the target that hold rows. */
async function nonEmpty(pg: PoolClient, specs: TableSpec[]): Promise<string[]> {
  const out: string[] = [];
  for (const s of specs) {
    const { rows } = await pg.query(`SELECT 1 FROM ${quote(s.name)} LIMIT 1`);
    if (rows.length) out.push(s.name);
  }
  return out;
}

async function emptyTables(pg: PoolClient, specs: TableSpec[]): Promise<void> {
  // The audit log refuses TRUNCATE (it is append-only); replacing the whole database is the one exception.
  await pg.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate');
  await pg.query(`TRUNCATE ${specs.map((s) => quote(s.name)).join(', ')} RESTART IDENTITY CASCADE`);
  await pg.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate');
}

/** Rows and checksum of one table in SQLite, in key order. */
function sqliteChecksum(sqlite: Database.Database, spec: TableSpec): TableChecksum {
  const sum = new TableChecksum();
  const rows = sqlite
    .prepare(`SELECT ${spec.columns.map(quote).join(', ')} FROM ${quote(spec.name)} ORDER BY ${orderBy(spec)}`)
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  for (const row of rows) sum.add(row);
  return sum;
}

/** The same in PostgreSQL, through a cursor (a table of millions of rows never sits in memory). */
async function pgChecksum(pg: PoolClient, spec: TableSpec): Promise<TableChecksum> {
  const sum = new TableChecksum();
  await pg.query(
    `DECLARE rows NO SCROLL CURSOR FOR SELECT ${spec.columns.map(quote).join(', ')} FROM ${quote(spec.name)}
     ORDER BY ${orderBy(spec)}`,
  );
  for (;;) {
    const { rows } = await pg.query({ text: 'FETCH 2000 FROM rows', rowMode: 'array' });
    for (const row of rows as unknown[][]) sum.add(row);
    if (rows.length < 2000) break;
  }
  await pg.query('CLOSE rows');
  return sum;
}

/** Compares every table of the SQLite database with the target: rows and checksums. */
async function verify(sqlite: Database.Database, pool: Pool, specs: TableSpec[]): Promise<CopyReport> {
  const tables: TableCheck[] = [];
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Doubles as their shortest exact text (the default since PostgreSQL 12, unless a server says otherwise), which
    // parses back to the very number SQLite gives.
    await client.query('SET LOCAL extra_float_digits = 3');
    for (const spec of specs) {
      const a = sqliteChecksum(sqlite, spec);
      const b = await pgChecksum(client, spec);
      const sqliteChecksumHex = a.digest();
      const pgChecksumHex = b.digest();
      tables.push({
        table: spec.name,
        sqliteRows: a.rows,
        pgRows: b.rows,
        sqliteChecksum: sqliteChecksumHex,
        pgChecksum: pgChecksumHex,
        nulValues: a.nulValues,
        ok: a.rows === b.rows && sqliteChecksumHex === pgChecksumHex,
      });
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  return { tables, ok: tables.every((t) => t.ok) };
}

/** Runs fn over a SQLite database read from one snapshot (a worker writing meanwhile changes nothing we read). */
async function withSnapshot<T>(file: string, fn: (sqlite: Database.Database) => Promise<T>): Promise<T> {
  const sqlite = openSqlite(file);
  try {
    sqlite.exec('BEGIN');
    return await fn(sqlite);
  } finally {
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
    sqlite.close();
  }
}

/** Migrates the target's schema, copies every table from `file` and verifies the copy. */
export async function copySqliteToPg(file: string, url: string, opts: CopyOptions = {}): Promise<CopyReport> {
  return withSnapshot(file, async (sqlite) => {
    const pool = await connectPool(url, { max: 2 });
    try {
      await migratePg(pool);
      await inTransaction(pool, async (pg) => {
        const specs = await tableSpecs(sqlite, pg, file);
        const filled = await nonEmpty(pg, specs);
        if (filled.length && !opts.replace)
          throw new CopyError(
            `${redactUrl(url)} already holds rows (in ${filled.join(', ')}): migrate into an empty database, or pass --replace to empty it first`,
          );
        if (filled.length) await emptyTables(pg, specs);
        for (const spec of specs) await copyTable(sqlite, pg, spec, opts);
        await restoreCircular(sqlite, pg, specs);
        await continueIdentities(sqlite, pg, specs);
      });
      return await verifyWith(sqlite, pool, file);
    } finally {
      await pool.end();
    }
  });
}

async function verifyWith(sqlite: Database.Database, pool: Pool, file: string): Promise<CopyReport> {
  const client = await pool.connect();
  let specs: TableSpec[];
  try {
    specs = await tableSpecs(sqlite, client, file);
  } finally {
    client.release();
  }
  return verify(sqlite, pool, specs);
}

/** Checks an earlier copy again: every table of `file` against the target, rows and checksums. */
export async function verifySqliteCopy(file: string, url: string): Promise<CopyReport> {
  return withSnapshot(file, async (sqlite) => {
    const pool = await connectPool(url, { max: 2 });
    try {
      return await verifyWith(sqlite, pool, file);
    } finally {
      await pool.end();
    }
  });
}
