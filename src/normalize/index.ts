// normalize stage: ParsedFeed -> Entry[]. Pure: the clock comes in through opts.now.
import type {
  Author,
  DateFlag,
  Enclosure,
  Entry,
  EntryIdentity,
  ParsedFeed,
  ParsedItem,
  SourceConfig,
} from '../types.ts';
import { sanitizeHtml, sanitizeWithText } from '../sanitize/index.ts';
import { parseDate } from './dates.ts';
import { plainText, truncateWords } from './text.ts';
import { absoluteUrl, cleanUrl } from './urls.ts';

export { parseDate } from './dates.ts';
export { cleanUrl, absoluteUrl, isTrackingParam } from './urls.ts';
export { truncateWords } from './text.ts';

export interface NormalizeOptions {
  now: Date;
  feedUrl: string;
  maxSummaryChars?: number;
}

const MAX_TITLE = 1000;

const isHttpUrl = (url: string): boolean => /^https?:\/\//i.test(url);
const MAX_CONTENT = 1_000_000;
const DAY_MS = 86_400_000;

function authorsOf(list: Author[]): Author[] {
  const seen = new Set<string>();
  const out: Author[] = [];
  for (const a of list) {
    const clean: Author = {};
    const name = a.name?.replace(/\s+/g, ' ').trim();
    if (name) clean.name = name.slice(0, 200);
    if (a.email?.trim()) clean.email = a.email.trim();
    if (a.url?.trim()) clean.url = a.url.trim();
    const key = JSON.stringify(clean);
    if (Object.keys(clean).length && !seen.has(key)) {
      seen.add(key);
      out.push(clean);
    }
  }
  return out;
}

function categoriesOf(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of list) {
    const v = c.replace(/\s+/g, ' ').trim();
    if (v && !seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase());
      out.push(v);
    }
  }
  return out;
}

function datesOf(item: ParsedItem, now: Date): Pick<Entry, 'publishedAt' | 'updatedAt' | 'dateFlags'> {
  const flags: DateFlag[] = [];
  const raw = item.published ?? item.updated;
  let published = parseDate(raw);
  if (raw === undefined || raw.trim() === '') flags.push('missing');
  else if (!published) flags.push('unparsed');
  // A date far ahead is a publisher's mistake or a trick to stay on top: hold it to first-seen time.
  if (published && published.getTime() > now.getTime() + DAY_MS) {
    flags.push('future');
    published = undefined;
  }
  const updated = item.published !== undefined ? parseDate(item.updated) : undefined;
  const out: Pick<Entry, 'publishedAt' | 'updatedAt' | 'dateFlags'> = {
    publishedAt: (published ?? now).toISOString(),
    dateFlags: flags,
  };
  if (updated && updated.getTime() <= now.getTime() + DAY_MS) out.updatedAt = updated.toISOString();
  return out;
}

function contentOf(item: ParsedItem, base: string | undefined): string {
  const html = item.contentHtml ?? item.summaryHtml ?? '';
  return resanitize(sanitizeHtml(html.length > MAX_CONTENT ? html.slice(0, MAX_CONTENT) : html, base), base);
}

// Absolutized URLs can push content over the bound again; the sanitizer re-closes what the cut leaves open.
function resanitize(out: string, base: string | undefined): string {
  return out.length > MAX_CONTENT ? sanitizeHtml(out.slice(0, MAX_CONTENT - 1024), base) : out;
}

/**
 * The summary's plain text and the sanitized content. An item with one HTML field (most) has its summary read from
 * the same parse the sanitizer makes instead of a second one.
 */
function textAndContent(item: ParsedItem, base: string | undefined, atLeast: number): { text: string; html: string } {
  const html = item.contentHtml ?? item.summaryHtml;
  if (html !== undefined && html === (item.summaryHtml ?? item.contentHtml) && html.length <= MAX_CONTENT) {
    const both = sanitizeWithText(html, base, atLeast);
    return { text: both.text, html: resanitize(both.html, base) };
  }
  return { text: plainText(item.summaryHtml ?? item.contentHtml, true, atLeast), html: contentOf(item, base) };
}

