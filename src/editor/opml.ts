// OPML in and out for the console, the API and the CLI: an import is previewed row by row (new, duplicate, invalid)
// before anything is written, then the chosen rows are added as one validated edit.
import { isWebUrl, parseOpml, toOpml, type NewSource, type WireroomConfig } from '../config/index.ts';
import type { SourceState } from '../store/index.ts';
import { addSources, listSources } from './sources.ts';
import type { FileEdit } from './write.ts';

export type OpmlRowStatus = 'new' | 'duplicate' | 'invalid';

/** One outline of an OPML file and what importing it would do. */
export interface OpmlRow {
  /** Position among the file's feed outlines, from 0: what `importOpml` is told to take. */
  index: number;
  url: string;
  title?: string;
  folders: string[];
  status: OpmlRowStatus;
  /** duplicate and invalid: why, in one line. */
  reason?: string;
  /** duplicate: the listed source it repeats, when it repeats one. */
  existingId?: string;
}

/** The OPML file could not be read as OPML (HTTP 400): the message says why. */
export class OpmlError extends Error {
  override name = 'OpmlError';
}

/**
 * A feed URL as compared for duplicates: scheme (http and https are one feed), a leading `www.`, the fragment and a
 * trailing slash do not make a different feed.
 */
export function normalizeFeedUrl(raw: string): string {
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return raw.trim();
    const host = u.host.replace(/^www\./, '');
    const pathname = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : '';
    return `//${host}${pathname}${u.search}`;
  } catch {
    return raw.trim();
  }
}

function outlines(opmlText: string) {
  try {
    return parseOpml(opmlText);
  } catch (err) {
    throw new OpmlError((err as Error).message);
  }
}

/** Classifies each feed outline of an OPML document against the sources listed in the config folder; writes nothing. */
export function previewOpml(configDir: string, opmlText: string): OpmlRow[] {
  const listed = new Map<string, string>();
  for (const s of listSources(configDir).sources) listed.set(normalizeFeedUrl(s.url), s.id);
  const seen = new Map<string, number>();
  return outlines(opmlText).map((ol, index): OpmlRow => {
    const row = { index, url: ol.url, title: ol.title, folders: ol.folders };
    // An OPML file is someone else's list: only web feeds come in from it, never file: or other schemes, which
    // would make the worker read local files and republish them.
    if (!isWebUrl(ol.url)) return { ...row, status: 'invalid', reason: 'only http(s) feeds can be imported' };
    const key = normalizeFeedUrl(ol.url);
    const existingId = listed.get(key);
    if (existingId !== undefined)
      return { ...row, status: 'duplicate', reason: `already listed as "${existingId}"`, existingId };
    const earlier = seen.get(key);
    if (earlier !== undefined) return { ...row, status: 'duplicate', reason: `same feed as row ${earlier + 1}` };
    seen.set(key, index);
    return { ...row, status: 'new' };
  });
}

export interface OpmlImport {
  /** Ids of the sources added, in row order. */
  ids: string[];
  /** Chosen rows that were not added (duplicate or invalid), with the reason. */
  skipped: OpmlRow[];
}

/**
 * Adds the chosen rows (indexes from previewOpml; all new rows when `rows` is undefined) as sources, in one validated
 * edit of sources.yaml. Rows that are not new are skipped and reported, never added.
 */
export function importOpml(
  configDir: string,
  opmlText: string,
  opts: { rows?: readonly number[]; country?: string } = {},
  expect?: string,
): FileEdit<OpmlImport> {
  const preview = previewOpml(configDir, opmlText);
  const chosen = opts.rows ? new Set(opts.rows) : undefined;
  const picked = preview.filter((r) => chosen === undefined || chosen.has(r.index));
  const fresh = picked.filter((r) => r.status === 'new');
  const skipped = picked.filter((r) => r.status !== 'new');
  const sources: NewSource[] = fresh.map((r) => ({ url: r.url, title: r.title, country: opts.country }));
  const edit = addSources(configDir, sources, expect);
  return { ...edit, action: 'sources.import', after: { ids: edit.result.ids }, result: { ...edit.result, skipped } };
}

/** The source list as OPML 2.0, titled after the site; the feed's own title and site URL where the store has them. */
export function exportOpml(config: WireroomConfig, stored: readonly SourceState[] = []): string {
  const states = new Map(stored.map((s) => [s.id, s]));
  return toOpml(
    config.site.title,
    config.sources.map((s) => ({
      id: s.id,
      url: s.url,
      title: s.title ?? states.get(s.id)?.title,
      siteUrl: states.get(s.id)?.siteUrl,
    })),
  );
}
