// A feed filter as PostgreSQL SQL: which of given entries satisfy it, the key streams the walk follows, and text
// queries on the entries.search tsvector (built 'simple' + unaccent, as db/postgres/001_init.sql says) in place of
// FTS5. The meaning is feed-filter.ts's: clauses ANDed, terms within a clause ORed, exclusions left out.
import { hasTerms, type FeedFilter, type TermSet } from '../feed-filter.ts';
import type { FeedCursor } from '../keyset.ts';

/** Numbered parameters ($1, $2...) collected while SQL is written. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A filter with empty clauses dropped; text queries stay as users typed them (turned into tsquery SQL later). */
export interface PgFilter {
  require: TermSet[];
  q: string[];
  exclude?: TermSet;
  excludeQ: string[];
}

export function pgFilter(filter: FeedFilter): PgFilter {
  const hasText = (s: string) => tsQueryParts(s).length > 0;
  return {
    require: (filter.require ?? []).filter(hasTerms),
    q: (filter.q ?? []).filter(hasText),
    exclude: filter.exclude,
    excludeQ: (filter.exclude?.q ?? []).filter(hasText),
  };
}

/** feed-filter.ts storyExclusion: excluded tags and words apply to whole stories, excluded sources per entry. */
export function pgStoryExclusion(f: PgFilter): PgFilter | undefined {
  const exclude = f.exclude ? { ...f.exclude, sources: [] } : undefined;
  if (!hasTerms(exclude) && !f.excludeQ.length) return undefined;
  return { require: [], q: [], exclude, excludeQ: f.excludeQ };
}

/**
 * One user query's terms as FTS5 reads them (feed-filter.ts ftsQuery): bare words and "phrases" each match as a
 * phrase, a trailing * makes the last word a prefix; terms without a letter or digit are dropped.
 */
export function tsQueryParts(input: string): { text: string; prefix: boolean }[] {
  const parts: { text: string; prefix: boolean }[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    const bare = m[2];
    const prefix = bare !== undefined && bare.endsWith('*');
    const text = prefix ? bare.replace(/\*+$/, '') : (m[1] ?? bare ?? '');
    if (/[\p{L}\p{N}]/u.test(text)) parts.push({ text, prefix });
  }
  return parts;
}

/** tsquery SQL for one user query: its terms ANDed, each folded as the search column is (lower case, no accents). */
export function tsQuerySql(input: string, p: Params): string {
  const terms = tsQueryParts(input).map(({ text, prefix }) => {
    if (!prefix) return `phraseto_tsquery('simple', wireroom_unaccent(${p.add(text)}))`;
    // Words of the term in a row, the last one a prefix: 'elec':* (letters and digits only, so safe to quote).
    const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const query = words.map((w, i) => `'${w}'${i === words.length - 1 ? ':*' : ''}`).join(' <-> ');
    return `to_tsquery('simple', wireroom_unaccent(${p.add(query)}))`;
  });
  return `(${terms.join(' && ')})`;
}

/** "Every query matches" (all) or "any query matches" (any), as one tsquery. */
export function allOrAny(queries: string[], p: Params, op: '&&' | '||'): string {
  return `(${queries.map((q) => tsQuerySql(q, p)).join(` ${op} `)})`;
}

/** WHERE conditions on `entries e` for the filter's text queries; its tags and sources are checked by termsMatch. */
export function textConditions(f: PgFilter, p: Params): string[] {
  const where: string[] = [];
  if (f.q.length) where.push(`e.search @@ ${allOrAny(f.q, p, '&&')}`);
  if (f.excludeQ.length) where.push(`NOT (e.search @@ ${allOrAny(f.excludeQ, p, '||')})`);
  return where;
}

/** An entry as the tag and source clauses see it: its source and its published tags ("kind:value"). */
export interface TermSubject {
  sourceId: string;
  tags: ReadonlySet<string>;
}

function termMatches(t: TermSet, e: TermSubject): boolean {
  const tagged = (kind: string, values: string[] | undefined) => !!values?.some((v) => e.tags.has(`${kind}:${v}`));
  return (
    tagged('country', t.countries) ||
    tagged('region', t.regions) ||
    tagged('topic', t.topics) ||
    !!t.sources?.includes(e.sourceId)
  );
}

/**
 * The filter's tag and source clauses on one entry, in code rather than SQL: the entry's tag set (one primary-key
 * read per entry, read with it) says what entry_tags files for it, and a correlated EXISTS on entry_tags was
 * planned as a hash of every row carrying the filter's tags (all of a country's entries) per page.
 */
export function termsMatch(f: PgFilter, e: TermSubject): boolean {
  if (!f.require.every((clause) => termMatches(clause, e))) return false;
  return !(hasTerms(f.exclude) && termMatches(f.exclude, e));
}

/** One page of keys below `after` (newest first) from `from` filtered by `where`, as a parenthesised SELECT. */
export function keysetSelect(
  from: string,
  columns: { publishedAt: string; id: string },
  where: string[],
  after: FeedCursor,
  n: number,
  p: Params,
): string {
  const { publishedAt, id } = columns;
  const conditions = [...where, `(${publishedAt}, ${id}) < (${p.add(after.publishedAt)}, ${p.add(after.id)}::bigint)`];
  return `(SELECT ${id} AS id, ${publishedAt} AS "publishedAt" FROM ${from} WHERE ${conditions.join(' AND ')}
    ORDER BY ${publishedAt} DESC, ${id} DESC LIMIT ${p.add(n)})`;
}
