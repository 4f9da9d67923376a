// Entries on PostgreSQL: a source's batch is stored in one statement (unnest of one array per column, ON CONFLICT
// on (source_id, key), RETURNING the rows written), not one round trip per entry.
import type { Entry } from '../../types.ts';
import { contentHash, rowToEntry, type StoredEntry, type UpsertResult } from '../entries.ts';
import type { Queryable } from './connect.ts';
import { withoutNulOr } from './text.ts';

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
const returned = (alias: string) => RETURNED.map((n) => `${alias}.${n}`).join(', ');

/**
 * Tombstoned keys are left out, a key twice in the batch keeps its first (as EntryRepo.upsert); an unchanged entry
 * (same content hash) is not written. Edits are an UPDATE and new entries an INSERT of the same statement, rather
 * than INSERT ... ON CONFLICT DO UPDATE: that takes an identity value for every row it is offered, so every re-fetch
 * of unchanged or edited entries would use up ids (and ids would no longer follow SQLite's for the same input).
 * Only the source's lease holder writes its entries, so no other writer inserts the same key meanwhile.
 */
const UPSERT_SQL = `
WITH input AS (
  SELECT * FROM unnest(${COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')}) AS i(${names.join(', ')})
), firsts AS (
  SELECT DISTINCT ON (key) * FROM input ORDER BY key, ord
), fresh AS (
  SELECT * FROM firsts f WHERE NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.source_id = $17 AND t.key = f.key)
), changed AS (
  SELECT f.*, e.id AS existing_id FROM fresh f LEFT JOIN entries e ON e.source_id = $17 AND e.key = f.key
  WHERE e.id IS NULL OR e.content_hash IS DISTINCT FROM f.content_hash
), updated AS (
  UPDATE entries e SET ${edited.map((n) => `${n} = c.${n}`).join(', ')}, updated_at = $18
  FROM changed c WHERE e.id = c.existing_id
  RETURNING ${returned('e')}, false AS inserted, c.ord
), inserted AS (
  INSERT INTO entries (source_id, ${stored.join(', ')}, first_seen_at, updated_at)
  SELECT $17, ${stored.join(', ')}, $18, $18 FROM changed WHERE existing_id IS NULL ORDER BY ord
  RETURNING ${RETURNED.join(', ')}
), written AS (
  SELECT * FROM updated
  UNION ALL
  SELECT ${returned('i')}, true, c.ord FROM inserted i JOIN changed c ON c.key = i.key AND c.existing_id IS NULL
), counts AS (
  SELECT (SELECT count(*) FROM firsts) AS distinct_keys, (SELECT count(*) FROM fresh) AS fresh_keys
)
-- One row at least: the counts, with the written rows (if any) beside them in input order.
SELECT c.distinct_keys, c.fresh_keys, w.*
FROM counts c LEFT JOIN written w ON true
ORDER BY w.ord`;

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
      values.forEach((v, c) => cols[c]?.push(typeof v === 'string' ? withoutNulOr(v) : v));
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
