// Opens the FeedReader a `database` setting names: a SQLite file through the synchronous store, or a PostgreSQL
// server (pg loaded only then; its migrations applied on open, as every wireroom process on PostgreSQL does).
import { StoreError } from './db.ts';
import type { FeedReader } from './feed-reader.ts';
import { openStore, type Store } from './index.ts';
import type { PgStore } from './pg/index.ts';
import { sqliteFeedReader } from './sqlite-reader.ts';

export type StoreSetting = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface OpenedReader {
  reader: FeedReader;
  /** The store behind the reader, on which the console and API are built (src/editor/editor-store.ts). */
  store: Store | PgStore;
  close(): Promise<void>;
}

/**
 * Read-only when asked (`wireroom serve`): SQLite opens the file read-only (no migrations), PostgreSQL applies the
 * migrations and then reads through connections whose every transaction is read-only.
 */
export async function openFeedReader(
  setting: StoreSetting,
  opts: { readonly?: boolean; connections?: number } = {},
): Promise<OpenedReader> {
  if (setting.kind === 'sqlite') {
    const store = openStore(setting.path, { readonly: opts.readonly });
    const reader = sqliteFeedReader(store);
    return { reader, store, close: () => Promise.resolve(store.close()) };
  }
  const { openPgStore, redactUrl } = await import('./pg/index.ts');
  const { PgFeedReader } = await import('./pg/feeds.ts');
  let pg;
  try {
    pg = await openPgStore(setting.url, { max: opts.connections ?? 8, readOnly: opts.readonly });
  } catch (err) {
    // A server that cannot be reached is an unusable database (exit 3), as for every other command (cli/postgres.ts).
    const url = redactUrl(setting.url);
    throw new StoreError(url, (err as Error).message.replace(`cannot connect to ${url}: `, 'cannot connect: '));
  }
  return { reader: new PgFeedReader(pg.db, pg.pool), store: pg, close: () => pg.close() };
}
