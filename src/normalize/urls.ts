// Link cleaning: absolute, and without the tracking parameters that would split one story into many keys.

const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', '_hsenc', '_hsmi', 'ref_src',
  'ref_url', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'wickedid', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv',
  '__s', 's_cid', 'mkt_tok', 'ncid', 'cmpid', 'wt_mc', 'wt_zmc', 'rss_id', 'spm', 'sr_share', 'at_medium', 'at_campaign',
  'xtor', 'guccounter', 'guce_referrer', 'guce_referrer_sig', '_ga', '_gl', 'ito', 'smid', 'cid_source',
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || n.startsWith('pk_') || n.startsWith('mtm_') || TRACKING_PARAMS.has(n);
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
    const kept = u.search.slice(1).split('&').filter((p) => p !== '' && !isTracking(paramName(p)));
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
