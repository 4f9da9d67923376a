// A SQLite store's stored tags, for tests that compare two ways of tagging the same entries: both tag tables in a
// fixed order.
import Database from 'better-sqlite3';

/** One line per entry's stored set (id, date, tags), then every entry_tags row as one JSON line. */
export function tagTableLines(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const sets = db.prepare('SELECT entry_id, published_at, tags FROM entry_tag_sets ORDER BY entry_id').all() as {
      entry_id: number;
      published_at: string;
      tags: string;
    }[];
    const rows = db.prepare('SELECT * FROM entry_tags ORDER BY entry_id, kind, value').all();
    return [...sets.map((s) => `${s.entry_id} ${s.published_at} ${s.tags}`), JSON.stringify(rows)];
  } finally {
    db.close();
  }
}

/** Both tag tables as one string (tagTableLines). */
export const tagTables = (file: string): string => tagTableLines(file).join('\n');
