// Identity within a source: which stored row an item of the next fetch is. Pure.
import { createHash } from 'node:crypto';
import type { Entry, EntryIdentity } from '../types.ts';
import { stripTracking } from './urls.ts';

export interface KeyedBatch<E extends EntryIdentity = Entry> {
  entries: (E & { key: string })[];
  /** The batch uses one guid for different links: the caller records it (store.sources.markGuidReuse). */
  guidReuseDetected: boolean;
}

/** Sets `key` on every entry: guid, else cleaned URL, else title + date; guid + URL for feeds that reuse guids. */
export function assignKeys<E extends EntryIdentity>(entries: E[], opts: { guidReuse: boolean }): KeyedBatch<E> {
  const { keys, guidReuseDetected } = keysOf(entries, opts);
  return { entries: entries.map((e, i) => ({ ...e, key: keys[i] ?? '' })), guidReuseDetected };
}

/** assignKeys' keys, in the entries' order, without copying the entries. */
export function keysOf(
  entries: readonly EntryIdentity[],
  opts: { guidReuse: boolean },
): { keys: string[]; guidReuseDetected: boolean } {
  const guidReuseDetected = !opts.guidReuse && reusesGuids(entries);
  const byGuidAndUrl = opts.guidReuse || guidReuseDetected;
  return { keys: entries.map((e) => entryKey(e, byGuidAndUrl)), guidReuseDetected };
}

export function entryKey(e: EntryIdentity, byGuidAndUrl: boolean): string {
  const guid = e.guid?.trim();
  const url = e.url ? stripTracking(e.url) : undefined;
  if (guid) return byGuidAndUrl && url ? `${guid}|${url}` : guid;
  if (url) return url;
  // A missing, unreadable or held-back date is the first-seen time, which changes per fetch: it cannot be part of
  // identity.
  const dated = !e.dateFlags.some((f) => f === 'missing' || f === 'unparsed' || f === 'future');
  const title = e.title.trim();
  return dated ? `${title}|${e.publishedAt}` : `${title}|${shortHash(e.summary.trim())}`;
}

/** One guid with two different links in one batch: the feed recycles guids (seen in CMS templates). */
function reusesGuids(entries: readonly EntryIdentity[]): boolean {
  const linkByGuid = new Map<string, string>();
  for (const e of entries) {
    const guid = e.guid?.trim();
    if (!guid || !e.url) continue;
    const url = stripTracking(e.url);
    const seen = linkByGuid.get(guid);
    if (seen === undefined) linkByGuid.set(guid, url);
    else if (seen !== url) return true;
  }
  return false;
}

function shortHash(s: string): string {
  return createHash('sha1').update(s).digest('base64url').slice(0, 12);
}
