// What the console's and the API's sources area share: sources.yaml as listed (parsed again only when the file
// changes), the dashboard's query parameters and cursor, one source's view with its fetch history, the preview
// (rate limited per user), the edits through src/editor with their audit row, and "fetch now" as a job.
import { readFileSync, statSync } from 'node:fs';
import type { Context } from 'hono';
import { isWebUrl, resolveSourceUrl, sourcesFileIn, toOpml, type NewSource } from '../../config/index.ts';
import {
  ABSENT_VERSION,
  addSource,
  importOpml,
  listSources,
  versionOf,
  NotFoundError,
  removeSource,
  setSourceEnabled,
  updateSource,
  type FileEdit,
  type ListedSource,
  type SourcePatch,
} from '../../editor/index.ts';
import type { FetchLogRecord, Store } from '../../store/index.ts';
import { loadTaxonomy } from '../../tag/index.ts';
import { createPreparer, FeedLookupError, previewSource, type SourcePreview } from '../../worker/index.ts';
import { actorOf } from '../actor.ts';
import type { JobRecord } from '../jobs.ts';
import type { Kit } from '../kit.ts';
import { RateLimit } from '../security/throttle.ts';
import { readPlainSourcesList } from './sources-listing.ts';
import type { AppEnv } from '../types.ts';

// The store's dashboard types, by inference: the web stage imports the store only through its index.
type SourceRepo = Store['sources'];
export type DashboardQuery = Parameters<SourceRepo['dashboardPage']>[0];
export type DashboardPageResult = ReturnType<SourceRepo['dashboardPage']>;
export type DashboardRow = DashboardPageResult['rows'][number];
export type Health = DashboardRow['health'];
export type DashboardSort = DashboardQuery['sort'];

export const HEALTHS: readonly Health[] = ['ok', 'failing', 'new', 'disabled'];
export const SORTS: readonly DashboardSort[] = ['id', 'status', 'last_success', 'failures', 'entries'];
export const SORT_LABELS: Record<DashboardSort, string> = {
  id: 'id',
  status: 'status',
  last_success: 'last success',
  failures: 'failures',
  entries: 'entries',
};
/** Sorts that read best biggest or newest first. */
const DESC_BY_DEFAULT = new Set<DashboardSort>(['last_success', 'failures', 'entries']);
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
const MAX_TEXT = 200;
export const HISTORY_ROWS = 20;

// --- sources.yaml as listed ----------------------------------------------------------------------------------------

export interface Listed {
  /** The file version (ETag / If-Match / the forms' hidden `version`). */
  version: string;
  sources: ListedSource[];
  byId: Map<string, ListedSource>;
}

const listedCache = new Map<string, { stamp: string; listed: Listed }>();

/** The file's identity on disk: an edit (always a rename) or a write changes it. */
function stampOf(file: string): string {
  try {
    const st = statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return 'absent';
  }
}

/** The sources as sources.yaml lists them now; parsed again only when the file changed. */
export function listedSources(configDir: string): Listed {
  const stamp = stampOf(sourcesFileIn(configDir));
  const cached = listedCache.get(configDir);
  if (cached && cached.stamp === stamp) return cached.listed;
  const { version, sources: raw } = readListed(configDir);
  const sources = raw.map(wellTyped);
  const listed = { version, sources, byId: new Map(sources.map((s) => [s.id, s])) };
  listedCache.set(configDir, { stamp, listed });
  return listed;
}

/** The file as listSources reads it, by the plain-shape reader when the file allows (sources-listing.ts). */
function readListed(configDir: string): { version: string; sources: ListedSource[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(sourcesFileIn(configDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: ABSENT_VERSION, sources: [] };
    throw err;
  }
  const plain = readPlainSourcesList(bytes.toString('utf8'));
  if (!plain) return listSources(configDir);
  const sources = plain.filter((s): s is Record<string, unknown> & ListedSource => typeof s.id === 'string');
  return { version: versionOf(bytes), sources };
}

/**
 * A listed source with its fields as the dashboard expects them: a file being edited by hand may hold a number where
 * a title goes or miss a URL (`wireroom check` reports that); the dashboard still lists the source.
 */
function wellTyped(s: ListedSource): ListedSource {
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const topics = Array.isArray(s.topics) ? s.topics.map(String) : undefined;
  const interval = str(s.interval);
  return {
    id: s.id,
    url: str(s.url) ?? '',
    ...(str(s.title) === undefined ? {} : { title: str(s.title) }),
    ...(s.enabled === false ? { enabled: false } : {}),
    ...(str(s.country) === undefined ? {} : { country: str(s.country) }),
    ...(topics ? { topics } : {}),
    ...(interval === undefined ? {} : { interval }),
  };
}

// --- the dashboard -------------------------------------------------------------------------------------------------

export type QueryResult = { ok: true; query: DashboardQuery } | { ok: false; param: string; reason: string };

const isHealth = (v: string): v is Health => (HEALTHS as readonly string[]).includes(v);
const isSort = (v: string): v is DashboardSort => (SORTS as readonly string[]).includes(v);

/** The paging token after `row` in this sort. */
export function encodeSourcesCursor(
  q: Pick<DashboardQuery, 'sort' | 'desc'>,
  key: { value: string | number; id: string },
) {
  return Buffer.from(JSON.stringify([q.sort, q.desc ? 1 : 0, key.value, key.id])).toString('base64url');
}

function decodeSourcesCursor(
  s: string,
  q: Pick<DashboardQuery, 'sort' | 'desc'>,
): { value: string | number; id: string } | undefined {
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(s)) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 4) return undefined;
    const [sort, desc, value, id] = v as unknown[];
    if (sort !== q.sort || desc !== (q.desc ? 1 : 0) || typeof id !== 'string') return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    return { value, id };
  } catch {
    return undefined;
  }
}

