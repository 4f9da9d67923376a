// The PostgreSQL store for a command that runs on it (issue #15): loaded only when the database setting names a
// server, connected and migrated (every process may: migrations apply once, under a lock), closed when done.
import type { WireroomConfig } from '../config/index.ts';
import { loadPostgresStore, redactUrl, StoreError, type PgStore, type StoredEntry } from '../store/index.ts';
import { positiveInt } from './arguments.ts';
import { UsageError } from './errors.ts';

/** Opens config's PostgreSQL database; a server that cannot be reached is an unusable database (exit 3). */
export async function openPg(config: WireroomConfig, opts: { max?: number } = {}): Promise<PgStore> {
  if (config.database.kind !== 'postgres') throw new Error('openPg: the database is not PostgreSQL');
  const { openPgStore } = await loadPostgresStore();
  const url = config.database.url;
  try {
    return await openPgStore(url, opts);
  } catch (err) {
    // connectPool names the server already; a migration's failure does not.
    const message = (err as Error).message;
    throw new StoreError(redactUrl(url), message.replace(`cannot connect to ${redactUrl(url)}: `, 'cannot connect: '));
  }
}

/** Runs fn with config's PostgreSQL store open, and closes it after. */
export async function withPg<T>(
  config: WireroomConfig,
  fn: (pg: PgStore) => Promise<T>,
  opts: { max?: number } = {},
): Promise<T> {
  const pg = await openPg(config, opts);
  try {
    return await fn(pg);
  } finally {
    await pg.close();
  }
}

/** The stored entry an ENTRY_ID argument names, on PostgreSQL; an id that is not stored is a usage error. */
export async function pgEntry(pg: PgStore, raw: string): Promise<StoredEntry> {
  const id = positiveInt('ENTRY_ID')(raw);
  const entry = await pg.reads.entry(id);
  if (!entry) throw new UsageError(`no entry #${id}`);
  return entry;
}
