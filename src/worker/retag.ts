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
  let n = 0;
  for (const batch of batches(store, opts.since, size)) n += retagBatch(store, tagger, sources, batch);
  return rate(n, start);
}

export interface RetagProgressOptions {
  since?: string;
  batch?: number;
  /** Stops between batches: what was retagged stays retagged. */
  signal?: AbortSignal;
  /** After each batch: entries retagged so far. */
  onProgress?: (done: number) => void;
}

/**
 * retag for a background job in the server process: the same batches, with a turn of the event loop between them
 * so requests are still served, progress after each, and a stop between batches when the signal aborts.
 */
export async function retagInBackground(
  store: Store,
  tagger: Tagger,
  sources: Map<string, SourceConfig>,
  opts: RetagProgressOptions = {},
): Promise<RetagResult & { stopped: boolean }> {
  const start = performance.now();
  let n = 0;
  for (const batch of batches(store, opts.since, opts.batch ?? 1000)) {
    if (opts.signal?.aborted) return { ...rate(n, start), stopped: true };
    n += retagBatch(store, tagger, sources, batch);
    opts.onProgress?.(n);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { ...rate(n, start), stopped: false };
}

/** Stored entries (published since `since`) in batches of `size`. */
function* batches(store: Store, since: string | undefined, size: number): Generator<StoredEntry[]> {
  let batch: StoredEntry[] = [];
  for (const e of store.entries.iterate({ since, pageSize: size })) {
    batch.push(e);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** One batch retagged in one transaction; returns its size. */
function retagBatch(store: Store, tagger: Tagger, sources: Map<string, SourceConfig>, batch: StoredEntry[]): number {
  store.transaction(() => {
    for (const e of batch) store.tags.replace(e.id, e.publishedAt, tagEntry(tagger, e, sources.get(e.sourceId)));
  });
  return batch.length;
}

function rate(entries: number, start: number): RetagResult {
  const seconds = (performance.now() - start) / 1000;
  return { entries, seconds, perSecond: seconds > 0 ? entries / seconds : entries };
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
