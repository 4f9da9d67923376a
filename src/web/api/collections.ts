// API routes: collections (config/collections.yaml). Reads send the file's version as ETag; writes take If-Match
// (a stale one: 412, the file untouched) and go through the editor stage, like the CLI and the console, with an
// audit row. The preview runs the published feed's query for a candidate without writing anything.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  createCollection,
  deleteCollection,
  listCollections,
  updateCollection,
  type CollectionSpec,
  type FileEdit,
} from '../../editor/index.ts';
import { actorOf } from '../actor.ts';
import { previewCollection, tidySpec } from '../console/collections-model.ts';
import type { Kit } from '../kit.ts';
import { problem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { apiRoute, type Api } from './index.ts';
import { jsonResponse, problemResponse } from './schemas.ts';

const TermsSchema = z
  .object({
    countries: z.array(z.string()).optional().openapi({ description: 'ISO 3166-1 alpha-2 codes' }),
    regions: z.array(z.string()).optional(),
    topics: z.array(z.string()).optional(),
    sources: z.array(z.string()).optional().openapi({ description: 'source ids' }),
    q: z.string().optional().openapi({ description: 'full text: words, "exact phrases", prefix*' }),
  })
  .strict()
  .openapi('CollectionTerms');

export const CollectionSchema = z
  .object({
    slug: z.string().min(1),
    title: z.string().min(1),
    description: z.string().optional(),
    filter: TermsSchema.extend({ exclude: TermsSchema.optional() }).strict().optional(),
    limit: z.int().min(1).optional(),
  })
  .strict()
  .openapi('Collection');

const CollectionListSchema = z
  .object({ version: z.string(), collections: z.array(CollectionSchema) })
  .openapi('CollectionList');

const SavedCollectionSchema = z
  .object({ version: z.string(), collection: CollectionSchema })
  .openapi('SavedCollection');

const PreviewSchema = z
  .object({
    problems: z.array(z.object({ field: z.string(), reason: z.string() })),
    items: z.array(
      z.object({
        storyUid: z.string(),
        entryId: z.int(),
        title: z.string(),
        url: z.string().optional(),
        sourceId: z.string(),
        publishedAt: z.string(),
        tags: z.array(z.object({ kind: z.string(), value: z.string(), role: z.enum(['focus', 'mention']).optional() })),
        alsoReported: z.int(),
      }),
    ),
    more: z.boolean(),
  })
  .openapi('CollectionPreview');

const SlugParam = z.object({
  slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'latin-america' }),
});

const IfMatch = z.object({
  'if-match': z.string().optional().openapi({ description: 'the ETag a GET gave; a stale one: 412' }),
});

const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** The request body the route's schema already validated. */
export function validJson<T>(c: Context<AppEnv>): T {
  return (c.req as unknown as { valid(target: 'json'): T }).valid('json');
}

/** If-Match as sent (undefined: the client did not ask for a check). */
export const ifMatch = (c: Context<AppEnv>): string | undefined => c.req.header('if-match') || undefined;

/** The editor's NotFoundError as a 404; other errors go on to the app's mapping (412, 422). */
export function notFoundOr(c: Context<AppEnv>, err: unknown): Response {
  if (err instanceof Error && err.name === 'NotFoundError') return problem(c, 404, err.message);
  throw err;
}

/** Runs an edit, writes its audit row, and answers with the new version as ETag. */
export async function applied(
  c: Context<AppEnv>,
  kit: Kit,
  edit: () => FileEdit<unknown>,
): Promise<FileEdit<unknown> | Response> {
  try {
    const done = edit();
    await kit.deps.store.auditFileEdit(actorOf(c), done);
    c.header('ETag', done.version);
    return done;
  } catch (err) {
    return notFoundOr(c, err);
  }
}

