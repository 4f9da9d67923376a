// Re-applying the taxonomy to stored entries: the tag stage over the store, in batches of one transaction each.
import type { Store, StoredEntry } from '../store/index.ts';
import { applyOverrides } from '../store/index.ts';
import { tagEntry, type Tagger } from '../tag/index.ts';
import type { SourceConfig, Tag } from '../types.ts';

const fmtTag = (t: Pick<Tag, 'kind' | 'value'>) => `${t.kind}:${t.value}`;

export interface RetagResult {
  entries: number;
  seconds: number;
  perSecond: number;
}

/** Re-applies the taxonomy to stored entries in batches, each batch one transaction; overrides stay on top. */
export function retag(
  store: Store,
  tagger: Tagger,
  sources: Map<string, SourceConfig>,
  opts: { since?: string; batch?: number } = {},
): RetagResult {
  const start = performance.now();
  const size = opts.batch ?? 1000;
  let batch: StoredEntry[] = [];
  let n = 0;
  const flush = () => {
    const work = batch;
    batch = [];
    store.transaction(() => {
      for (const e of work) store.tags.replace(e.id, e.publishedAt, tagEntry(tagger, e, sources.get(e.sourceId)));
    });
    n += work.length;
  };
  for (const e of store.entries.iterate({ since: opts.since, pageSize: size })) {
    batch.push(e);
    if (batch.length >= size) flush();
  }
  if (batch.length) flush();
  const seconds = (performance.now() - start) / 1000;
  return { entries: n, seconds, perSecond: seconds > 0 ? n / seconds : n };
}

export interface RuleDiff {
  entry: StoredEntry;
  gained: Tag[];
  lost: Tag[];
}

/** What the current taxonomy would change on these entries, without writing anything. */
export function diffRules(
  store: Store,
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
