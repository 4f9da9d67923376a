// Query parameters every feed URL takes. Parsing is strict (a bad value is a 400 naming the parameter) and
// canonical (the same selection always gives the same cache key and the same self link).
import type { FeedCursor } from '../store/index.ts';

export interface FeedParams {
  limit?: number;
  countries: string[];
  topics: string[];
  sources: string[];
  q?: string;
  before?: FeedCursor;
}

export interface Known {
  isCountry(cc: string): boolean;
  isTopic(slug: string): boolean;
  isSource(id: string): boolean;
}

export type ParamResult = { ok: true; params: FeedParams } | { ok: false; param: string; reason: string };

export const EMPTY_PARAMS: FeedParams = { countries: [], topics: [], sources: [] };
const MAX_Q = 200;

export function encodeCursor(c: FeedCursor): string {
  return Buffer.from(`${c.publishedAt}|${c.id}`).toString('base64url');
}

export function decodeCursor(s: string): FeedCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(s)) return undefined;
  const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z?)\|(\d{1,15})$/.exec(Buffer.from(s, 'base64url').toString('utf8'));
  return m?.[1] ? { publishedAt: m[1], id: Number(m[2]) } : undefined;
}

/** The query parameters a feed or page answers to; any other is ignored (feed readers add cache-busters). */
export const FEED_PARAM_NAMES: ReadonlySet<string> = new Set(['limit', 'country', 'topic', 'source', 'q', 'before']);

/** Repeated or comma-separated: ?country=pe&country=bo or ?country=pe,bo */
function list(sp: URLSearchParams, name: string): string[] {
  return [
    ...new Set(
      sp
        .getAll(name)
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

export function parseFeedParams(sp: URLSearchParams, known: Known, limits: { max: number }): ParamResult {
  const p: FeedParams = { countries: [], topics: [], sources: [] };
  const limit = sp.get('limit');
  if (limit !== null) {
    if (!/^\d{1,6}$/.test(limit) || Number(limit) < 1)
      return { ok: false, param: 'limit', reason: `expected a whole number from 1 to ${limits.max}` };
    p.limit = Math.min(Number(limit), limits.max);
  }
  for (const c of list(sp, 'country')) {
    const cc = c.toUpperCase();
    if (!/^[A-Z]{2}$/.test(cc) || !known.isCountry(cc))
      return { ok: false, param: 'country', reason: `unknown country code "${c}" (expected ISO 3166-1 alpha-2)` };
    p.countries.push(cc);
  }
  for (const t of list(sp, 'topic')) {
    if (!known.isTopic(t)) return { ok: false, param: 'topic', reason: `unknown topic "${t}"` };
    p.topics.push(t);
  }
  for (const s of list(sp, 'source')) {
    if (!known.isSource(s)) return { ok: false, param: 'source', reason: `unknown source "${s}"` };
    p.sources.push(s);
  }
  const q = sp.get('q');
  if (q !== null && q.trim()) {
    if (q.length > MAX_Q) return { ok: false, param: 'q', reason: `longer than ${MAX_Q} characters` };
    if (/[\u0000-\u001f\u007f]/.test(q)) return { ok: false, param: 'q', reason: 'contains control characters' };
    if (!/[\p{L}\p{N}]/u.test(q)) return { ok: false, param: 'q', reason: 'has no word to search for' };
    p.q = q.trim().replace(/\s+/g, ' ');
  }
  const before = sp.get('before');
  if (before !== null) {
    const c = decodeCursor(before);
    if (!c) return { ok: false, param: 'before', reason: 'not a paging token from a rel="next" link' };
    p.before = c;
  }
  p.countries.sort();
  p.topics.sort();
  p.sources.sort();
  return { ok: true, params: p };
}

/** Stable query string for cache keys and links; `before` is left out when asked (self links of page one). */
export function canonicalQuery(p: FeedParams, opts: { before?: boolean } = {}): string {
  const sp = new URLSearchParams();
  if (p.countries.length) sp.set('country', p.countries.map((c) => c.toLowerCase()).join(','));
  if (p.topics.length) sp.set('topic', p.topics.join(','));
  if (p.sources.length) sp.set('source', p.sources.join(','));
  if (p.q) sp.set('q', p.q);
  if (p.limit !== undefined) sp.set('limit', String(p.limit));
  if (opts.before !== false && p.before) sp.set('before', encodeCursor(p.before));
  return sp.toString();
}
