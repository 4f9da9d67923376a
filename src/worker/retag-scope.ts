// What the retags of both stores share (retag.ts on SQLite, retag-pg.ts on PostgreSQL), all but their reads, tagging
// and writes: which entries the edits since the store's recorded tagging versions can change (src/tag/scope.ts),
// that record kept up around the retag, the entries in an edit's scope gathered into full batches, and what the
// retag reports.
import {
  inScope,
  retagNeed,
  type RetagNeed,
  type RetagScope,
  type ScopedEntry,
  type TaggingVersion,
} from '../tag/index.ts';

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
 * Sends the entries to tag, from pages of entries read in id order: every page as it comes, or, in a scope, the
 * entries in it gathered into full batches of `size` (a batch is a transaction); a page that sends none is a turn of
 * the event loop. `read`: the entries read when the batch was sent. Stops between pages once `signal` aborts; returns
 * the entries read.
 */
export async function sendDue<E extends ScopedEntry & { id: number }>(
  pages: Iterable<E[]> | AsyncIterable<E[]>,
  due: DueEntries,
  opts: { size: number; signal?: AbortSignal },
  send: (batch: E[], read: number) => Promise<void>,
): Promise<number> {
  let read = 0;
  let gathered: E[] = [];
  for await (const page of pages) {
    if (opts.signal?.aborted) break;
    read += page.length;
    if (!due.scope) {
      await send(page, read);
      continue;
    }
    for (const e of page) if (inScope(due.scope, e, due.taggedWith.has(e.id))) gathered.push(e);
    if (gathered.length >= opts.size) {
      await send(gathered, read);
      gathered = [];
    } else await turn();
  }
  if (gathered.length && !opts.signal?.aborted) await send(gathered, read);
  return read;
}

export function rate(entries: number, start: number): RetagResult {
  const seconds = (performance.now() - start) / 1000;
  return { entries, seconds, perSecond: seconds > 0 ? entries / seconds : entries };
}
