// Which of given entries satisfy a feed filter on PostgreSQL, as candidate rows, in one statement: the text queries
// in SQL, the tag and source clauses in code on each entry's tag set (see termsMatch). Shared by the feed walk
// (feeds.ts) and the console's entry lists (entry-pages.ts).
import type { Candidate } from '../feed-page.ts';
import { hasTerms } from '../feed-filter.ts';
import { isPublished, type StoredTag } from '../tags.ts';
import type { Queryable } from './connect.ts';
import { Params, termsMatch, textConditions, type PgFilter } from './feed-sql.ts';

const CANDIDATE_COLUMNS =
  'e.id, e.published_at AS "publishedAt", e.story_id AS "storyId", e.source_id AS "sourceId", e.key';

export async function matchingCandidates(q: Queryable, f: PgFilter, ids: readonly number[]): Promise<Candidate[]> {
  if (!ids.length) return [];
  const p = new Params();
  const where = [`e.id = ANY(${p.add(ids)}::bigint[])`, ...textConditions(f, p)];
  const needsTags = f.require.length > 0 || hasTerms(f.exclude);
  const { rows } = await q.query<Candidate & { tags: string | null }>(
    `SELECT ${CANDIDATE_COLUMNS}, ${needsTags ? 's.tags' : 'NULL AS tags'} FROM entries e
     ${needsTags ? 'LEFT JOIN entry_tag_sets s ON s.entry_id = e.id' : ''} WHERE ${where.join(' AND ')}`,
    p.values,
  );
  const out: Candidate[] = [];
  for (const { tags, ...c } of rows) {
    const published = new Set(
      ((tags ? JSON.parse(tags) : []) as StoredTag[]).filter(isPublished).map((t) => `${t.kind}:${t.value}`),
    );
    if (!needsTags || termsMatch(f, { sourceId: c.sourceId, tags: published })) out.push(c);
  }
  return out;
}
