// The CPU half of ingesting one fetched document: parse -> normalize (sanitize) -> keys -> tags. Pure: bytes and
// settings in, entries and their tags out, no I/O. It runs on a prepare thread (see threads.ts) or inline.
import { assignKeys, sketch, type Sketch, type SketchSettings } from '../dedup/index.ts';
import { normalizeFeed } from '../normalize/index.ts';
import { parseFeed } from '../parse/index.ts';
import type { Entry, SourceConfig, Tag } from '../types.ts';
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
}

export async function prepareDocument(input: PrepareInput, tagger: Tagger | undefined): Promise<PreparedDocument> {
  const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  const parsed = await parseFeed(body, { contentType: input.contentType, url: input.url });
  const normalized = normalizeFeed(parsed, input.source, { now: new Date(input.now), feedUrl: input.url });
  const keyed = assignKeys(normalized, { guidReuse: input.guidReuse });
  const out: PreparedDocument = {
    feed: { title: parsed.title, link: parsed.link, ttlMinutes: parsed.ttlMinutes, warnings: parsed.warnings },
    entries: keyed.entries,
    guidReuseDetected: keyed.guidReuseDetected,
  };
  // Tagged here, off the storing thread, even though an unchanged entry's tags will not be written: the store
  // learns what changed only inside its transaction.
  if (tagger) out.tags = Object.fromEntries(keyed.entries.map((e) => [e.key, tagEntry(tagger, e, input.source)]));
  const sketchSettings = input.sketch;
  if (sketchSettings) out.sketches = Object.fromEntries(keyed.entries.map((e) => [e.key, sketch(e, sketchSettings)]));
  return out;
}
