// Types that cross stage boundaries: fetch -> parse -> normalize -> dedup -> tag -> store -> publish.
// Each stage owns its internal types; only what one stage hands to the next lives here.

/** A source as an editor lists it in config/sources.yaml (after validation and defaults). */
export interface SourceConfig {
  id: string;
  url: string;
  title?: string;
  enabled: boolean;
  /** ISO 3166-1 alpha-2 (upper case) or region slug; a prior for tagging, not an override. */
  country?: string;
  topics: string[];
  /** Minimum minutes between fetches of this source; falls back to the schedule. */
  intervalMinutes?: number;
  /** Editors' priority when several sources carry one story (higher wins). */
  priority?: number;
  /** True for sources written in config files: only those may use file: URLs. */
  trusted: boolean;
}

/** What the fetcher remembers between fetches of one source (stored by the store stage). */
export interface FetchState {
  etag?: string;
  lastModified?: string;
  /** URL after a permanent redirect (301/308); used instead of the configured URL. */
  effectiveUrl?: string;
}

export interface FetchSettings {
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Hosts or CIDRs an editor explicitly allows even though they are private/loopback. */
  allowPrivate: string[];
}

export type FetchOutcome =
  | {
      kind: 'ok';
      status: number;
      body: Buffer;
      contentType?: string;
      /** URL the body was finally served from (after redirects). */
      finalUrl: string;
      /** Set when a 301/308 chain says the source moved for good. */
      permanentUrl?: string;
      etag?: string;
      lastModified?: string;
      /** Cache-Control max-age, a lower bound on the next fetch. */
      maxAgeSeconds?: number;
      bytes: number;
      durationMs: number;
    }
  | {
      kind: 'not-modified';
      status: 304;
      finalUrl: string;
      permanentUrl?: string;
      etag?: string;
      lastModified?: string;
      maxAgeSeconds?: number;
      durationMs: number;
    }
  | {
      kind: 'error';
      /** Short machine code: timeout, dns, refused, reset, tls, too-large, redirect-loop, blocked, http, gone, empty, ... */
      code: string;
      /** One line for editors: what went wrong, naming the URL or host. */
      reason: string;
      status?: number;
      /** From 429/503 Retry-After. */
      retryAfterSeconds?: number;
      finalUrl?: string;
      permanentUrl?: string;
      durationMs: number;
    };

export interface Author {
  name?: string;
  email?: string;
  url?: string;
}

export interface Enclosure {
  url: string;
  type?: string;
  length?: number;
}

/** One item as the parser found it: raw strings, nothing cleaned yet. */
export interface ParsedItem {
  guid?: string;
  link?: string;
  title?: string;
  /** Raw title may be HTML (Atom type="html") or text; the normalizer decides. */
  titleIsHtml?: boolean;
  summaryHtml?: string;
  contentHtml?: string;
  authors: Author[];
  categories: string[];
  enclosures: Enclosure[];
  /** Raw date strings as found in the document. */
  published?: string;
  updated?: string;
  language?: string;
  /** xml:base in effect for this item, if any. */
  baseUrl?: string;
  /** The publisher's canonical URL when the item gives one apart from its link (feedburner:origLink, rel=canonical). */
  canonicalUrl?: string;
}

export type SourceFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface ParsedFeed {
  format: SourceFormat;
  title?: string;
  link?: string;
  language?: string;
  /** RSS <ttl> in minutes: a lower bound on the next fetch. */
  ttlMinutes?: number;
  items: ParsedItem[];
  /** What was wrong with the document but could be salvaged (editors see these). */
  warnings: string[];
}

export type DateFlag = 'missing' | 'future' | 'unparsed';

/** The normalized entry every later stage works on. */
export interface Entry {
  sourceId: string;
  /** Identity within the source: guid, else cleaned URL, else title + date (see dedup/identity). */
  key: string;
  guid?: string;
  /** Absolute, cleaned of tracking parameters. */
  url?: string;
  /** The item's own canonical hint, absolute and cleaned, when it differs from `url`: stories match on it. */
  canonicalUrl?: string;
  /** Plain text. */
  title: string;
  /** Plain text, bounded. */
  summary: string;
  /** Sanitized HTML, URLs absolute. */
  contentHtml: string;
  authors: Author[];
  categories: string[];
  enclosures: Enclosure[];
  language?: string;
  /** ISO 8601 UTC. */
  publishedAt: string;
  updatedAt?: string;
  dateFlags: DateFlag[];
}

/** What an entry's key within its source is made of (dedup's entryKey); normalize can give it without the text. */
export type EntryIdentity = Pick<Entry, 'guid' | 'url' | 'title' | 'publishedAt' | 'dateFlags' | 'summary'>;

export type TagKind = 'country' | 'region' | 'topic';

/** One tag on an entry, with the reason an editor can read. */
export interface Tag {
  kind: TagKind;
  /** Country: ISO alpha-2 upper case (PE). Region and topic: slug (latin-america, coups). */
  value: string;
  score: number;
  /** Countries: the entry is about it (focus) or only names it (mention). */
  role?: 'focus' | 'mention';
  /** Why: rule id, matched text, field. */
  reason: { rule: string; match?: string; field?: 'title' | 'summary' | 'content' | 'source' | 'category' | 'manual' };
}
