// Applies db/postgres/NNN_*.sql in order, each once, all in one transaction under an advisory lock: several
// processes starting on a new database at once (workers on several machines) apply each migration exactly once,
// and a failed migration leaves the schema as it was.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import { inTransaction } from './connect.ts';
import { PACKAGE_ROOT } from '../../package-root.ts';

export const PG_MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'db/postgres');

/** The advisory lock key every wireroom process takes to migrate ('wireroom' in ASCII, as a number). */
const MIGRATION_LOCK = 0x77697265726f6f6dn;

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function pgMigrations(dir = PG_MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .map((f) => ({ version: parseInt(f, 10), name: f, sql: readFileSync(path.join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/** Applies what is missing; returns the names of the migrations applied by this call. */
export async function migratePg(pool: Pool, dir = PG_MIGRATIONS_DIR): Promise<string[]> {
  const migrations = pgMigrations(dir);
  return inTransaction(pool, async (client) => {
    // Held until commit. Statements after it see what a process that held it before committed (each statement of
    // a READ COMMITTED transaction takes a new snapshot).
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      try {
        await client.query(m.sql);
      } catch (err) {
        throw new Error(`${path.join(dir, m.name)}: ${(err as Error).message}`, { cause: err });
      }
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
