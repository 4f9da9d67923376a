// Entries on PostgreSQL: a source's batch is stored in one statement (unnest of one array per column, ON CONFLICT
// on (source_id, key), RETURNING the rows written), not one round trip per entry.
import type { Entry } from '../../types.ts';
import { contentHash, rowToEntry, type StoredEntry, type UpsertResult } from '../entries.ts';
import type { Queryable } from './connect.ts';

/** The input arrays, in this order ($1..$16); the source id is $17 and the time $18. */
const COLUMNS: [string, string][] = [
  ['key', 'text'],
  ['guid', 'text'],
  ['url', 'text'],
  ['canonical_url', 'text'],
  ['title', 'text'],
  ['summary', 'text'],
  ['content_html', 'text'],
  ['authors', 'text'],
  ['categories', 'text'],
  ['enclosures', 'text'],
  ['language', 'text'],
  ['published_at', 'text'],
  ['entry_updated_at', 'text'],
  ['date_flags', 'text'],
  ['content_hash', 'text'],
  ['ord', 'integer'],
];

const names = COLUMNS.map(([n]) => n);
const stored = names.filter((n) => n !== 'ord');
/** What an edit rewrites: everything but the identity, the publication date and first_seen_at (as SQLite's). */
const edited = stored.filter((n) => n !== 'key' && n !== 'published_at');

/** The columns rowToEntry reads (not the search vector). */
const RETURNED = ['id', 'source_id', ...stored, 'first_seen_at', 'updated_at', 'story_id'];

/**
 * Tombstoned keys are left out, a key twice in the batch keeps its first (as EntryRepo.upsert); an unchanged entry
 * (same content hash) is not written; xmax = 0 tells an inserted row from an updated one.
 */
const UPSERT_SQL = `
WITH input AS (
  SELECT * FROM unnest(${COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')}) AS i(${names.join(', ')})
), firsts AS (
  SELECT DISTINCT ON (key) * FROM input ORDER BY key, ord
), fresh AS (
  SELECT * FROM firsts f WHERE NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.source_id = $17 AND t.key = f.key)
), written AS (
  INSERT INTO entries (source_id, ${stored.join(', ')}, first_seen_at, updated_at)
  SELECT $17, ${stored.join(', ')}, $18, $18 FROM fresh ORDER BY ord
  ON CONFLICT (source_id, key) DO UPDATE SET ${edited.map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
    updated_at = EXCLUDED.updated_at
  WHERE entries.content_hash IS DISTINCT FROM EXCLUDED.content_hash
  RETURNING ${RETURNED.map((n) => `entries.${n}`).join(', ')}, (xmax = 0) AS inserted
), counts AS (
  SELECT (SELECT count(*) FROM firsts) AS distinct_keys, (SELECT count(*) FROM fresh) AS fresh_keys
)
-- One row at least: the counts, with the written rows (if any) beside them in input order.
SELECT c.distinct_keys, c.fresh_keys, w.*, f.ord
FROM counts c LEFT JOIN (written w JOIN fresh f ON f.key = w.key) ON true
ORDER BY f.ord`;

type Row = Parameters<typeof rowToEntry>[0] & {
  inserted: boolean | null;
  ord: number | null;
  distinct_keys: number;
  fresh_keys: number;
};

export class PgEntryRepo {
  constructor(private readonly q: Queryable) {}

  /**
   * Stores one source's entries (all with the same sourceId) in one statement; call inside the source's
   * transaction. The same result as EntryRepo.upsert: inserted and updated entries as stored, in input order.
   */
  async upsert(entries: readonly Entry[], now: string): Promise<UpsertResult> {
    const result: UpsertResult = { inserted: [], updated: [], unchanged: 0, tombstoned: 0 };
    const first = entries[0];
    if (!first) return result;
    const sourceId = first.sourceId;
    const other = entries.find((e) => e.sourceId !== sourceId);
    if (other) throw new Error(`upsert: one source per batch (${sourceId}, ${other.sourceId})`);
    const cols: unknown[][] = COLUMNS.map(() => []);
    entries.forEach((e, i) => {
      const values = [
        e.key,
        e.guid ?? null,
        e.url ?? null,
        e.canonicalUrl ?? null,
        e.title,
        e.summary,
        e.contentHtml,
        JSON.stringify(e.authors),
        JSON.stringify(e.categories),
        JSON.stringify(e.enclosures),
        e.language ?? null,
        e.publishedAt,
        e.updatedAt ?? null,
        JSON.stringify(e.dateFlags),
        contentHash(e),
        i,
      ];
      values.forEach((v, c) => cols[c]?.push(v));
    });
    const { rows } = await this.q.query<Row>(UPSERT_SQL, [...cols, sourceId, now]);
    let written = 0;
    for (const r of rows) {
      if (r.inserted === null) continue;
      written++;
      const entry: StoredEntry = rowToEntry(r);
      (r.inserted ? result.inserted : result.updated).push(entry);
    }
    const counts = rows[0];
    if (counts) {
      result.tombstoned = counts.distinct_keys - counts.fresh_keys;
      result.unchanged = counts.fresh_keys - written;
    }
    return result;
  }
}
