// What the retags of both stores share (retag.ts on SQLite, retag-pg.ts on PostgreSQL), all but their reads and
// writes: which entries the edits since the store's recorded tagging versions can change (src/tag/scope.ts), that
// record kept up around the retag, the pipeline that sends the pages read to the prepare threads (which test the
// scope and tag) and gathers the entries tagged into batches to write, and what the retag reports.
import type { TaggableEntry } from '../store/index.ts';
import { retagNeed, type RetagNeed, type RetagScope, type TaggingVersion } from '../tag/index.ts';
import type { Entry, SourceConfig, Tag } from '../types.ts';
import type { TagJobEntry } from './thread-protocol.ts';
import type { EntryTagger } from './threads.ts';

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

/** What a retag needs of a store besides its entries: its record of tagging versions, and a topic's entries. */
export interface RetagRecords {
  /** Every version some stored entry may be tagged under (TagVersionRepo.list). */
  versions(): Promise<readonly TaggingVersion[]>;
  /** Records `v` before entries are tagged with it; returns the time (ms) forget takes once all are. */
  record(v: TaggingVersion): Promise<number>;
  /** Forgets the versions no transaction used since `since` (TagVersionRepo.forgetBefore). */
  forgetBefore(keep: TaggingVersion, since: number): Promise<void>;
  /** The entries tagged (as published) with any of these topics. */
  withTopics(slugs: Set<string>): Promise<Set<number>>;
}

/** The entries a retag must tag: all of them, or those in the scope; `taggedWith`: those holding a changed topic. */
export interface DueEntries {
  need: Exclude<RetagNeed, { kind: 'none' }>;
  scope?: RetagScope;
  taggedWith: ReadonlySet<number>;
}

/**
 * A retag of the entries the edits since the store's recorded versions can change (every entry with `all`): none
 * when nothing changed. The current version is recorded before `pass` (the store's reads, tagging and writes) tags
 * any entry with it; after a complete retag of all dates it is the only version recorded but those used since it
 * began (a worker's with an older taxonomy).
 */
