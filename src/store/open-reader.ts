// Opens the FeedReader a `database` setting names: a SQLite file through the synchronous store, or a PostgreSQL
// server (pg loaded only then; its migrations applied on open, as every wireroom process on PostgreSQL does).
import type { FeedReader } from './feed-reader.ts';
import { openStore } from './index.ts';
import { sqliteFeedReader } from './sqlite-reader.ts';

export type StoreSetting = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface OpenedReader {
  reader: FeedReader;
  close(): Promise<void>;
}

/** SQLite opens read-only when asked (no migrations: `wireroom serve`); PostgreSQL connects with a small pool. */
export async function openFeedReader(
  setting: StoreSetting,
  opts: { readonly?: boolean; connections?: number } = {},
): Promise<OpenedReader> {
  if (setting.kind === 'sqlite') {
    const store = openStore(setting.path, { readonly: opts.readonly });
    const reader = sqliteFeedReader(store);
    return { reader, close: () => Promise.resolve(store.close()) };
  }
  const { openPgStore } = await import('./pg/index.ts');
  const { PgFeedReader } = await import('./pg/feeds.ts');
  const pg = await openPgStore(setting.url, { max: opts.connections ?? 8 });
  return { reader: new PgFeedReader(pg.db, pg.pool), close: () => pg.close() };
}
