// A feed's filter and the SQL that checks it on given entries.
import type { TagKind } from '../types.ts';

/** Terms of one clause; an entry matches the clause when any term matches (countries count as focus only). */
export interface TermSet {
  countries?: string[];
  regions?: string[];
  topics?: string[];
  sources?: string[];
}

export interface FeedFilter {
  /** Clauses are ANDed: e.g. [{countries:[PE], regions:[andes]}, {topics:[strikes]}] = (PE or andes) and strikes. */
  require?: TermSet[];
  /** Full-text queries as users typed them; each must match (escaped into FTS5 syntax here). */
  q?: string[];
  /** An entry matching any of these is left out. */
  exclude?: TermSet & { q?: string[] };
}

/** A filter with empty clauses dropped and its text queries in FTS5 syntax. */
export interface CompiledFilter {
  require: TermSet[];
  q?: string;
  exclude?: TermSet;
  excludeQ?: string;
}

/** SQL for "entry `entryIdSql` has a published tag of `kind` among the values in the next JSON array parameter". */
export type TagMatchSql = (kind: TagKind, entryIdSql: string) => string;

/** Turns user input into a safe FTS5 query: quoted terms (ANDed), "phrases", trailing * for prefixes. */
export function ftsQuery(input: string): string | undefined {
  const parts: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    const bare = m[2];
    const prefix = bare !== undefined && bare.endsWith('*');
    const text = prefix ? bare.replace(/\*+$/, '') : (m[1] ?? bare ?? '');
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    parts.push(`"${text.replace(/"/g, '""')}"${prefix ? '*' : ''}`);
  }
  return parts.length ? parts.join(' ') : undefined;
}

export function hasTerms(t: TermSet | undefined): t is TermSet {
  return !!t && !!(t.countries?.length || t.regions?.length || t.topics?.length || t.sources?.length);
}

export function compileFilter(filter: FeedFilter): CompiledFilter {
  const q = (filter.q ?? []).map(ftsQuery).filter((s): s is string => !!s);
  const excludeQ = (filter.exclude?.q ?? []).map(ftsQuery).filter((s): s is string => !!s);
  return {
    require: (filter.require ?? []).filter(hasTerms),
    q: q.length ? q.join(' ') : undefined,
    exclude: filter.exclude,
    excludeQ: excludeQ.length ? excludeQ.join(' OR ') : undefined,
  };
}

/**
 * Excluded tags and words apply to whole stories ("no strikes" must not let a strike in through an untagged copy);
 * excluded sources apply per entry, so another source's report of the story may still show. Undefined when the
 * filter excludes nothing story-wide.
 */
export function storyExclusion(f: CompiledFilter): CompiledFilter | undefined {
  const exclude = f.exclude ? { ...f.exclude, sources: [] } : undefined;
  if (!hasTerms(exclude) && !f.excludeQ) return undefined;
  return { require: [], exclude, excludeQ: f.excludeQ };
}

/**
 * SELECT of the entries among those in a JSON array of ids that satisfy the whole filter (point lookups on primary
 * keys), and its parameters after that array.
 */
export function matchingSql(f: CompiledFilter, tagMatch: TagMatchSql): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const termSql = (t: TermSet): string => {
    const ors: string[] = [];
    const tagIn = (kind: TagKind, values: string[]) => {
      params.push(JSON.stringify(values));
      ors.push(`EXISTS (${tagMatch(kind, 'e.id')})`);
    };
    if (t.countries?.length) tagIn('country', t.countries);
    if (t.regions?.length) tagIn('region', t.regions);
    if (t.topics?.length) tagIn('topic', t.topics);
    if (t.sources?.length) {
      params.push(JSON.stringify(t.sources));
      ors.push('e.source_id IN (SELECT value FROM json_each(?))');
    }
    return ors.length ? `(${ors.join(' OR ')})` : '0';
  };
  for (const clause of f.require) where.push(termSql(clause));
  if (f.q) {
    where.push('EXISTS (SELECT 1 FROM entries_fts WHERE entries_fts MATCH ? AND rowid = e.id)');
    params.push(f.q);
  }
  if (hasTerms(f.exclude)) where.push(`NOT ${termSql(f.exclude)}`);
  if (f.excludeQ) {
    where.push('NOT EXISTS (SELECT 1 FROM entries_fts WHERE entries_fts MATCH ? AND rowid = e.id)');
    params.push(f.excludeQ);
  }
  const sql = `SELECT e.id FROM entries e WHERE e.id IN (SELECT value FROM json_each(?))${where.map((w) => ` AND ${w}`).join('')}`;
  return { sql, params };
}
