// What the entry lists of the console and the API share: their query parameters (parsed once, strictly, into the
// curated feeds' filter and keyset cursor) and the JSON an entry becomes. Pure functions; the store does the query.
import { z } from '@hono/zod-openapi';
import type { EditorStore } from '../../editor/index.ts';
import { decodeCursor, encodeCursor } from '../../publish/index.ts';
import type { FeedCursor, FeedFilter, Store, StoredEntry, TermSet } from '../../store/index.ts';
import { confidenceOf } from '../../tag/index.ts';
import type { Tag } from '../../types.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
const MAX_Q = 200;

/** A parsed entry list request: the feeds' filter, a date range and the page. */
export interface EntryListQuery {
  filter: FeedFilter;
  since?: string;
  until?: string;
  before?: FeedCursor;
  limit: number;
  /** The request's own values, for refilling the console's filter form and building its "older" link. */
  given: Record<string, string>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; param: string; reason: string };

/** The parameters an entry list takes (all optional; each kind may repeat or be comma-separated). */
export const ENTRY_LIST_PARAMS = ['country', 'region', 'topic', 'source', 'q', 'since', 'until', 'before', 'limit'];

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** ?country=pe&country=bo or ?country=pe,bo */
function values(get: (name: string) => string[], name: string): string[] {
  return [
    ...new Set(
      get(name)
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

/** A date (2024-01-31, a whole day) or an instant, as ISO 8601 UTC; `end` moves a bare date to the next day. */
function isoDate(raw: string, end: boolean): string | undefined {
  const day = /^\d{4}-\d\d-\d\d$/.test(raw);
  if (!day && !/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:?\d\d)?$/.test(raw)) return undefined;
  const t = Date.parse(day ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(t)) return undefined;
  return new Date(day && end ? t + 86_400_000 : t).toISOString();
}

/**
 * Reads an entry list's parameters: country codes, region and topic slugs and source ids (a kind's values are
 * alternatives, kinds must all hold), a full-text `q` over titles, summaries and text, `since`/`until` (a day counts
 * whole), `before` (a feed's paging token) and `limit`.
 */
export function parseEntryQuery(all: (name: string) => string[]): Parsed<EntryListQuery> {
  const given: Record<string, string> = {};
  for (const name of ENTRY_LIST_PARAMS) {
    const v = all(name).join(',').trim();
    if (v) given[name] = v;
  }
  const require: TermSet[] = [];
  const countries = values(all, 'country').map((c) => c.toUpperCase());
  const bad = countries.find((c) => !/^[A-Z]{2}$/.test(c));
  if (bad) return { ok: false, param: 'country', reason: `"${bad}" is not an ISO 3166-1 alpha-2 code such as PE` };
  if (countries.length) require.push({ countries });
  for (const [param, key] of [
    ['region', 'regions'],
    ['topic', 'topics'],
  ] as const) {
    const list = values(all, param).map((v) => v.toLowerCase());
    const wrong = list.find((v) => !SLUG.test(v));
    if (wrong) return { ok: false, param, reason: `"${wrong}" is not a ${param} slug (lower-case letters, digits, -)` };
    if (list.length) require.push({ [key]: list });
  }
  const sources = values(all, 'source');
  const wrongSource = sources.find((s) => !SOURCE_ID.test(s));
  if (wrongSource) return { ok: false, param: 'source', reason: `"${wrongSource}" is not a source id` };
  if (sources.length) require.push({ sources });
  const filter: FeedFilter = { require };
  const q = given.q;
  if (q) {
    if (q.length > MAX_Q) return { ok: false, param: 'q', reason: `longer than ${MAX_Q} characters` };
    if (/[\u0000-\u001f\u007f]/.test(q)) return { ok: false, param: 'q', reason: 'contains control characters' };
    if (!/[\p{L}\p{N}]/u.test(q)) return { ok: false, param: 'q', reason: 'has no word to search for' };
    filter.q = [q.replace(/\s+/g, ' ')];
  }
  const out: EntryListQuery = { filter, limit: DEFAULT_LIMIT, given };
  for (const [param, end] of [
    ['since', false],
    ['until', true],
  ] as const) {
    const raw = given[param];
    if (!raw) continue;
    const iso = isoDate(raw, end);
    if (!iso) return { ok: false, param, reason: `expected a date (2024-01-31) or an ISO 8601 time, got "${raw}"` };
    out[param] = iso;
  }
  const paging = parsePaging(given);
  if (!paging.ok) return paging;
  return { ok: true, value: { ...out, ...paging.value } };
}

/** `limit` (1 to 200, default 50) and `before` (a paging token from a `next`), as every list here takes them. */
export function parsePaging(given: Record<string, string | undefined>): Parsed<{ limit: number; before?: FeedCursor }> {
  let limit = DEFAULT_LIMIT;
  if (given.limit !== undefined) {
    if (!/^\d{1,6}$/.test(given.limit) || Number(given.limit) < 1 || Number(given.limit) > MAX_LIMIT)
      return { ok: false, param: 'limit', reason: `expected a whole number from 1 to ${MAX_LIMIT}` };
    limit = Number(given.limit);
  }
  if (given.before === undefined || given.before === '') return { ok: true, value: { limit } };
  const before = decodeCursor(given.before);
  if (!before) return { ok: false, param: 'before', reason: 'not a paging token from a `next` link' };
  return { ok: true, value: { limit, before } };
}

/** The review queue's parameters: paging, and one `country` to review. */
export function parseReviewQuery(
  given: Record<string, string | undefined>,
): Parsed<{ limit: number; before?: FeedCursor; country?: string }> {
  const paging = parsePaging(given);
  if (!paging.ok || !given.country) return paging;
  const country = given.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country))
    return { ok: false, param: 'country', reason: `"${given.country}" is not an ISO 3166-1 alpha-2 code such as PE` };
  return { ok: true, value: { ...paging.value, country } };
}

