// Re-applying the taxonomy to stored entries: the tag stage over the store, in batches of one transaction each.
import type { Store, StoredEntry, TaggableEntry } from '../store/index.ts';
import { applyOverrides } from '../store/index.ts';
import {
  inScope,
  retagNeed,
  tagEntry,
  taggingVersion,
  type RetagNeed,
  type Tagger,
  type TaggingVersion,
  type Taxonomy,
} from '../tag/index.ts';
import type { Entry, SourceConfig, Tag } from '../types.ts';
import { createEntryTagger } from './threads.ts';

const fmtTag = (t: Pick<Tag, 'kind' | 'value'>) => `${t.kind}:${t.value}`;

export interface RetagResult {
  /** Entries tagged again. */
  entries: number;
  seconds: number;
  perSecond: number;
}

/** What a retag on the threads did: besides the entries tagged, those read, and why it tagged those. */
export interface ScopedRetagResult extends RetagResult {
  /** Entries read; those out of the edit's scope were not tagged. */
  examined: number;
  need: RetagNeed;
  stopped: boolean;
}

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

export interface RetagProgressOptions {
  since?: string;
  /** Every entry, not only those the edits since the last retag can change (RetagNeed). */
  all?: boolean;
  batch?: number;
  /** Stops between batches: what was retagged stays retagged. */
  signal?: AbortSignal;
  /** After each batch: entries read so far, those out of the edit's scope (left as they are) included. */
  onProgress?: (done: number) => void;
}

/**
 * Batches sent to the threads beyond the one being written. With one, a thread that finished its part of the next
 * batch waited while the main thread waited for the other thread's part of the oldest, then wrote it: each batch
 * a lockstep, and a core idle meanwhile. With two, each thread has another part queued.
 */
const TAGGED_AHEAD = 2;

/**
 * retag with the tagging on the prepare threads (`threads` of them; none: inline), the main thread only reading and
 * writing: while it writes one batch's tags (one transaction), the threads tag the next ones. The same tags,
 * written the same way (unchanged sets are not written; overrides stay on top). After each batch the event loop
 * gets a turn, so a server process running it as a background job still serves requests (threads or none).
 *
 * Only the entries the edits since the store's recorded versions can change are tagged (src/tag/scope.ts): none
 * when nothing changed, those holding a changed topic's words or from a source whose priors changed after a topic or
 * source edit, every entry after any other edit or with `all`. A complete retag of all dates leaves the current
 * version the only one recorded.
 */
export async function retagOnThreads(
  store: Store,
  taxonomy: Taxonomy,
  sources: Map<string, SourceConfig>,
  opts: RetagProgressOptions & { threads: number },
): Promise<ScopedRetagResult> {
  const start = performance.now();
  const began = Date.now();
  const version = taggingVersion(taxonomy, [...sources.values()]);
  const need: RetagNeed = opts.all
    ? { kind: 'all', why: 'every entry was asked for' }
    : retagNeed(store.tagVersions.list<TaggingVersion>(), version);
  if (need.kind === 'none') return { ...rate(0, start), examined: 0, need, stopped: false };
  // From now on entries may hold this version's tags (those this retag writes, or a worker's with this taxonomy).
  store.transaction(() => store.tagVersions.record(version, began));
  const scope = need.kind === 'scope' ? need.scope : undefined;
  const taggedWith = scope?.topics.size ? store.tags.withTopics(scope.topics) : new Set<number>();
  const tagger = createEntryTagger({ threads: opts.threads, taxonomy });
  const size = opts.batch ?? 1000;
  // Each batch is split across the threads, and the next ones are tagged while the oldest is written.
  const chunk = Math.ceil(size / tagger.parallel);
  const inFlight: { batch: TaggableEntry[]; read: number; tags: Promise<Tag[][]> }[] = [];
  let n = 0;
  let examined = 0;
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const writeOldest = async () => {
    const next = inFlight.shift();
    if (!next) return;
    const tags = await next.tags;
    if (tags.length !== next.batch.length)
      throw new Error(`retag: ${tags.length} tag sets for ${next.batch.length} entries`);
    store.transaction(() =>
      store.tags.replaceMany(
        next.batch.map((e, i) => ({ id: e.id, publishedAt: e.publishedAt, tags: tags[i] as Tag[] })),
      ),
    );
    n += next.batch.length;
    opts.onProgress?.(next.read);
    await turn();
  };
  const send = async (batch: TaggableEntry[]) => {
    const jobs = [];
    for (let i = 0; i < batch.length; i += chunk)
      jobs.push(
        tagger.tag(batch.slice(i, i + chunk).map((e) => ({ entry: tagFields(e), source: sources.get(e.sourceId) }))),
      );
    inFlight.push({ batch, read: examined, tags: Promise.all(jobs).then((parts) => parts.flat()) });
    if (inFlight.length > TAGGED_AHEAD) await writeOldest();
  };
  try {
    // Out of a scope, entries gather into full batches (a batch is a transaction); reading one page of them and
    // testing its text is a turn of the event loop.
    let due: TaggableEntry[] = [];
    for (const page of store.entries.taggablePages({ since: opts.since, size })) {
      if (opts.signal?.aborted) break;
      examined += page.length;
      if (!scope) {
        await send(page);
        continue;
      }
      for (const e of page) if (inScope(scope, e, taggedWith.has(e.id))) due.push(e);
      if (due.length >= size) {
        await send(due);
        due = [];
      } else await turn();
    }
    if (due.length && !opts.signal?.aborted) await send(due);
    // Stopped or not, what was tagged is written: a stop lands between batches.
    while (inFlight.length) await writeOldest();
  } finally {
    // A failed batch leaves the others to settle unobserved.
    for (const f of inFlight) f.tags.catch(() => {});
  }
  const stopped = opts.signal?.aborted ?? false;
  // Every entry now has this version's tags, but those stored since it began with another (a worker's older taxonomy).
  if (!stopped && !opts.since) store.transaction(() => store.tagVersions.forgetBefore(version, began));
  if (scope) opts.onProgress?.(examined);
  return { ...rate(n, start), examined, need, stopped };
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

/**
 * The entry tagEntry takes, from what a retag read of it: every field sent to a thread is copied into it, and
 * authors, enclosures, links and dates are not read there.
 */
function tagFields(e: TaggableEntry): Entry {
  return {
    sourceId: e.sourceId,
    key: '',
    title: e.title,
    summary: e.summary,
    contentHtml: e.contentHtml,
    language: e.language,
    categories: e.categories,
    authors: [],
    enclosures: [],
    publishedAt: e.publishedAt,
    dateFlags: [],
  };
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
