// Keyset paging in (published_at DESC, id DESC) order: every feed query walks an index this way and stops after
// one page, so its cost follows the page size, not the number of stored entries.

/** A position in a feed's order; a page continues strictly below it. */
export interface FeedCursor {
  publishedAt: string;
  id: number;
}

/** Above every stored key: where the first page starts. */
export const TOP: FeedCursor = { publishedAt: '\uffff', id: Number.MAX_SAFE_INTEGER };

/** Up to `n` keys strictly below `after`, newest first. */
export type KeyStream = (after: FeedCursor, n: number) => FeedCursor[];

/** Oldest first, ties broken by id: the order of a story's members. */
export function compareKeys(a: FeedCursor, b: FeedCursor): number {
  if (a.publishedAt < b.publishedAt) return -1;
  if (a.publishedAt > b.publishedAt) return 1;
  return a.id - b.id;
}

/**
 * One page of keys from `table` below a cursor. The statement's parameters are the `where` clause's, then the
 * cursor's date and id, then the page size (see keysetParams).
 */
export function keysetSql(table: string, columns: { publishedAt: string; id: string }, where?: string): string {
  const { publishedAt, id } = columns;
  const filter = where ? `${where} AND ` : '';
  return `SELECT ${id} AS id, ${publishedAt} AS publishedAt FROM ${table}
    WHERE ${filter}(${publishedAt}, ${id}) < (?, ?) ORDER BY ${publishedAt} DESC, ${id} DESC LIMIT ?`;
}

export function keysetParams(after: FeedCursor, n: number): [string, number, number] {
  return [after.publishedAt, after.id, n];
}

/** k-way merge of key streams, newest first, without duplicates (an entry can carry several of the tags). */
export function mergeStreams(streams: KeyStream[]): KeyStream {
  const [only] = streams;
  if (only && streams.length === 1) return only;
  return (after, n) => {
    const byId = new Map<number, FeedCursor>();
    for (const stream of streams) for (const key of stream(after, n)) byId.set(key.id, key);
    return [...byId.values()].sort((a, b) => compareKeys(b, a)).slice(0, n);
  };
}