export { encodeCursor };

// --- JSON -----------------------------------------------------------------------------------------------------

export const EntryTagSchema = z
  .object({
    kind: z.enum(['country', 'region', 'topic']),
    value: z.string(),
    role: z.enum(['focus', 'mention']).optional(),
    confidence: z.enum(['high', 'medium', 'low']).optional().openapi({ description: 'countries only' }),
    overridden: z.boolean().optional().openapi({ description: "true when an editor's correction set it" }),
  })
  .openapi('EntryTag');

export const EntrySchema = z
  .object({
    id: z.int(),
    title: z.string(),
    link: z.string().nullable(),
    published: z.string(),
    source: z.string(),
    summary: z.string().openapi({ description: 'sanitized plain text' }),
    tags: z.array(EntryTagSchema),
    story: z.int().nullable().openapi({ description: 'the story id (GET /stories/{id}); null before detection' }),
  })
  .openapi('Entry');

export const EntryPageSchema = z
  .object({
    items: z.array(EntrySchema),
    next: z.string().optional().openapi({ description: 'the `before` token of the next page; absent on the last' }),
  })
  .openapi('EntryPage');

export const TagReasonSchema = EntryTagSchema.extend({
  score: z.number(),
  rule: z.string(),
  field: z.string().optional(),
  match: z.string().optional(),
}).openapi('EntryTagReason');

export const EntryDetailSchema = EntrySchema.extend({
  authors: z.array(z.object({ name: z.string().optional(), email: z.string().optional(), url: z.string().optional() })),
  categories: z.array(z.string()),
  language: z.string().nullable(),
  contentHtml: z.string().openapi({ description: 'sanitized HTML: show it only in a sandboxed frame' }),
  firstSeen: z.string(),
  changed: z.string(),
  tags: z.array(TagReasonSchema),
  overrides: z.array(
    z.object({
      kind: z.enum(['country', 'region', 'topic']),
      value: z.string(),
      action: z.enum(['add', 'remove']),
      createdAt: z.string(),
    }),
  ),
  storyExplanation: z.array(z.string()).openapi({ description: 'what `wireroom explain` says of its story' }),
}).openapi('EntryDetail');

/** A tag as an entry list shows it: confidence for countries, and whether an editor set it. */
export function tagJson(t: Tag): z.infer<typeof EntryTagSchema> {
  const confidence = confidenceOf(t);
  return {
    kind: t.kind,
    value: t.value,
    ...(t.role ? { role: t.role } : {}),
    ...(confidence ? { confidence } : {}),
    ...(t.reason.rule === 'manual' ? { overridden: true } : {}),
  };
}

/** An entry as lists carry it (no text): what the store's entry pages give. */
export type ListedEntry = ReturnType<Store['feeds']['entryPage']>['entries'][number];

export function entryJson(e: ListedEntry, tags: readonly Tag[]): z.infer<typeof EntrySchema> {
  return {
    id: e.id,
    title: e.title,
    link: e.canonicalUrl ?? e.url ?? null,
    published: e.publishedAt,
    source: e.sourceId,
    summary: e.summary,
    tags: tags.map(tagJson),
    story: e.storyId ?? null,
  };
}

/** What an entry's page and JSON show beside the entry itself: its tags, the editors' overrides and its story. */
export interface EntryExtras {
  tags: Tag[];
  overrides: Awaited<ReturnType<EditorStore['tags']['overrides']>>;
  storyExplanation: string[];
}

/** Reads an entry's tags, overrides and story explanation (the same reads and dedup explanation `explain` uses). */
export async function entryExtras(store: EditorStore, entryId: number): Promise<EntryExtras> {
  const [tags, overrides, storyExplanation] = await Promise.all([
    store.tags.list(entryId),
    store.tags.overrides(entryId),
    store.explainStory(entryId),
  ]);
  return { tags, overrides, storyExplanation };
}

/** Everything `wireroom explain` says of an entry, as JSON. */
export function entryDetailFrom(e: StoredEntry, x: EntryExtras): z.infer<typeof EntryDetailSchema> {
  return {
    ...entryJson(e, x.tags),
    tags: x.tags.map((t) => ({
      ...tagJson(t),
      score: t.score,
      rule: t.reason.rule,
      ...(t.reason.field ? { field: t.reason.field } : {}),
      ...(t.reason.match !== undefined ? { match: t.reason.match } : {}),
    })),
    authors: e.authors.map((a) => ({
      ...(a.name ? { name: a.name } : {}),
      ...(a.email ? { email: a.email } : {}),
      ...(a.url ? { url: a.url } : {}),
    })),
    categories: e.categories,
    language: e.language ?? null,
    contentHtml: e.contentHtml,
    firstSeen: e.firstSeenAt,
    changed: e.changedAt,
    overrides: x.overrides,
    storyExplanation: x.storyExplanation,
  };
}

/** An entry as GET /entries/{id} gives it. */
export async function entryDetailJson(store: EditorStore, e: StoredEntry): Promise<z.infer<typeof EntryDetailSchema>> {
  return entryDetailFrom(e, await entryExtras(store, e.id));
}