export function registerCollectionsApi(api: Api, kit: Kit): void {
  const dir = () => kit.deps.config.dir;
  const write = { need: 'collections:write' as const };

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'the collections of collections.yaml, as written' },
    {
      method: 'get',
      path: '/collections',
      responses: { 200: jsonResponse('the collections, and the file version (also the ETag)', CollectionListSchema) },
    },
    (c) => {
      const listed = listCollections(dir());
      c.header('ETag', listed.version);
      return c.json(listed);
    },
  );

  apiRoute(
    api,
    kit,
    { ...write, summary: 'add a collection at the end of collections.yaml' },
    {
      method: 'post',
      path: '/collections',
      request: { headers: IfMatch, body: jsonBody(CollectionSchema) },
      responses: {
        201: jsonResponse('created; Location is the new collection, ETag the file version', SavedCollectionSchema),
        400: problemResponse('the body is not a collection'),
        412: problemResponse('collections.yaml changed since the If-Match version'),
        422: problemResponse(
          'the collection is not valid (unknown topic, duplicate slug...): file:line: field: reason',
        ),
      },
    },
    async (c) => {
      const spec = tidySpec(validJson<CollectionSpec>(c));
      const r = await applied(c, kit, () => createCollection(dir(), spec, ifMatch(c)));
      if (r instanceof Response) return r;
      return c.json({ version: r.version, collection: spec }, 201, {
        Location: `/api/v1/collections/${encodeURIComponent(spec.slug)}`,
      });
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'the first items a candidate collection would publish; nothing is written' },
    {
      method: 'post',
      path: '/collections/preview',
      request: { body: jsonBody(CollectionSchema) },
      responses: {
        200: jsonResponse(
          'the first items of its feed, newest first; or, when the candidate is not valid, its problems',
          PreviewSchema,
        ),
        400: problemResponse('the body is not a collection'),
      },
    },
    async (c) => c.json(await previewCollection(kit.deps.store, kit.deps.config, validJson<CollectionSpec>(c))),
  );

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'one collection, as written' },
    {
      method: 'get',
      path: '/collections/{slug}',
      request: { params: SlugParam },
      responses: {
        200: jsonResponse('the collection; ETag is the file version', SavedCollectionSchema),
        404: problemResponse('no such collection'),
      },
    },
    (c) => {
      const slug = c.req.param('slug') ?? '';
      const { version, collections } = listCollections(dir());
      const collection = collections.find((col) => col.slug === slug);
      if (!collection) return problem(c, 404, `no collection "${slug}" in collections.yaml`);
      c.header('ETag', version);
      return c.json({ version, collection });
    },
  );

  apiRoute(
    api,
    kit,
    { ...write, summary: 'replace a collection (its slug may change); comments in the file stay' },
    {
      method: 'put',
      path: '/collections/{slug}',
      request: { params: SlugParam, headers: IfMatch, body: jsonBody(CollectionSchema) },
      responses: {
        200: jsonResponse('saved; ETag is the new file version', SavedCollectionSchema),
        400: problemResponse('the body is not a collection'),
        404: problemResponse('no such collection'),
        412: problemResponse('collections.yaml changed since the If-Match version'),
        422: problemResponse('the collection is not valid: file:line: field: reason'),
      },
    },
    async (c) => {
      const spec = tidySpec(validJson<CollectionSpec>(c));
      const r = await applied(c, kit, () => updateCollection(dir(), c.req.param('slug') ?? '', spec, ifMatch(c)));
      if (r instanceof Response) return r;
      return c.json({ version: r.version, collection: spec });
    },
  );

  apiRoute(
    api,
    kit,
    { ...write, summary: 'delete a collection (its feed answers 404 from then on)' },
    {
      method: 'delete',
      path: '/collections/{slug}',
      request: { params: SlugParam, headers: IfMatch },
      responses: {
        204: { description: 'deleted; ETag is the new file version' },
        404: problemResponse('no such collection'),
        412: problemResponse('collections.yaml changed since the If-Match version'),
      },
    },
    async (c) => {
      const r = await applied(c, kit, () => deleteCollection(dir(), c.req.param('slug') ?? '', ifMatch(c)));
      if (r instanceof Response) return r;
      return c.body(null, 204);
    },
  );
}
