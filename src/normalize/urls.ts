// Link cleaning: absolute, and without the tracking parameters that would split one story into many keys.

/** Query parameters that say how a reader arrived, never which article. Lower case; `utm_*` etc. by prefix. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'ref_src',
  'ref_url',
  'li_fat_id',
  'wickedid',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  '__s',
  's_cid',
  'ncid',
  'ocid',
  'cmpid',
  'smid',
  'smtyp',
  'wt_mc',
  'wt_zmc',
  'wt.mc_id',
  'wt_mc_id',
  'rss_id',
  'rss_source',
  'spm',
  'sr_share',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'xtor',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'ito',
  'cid_source',
  'int_source',
  'soc_src',
  'soc_trk',
  'fromrss',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_'];

/** The one list of tracking parameters: links are cleaned of these before they are stored or used for identity. */
export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

function paramName(pair: string): string {
  const raw = pair.split('=')[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** Removes tracking parameters (keeping the others in order) and tracking fragments; leaves bad URLs alone. */
export function cleanUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url.trim();
  }
  if (u.search) {
    const kept = u.search
      .slice(1)
      .split('&')
      .filter((p) => p !== '' && !isTrackingParam(paramName(p)));
    u.search = kept.length ? `?${kept.join('&')}` : '';
  }
  if (/^#(?:xtor|utm_|at_medium)/i.test(u.hash)) u.hash = '';
  return u.href;
}

/** Resolves ref against the first usable base, in order of authority. */
export function absoluteUrl(ref: string | undefined, ...bases: Array<string | undefined>): string | undefined {
  const v = ref?.trim();
  if (!v) return undefined;
  try {
    return new URL(v).href;
  } catch {
    // relative: try the bases below
  }
  for (const base of bases) {
    if (!base) continue;
    try {
      return new URL(v, base).href;
    } catch {
      // a relative or broken base: try the next one
    }
  }
  return v;
}
