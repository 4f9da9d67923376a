// Feed autodiscovery: from a URL an editor pasted to the feeds it offers. The page is fetched through the same
// guarded fetch as every source (SSRF allow-list, size cap, timeouts, redirects); a feed is recognised by the parse
// stage's cheap format sniffing; a web page by its <link rel="alternate"> feeds, else by feeds at common paths on
// its origin. It lives in the worker because it needs both fetch and parse, which import no other stage.
import { Parser } from 'htmlparser2';
import { AllowList, blockedReason, fetchFeed, type FetchOptions } from '../fetch/index.ts';
import { decodeBody, detectFormat, FeedParseError } from '../parse/index.ts';
import type { FetchOutcome, FetchSettings, SourceFormat } from '../types.ts';

export interface FeedCandidate {
  url: string;
  title?: string;
  format: SourceFormat;
}

export interface Discovery {
  /** The URL as asked for. */
  url: string;
  /** Where the page or feed was finally served from (after redirects). */
  finalUrl: string;
  /** `feed`: the URL is itself a feed (the one candidate); `page`: the candidates were found on or beside a page. */
  kind: 'feed' | 'page';
  candidates: FeedCandidate[];
  /** Feed links on the page that were left out, and why (a private address, not a feed). */
  skipped: { url: string; reason: string }[];
}

export interface DiscoverOptions extends Pick<FetchOptions, 'signal' | 'limiter'> {
  /** At most this many extra requests (common paths, ambiguous JSON links); each has the configured timeout. */
  maxProbes?: number;
}

/**
 * Why a URL gave no feed: `code` is the fetch error code (blocked, http, timeout, dns, ...), `not-http` for a URL
 * that is not http(s), `no-feeds` for a page that offers none, `parse` for a feed that cannot be read.
 */
