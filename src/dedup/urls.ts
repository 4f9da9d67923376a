// URL folding for cross-source matching: two links that open the same article fold to one string.
// This is not a URL to fetch (the scheme is dropped); it is only ever compared.

/** Query parameters that say how a reader arrived, never which article. Lower case; `utm_*` etc. by prefix. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid', 'mc_cid', 'mc_eid',
  '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'ref', 'ref_src', 'ref_url', 'referrer', 'cmpid', 'cmp', 'smid',
  'smtyp', 'ocid', 'ncid', 'sr_share', 's_cid', 'xtor', 'spm', 'share', 'shared', 'via', 'fromrss', 'icid',
  'int_source', 'ito', 'soc_src', 'soc_trk', 'rss_source',
  'wt.mc_id', 'wt_mc_id', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4',
  'guccounter', 'guce_referrer', 'guce_referrer_sig', 'outputtype', 'amp', 'amp_js_v', 'usqp',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_', 'ga_', 'vero_', 'oly_', 'hsa_'];
/** Host prefixes that serve the same article as the bare host. */
const HOST_PREFIX = /^(?:www\d?|m|mobile|amp)\./;
const INDEX_FILE = /\/(?:index|default)\.(?:html?|php|aspx?|jsp)$/i;

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/** Folds the usual variants of one article's URL; returns undefined for links that cannot identify an article. */
export function canonicalUrl(raw: string | undefined): string | undefined {
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
  path = path.replace(/^\/amp(?=\/)/i, '').replace(/\/amp\/?$/i, '/').replace(/\.amp(?=\.html?$|$)/i, '');
  path = path.replace(/\/+$/, '') || '/';
  const params = [...u.searchParams.entries()]
    .filter(([k]) => !isTrackingParam(k))
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `//${host}${port}${path}${query}`;
}

/**
 * A folded URL names one article only when it has a path or query: a site's home page used as every item's link
 * must not join all of them into one story.
 */
export function isArticleUrl(folded: string): boolean {
  const rest = folded.replace(/^\/\/[^/?]+/, '');
  return rest !== '/' && rest !== '';
}

/** A fetchable URL without tracking parameters or fragment (identity within a source keeps scheme and host). */
export function stripTracking(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  for (const k of [...u.searchParams.keys()]) if (isTrackingParam(k)) u.searchParams.delete(k);
  u.hash = '';
  return u.href;
}