/** The dashboard's query parameters (console and API alike); a bad one is named with the reason. */
export function parseDashboardQuery(get: (name: string) => string | undefined): QueryResult {
  const sortParam = get('sort') || 'id';
  if (!isSort(sortParam)) return { ok: false, param: 'sort', reason: `expected one of ${SORTS.join(', ')}` };
  const dir = get('dir') || (DESC_BY_DEFAULT.has(sortParam) ? 'desc' : 'asc');
  if (dir !== 'asc' && dir !== 'desc') return { ok: false, param: 'dir', reason: 'expected asc or desc' };
  const query: DashboardQuery = { sort: sortParam, desc: dir === 'desc', limit: DEFAULT_LIMIT };
  const status = get('status');
  if (status) {
    if (!isHealth(status)) return { ok: false, param: 'status', reason: `expected one of ${HEALTHS.join(', ')}` };
    query.health = status;
  }
  const text = get('q')?.trim();
  if (text) {
    if (text.length > MAX_TEXT) return { ok: false, param: 'q', reason: `longer than ${MAX_TEXT} characters` };
    query.text = text;
  }
  const limit = get('limit');
  if (limit) {
    if (!/^\d{1,6}$/.test(limit) || Number(limit) < 1)
      return { ok: false, param: 'limit', reason: `expected a whole number from 1 to ${MAX_LIMIT}` };
    query.limit = Math.min(Number(limit), MAX_LIMIT);
  }
  const before = get('before');
  if (before) {
    const after = decodeSourcesCursor(before, query);
    if (!after) return { ok: false, param: 'before', reason: 'not a paging token of this sort (from a next link)' };
    query.after = after;
  }
  return { ok: true, query };
}

/** One page of the dashboard: the listed sources joined with their fetch state, in SQL. */
export async function dashboard(
  kit: Kit,
  query: DashboardQuery,
): Promise<DashboardPageResult & { version: string; total: number }> {
  const listed = listedSources(kit.deps.config.dir);
  const page = await kit.deps.store.sourcesDashboard(listed.version, listed.sources, query);
  return { ...page, version: listed.version, total: listed.sources.length };
}

// --- one source ----------------------------------------------------------------------------------------------------

/** A source as the API answers it and the console shows it. */
export interface SourceView {
  id: string;
  url: string;
  title?: string;
  /** The feed's own title, as it last said. */
  feedTitle?: string;
  siteUrl?: string;
  enabled: boolean;
  country?: string;
  topics: string[];
  interval?: string;
  health: Health;
  /** The last fetch's outcome (new, ok, not-modified, error, gone). */
  status: string;
  lastFetchAt?: string;
  lastSuccessAt?: string;
  failingSince?: string;
  failures: number;
  lastError?: string;
  lastErrorCode?: string;
  /** Where the feed moved to (a permanent redirect): it is fetched there. */
  movedTo?: string;
  entries: number;
  nextFetchAt?: string;
}

const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