/** The item's link, absolute and cleaned, and the bases its relative URLs resolve against. */
function linkOf(item: ParsedItem, opts: NormalizeOptions, feedLink: string | undefined) {
  const bases = [item.baseUrl, feedLink, opts.feedUrl];
  const link = absoluteUrl(item.link, ...bases);
  // Parse already drops other schemes; a relative link against an odd xml:base can still resolve to one.
  const url = link && isHttpUrl(link) ? cleanUrl(link) : undefined;
  return { bases, url };
}

/**
 * normalizeItem's identity fields without reading the summary or content (nothing sanitized), for an item known to
 * be unchanged since it was stored; undefined when they would need the text: no title of its own (the summary stands
 * in), or a date that is missing, unreadable, held back or ahead (first-seen time, which the stored row keeps).
 */
export function itemIdentity(
  item: ParsedItem,
  opts: NormalizeOptions,
  feedLink: string | undefined,
): EntryIdentity | undefined {
  const title = truncateWords(plainText(item.title, item.titleIsHtml ?? true), MAX_TITLE);
  const dates = datesOf(item, opts.now);
  const heldUpdate = item.published !== undefined && item.updated !== undefined && dates.updatedAt === undefined;
  if (!title || dates.dateFlags.length || heldUpdate) return undefined;
  const { url } = linkOf(item, opts, feedLink);
  const guid = item.guid?.trim() || undefined;
  return { title, publishedAt: dates.publishedAt, dateFlags: dates.dateFlags, summary: '', url, guid };
}

export function normalizeItem(
  item: ParsedItem,
  feed: ParsedFeed,
  source: SourceConfig,
  opts: NormalizeOptions,
  feedLink = absoluteUrl(feed.link, opts.feedUrl),
): Entry {
  const { bases, url } = linkOf(item, opts, feedLink);
  const base = bases.find((b) => b && /^[a-z][a-z0-9+.-]*:/i.test(b));
  const maxSummary = opts.maxSummaryChars ?? 500;
  // Only the summary's length of text is kept (and a title's, at most, when there is none).
  const { text: summaryText, html: contentHtml } = textAndContent(item, base, Math.max(maxSummary, 120));
  const summary = truncateWords(summaryText, maxSummary);
  let title = plainText(item.title, item.titleIsHtml ?? true);
  if (!title) title = truncateWords(summaryText, 120);
  title = truncateWords(title, MAX_TITLE);
  const dates = datesOf(item, opts.now);
  const guid = item.guid?.trim() || undefined;
  const enclosures: Enclosure[] = item.enclosures
    .map((e) => ({ ...e, url: absoluteUrl(e.url, ...bases) ?? e.url }))
    .filter((e) => isHttpUrl(e.url));
  const entry: Entry = {
    sourceId: source.id,
    key: guid ?? url ?? `${title}|${dates.publishedAt}`,
    url,
    title,
    summary,
    contentHtml,
    authors: authorsOf(item.authors),
    categories: categoriesOf(item.categories),
    enclosures,
    language: item.language?.trim() || feed.language?.trim() || undefined,
    ...dates,
  };
  if (guid) entry.guid = guid;
  const canonical = item.canonicalUrl ? absoluteUrl(item.canonicalUrl, ...bases) : undefined;
  const cleanCanonical = canonical && isHttpUrl(canonical) ? cleanUrl(canonical) : undefined;
  if (cleanCanonical && cleanCanonical !== url) entry.canonicalUrl = cleanCanonical;
  if (!entry.url) delete entry.url;
  if (!entry.language) delete entry.language;
  return entry;
}

/** The feed's own link, absolute: the same for every item, resolved once rather than once per item. */
export function feedLinkOf(parsed: ParsedFeed, feedUrl: string): string | undefined {
  return absoluteUrl(parsed.link, feedUrl);
}

export function normalizeFeed(parsed: ParsedFeed, source: SourceConfig, opts: NormalizeOptions): Entry[] {
  const feedLink = feedLinkOf(parsed, opts.feedUrl);
  return parsed.items.map((item) => normalizeItem(item, parsed, source, opts, feedLink));
}