export async function retagInScope(
  records: RetagRecords,
  version: TaggingVersion,
  opts: RetagProgressOptions,
  pass: (due: DueEntries) => Promise<{ entries: number; examined: number }>,
): Promise<ScopedRetagResult> {
  const start = performance.now();
  const need: RetagNeed = opts.all
    ? { kind: 'all', why: 'every entry was asked for' }
    : retagNeed(await records.versions(), version);
  if (need.kind === 'none') return { ...rate(0, start), examined: 0, need, stopped: false };
  // From now on entries may hold this version's tags (those this retag writes, or a worker's with this taxonomy).
  const began = await records.record(version);
  const scope = need.kind === 'scope' ? need.scope : undefined;
  const taggedWith = scope?.topics.size ? await records.withTopics(scope.topics) : new Set<number>();
  const r = await pass({ need, scope, taggedWith });
  const stopped = opts.signal?.aborted ?? false;
  // Every entry now has this version's tags, but those stored since it began with another (a worker's older taxonomy).
  if (!stopped && !opts.since) await records.forgetBefore(version, began);
  if (scope) opts.onProgress?.(r.examined);
  return { ...rate(r.entries, start), examined: r.examined, need, stopped };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Pages sent to the tagger beyond the one whose tags are awaited. With one, a thread that finished its part of the
 * next page waited while the main thread waited for the other thread's part of the oldest, then wrote: each page a
 * lockstep, and a core idle meanwhile. With two, each thread has another part queued.
 */
export const TAGGED_AHEAD = 2;

/** How a retag pipeline reads, tags and writes its store's entries (retagDue). */
export interface RetagPass<E extends TaggableEntry> {
  /** Pages of the entries to examine, `size` each, in id order. */
  pages: Iterable<E[]> | AsyncIterable<E[]>;
  tagger: EntryTagger;
  sources: ReadonlyMap<string, SourceConfig>;
  /** Entries to a write: one transaction. */
  size: number;
  signal?: AbortSignal;
  onProgress?: (read: number) => void;
  /**
   * Writes one batch (`tags[i]` for `batch[i]`) in one transaction. `tagAgain`: tags entries in full on the same
   * threads, for those the write finds edited since they were read (PostgreSQL: retagBatch).
   */
  write(batch: E[], tags: Tag[][], tagAgain: (entries: E[]) => Promise<Tag[][]>): Promise<void> | void;
}

/**
 * The retag pipeline both stores share. Every page read is sent as it comes, split across the tagger's threads, with
 * the edit's scope when there is one: the threads test each entry's scope and tag only those in it, so the main thread
 * only reads, sends, gathers and writes. The tagged entries (all of them, or those in the scope) are gathered into
 * batches of `size`, each written in one transaction while the threads tag the pages sent ahead; an entry out of the
 * scope comes back untagged and is never written. After each batch, onProgress gets the entries read up to the page
 * that completed it; a page that completes none is a turn of the event loop (so is a write), so a server running the
 * retag as a job serves requests meanwhile. Once `signal` aborts, it stops between batches: pages in flight and
 * entries gathered short of a batch are dropped, what was written stays. Returns the entries written and those
 * examined (read, and their tags back: in scope or not).
 */
export async function retagDue<E extends TaggableEntry>(
  due: DueEntries,
  pass: RetagPass<E>,
): Promise<{ entries: number; examined: number }> {
  const { tagger, size, signal } = pass;
  const scope = due.scope;
  const chunk = Math.ceil(size / tagger.parallel);
  const job = (e: E): TagJobEntry => {
    const j: TagJobEntry = { entry: tagFields(e), source: pass.sources.get(e.sourceId) };
    if (scope) j.taggedWith = due.taggedWith.has(e.id);
    return j;
  };
  /** The entries split across the threads: with a scope, tagged only where in it (null elsewhere). */
  const tagSplit = async <T extends Tag[] | null>(
    entries: E[],
    tag: (jobs: TagJobEntry[]) => Promise<T[]>,
  ): Promise<T[]> => {
    const parts = [];
    for (let i = 0; i < entries.length; i += chunk) parts.push(tag(entries.slice(i, i + chunk).map(job)));
    return (await Promise.all(parts)).flat();
  };
  const tagPage = (page: E[]) =>
    scope ? tagSplit(page, (jobs) => tagger.tagInScope(jobs, scope)) : tagSplit(page, (jobs) => tagger.tag(jobs));
  const tagAgain = (entries: E[]) => tagSplit(entries, (jobs) => tagger.tag(jobs));
  const inFlight: { page: E[]; read: number; tags: Promise<(Tag[] | null)[]> }[] = [];
  let gathered: E[] = [];
  let gatheredTags: Tag[][] = [];
  let read = 0;
  let examined = 0;
  let entries = 0;
  /** The oldest page's tags, gathered; each full batch written. */
  const gatherOldest = async () => {
    const next = inFlight.shift();
    if (!next) return;
    const tags = await next.tags;
    if (tags.length !== next.page.length)
      throw new Error(`retag: ${tags.length} tag lists for ${next.page.length} entries`);
    next.page.forEach((e, i) => {
      const t = tags[i];
      // Out of the scope: not tagged, so not written.
      if (!t) return;
      gathered.push(e);
      gatheredTags.push(t);
    });
    examined = next.read;
    if (gathered.length < size) return turn();
    while (gathered.length >= size && !signal?.aborted) await writeGathered(size, next.read);
  };
  const writeGathered = async (n: number, through: number) => {
    const batch = gathered.slice(0, n);
    const tags = gatheredTags.slice(0, n);
    gathered = gathered.slice(n);
    gatheredTags = gatheredTags.slice(n);
    await pass.write(batch, tags, tagAgain);
    entries += batch.length;
    pass.onProgress?.(through);
    await turn();
  };
  try {
    for await (const page of pass.pages) {
      if (signal?.aborted) break;
      read += page.length;
      const tags = tagPage(page);
      // Settled by gatherOldest, unless a write before it fails (see finally).
      inFlight.push({ page, read, tags });
      if (inFlight.length > TAGGED_AHEAD) await gatherOldest();
      if (signal?.aborted) break;
    }
    while (inFlight.length && !signal?.aborted) await gatherOldest();
    if (gathered.length && !signal?.aborted) await writeGathered(gathered.length, read);
    return { entries, examined };
  } finally {
    // A stop, or a failed page or write, leaves the others to settle unobserved.
    for (const f of inFlight) f.tags.catch(() => {});
  }
}

/**
 * The entry tagEntry takes, from what a retag read of it: every field sent to a thread is copied into it, and
 * authors, enclosures, links and dates are not read there.
 */
export function tagFields(e: TaggableEntry): Entry {
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

export function rate(entries: number, start: number): RetagResult {
  const seconds = (performance.now() - start) / 1000;
  return { entries, seconds, perSecond: seconds > 0 ? entries / seconds : entries };
}
