// API routes: entries (browse and search with the feeds' filters and cursor), one entry with everything `wireroom
// explain` says, tag corrections (the same overrides and audit row as `wireroom tag`) and the review queue.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { formatTagChange, tagChange, type EditorStore, type TagCorrection } from '../../editor/index.ts';
import { tagNames } from '../taxonomy-cache.ts';
import type { TagKind } from '../../types.ts';
import { actorOf } from '../actor.ts';
import type { Kit } from '../kit.ts';
import { problem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import {
  EntryDetailSchema,
  EntryPageSchema,
  encodeCursor,
  entryDetailJson,
  entryJson,
  parseEntryQuery,
  parseReviewQuery,
} from './entries-query.ts';
import { listHeaders } from './fast-read.ts';
import { apiRoute, type Api } from './index.ts';
import { rawSearch } from './list-cache.ts';
import { jsonResponse, problemResponse } from './schemas.ts';

const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
});

const many = (description: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({ description });

const EntryListQuery = z.object({
  country: many('ISO 3166-1 alpha-2 codes (any of them), repeated or comma-separated'),
  region: many('region slugs (any of them)'),
  topic: many('topic slugs (any of them)'),
  source: many('source ids (any of them)'),
  q: z.string().optional().openapi({ description: 'words in the title, summary or text (full-text search)' }),
  since: z.string().optional().openapi({ description: 'published on or after this day or time (ISO 8601)' }),
  until: z.string().optional().openapi({ description: 'published up to this day (inclusive) or before this time' }),
  before: z.string().optional().openapi({ description: 'paging token: the `next` of the previous page' }),
  limit: z.string().optional().openapi({ description: 'items per page, 1 to 200 (default 50)' }),
});

const ReviewQuery = z.object({
  country: z.string().optional().openapi({ description: 'only this country (ISO 3166-1 alpha-2)' }),
  before: z.string().optional().openapi({ description: 'paging token: the `next` of the previous page' }),
  limit: z.string().optional().openapi({ description: 'items per page, 1 to 200 (default 50)' }),
});

export const TagChangeBody = z
  .object({
    kind: z.enum(['country', 'region', 'topic']),
    value: z.string().min(1).max(100),
    action: z.enum(['add', 'remove']),
  })
  .openapi('TagChange');

const TagCorrectionSchema = z
  .object({
    entry: EntryDetailSchema,
    changes: z.array(z.string()).openapi({ description: '+kind:value / -kind:value as applied' }),
    entries: z.array(z.int()).openapi({ description: "every entry of the entry's story, all corrected alike" }),
    audit: z.int().openapi({ description: 'the audit log row' }),
  })
  .openapi('TagCorrection');

/** A query's values by name (repeated parameters kept). */
export const queryValues = (c: Context<AppEnv>) => (name: string) => c.req.queries(name) ?? [];

/** The topics topics.yaml defines: a correction naming another topic is allowed, and noted. */
export function knownTopics(configDir: string): { has(slug: string): boolean } | undefined {
  return tagNames(configDir)?.topics;
}

/** Applies one correction from a form or a body through the editor (audited); errors keep their editor names. */
export async function applyTagChange(
  kit: Kit,
  c: Context<AppEnv>,
  entryId: number,
  change: { kind: string; value: string; action: string },
): Promise<TagCorrection> {
  const action = change.action === 'remove' ? 'remove' : 'add';
  const parsed = tagChange(action, change.kind as TagKind, change.value.trim());
  return kit.deps.store.correctTag(actorOf(c), entryId, [parsed], {
    knownTopics: knownTopics(kit.deps.config.dir),
    now: kit.deps.now?.(),
  });
}

/** An editor refusal (unknown entry, malformed change) as its HTTP status, or undefined for anything else. */
export function editorStatus(err: unknown): 400 | 404 | undefined {
  const name = (err as Error | undefined)?.name;
  if (name === 'NotFoundError') return 404;
  if (name === 'InvalidEditError') return 400;
  return undefined;
}

type EntryPage = Awaited<ReturnType<EditorStore['feeds']['entryPage']>>;

function listBody(page: EntryPage): string {
  return JSON.stringify({
    items: page.entries.map((e) => entryJson(e, page.tags.get(e.id) ?? [])),
    ...(page.next ? { next: encodeCursor(page.next) } : {}),
  });
}

export function registerEntriesApi(api: Api, kit: Kit): void {
  const { store } = kit.deps;
  const cache = kit.entryLists;
  const json = (c: Context<AppEnv>, body: string) =>
    c.body(body, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'entries, newest first: filter by country, region, topic, source, words and dates' },
    {
      method: 'get',
      path: '/entries',
      request: { query: EntryListQuery },
      responses: {
        200: jsonResponse('one page of entries', EntryPageSchema),
        400: problemResponse('a parameter is not valid'),
      },
    },
    async (c) => {
      // Keyed as fast-read.ts looks it up, which answers a repeat before this app runs at all. The version is read
      // before the page, so a page is never kept under a version newer than its data.
      const key = rawSearch(c.env.incoming.url ?? '');
      const version = await store.feeds.dataVersion();
      let body = cache.get(key, version);
      if (!body) {
        const parsed = parseEntryQuery(queryValues(c));
        if (!parsed.ok) return problem(c, 400, `${parsed.param}: ${parsed.reason}`);
        const { filter, limit, before, since, until } = parsed.value;
        body = Buffer.from(listBody(await store.feeds.entryPage(filter, { limit, before, since, until })));
        cache.set(key, version, body);
      }
      return c.body(body, 200, listHeaders(body));
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'one entry: its text, every tag and why, the overrides and its story' },
    {
      method: 'get',
      path: '/entries/{id}',
      request: { params: IdParam },
      responses: {
        200: jsonResponse('the entry', EntryDetailSchema),
        400: problemResponse('the id is not a whole number'),
        404: problemResponse('no such entry'),
      },
    },
    async (c) => {
      const entry = await store.entries.get(Number(c.req.param('id')));
      if (!entry) return problem(c, 404, `no entry #${c.req.param('id')}`);
      return c.json(await entryDetailJson(store, entry));
    },
  );

  apiRoute(
    api,
    kit,
    {
      need: 'tags:write',
      summary: "adds or removes a country, region or topic on the entry's whole story (kept on retag; audited)",
    },
    {
      method: 'post',
      path: '/entries/{id}/tags',
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: TagChangeBody } } },
      },
      responses: {
        200: jsonResponse('the correction and the entry as it is now', TagCorrectionSchema),
        400: problemResponse('the change is not valid'),
        404: problemResponse('no such entry'),
        413: problemResponse('the body is too large'),
        415: problemResponse('the body is not JSON'),
        503: problemResponse('this server is read-only'),
      },
    },
    async (c) => {
      const body = TagChangeBody.safeParse(await c.req.json().catch(() => undefined));
      if (!body.success) return problem(c, 400, 'expected a JSON body {kind, value, action}');
      const id = Number(c.req.param('id'));
      try {
        const done = await applyTagChange(kit, c, id, body.data);
        const entry = await store.entries.get(id);
        if (!entry) return problem(c, 404, `no entry #${id}`);
        return c.json({
          entry: await entryDetailJson(store, entry),
          changes: done.changes.map(formatTagChange),
          entries: done.entryIds,
          audit: done.auditId,
        });
      } catch (err) {
        const status = editorStatus(err);
        if (status) return problem(c, status, (err as Error).message);
        throw err;
      }
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'the review queue: entries whose country tags are not certain, newest first' },
    {
      method: 'get',
      path: '/review',
      request: { query: ReviewQuery },
      responses: {
        200: jsonResponse('one page of entries to review', EntryPageSchema),
        400: problemResponse('a parameter is not valid'),
      },
    },
    async (c) => {
      const query = parseReviewQuery({
        limit: c.req.query('limit'),
        before: c.req.query('before'),
        country: c.req.query('country'),
      });
      if (!query.ok) return problem(c, 400, `${query.param}: ${query.reason}`);
      return json(c, listBody(await store.feeds.reviewPage(query.value)));
    },
  );
}
