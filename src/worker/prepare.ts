// The CPU half of ingesting one fetched document: parse -> normalize (sanitize) -> keys -> tags. Pure: bytes and
// settings in, entries and their tags out, no I/O. It runs on a prepare thread (see threads.ts) or inline.
import {
  assignKeys,
  itemFingerprint,
  keysOf,
  sketch,
  unseenToStore,
  type Sketch,
  type SketchSettings,
} from '../dedup/index.ts';
import { feedLinkOf, itemIdentity, normalizeFeed, normalizeItem, type NormalizeOptions } from '../normalize/index.ts';
import { parseFeed } from '../parse/index.ts';
import type { Entry, EntryIdentity, ParsedFeed, SourceConfig, Tag } from '../types.ts';
import { tagEntry, type Tagger } from '../tag/tagger.ts';

export interface PrepareInput {
  body: Uint8Array;
  contentType?: string;
  /** Where the body came from: the base for relative links. */
  url: string;
  source: SourceConfig;
  /** The source is known to reuse guids (keys are guid + URL). */
  guidReuse: boolean;
  /** ISO time of the fetch: missing and future dates become it. */
  now: string;
  /** Sketch entries for story detection with these settings (the detector's). */
  sketch?: SketchSettings;
  /**
   * Fingerprints of the items of the source's last stored document (dedup/seen.ts), when the worker remembers them:
   * those items are unchanged since, and only keyed. Absent: no fingerprints made (a one-off fetch).
   */
  seen?: Float64Array;
}

export interface PreparedFeed {
  title?: string;
  link?: string;
  ttlMinutes?: number;
  warnings: string[];
}

export interface PreparedDocument {
  feed: PreparedFeed;
  entries: Entry[];
  /** Computed tags, by entry key; absent when there is no tagger. */
  tags?: Record<string, Tag[]>;
  /** Story-detection sketches, by entry key; when asked for. */
  sketches?: Record<string, Sketch>;
  /** This batch showed the feed reusing guids for different links (first time). */
  guidReuseDetected: boolean;
  /** Every item's fingerprint, in document order, for the worker to remember once stored; when `seen` was given. */
  fingerprints?: Float64Array;
  /** Items seen unchanged and not prepared again: the store would have found them unchanged. */
  seenUnchanged: number;
}

export async function prepareDocument(input: PrepareInput, tagger: Tagger | undefined): Promise<PreparedDocument> {
  const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  const parsed = await parseFeed(body, { contentType: input.contentType, url: input.url });
  const opts: NormalizeOptions = { now: new Date(input.now), feedUrl: input.url };
  const { entries, guidReuseDetected, fingerprints, seenUnchanged } = input.seen
    ? keyUnseen(parsed, input, opts, input.seen)
    : {
        ...assignKeys(normalizeFeed(parsed, input.source, opts), { guidReuse: input.guidReuse }),
        fingerprints: undefined,
        seenUnchanged: 0,
      };
  const out: PreparedDocument = {
    feed: { title: parsed.title, link: parsed.link, ttlMinutes: parsed.ttlMinutes, warnings: parsed.warnings },
    entries,
    guidReuseDetected,
    seenUnchanged,
  };
  if (fingerprints) out.fingerprints = fingerprints;
  // Tagged here, off the storing thread, even though an unchanged entry's tags will not be written: the store
  // learns what changed only inside its transaction.
  if (tagger) out.tags = Object.fromEntries(entries.map((e) => [e.key, tagEntry(tagger, e, input.source)]));
  const sketchSettings = input.sketch;
  if (sketchSettings) out.sketches = Object.fromEntries(entries.map((e) => [e.key, sketch(e, sketchSettings)]));
  return out;
}

/**
 * Normalizes and keys the items not seen unchanged; a seen item is only keyed (its identity needs no text), for the
 * guid-reuse check and the keys the store keeps; one whose identity needs its text is prepared in full.
 */
function keyUnseen(parsed: ParsedFeed, input: PrepareInput, opts: NormalizeOptions, seen: Float64Array) {
  const feedLink = feedLinkOf(parsed, input.url);
  const ctx = { feedUrl: input.url, feedLink, feedLanguage: parsed.language, guidReuse: input.guidReuse };
  const known = new Set(seen);
  const fingerprints = new Float64Array(parsed.items.length);
  const items: ({ seen: true; item: EntryIdentity } | { seen: false; item: Entry })[] = parsed.items.map((item, i) => {
    const fingerprint = itemFingerprint(item, ctx);
    fingerprints[i] = fingerprint;
    const identity = known.has(fingerprint) ? itemIdentity(item, opts, feedLink) : undefined;
    return identity
      ? { seen: true, item: identity }
      : { seen: false, item: normalizeItem(item, parsed, input.source, opts, feedLink) };
  });
  const { keys, guidReuseDetected } = keysOf(
    items.map((x) => x.item),
    { guidReuse: input.guidReuse },
  );
  const kept = unseenToStore(items.map((x, i) => ({ key: keys[i] ?? '', seen: x.seen })));
  const entries = items.flatMap((x, i) => (!x.seen && kept.store[i] ? [{ ...x.item, key: keys[i] ?? '' }] : []));
  return { entries, guidReuseDetected, fingerprints, seenUnchanged: kept.seen };
}
