// What a rendered resource depends on, as a short hash: it changes exactly when the body would, so the server can
// answer 304s and keep rendered bodies without rendering to compare.
import { createHash } from 'node:crypto';
import type { FeedPage } from '../store/index.ts';
import { sourceTitle, type FeedMeta, type Labels } from './model.ts';

const hash = (s: string) => createHash('sha1').update(s).digest('base64url');

/** Source titles shown in a page (they come from config and the sources table, not from the page's rows). */
function labelsKey(labels: Labels, page: FeedPage): string {
  const ids = new Set(page.items.flatMap((i) => [i.entry.sourceId, ...i.also.map((a) => a.sourceId)]));
  return [...ids]
    .sort()
    .map((id) => `${id}=${sourceTitle(id, labels)}:${labels.sources.get(id)?.configUrl ?? ''}`)
    .join('\u0001');
}

/** What a renderer shows of the page's rows (links to older pages are in the meta). */
function itemsKey(page: FeedPage): string {
  const parts: string[] = [];
  for (const it of page.items) {
    parts.push(`\u0001${it.storyUid}\u0000${it.entry.id}\u0000${it.entry.changedAt}\u0000${it.sortKey.publishedAt}`);
    for (const t of it.tags) parts.push(`\u0002${t.kind}:${t.value}:${t.role ?? ''}`);
    for (const a of it.also) parts.push(`\u0003${a.entryId}:${a.sourceId}:${a.title}:${a.url ?? ''}`);
  }
  return parts.join('');
}

/** A feed page in one format ("rss", "atom", "json"), or its preview ("view"). */
export function pageFingerprint(kind: string, meta: FeedMeta, page: FeedPage, labels: Labels): string {
  return hash(`${kind}\u0000${JSON.stringify(meta)}\u0000${itemsKey(page)}\u0000${labelsKey(labels, page)}`);
}

export function indexFingerprint(sections: unknown, site: unknown): string {
  return hash(`index\u0000${JSON.stringify(sections)}\u0000${JSON.stringify(site)}`);
}

/**
 * When wireroom last stored anything on the page (an entry, or an edit of one; entries joining a story are among
 * them): a late entry dated before the newest still moves it. Changes that store nothing on the page (a removal,
 * a story losing a member) are caught by the server, which moves Last-Modified when a fingerprint changes.
 */
export function storedAt(page: FeedPage): Date | undefined {
  let newest = '';
  for (const it of page.items) {
    if (it.entry.changedAt > newest) newest = it.entry.changedAt;
    for (const a of it.also) if (a.changedAt > newest) newest = a.changedAt;
  }
  return newest ? new Date(newest) : undefined;
}
