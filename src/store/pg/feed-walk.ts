// Query planning for a feed page on PostgreSQL (feed-plan.ts's rule): the walk follows the clause or text query
// with the fewest matches (counted up to SMALL + 1, all in one statement), else every entry. A clause of several
// tags or sources is one statement per batch: a UNION of one keyset page per term.
import type { TagKind } from '../../types.ts';
import type { FeedCursor } from '../keyset.ts';
import type { Queryable } from './connect.ts';
import { allOrAny, keysetSelect, Params, type PgFilter } from './feed-sql.ts';

/** Below this many matches a text query drives the walk itself; above, it is checked per candidate. */
const SMALL = 2000;

/** Up to `n` keys strictly below `after`, newest first. */
export type PgKeyStream = (after: FeedCursor, n: number) => Promise<FeedCursor[]>;

/** One term a walk may follow: its capped count and its keyset page. */
interface Term {
  count: (p: Params) => string;
  page: (after: FeedCursor, n: number, p: Params) => string;
}

const capped = (fromWhere: string) => `(SELECT count(*) FROM (SELECT 1 FROM ${fromWhere} LIMIT ${SMALL + 1}) c)`;

function tagTerm(kind: TagKind, value: string): Term {
  return {
    count: (p) => capped(`entry_tags WHERE kind = '${kind}' AND value = ${p.add(value)}`),
    page: (after, n, p) =>
      keysetSelect(
        'entry_tags',
        { publishedAt: 'published_at', id: 'entry_id' },
        [`kind = '${kind}'`, `value = ${p.add(value)}`],
        after,
        n,
        p,
      ),
  };
}

function sourceTerm(source: string): Term {
  return {
    count: (p) => capped(`entries WHERE source_id = ${p.add(source)}`),
    page: (after, n, p) => keysetSelect('entries', ENTRY_COLUMNS, [`source_id = ${p.add(source)}`], after, n, p),
  };
}

function textTerm(q: string[]): Term {
  return {
    count: (p) => capped(`entries e WHERE e.search @@ ${allOrAny(q, p, '&&')}`),
    page: (after, n, p) =>
      keysetSelect(
        'entries e',
        { publishedAt: 'e.published_at', id: 'e.id' },
        [`e.search @@ ${allOrAny(q, p, '&&')}`],
        after,
        n,
        p,
      ),
  };
}

const ENTRY_COLUMNS = { publishedAt: 'published_at', id: 'id' };

/** A stream over the union of these terms' keys, one statement per page. */
function unionStream(q: Queryable, terms: Term[]): PgKeyStream {
  return async (after, n) => {
    const p = new Params();
    const pages = terms.map((t) => t.page(after, n, p));
    const sql =
      pages.length === 1
        ? (pages[0] ?? '')
        : `SELECT id, "publishedAt" FROM (${pages.join(' UNION ')}) u ORDER BY "publishedAt" DESC, id DESC LIMIT ${p.add(n)}`;
    return (await q.query<FeedCursor>(sql, p.values)).rows;
  };
}

/** The stream of keys to walk for this filter. */
export async function planPgWalk(f: PgFilter, q: Queryable): Promise<PgKeyStream> {
  const options: Term[][] = f.require.map((t) => [
    ...(t.countries ?? []).map((v) => tagTerm('country', v)),
    ...(t.regions ?? []).map((v) => tagTerm('region', v)),
    ...(t.topics ?? []).map((v) => tagTerm('topic', v)),
    ...(t.sources ?? []).map(sourceTerm),
  ]);
  if (f.q.length) options.push([textTerm(f.q)]);
  if (!options.length)
    return unionStream(q, [
      { count: () => '0', page: (a, n, p) => keysetSelect('entries', ENTRY_COLUMNS, [], a, n, p) },
    ]);
  if (options.length === 1 && !f.q.length) return unionStream(q, options[0] ?? []);
  // Every term's capped count in one round trip; a clause's estimate is its terms' sum.
  const p = new Params();
  const counts = options.flatMap((terms) => terms.map((t) => t.count(p)));
  const row =
    (
      await q.query<Record<string, string | number>>(
        `SELECT ${counts.map((c, i) => `${c} AS n${i}`).join(', ')}`,
        p.values,
      )
    ).rows[0] ?? {};
  let i = 0;
  const estimates = options.map((terms) => terms.reduce((sum) => sum + Number(row[`n${i++}`] ?? 0), 0));
  let best = -1;
  options.forEach((_, k) => {
    const isText = f.q.length > 0 && k === options.length - 1;
    // A text query with many matches is checked per candidate instead (as on SQLite).
    if (isText && (estimates[k] ?? 0) > SMALL) return;
    if (best < 0 || (estimates[k] ?? 0) < (estimates[best] ?? 0)) best = k;
  });
  if (best < 0)
    return unionStream(q, [
      { count: () => '0', page: (a, n, pp) => keysetSelect('entries', ENTRY_COLUMNS, [], a, n, pp) },
    ]);
  return unionStream(q, options[best] ?? []);
}