function topicsOf(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function viewOfRow(r: DashboardRow): SourceView {
  return strip({
    id: r.id,
    url: r.url,
    title: opt(r.title),
    feedTitle: opt(r.feedTitle),
    siteUrl: opt(r.siteUrl),
    enabled: r.enabled === 1,
    country: opt(r.country),
    topics: topicsOf(r.topics),
    interval: opt(r.interval),
    health: r.health,
    status: r.status ?? 'new',
    lastFetchAt: opt(r.lastFetchAt),
    lastSuccessAt: r.lastSuccessAt || undefined,
    failingSince: opt(r.failingSince),
    failures: r.errorCount,
    lastError: opt(r.lastError),
    lastErrorCode: opt(r.lastErrorCode),
    movedTo: opt(r.effectiveUrl),
    entries: r.entryCount,
    nextFetchAt: r.enabled === 1 ? opt(r.nextFetchAt) : undefined,
  });
}

/** Leaves out the fields that are undefined (JSON would drop them anyway; the OpenAPI check wants them absent). */
function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface SourceDetail {
  version: string;
  source: SourceView;
  warnings: string[];
  history: FetchLogRecord[];
}

/** One listed source with its fetch state and recent fetch history, or undefined when sources.yaml lists none. */
export async function sourceDetail(kit: Kit, id: string): Promise<SourceDetail | undefined> {
  const listed = listedSources(kit.deps.config.dir);
  const s = listed.byId.get(id);
  if (!s) return undefined;
  const { store } = kit.deps;
  const [state, history] = await Promise.all([store.sources.get(id), store.fetchLog.recent(id, HISTORY_ROWS)]);
  const enabled = s.enabled !== false;
  const health = healthOf(enabled, state?.status);
  const [failingSince, entries] = await Promise.all([
    health === 'failing' ? store.sources.failingSince(id) : undefined,
    state ? store.sources.entryCount(id) : 0,
  ]);
  const source: SourceView = strip({
    id: s.id,
    url: s.url,
    title: s.title,
    feedTitle: state?.title,
    siteUrl: state?.siteUrl,
    enabled,
    country: s.country,
    topics: s.topics ?? [],
    interval: s.interval === undefined ? undefined : String(s.interval),
    health,
    status: state?.status ?? 'new',
    lastFetchAt: state?.lastFetchAt,
    lastSuccessAt: state?.lastSuccessAt,
    failingSince,
    failures: state?.errorCount ?? 0,
    lastError: state?.lastError,
    lastErrorCode: state?.lastErrorCode,
    movedTo: state?.effectiveUrl,
    entries,
    nextFetchAt: enabled ? state?.nextFetchAt : undefined,
  });
  return { version: listed.version, source, warnings: state?.warnings ?? [], history };
}

/** The same health as the dashboard's SQL. */
function healthOf(enabled: boolean, status: string | undefined): Health {
  if (!enabled) return 'disabled';
  if (status === 'error' || status === 'gone') return 'failing';
  if (status === 'ok' || status === 'not-modified') return 'ok';
  return 'new';
}

// --- preview -------------------------------------------------------------------------------------------------------

const limiters = new WeakMap<Kit, RateLimit>();

/** Seconds the caller must wait before another preview, or 0 (and this one is counted). */
export function previewWait(kit: Kit, c: Context<AppEnv>): number {
  let limiter = limiters.get(kit);
  if (!limiter) {
    limiter = new RateLimit(kit.deps.config.console.previews_per_minute);
    limiters.set(kit, limiter);
  }
  const p = c.get('principal');
  const who = p.kind === 'anonymous' ? `address:${c.get('address')}` : `user:${p.userName}`;
  return limiter.take(who, (kit.deps.now?.() ?? new Date()).getTime());
}

export type PreviewOutcome = { ok: true; preview: SourcePreview } | { ok: false; reason: string; code: string };

/** What ingest would make of `url` (the same guarded fetch and prepare step), nothing stored. */
export async function previewUrl(
  kit: Kit,
  url: string,
  priors: { country?: string; topics?: string[] } = {},
): Promise<PreviewOutcome> {
  const { config } = kit.deps;
  // The taxonomy as it is on disk now (an editor may have changed it since start); prepared on this thread.
  const preparer = createPreparer({ threads: 0, taxonomy: loadTaxonomy(config.dir) });
  try {
    // A country code as the config loader reads it (upper case), so the priors steer tagging as they will in ingest.
    const country = priors.country && priors.country.length === 2 ? priors.country.toUpperCase() : priors.country;
    const source = { ...priors, ...(country ? { country } : {}) };
    const preview = await previewSource({ config, preparer, now: kit.deps.now }, url, { source });
    return { ok: true, preview };
  } catch (err) {
    if (err instanceof FeedLookupError) return { ok: false, reason: err.message, code: err.code };
    throw err;
  } finally {
    await preparer.close();
  }
}

// --- edits ---------------------------------------------------------------------------------------------------------

/** Thrown for a request the sources area refuses with a status of its own (404 for an unknown source). */
export class SourcesRequestError extends Error {
  override name = 'SourcesRequestError';
  constructor(
    readonly status: 400 | 404 | 409 | 422 | 503,
    message: string,
  ) {
    super(message);
  }
}

async function audited<T>(kit: Kit, c: Context<AppEnv>, edit: () => FileEdit<T>): Promise<FileEdit<T>> {
  let done: FileEdit<T>;
  try {
    done = edit();
  } catch (err) {
    if (err instanceof NotFoundError) throw new SourcesRequestError(404, err.message);
    throw err;
  }
  await kit.deps.store.auditFileEdit(actorOf(c), done, kit.deps.now?.() ?? new Date());
  return done;
}

/**
 * The console and API list web feeds only. A file: URL is read by the worker, and what it read shows in the
 * dashboard's error ("not a feed: document starts with ..."): anyone with sources:write could read the server's
 * files. The CLI, run by someone who can read them anyway, asks for --allow-file. A source already listed with a
 * local file keeps it through edits of its other fields.
 */
function webFeedOnly(url: string | null | undefined, listed?: string): void {
  if (url === undefined || url === null || url === listed || isWebUrl(url)) return;
  throw new SourcesRequestError(
    400,
    `only http(s) URLs can be listed from the console or the API, got "${url}" (a local file: wireroom sources add --allow-file)`,
  );
}

export async function addListedSource(kit: Kit, c: Context<AppEnv>, source: NewSource, expect?: string) {
  webFeedOnly(source.url);
  return audited(kit, c, () => addSource(kit.deps.config.dir, source, expect));
}

export async function updateListedSource(
  kit: Kit,
  c: Context<AppEnv>,
  id: string,
  patch: SourcePatch,
  expect?: string,
) {
  webFeedOnly(patch.url, listedSources(kit.deps.config.dir).byId.get(id)?.url);
  return audited(kit, c, () => updateSource(kit.deps.config.dir, id, patch, expect));
}

export async function enableListedSource(kit: Kit, c: Context<AppEnv>, id: string, enabled: boolean, expect?: string) {
  return audited(kit, c, () => setSourceEnabled(kit.deps.config.dir, id, enabled, expect));
}

export async function removeListedSource(kit: Kit, c: Context<AppEnv>, id: string, expect?: string) {
  return audited(kit, c, () => removeSource(kit.deps.config.dir, id, expect));
}

export async function importListedOpml(
  kit: Kit,
  c: Context<AppEnv>,
  opml: string,
  opts: { rows?: number[]; country?: string },
  expect?: string,
) {
  return audited(kit, c, () => importOpml(kit.deps.config.dir, opml, opts, expect));
}

/**
 * sources.yaml as it is now, as OPML 2.0 (the config the server started with may be older): the listed title, else
 * the feed's own; the feed's site link where the store has it.
 */
export async function opmlText(kit: Kit): Promise<string> {
  const { config, store } = kit.deps;
  const listed = listedSources(config.dir);
  const states = new Map((await store.sources.infos()).map((s) => [s.id, s]));
  const feedUrl = (url: string) => {
    try {
      return resolveSourceUrl(url, config.dir);
    } catch {
      return url;
    }
  };
  return toOpml(
    config.site.title,
    listed.sources.map((s) => ({
      id: s.id,
      url: feedUrl(s.url),
      title: s.title ?? states.get(s.id)?.title,
      siteUrl: states.get(s.id)?.siteUrl,
    })),
  );
}

/** Topics as a form or a client gives them: a list, or one string separated by commas or spaces. */
export function topicList(raw: string | string[] | undefined): string[] {
  const all = [raw ?? []].flat().flatMap((t) => t.split(/[\s,]+/));
  return [...new Set(all.map((t) => t.trim()).filter(Boolean))];
}

// --- fetch now -----------------------------------------------------------------------------------------------------

/** Starts a fetch job for these sources (all enabled when undefined). */
export async function startFetch(kit: Kit, c: Context<AppEnv>, ids: string[] | undefined): Promise<JobRecord> {
  const jobs = kit.deps.jobs;
  if (!jobs)
    throw new SourcesRequestError(503, 'this server runs no jobs (wireroom serve): fetch where the worker runs');
  if (ids) {
    const listed = listedSources(kit.deps.config.dir);
    const unknown = ids.filter((id) => !listed.byId.has(id));
    if (unknown.length) throw new SourcesRequestError(404, `no source ${unknown.join(', ')} in sources.yaml`);
  }
  try {
    return await jobs.start('fetch', ids ? { sourceIds: ids } : {}, actorOf(c));
  } catch (err) {
    // Listed, but not in the config the worker runs with (sources.yaml does not validate as it is now).
    if ((err as Error).name === 'JobRequestError') throw new SourcesRequestError(409, (err as Error).message);
    throw err;
  }
}
