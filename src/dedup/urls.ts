// URL keys for cross-source matching: two links that open the same article fold to one string.
import { cleanUrl, isTrackingParam } from '../normalize/index.ts';

/**
 * Beyond the tracking parameters every stored link loses (normalize), these also never tell two articles apart
 * when comparing links across sources; they are too broad to strip from links that get published.
 */
const FOLD_ONLY_PARAMS = new Set([
  'ref',
  'referrer',
  'cmp',
  'share',
  'shared',
  'via',
  'icid',
  'outputtype',
  'amp',
  'amp_js_v',
  'usqp',
]);
const FOLD_ONLY_PREFIXES = ['hmb_', 'ga_', 'vero_', 'oly_'];

/** Host prefixes that serve the same article as the bare host. */
const HOST_PREFIX = /^(?:www\d?|m|mobile|amp)\./;
const INDEX_FILE = /\/(?:index|default)\.(?:html?|php|aspx?|jsp)$/i;

/** Parameters dropped when folding: tracking ones, and the fold-only ones above. */
export function isFoldedParam(name: string): boolean {
  const n = name.toLowerCase();
  return isTrackingParam(n) || FOLD_ONLY_PARAMS.has(n) || FOLD_ONLY_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * Folds the usual variants of one article's URL into a key that is only ever compared, never fetched (the scheme is
 * dropped); undefined for anything but an http(s) URL.
 */
export function urlKey(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const host = u.hostname.toLowerCase().replace(/\.$/, '').replace(HOST_PREFIX, '');
  // Both default ports fold: an https link written with :80 or :443 is a typo-level variant.
  const port = u.port && u.port !== '80' && u.port !== '443' ? `:${u.port}` : '';
  let path = u.pathname.replace(/\/{2,}/g, '/');
  path = path.replace(INDEX_FILE, '/');
  // AMP copies: /amp/section/slug, /section/slug/amp, /section/slug.amp(.html)
  path = path
    .replace(/^\/amp(?=\/)/i, '')
    .replace(/\/amp\/?$/i, '/')
    .replace(/\.amp(?=\.html?$|$)/i, '');
  path = path.replace(/\/+$/, '') || '/';
  const params = [...u.searchParams.entries()].filter(([k]) => !isFoldedParam(k)).sort(byNameThenValue);
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `//${host}${port}${path}${query}`;
}

/** Code-unit order of parameter names, then values: the key must not depend on the order a link lists them. */
function byNameThenValue([name, value]: [string, string], [otherName, otherValue]: [string, string]): number {
  if (name !== otherName) return name < otherName ? -1 : 1;
  if (value !== otherValue) return value < otherValue ? -1 : 1;
  return 0;
}

/** The key stories match on: undefined for links that cannot name one article (a site's home page). */
export function storyUrl(url: string | undefined): string | undefined {
  const key = urlKey(url);
  return key && isArticleUrl(key) ? key : undefined;
}

/**
 * A URL key names one article only when it has a path or query: a site's home page used as every item's link
 * must not join all of them into one story.
 */
export function isArticleUrl(key: string): boolean {
  const rest = key.replace(/^\/\/[^/?]+/, '');
  return rest !== '/' && rest !== '';
}

/** A fetchable URL without tracking parameters or fragment (identity within a source keeps scheme and host). */
export function stripTracking(raw: string): string {
  let u: URL;
  try {
    u = new URL(cleanUrl(raw));
  } catch {
    return raw.trim();
  }
  u.hash = '';
  return u.href;
}