export class FeedLookupError extends Error {
  override name = 'FeedLookupError';
  constructor(
    readonly code: string,
    /** One line naming the URL and the reason. */
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Paths where sites commonly serve their feed, probed (in this order) only when a page links none. */
export const COMMON_FEED_PATHS = [
  '/feed',
  '/rss',
  '/rss.xml',
  '/atom.xml',
  '/feed.xml',
  '/index.xml',
  '/feed.json',
  '/feeds/posts/default',
];

const DEFAULT_MAX_PROBES = COMMON_FEED_PATHS.length;
/** Probes in flight at once: as polite as the default per-host limit. */
const PROBE_CONCURRENCY = 2;

/** The feeds at `url`: the URL itself when it is a feed, else those its page links or its origin serves. */
export async function discoverFeeds(
  url: string,
  settings: FetchSettings,
  opts: DiscoverOptions = {},
): Promise<Discovery> {
  const start = webUrl(url);
  const outcome = await fetchFeed(start.href, {}, settings, opts);
  const fetched = fetchedBody(start.href, outcome);
  const format = sniffFeed(fetched.body, fetched.contentType);
  if (format) {
    const feedUrl = fetched.permanentUrl ?? start.href;
    return { url, finalUrl: fetched.finalUrl, kind: 'feed', candidates: [{ url: feedUrl, format }], skipped: [] };
  }
  return discoverOnPage(url, fetched, settings, opts);
}

export type FetchedBody = Extract<FetchOutcome, { kind: 'ok' }>;

/**
 * The feeds a fetched web page offers: its alternate links, else feeds at common paths on its origin. Throws
 * `no-feeds` when there are none. Used by discoverFeeds and by previews, which have fetched the page already.
 */
export async function discoverOnPage(
  url: string,
  page: FetchedBody,
  settings: FetchSettings,
  opts: DiscoverOptions = {},
): Promise<Discovery> {
  const budget = { left: opts.maxProbes ?? DEFAULT_MAX_PROBES };
  const links = feedLinks(decodeBody(page.body, page.contentType).text, page.finalUrl);
  const allow = new AllowList(settings.allowPrivate);
  const skipped: Discovery['skipped'] = [];
  const usable: FeedLink[] = [];
  for (const link of links) {
    const why = privateAddress(link.url, allow);
    if (why) skipped.push({ url: link.url, reason: why });
    else usable.push(link);
  }
  const candidates = await confirmJsonLinks(usable, settings, opts, budget, skipped);
  if (candidates.length === 0) candidates.push(...(await probeCommonPaths(page.finalUrl, settings, opts, budget)));
  if (candidates.length === 0) {
    throw new FeedLookupError('no-feeds', `${url}: not a feed and no feeds found on the page${leftOut(skipped)}`);
  }
  return { url, finalUrl: page.finalUrl, kind: 'page', candidates, skipped };
}

/** The links left out, for the one-line error: the first three, and how many more. */
function leftOut(skipped: Discovery['skipped']): string {
  if (skipped.length === 0) return '';
  const shown = skipped.slice(0, 3).map((s) => `${s.url} (${s.reason})`);
  const more = skipped.length > 3 ? ` and ${skipped.length - 3} more` : '';
  return `; left out ${shown.join(', ')}${more}`;
}

/** An absolute http(s) URL, or the reason it is not one. */
export function webUrl(text: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(text.trim());
  } catch {
    throw new FeedLookupError('invalid-url', `${oneLine(text)}: not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedLookupError('not-http', `${parsed.href}: only http(s) URLs can be looked up`);
  }
  return parsed;
}

/** The body of a successful fetch, or the fetch's own one-line reason as an error. */
export function fetchedBody(url: string, outcome: FetchOutcome): FetchedBody {
  if (outcome.kind === 'ok') return outcome;
  if (outcome.kind === 'error') throw new FeedLookupError(outcome.code, outcome.reason, outcome.status);
  // Discovery sends no validators, so a 304 means the server misbehaves.
  throw new FeedLookupError('http', `${url}: HTTP 304 Not Modified to a request without validators`, 304);
}

/** The feed format of a body, by the parse stage's sniffing of its first element; undefined when it is no feed. */
export function sniffFeed(body: Buffer, contentType: string | undefined): SourceFormat | undefined {
  try {
    const detected = detectFormat(decodeBody(body, contentType).text);
    return detected.kind === 'json' ? 'json' : detected.format;
  } catch (err) {
    if (err instanceof FeedParseError) return undefined;
    throw err;
  }
}

interface FeedLink extends FeedCandidate {
  /** A plain application/json link: WordPress and others also use it for API documents that are no feeds. */
  ambiguous: boolean;
}

const LINK_TYPES: Record<string, { format: SourceFormat; ambiguous: boolean }> = {
  'application/rss+xml': { format: 'rss', ambiguous: false },
  'application/atom+xml': { format: 'atom', ambiguous: false },
  'application/feed+json': { format: 'json', ambiguous: false },
  'application/json': { format: 'json', ambiguous: true },
};

/**
 * The page's `<link rel="alternate">` feeds in document order: hrefs resolved against the first `<base href>` (itself
 * resolved against the page URL), http(s) only, each URL once (the first title wins). Pure.
 */
export function feedLinks(html: string, pageUrl: string): FeedLink[] {
  const found: { href: string; title?: string; type: (typeof LINK_TYPES)[string] }[] = [];
  let base: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && base === undefined && attrs.href !== undefined) base = attrs.href.trim();
        if (name !== 'link' || attrs.href === undefined) return;
        const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        const type = LINK_TYPES[(attrs.type ?? '').split(';')[0]?.trim().toLowerCase() ?? ''];
        if (!rels.includes('alternate') || !type) return;
        const title = attrs.title?.replace(/\s+/g, ' ').trim();
        found.push({ href: attrs.href.trim(), type, ...(title ? { title } : {}) });
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();

  const baseUrl = resolve(base ?? '', pageUrl) ?? pageUrl;
  const seen = new Set<string>();
  const links: FeedLink[] = [];
  for (const link of found) {
    const url = resolve(link.href, baseUrl);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    links.push({ url, format: link.type.format, ambiguous: link.type.ambiguous, ...opt('title', link.title) });
  }
  return links;
}

/** `href` made absolute against `base`, without its fragment; undefined unless it is an http(s) URL. */
function resolve(href: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url.href;
}

/**
 * Why a link's host is an address the fetch guard would refuse (a literal private IP not on the allow-list). Names
 * are left to the guard: it checks what they resolve to when the feed is fetched.
 */
function privateAddress(url: string, allow: AllowList): string | undefined {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (allow.allowsHost(host) || allow.allowsIp(host)) return undefined;
  const why = blockedReason(host);
  return why === 'not an IP address' ? undefined : why;
}

/** The links as candidates; a plain application/json link stays only if fetching it shows a JSON Feed. */
async function confirmJsonLinks(
  links: FeedLink[],
  settings: FetchSettings,
  opts: DiscoverOptions,
  budget: { left: number },
  skipped: Discovery['skipped'],
): Promise<FeedCandidate[]> {
  const kept = await mapLimited(links, PROBE_CONCURRENCY, async (link) => {
    const candidate: FeedCandidate = { url: link.url, format: link.format, ...opt('title', link.title) };
    if (!link.ambiguous) return candidate;
    if (budget.left <= 0) {
      skipped.push({ url: link.url, reason: 'application/json link not checked: probe limit reached' });
      return undefined;
    }
    budget.left--;
    const probed = await probe(link.url, settings, opts);
    if (probed?.format === 'json') return candidate;
    skipped.push({ url: link.url, reason: 'application/json link is not a JSON Feed' });
    return undefined;
  });
  return kept.filter((c): c is FeedCandidate => c !== undefined);
}

/** Feeds served at the common paths of the page's origin, each final URL once, within the probe budget. */
async function probeCommonPaths(
  pageUrl: string,
  settings: FetchSettings,
  opts: DiscoverOptions,
  budget: { left: number },
): Promise<FeedCandidate[]> {
  const origin = new URL(pageUrl).origin;
  const urls = COMMON_FEED_PATHS.map((p) => origin + p).filter((u) => u !== pageUrl);
  const tried = urls.slice(0, Math.max(0, budget.left));
  budget.left -= tried.length;
  const probed = await mapLimited(tried, PROBE_CONCURRENCY, (u) => probe(u, settings, opts));
  const seen = new Set<string>();
  const found: FeedCandidate[] = [];
  for (const p of probed) {
    if (!p || seen.has(p.finalUrl)) continue;
    seen.add(p.finalUrl);
    found.push({ url: p.url, format: p.format });
  }
  return found;
}

/** Fetches `url`; a feed answers with its format, anything else (an error, a page) with undefined. */
async function probe(
  url: string,
  settings: FetchSettings,
  opts: DiscoverOptions,
): Promise<{ url: string; finalUrl: string; format: SourceFormat } | undefined> {
  const outcome = await fetchFeed(url, {}, settings, opts);
  if (outcome.kind !== 'ok') return undefined;
  const format = sniffFeed(outcome.body, outcome.contentType);
  return format ? { url: outcome.permanentUrl ?? url, finalUrl: outcome.finalUrl, format } : undefined;
}

/** `fn` over `items` with at most `limit` calls in flight; results in input order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 200);
}
