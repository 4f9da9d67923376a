// Re-applying the taxonomy to stored entries: the tag stage over the store, in batches of one transaction each.
import type { Store, StoredEntry, TaggableEntry } from '../store/index.ts';
import { applyOverrides } from '../store/index.ts';
import { tagEntry, taggingVersion, type Tagger, type TaggingVersion, type Taxonomy } from '../tag/index.ts';
import type { SourceConfig, Tag } from '../types.ts';
import {
  rate,
  retagDue,
  retagInScope,
  tagFields,
  type RetagProgressOptions,
  type RetagRecords,
  type RetagResult,
  type ScopedRetagResult,
} from './retag-scope.ts';
import { createEntryTagger } from './threads.ts';

const fmtTag = (t: Pick<Tag, 'kind' | 'value'>) => `${t.kind}:${t.value}`;

/**
 * Re-applies the taxonomy to stored entries in batches, each batch one transaction; overrides stay on top. Every
 * entry, with a tagger whose taxonomy it is not told: the store's record of what its entries were tagged with is
 * dropped, so the next retagOnThreads re-tags everything (for measuring; commands use retagOnThreads).
 */
export function retag(
  store: Store,
  tagger: Tagger,
  sources: Map<string, SourceConfig>,
  opts: { since?: string; batch?: number } = {},
): RetagResult {
  const start = performance.now();
  const size = opts.batch ?? 1000;
  let n = 0;
  store.transaction(() => store.tagVersions.markUnknown(Date.now()));
  for (const batch of store.entries.taggablePages({ since: opts.since, size }))
    n += retagBatch(store, tagger, sources, batch);
  return rate(n, start);
}

/** The SQLite store's tagging versions and topic lookup, as retagInScope reads and keeps them. */
function sqliteRecords(store: Store): RetagRecords {
  return {
    versions: async () => store.tagVersions.list<TaggingVersion>(),
    async record(v) {
      const now = Date.now();
      store.transaction(() => store.tagVersions.record(v, now));
      return now;
    },
    forgetBefore: async (v, since) => store.transaction(() => store.tagVersions.forgetBefore(v, since)),
    withTopics: async (slugs) => store.tags.withTopics(slugs),
  };
}

/**
 * retag with the tagging on the prepare threads (`threads` of them; none: inline), the main thread only reading and
 * writing: while it writes one batch's tags (one transaction), the threads tag the next pages (retagDue). The same
 * tags, written the same way (unchanged sets are not written; overrides stay on top). After each batch the event loop
 * gets a turn, so a server process running it as a background job still serves requests (threads or none).
 *
 * Only the entries the edits since the store's recorded versions can change are tagged (retagInScope), the threads
 * telling which: none when nothing changed, those holding a changed topic's words or from a source whose priors
 * changed after a topic or source edit, every entry after any other edit or with `all`. A complete retag of all dates
 * leaves the current version the only one recorded.
 */
export async function retagOnThreads(
  store: Store,
  taxonomy: Taxonomy,
  sources: Map<string, SourceConfig>,
  opts: RetagProgressOptions & { threads: number },
): Promise<ScopedRetagResult> {
  const version = taggingVersion(taxonomy, [...sources.values()]);
  const size = opts.batch ?? 1000;
  return retagInScope(sqliteRecords(store), version, opts, (due) =>
    retagDue(due, {
      pages: store.entries.taggablePages({ since: opts.since, size }),
      tagger: createEntryTagger({ threads: opts.threads, taxonomy }),
      sources,
      size,
      signal: opts.signal,
      onProgress: opts.onProgress,
      write: (batch, tags) =>
        store.transaction(() =>
          store.tags.replaceMany(
            batch.map((e, i) => ({ id: e.id, publishedAt: e.publishedAt, tags: tags[i] as Tag[] })),
          ),
        ),
    }),
  );
}

/** One batch retagged in one transaction; returns its size. */
function retagBatch(
  store: Store,
  tagger: Tagger,
  sources: Map<string, SourceConfig>,
  batch: readonly TaggableEntry[],
): number {
  const tagged = batch.map((e) => ({
    id: e.id,
    publishedAt: e.publishedAt,
    tags: tagEntry(tagger, tagFields(e), sources.get(e.sourceId)),
  }));
  store.transaction(() => store.tags.replaceMany(tagged));
  return batch.length;
}

export interface RuleDiff {
  entry: StoredEntry;
  gained: Tag[];
  lost: Tag[];
}

/** What the current taxonomy would change on these entries, without writing anything. */
export function diffRules(
  store: { tags: Pick<Store['tags'], 'list' | 'overrides'> },
  tagger: Tagger,
  sources: Map<string, SourceConfig>,
  entries: readonly StoredEntry[],
): RuleDiff[] {
  const out: RuleDiff[] = [];
  for (const e of entries) {
    const stored = store.tags.list(e.id);
    const next = applyOverrides(tagEntry(tagger, e, sources.get(e.sourceId)), store.tags.overrides(e.id));
    const key = (t: Tag) => `${fmtTag(t)}:${t.role ?? ''}`;
    const had = new Set(stored.map(key));
    const will = new Set(next.map(key));
    const gained = next.filter((t) => !had.has(key(t)));
    const lost = stored.filter((t) => !will.has(key(t)));
    if (gained.length || lost.length) out.push({ entry: e, gained, lost });
  }
  return out;
}
