// The console's entry lists on PostgreSQL (issue #15): FeedQueryRepo.entryPage and reviewPage (src/store/feeds.ts),
// one item per entry rather than per story, the same keys, stops and hydration, with the feeds' walk (feed-walk.ts)
// and filter check (feed-match.ts). The review queue reads the partial index entry_tags_uncertain (001_init.sql).
import type { FeedReader } from '../feed-reader.ts';
import {
  entryPageWalk,
  listItems,
  UNCERTAIN_SCORE,
  type EntryListPage,
  type EntryListRow,
  type FeedFilter,
} from '../feeds.ts';
import { TOP, type FeedCursor } from '../keyset.ts';
import type { Queryable } from './connect.ts';
import { matchingCandidates } from './feed-match.ts';
import { keysetSelect, Params, pgFilter } from './feed-sql.ts';
import { planPgWalk } from './feed-walk.ts';

export class PgEntryPages {
  constructor(
    private readonly q: Queryable,
    /** Every stored tag of these entries, with reasons (the feed reader's). */
    private readonly tags: Pick<FeedReader, 'tagSets'>,
  ) {}

  /** Entries that satisfy a feed filter, newest first, strictly below `before` and within [since, until). */
  async entryPage(
    filter: FeedFilter,
    opts: { limit: number; before?: FeedCursor; since?: string; until?: string },
  ): Promise<EntryListPage> {
    const f = pgFilter(filter);
    const stream = await planPgWalk(f, this.q);
    const walk = entryPageWalk(opts);
    for (let step = walk.next(); ;) {
      if (step.done) return this.hydrate(step.value, Math.max(1, Math.floor(opts.limit)));
      const ask = step.value;
      step = walk.next(
        ask.batch
          ? await stream(ask.batch.after, ask.batch.size)
          : new Set((await matchingCandidates(this.q, f, ask.match)).map((c) => c.id)),
      );
    }
  }

  /**
   * The review queue: entries with a published country tag under UNCERTAIN_SCORE that no editor decided on yet,
   * newest first; all countries from the partial index, one country from the tags' primary key.
   */
  async reviewPage(opts: { limit: number; before?: FeedCursor; country?: string }): Promise<EntryListPage> {
    const limit = Math.max(1, Math.floor(opts.limit));
    const undecided = `t.kind = 'country' AND t.score < ${UNCERTAIN_SCORE} AND NOT EXISTS (SELECT 1 FROM tag_overrides o
         WHERE o.entry_id = t.entry_id AND o.kind = 'country' AND o.value = t.value)`;
    const columns = { publishedAt: 't.published_at', id: 't.entry_id' };
    const keys: FeedCursor[] = [];
    let after = opts.before ?? TOP;
    const size = Math.min(Math.max(64, 2 * (limit + 1)), 2048);
    for (;;) {
      const p = new Params();
      const where = opts.country ? [`t.value = ${p.add(opts.country)}`, undecided] : [undecided];
      const { rows: batch } = await this.q.query<FeedCursor>(
        keysetSelect('entry_tags t', columns, where, after, size, p),
        p.values,
      );
      const last = batch[batch.length - 1];
      if (!last) break;
      after = last;
      // An entry with two uncertain countries has two rows, side by side in this order.
      for (const k of batch) if (keys[keys.length - 1]?.id !== k.id && keys.length <= limit) keys.push(k);
      if (keys.length > limit || batch.length < size) break;
    }
    return this.hydrate(keys, limit);
  }

  /** Up to `limit` keys (one more means a next page) with their entries (no text) and every stored tag. */
  private async hydrate(keys: FeedCursor[], limit: number): Promise<EntryListPage> {
    const more = keys.length > limit;
    const shown = keys.slice(0, limit);
    const ids = shown.map((k) => k.id);
    const rows = ids.length
      ? (
          await this.q.query<EntryListRow>(
            `SELECT id, source_id, url, canonical_url, title, summary, published_at, story_id FROM entries
              WHERE id = ANY($1::bigint[])`,
            [ids],
          )
        ).rows
      : [];
    const entries = listItems(ids, rows);
    const last = shown[shown.length - 1];
    return { entries, tags: await this.tags.tagSets(ids), next: more && last ? last : undefined };
  }
}
