// The same item seen again across fetches of its source. A changed feed document is mostly items already stored: an
// item as parsed, with what its entry also depends on, makes a fingerprint, and an item whose fingerprint the source's
// last stored document also had is unchanged since. Normalizing it again (sanitizing its HTML), tagging and sketching
// it would give the stored row again, which the store would find unchanged: the worker skips all of that. Pure.
import { createHash } from 'node:crypto';
import type { ParsedItem } from '../types.ts';

/** Besides the item itself, what its normalized entry and key depend on. */
export interface ItemContext {
  /** Where the document came from: the base for relative links. */
  feedUrl: string;
  /** The feed's own link, absolute: the next base. */
  feedLink: string | undefined;
  /** The feed's language, the item's when it has none. */
  feedLanguage: string | undefined;
  /** Keys are guid + URL. */
  guidReuse: boolean;
}

/** 52 bits of the item's SHA-1: a number, kept 8 bytes an item (Float64Array) between cycles. */
export function itemFingerprint(item: ParsedItem, ctx: ItemContext): number {
  const digest = createHash('sha1')
    .update(JSON.stringify([ctx.feedUrl, ctx.feedLink ?? null, ctx.feedLanguage ?? null, ctx.guidReuse, item]))
    .digest();
  return digest.readUIntBE(0, 6) * 16 + ((digest[6] ?? 0) >> 4);
}

/**
 * Of a document's items in document order, keyed, which to store: every item not seen unchanged, unless the last item
 * with its key was seen (the store keeps the last of a key, here found unchanged, and drops the others); and how many
 * seen items the store would have counted unchanged.
 */
export function unseenToStore(items: readonly { key: string; seen: boolean }[]): { store: boolean[]; seen: number } {
  const last = new Map<string, number>();
  items.forEach((it, i) => last.set(it.key, i));
  let seen = 0;
  const store = items.map((it, i) => {
    const lastSeen = items[last.get(it.key) ?? i]?.seen ?? false;
    if (it.seen && last.get(it.key) === i) seen++;
    return !it.seen && !lastSeen;
  });
  return { store, seen };
}
