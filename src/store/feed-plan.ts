// Query planning for a feed page: which index the walk follows. Every other condition is checked on the keys it
// yields (feed-filter.ts), so the most selective index keeps the walk short.
import type { Statement } from 'better-sqlite3';
import type { TagKind } from '../types.ts';
import type { CompiledFilter, TermSet } from './feed-filter.ts';
import { keysetParams, keysetSql, mergeStreams, type FeedCursor, type KeyStream } from './keyset.ts';

/** A cached prepared statement for this SQL text. */
export type Prepare = (sql: string) => Statement;

/** Below this many matches a full-text query drives the walk itself; above, it is checked per candidate. */
const SMALL = 2000;

interface Option {
  /** Matches, counted up to SMALL + 1. */
  estimate: number;
  stream: KeyStream;
}

/** The stream of keys to walk: the clause or full-text query with the fewest (capped) matches, else every entry. */
export function planWalk(f: CompiledFilter, prepare: Prepare): KeyStream {
  const options: Option[] = f.require.map((clause) => {
    const streams = clauseOptions(clause, prepare);
    return {
      estimate: streams.reduce((n, s) => n + s.estimate, 0),
      stream: mergeStreams(streams.map((s) => s.stream)),
    };
  });
  const fullText = f.q ? fullTextOption(f.q, prepare) : undefined;
  if (fullText) options.push(fullText);
  options.sort((a, b) => a.estimate - b.estimate);
  const [best] = options;
  if (best) return best.stream;
  return keysStream(prepare, keysetSql('entries', ENTRY_COLUMNS));
}

const ENTRY_COLUMNS = { publishedAt: 'published_at', id: 'id' };

function keysStream(prepare: Prepare, sql: string, ...params: unknown[]): KeyStream {
  return (after, n) => prepare(sql).all(...params, ...keysetParams(after, n)) as FeedCursor[];
}

function cappedCount(prepare: Prepare, tableAndWhere: string, ...params: unknown[]): number {
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${tableAndWhere} LIMIT ${SMALL + 1})`;
  return (prepare(sql).get(...params) as { n: number }).n;
}

function fullTextOption(q: string, prepare: Prepare): Option | undefined {
  const estimate = cappedCount(prepare, 'entries_fts WHERE entries_fts MATCH ?', q);
  if (estimate > SMALL) return undefined;
  const sql = keysetSql(
    'entries e',
    { publishedAt: 'e.published_at', id: 'e.id' },
    'e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)',
  );
  return { estimate, stream: keysStream(prepare, sql, q) };
}

function clauseOptions(t: TermSet, prepare: Prepare): Option[] {
  const tagSql = keysetSql('entry_tags', { publishedAt: 'published_at', id: 'entry_id' }, 'kind = ? AND value = ?');
  const tag = (kind: TagKind, value: string): Option => ({
    estimate: cappedCount(prepare, 'entry_tags WHERE kind = ? AND value = ?', kind, value),
    stream: keysStream(prepare, tagSql, kind, value),
  });
  const sourceSql = keysetSql('entries', ENTRY_COLUMNS, 'source_id = ?');
  return [
    ...(t.countries ?? []).map((v) => tag('country', v)),
    ...(t.regions ?? []).map((v) => tag('region', v)),
    ...(t.topics ?? []).map((v) => tag('topic', v)),
    ...(t.sources ?? []).map((s) => ({
      estimate: cappedCount(prepare, 'entries WHERE source_id = ?', s),
      stream: keysStream(prepare, sourceSql, s),
    })),
  ];
}
