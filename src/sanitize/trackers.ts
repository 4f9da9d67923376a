// Images that only exist to count readers. Matched on host (and path prefix where the host also serves content).
const TRACKER_HOSTS = new Set([
  'pixel.wp.com',
  'stats.wordpress.com',
  'www.google-analytics.com',
  'ssl.google-analytics.com',
  'google-analytics.com',
  'pixel.quantserve.com',
  'b.scorecardresearch.com',
  'sb.scorecardresearch.com',
  'pi.feedsportal.com',
  'res.feedsportal.com',
  'da.feedsportal.com',
  'ad.doubleclick.net',
  'pubads.g.doubleclick.net',
  'stats.g.doubleclick.net',
  'certify.alexametrics.com',
  'ct.pinterest.com',
  'bat.bing.com',
  'pixel.mathtag.com',
  'mc.yandex.ru',
  'counter.yadro.ru',
  'www.assoc-amazon.com',
  'feeds.wordpress.com',
  'pixel.facebook.com',
  'ads.pheedo.com',
  'a.fsdn.com',
]);

const TRACKER_PREFIXES = [
  'feeds.feedburner.com/~r/',
  'feeds.feedburner.com/~ff/',
  'feedproxy.google.com/~r/',
  'feeds.feedblitz.com/~/i/',
  'www.facebook.com/tr',
  'api.mixpanel.com/track',
  'list-manage.com/track/',
  'rss.feedsportal.com/c/',
];

export function isTrackerUrl(src: string): boolean {
  let u: URL;
  try {
    u = new URL(src, 'http://relative.invalid/');
  } catch {
    return false;
  }
  const host = u.hostname.toLowerCase();
  if (TRACKER_HOSTS.has(host)) return true;
  const hostPath = host + u.pathname;
  // Subdomains count too (us1.list-manage.com/track/...).
  return TRACKER_PREFIXES.some((p) => hostPath.startsWith(p) || hostPath.includes(`.${p}`));
}

const px = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/i.exec(v);
  return m ? Number(m[1]) : undefined;
};

/** 1x1 (or 0x0) images, by attribute or inline style. */
export function isPixel(attribs: Record<string, string>): boolean {
  const style = attribs.style ?? '';
  const w = px(attribs.width) ?? px(/(?:^|;)\s*width\s*:\s*([^;]+)/i.exec(style)?.[1]);
  const h = px(attribs.height) ?? px(/(?:^|;)\s*height\s*:\s*([^;]+)/i.exec(style)?.[1]);
  return w !== undefined && h !== undefined && w <= 1 && h <= 1;
}
