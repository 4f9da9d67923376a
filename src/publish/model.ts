// What a rendered feed says, independent of format: built once from a store page, then written as RSS, Atom or
// JSON Feed. Pure: the same page and settings always give the same model (so ETags are stable).
import type { Enclosure } from '../types.ts';
import type { FeedPage, SourceInfo, FeedTag } from '../store/index.ts';
import { sourceUrn, storyUrn } from './ids.ts';
import { clean, escapeAttr, escapeText } from './xml.ts';

export type FeedFormat = 'rss' | 'atom' | 'json';
export const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

export const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface ItemTag {
  kind: FeedTag['kind'];
  value: string;
  label: string;
}

export interface ItemSource {
  id: string;
  title: string;
  /** The source's own feed, for RSS <source url> and atom:source rel=self. */
  feedUrl: string;
  siteUrl?: string;
}

export interface AlsoItem {
  sourceId: string;
  sourceTitle: string;
  title: string;
  url?: string;
}

export interface ItemModel {
  id: string;
  url?: string;
  title: string;
  summary: string;
  /** Sanitized HTML from the store plus the "Also reported by" footer. */
  contentHtml: string;
  published: Date;
  updated: Date;
  /** Never empty: the source stands in when the entry names nobody (Atom requires an author). */
  authors: { name: string; email?: string; url?: string }[];
  source: ItemSource;
  tags: ItemTag[];
  enclosures: { url: string; type: string; length?: number }[];
  language?: string;
  also: AlsoItem[];
}

/** What the site knows about a feed before its items: ids, titles and links. */
export interface FeedMeta {
  id: string;
  title: string;
  description: string;
  language: string;
  /** The readable preview of this feed. */
  homeUrl: string;
  self: Record<FeedFormat, string>;
  /** RFC 5005: older items, and the newest page when this one is not it. */
  next?: Record<FeedFormat, string>;
  first?: Record<FeedFormat, string>;
  hub?: string;
  siteTitle: string;
  siteUrl: string;
}

export interface FeedModel extends Omit<FeedMeta, 'siteTitle' | 'siteUrl'> {
  updated: Date;
  author: { name: string; url: string };
  items: ItemModel[];
}

export interface Labels {
  countries: Map<string, string>;
  regions: Map<string, string>;
  topics: Map<string, string>;
  sources: Map<string, SourceInfo & { configTitle?: string; configUrl?: string }>;
}

const MIME_BY_EXT: Record<string, string> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
  pdf: 'application/pdf',
};

/** The type the source gave, else one from the extension; never a guess like feed's "image/mp3". */
export function enclosureType(e: Enclosure): string {
  if (e.type && /^[\w.+-]+\/[\w.+-]+$/.test(e.type)) return e.type.toLowerCase();
  const ext = /\.([a-z0-9]{2,5})$/i.exec(new URL(e.url).pathname)?.[1]?.toLowerCase();
  return (ext && MIME_BY_EXT[ext]) || 'application/octet-stream';
}

function validUrl(u: string | undefined): string | undefined {
  if (!u) return undefined;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function date(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function tagLabel(kind: FeedTag['kind'], value: string, labels: Labels): string {
  const byKind = { country: labels.countries, region: labels.regions, topic: labels.topics };
  return byKind[kind].get(value) ?? value;
}

export function sourceTitle(id: string, labels: Labels): string {
  const s = labels.sources.get(id);
  return clean(s?.configTitle ?? s?.title ?? id);
}

function alsoFooter(also: AlsoItem[]): string {
  if (!also.length) return '';
  const parts = also.map((a) => {
    const src = escapeText(a.sourceTitle);
    const title = escapeText(a.title);
    return a.url ? `<a href="${escapeAttr(a.url)}">${src}: ${title}</a>` : `${src}: ${title}`;
  });
  return `<p class="also-reported-by">Also reported by: ${parts.join('; ')}</p>`;
}

/** One story of a store page as every format shows it: its representative entry, tags, source and other reports. */
export function buildItem(it: FeedPage['items'][number], labels: Labels): ItemModel {
  const e = it.entry;
  const published = date(e.publishedAt) ?? new Date(0);
  // Updated: the feed's own <updated>, or when wireroom stored an edit; never before publication.
  const edited = e.changedAt > e.firstSeenAt ? date(e.changedAt) : undefined;
  const own = date(e.updatedAt);
  const updated = new Date(Math.max(published.getTime(), own?.getTime() ?? 0, edited?.getTime() ?? 0));
  const src = labels.sources.get(e.sourceId);
  const source: ItemSource = {
    id: e.sourceId,
    title: sourceTitle(e.sourceId, labels),
    feedUrl: validUrl(src?.configUrl ?? src?.effectiveUrl ?? src?.url) ?? sourceUrn(e.sourceId),
    siteUrl: validUrl(src?.siteUrl),
  };
  const also: AlsoItem[] = it.also.map((a) => ({
    sourceId: a.sourceId,
    sourceTitle: sourceTitle(a.sourceId, labels),
    title: clean(a.title),
    url: validUrl(a.url),
  }));
  const body = clean(e.contentHtml).trim() || (e.summary ? `<p>${escapeText(e.summary)}</p>` : '');
  const authors = e.authors
    .map((a) => ({ name: clean(a.name ?? '').trim(), email: a.email, url: validUrl(a.url) }))
    .filter((a) => a.name);
  return {
    id: storyUrn(it.storyUid),
    // The publisher's own URL when the item named one (its link may be a tracking redirect).
    url: validUrl(e.canonicalUrl ?? e.url),
    title: clean(e.title).trim() || '(untitled)',
    summary: clean(e.summary),
    contentHtml: body + alsoFooter(also) || `<p>${escapeText(e.title)}</p>`,
    published,
    updated,
    authors: authors.length ? authors : [{ name: source.title }],
    source,
    tags: it.tags.map((t) => ({ kind: t.kind, value: t.value, label: clean(tagLabel(t.kind, t.value, labels)) })),
    enclosures: e.enclosures.flatMap((x) => {
      const url = validUrl(x.url);
      return url
        ? [
            {
              url,
              type: enclosureType({ ...x, url }),
              length: x.length && x.length > 0 ? Math.floor(x.length) : undefined,
            },
          ]
        : [];
    }),
    language: e.language,
    also,
  };
}

export function buildFeedModel(page: FeedPage, meta: FeedMeta, labels: Labels): FeedModel {
  const items = page.items.map((it) => buildItem(it, labels));
  const updated = items.reduce((m, i) => (i.updated > m ? i.updated : m), new Date(0));
  return {
    id: meta.id,
    title: clean(meta.title),
    description: clean(meta.description),
    language: meta.language,
    homeUrl: meta.homeUrl,
    self: meta.self,
    next: meta.next,
    first: meta.first,
    hub: meta.hub,
    // An empty feed still needs a fixed date for a stable body: the epoch says "nothing yet".
    updated,
    author: { name: clean(meta.siteTitle), url: meta.siteUrl },
    items,
  };
}
