// Tags on PostgreSQL, batched: a source's touched entries get their sets and published rows in a few statements
// whatever their number. The rules (overrides on top, order, what is published) are TagRepo's (src/store/tags.ts).
import type { Tag, TagKind } from '../../types.ts';
import { applyOverrides, byKindScore, isPublished, toStored, type OverrideAction } from '../tags.ts';
import type { Queryable } from './connect.ts';

export interface EntryTags {
  entryId: number;
  publishedAt: string;
  tags: readonly Tag[];
}

export class PgTagRepo {
  constructor(private readonly q: Queryable) {}

  /**
   * TagRepo.replace for many entries at once; call inside the source's transaction. `fresh` says the entries were
   * just inserted (no overrides, no old rows: two statements fewer). Returns the tags as stored, by entry id.
   */
  async replaceMany(items: readonly EntryTags[], opts: { fresh?: boolean } = {}): Promise<Map<number, Tag[]>> {
    const out = new Map<number, Tag[]>();
    if (!items.length) return out;
    const ids = items.map((i) => i.entryId);
    const overrides = new Map<number, { kind: TagKind; value: string; action: OverrideAction }[]>();
    if (!opts.fresh) {
      const { rows } = await this.q.query<{ entry_id: number; kind: TagKind; value: string; action: OverrideAction }>(
        `SELECT entry_id, kind, value, action FROM tag_overrides WHERE entry_id = ANY($1::bigint[])
         ORDER BY entry_id, created_at, kind, value`,
        [ids],
      );
      for (const r of rows) overrides.set(r.entry_id, [...(overrides.get(r.entry_id) ?? []), r]);
      // The rows filed under the old sets go first (an edit may have moved the date or dropped a tag).
      await this.q.query(
        `DELETE FROM entry_tags t USING entry_tag_sets s, jsonb_array_elements(s.tags::jsonb) j
         WHERE s.entry_id = ANY($1::bigint[]) AND t.entry_id = s.entry_id AND t.kind = j ->> 'kind'
           AND t.value = j ->> 'value' AND t.published_at = s.published_at`,
        [ids],
      );
    }
    const setCols: [number[], string[], string[]] = [[], [], []];
    const rowCols: [string[], string[], string[], number[], number[], (string | null)[]] = [[], [], [], [], [], []];
    for (const item of items) {
      const final = applyOverrides(item.tags, overrides.get(item.entryId) ?? []).sort(byKindScore);
      out.set(item.entryId, final);
      setCols[0].push(item.entryId);
      setCols[1].push(item.publishedAt);
      setCols[2].push(JSON.stringify(final.map(toStored)));
      for (const t of final.filter(isPublished)) {
        rowCols[0].push(t.kind);
        rowCols[1].push(t.value);
        rowCols[2].push(item.publishedAt);
        rowCols[3].push(item.entryId);
        rowCols[4].push(t.score);
        rowCols[5].push(t.role ?? null);
      }
    }
    await this.q.query(
      `INSERT INTO entry_tag_sets (entry_id, published_at, tags)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])
       ON CONFLICT (entry_id) DO UPDATE SET published_at = EXCLUDED.published_at, tags = EXCLUDED.tags`,
      setCols,
    );
    if (rowCols[0].length)
      await this.q.query(
        `INSERT INTO entry_tags (kind, value, published_at, entry_id, score, role)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::float8[], $6::text[])
         ON CONFLICT (kind, value, published_at, entry_id) DO UPDATE SET score = EXCLUDED.score, role = EXCLUDED.role`,
        rowCols,
      );
    return out;
  }

  /** Entries whose published tags hold any of these topics (TagRepo.withTopics: a retag's scope). */
  async withTopics(slugs: Iterable<string>): Promise<Set<number>> {
    const { rows } = await this.q.query<{ entry_id: number }>(
      "SELECT DISTINCT entry_id FROM entry_tags WHERE kind = 'topic' AND value = ANY($1::text[])",
      [[...slugs]],
    );
    return new Set(rows.map((r) => r.entry_id));
  }
}
