// API routes: sources. The health dashboard (sorted, filtered, keyset-paged in SQL), one source with its fetch
// history, a preview before adding (rate limited), add / edit / enable / disable / remove through src/editor with
// the file's version (ETag, If-Match, 412), OPML preview / import / export, and "fetch now" as a job (202).
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { OpmlError, previewOpml, type SourcePatch } from '../../editor/index.ts';
import type { Kit } from '../kit.ts';
import { problem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { validJson } from './collections.ts';
import { apiRoute, type Api } from './index.ts';
import { jobAccepted } from './jobs.ts';
import { jobAcceptedResponse, jsonResponse, problemResponse } from './schemas.ts';
import {
  addListedSource,
  dashboard,
  DEFAULT_LIMIT,
  enableListedSource,
  encodeSourcesCursor,
  HEALTHS,
  importListedOpml,
  listedSources,
  MAX_LIMIT,
  opmlText,
  parseDashboardQuery,
  previewUrl,
  previewWait,
  removeListedSource,
  sourceDetail,
  SORTS,
  SourcesRequestError,
  startFetch,
  updateListedSource,
  viewOfRow,
} from './sources-shared.ts';

const HealthEnum = z.enum(HEALTHS as [string, ...string[]]);

const SourceSchema = z
  .object({
    id: z.string(),
    url: z.string().openapi({ description: 'as written in sources.yaml' }),
    title: z.string().optional(),
    feedTitle: z.string().optional().openapi({ description: "the feed's own title, as it last said" }),
    siteUrl: z.string().optional(),
    enabled: z.boolean(),
    country: z.string().optional(),
    topics: z.array(z.string()),
    interval: z.string().optional(),
    health: HealthEnum,
    status: z.string().openapi({ description: "the last fetch's outcome: new, ok, not-modified, error, gone" }),
    lastFetchAt: z.string().optional(),
    lastSuccessAt: z.string().optional(),
    failingSince: z.string().optional(),
    failures: z.int().openapi({ description: 'failed fetches in a row' }),
    lastError: z.string().optional(),
    lastErrorCode: z.string().optional(),
    movedTo: z.string().optional().openapi({ description: 'where a permanent redirect moved the feed' }),
    entries: z.int(),
    nextFetchAt: z.string().optional(),
  })
  .openapi('Source');

const SourcePageSchema = z
  .object({
    items: z.array(SourceSchema),
    next: z.string().optional().openapi({ description: 'the `before` of the following page' }),
    total: z.int().openapi({ description: 'sources listed in sources.yaml' }),
    counts: z
      .object({ ok: z.int(), failing: z.int(), new: z.int(), disabled: z.int() })
      .openapi({ description: 'how many listed sources have each health (the text filter aside)' }),
    version: z.string().openapi({ description: 'the version of sources.yaml (also the ETag)' }),
  })
  .openapi('SourcePage');

const FetchLogSchema = z.object({
  startedAt: z.string(),
  durationMs: z.int(),
  status: z.string(),
  httpStatus: z.int().optional(),
  bytes: z.int(),
  newCount: z.int(),
  updatedCount: z.int(),
  unchangedCount: z.int(),
  error: z.string().optional(),
});

const SourceDetailSchema = z
  .object({
    source: SourceSchema,
    warnings: z.array(z.string()),
    history: z.array(FetchLogSchema).openapi({ description: 'recent fetches, newest first' }),
    version: z.string(),
  })
  .openapi('SourceDetail');

const PreviewSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('feed'),
      url: z.string(),
      finalUrl: z.string(),
      title: z.string().optional(),
      format: z.string(),
      itemCount: z.int(),
      items: z.array(
        z.object({ title: z.string(), link: z.string().optional(), published: z.string(), tags: z.array(z.string()) }),
      ),
      warnings: z.array(z.string()),
    }),
    z.object({
      kind: z.literal('page'),
      url: z.string(),
      finalUrl: z.string(),
      candidates: z.array(z.object({ url: z.string(), title: z.string().optional(), format: z.string() })),
    }),
  ])
  .openapi('SourcePreview');

const NewSourceBody = z
  .object({
    url: z.string().min(1),
    id: z.string().optional(),
    title: z.string().optional(),
    country: z.string().optional(),
    topics: z.array(z.string()).optional(),
    interval: z.string().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .openapi('NewSource');

const SourcePatchBody = z
  .object({
    url: z.string().min(1).optional(),
    title: z.string().nullable().optional(),
    country: z.string().nullable().optional(),
    topics: z.array(z.string()).nullable().optional(),
    interval: z.string().nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .openapi('SourcePatch', { description: 'fields to change; null removes an optional field' });

const EditResultSchema = z.object({ id: z.string(), version: z.string() }).openapi('SourceEdit');

const OpmlRowSchema = z
  .object({
    index: z.int(),
    url: z.string(),
    title: z.string().optional(),
    folders: z.array(z.string()),
    status: z.enum(['new', 'duplicate', 'invalid']),
    reason: z.string().optional(),
    existingId: z.string().optional(),
  })
  .openapi('OpmlRow');

const OpmlBody = z.object({ opml: z.string().min(1) }).strict();
const OpmlImportBody = z
  .object({
    opml: z.string().min(1),
    rows: z
      .array(z.int().min(0))
      .optional()
      .openapi({ description: 'indexes from the preview; default: every new row' }),
    country: z.string().optional(),
  })
  .strict();

const FetchBody = z
  .object({
    sources: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .openapi({ description: 'only these sources (default: every enabled source)' }),
  })
  .strict()
  .openapi('FetchRequest');

const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'peru-sample' }),
});
const IfMatch = z.object({
  'if-match': z.string().optional().openapi({ description: 'the ETag of sources.yaml as read: 412 when it changed' }),
});

const ListQuery = z.object({
  sort: z.enum(SORTS as [string, ...string[]]).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  status: HealthEnum.optional(),
  q: z.string().optional().openapi({ description: 'text in the id, title or URL' }),
  limit: z
    .string()
    .optional()
    .openapi({ description: `1 to ${MAX_LIMIT}, default ${DEFAULT_LIMIT}` }),
  before: z.string().optional().openapi({ description: 'the `next` of the previous page' }),
});

const stale = problemResponse('sources.yaml changed since the If-Match version was read');
const invalid = problemResponse('the source does not validate (file, line, field and reason)');
const readOnly = problemResponse('this server is read-only, or runs no jobs');
const tooLarge = problemResponse('the body is too large');
const notJson = problemResponse('the body is not application/json');

/** A body that zod refused, told in one line. */
function badBody(c: Context<AppEnv>, error: z.ZodError): Response {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return problem(c, 400, `${where}${issue?.message ?? 'invalid body'}`);
}

async function jsonBody<T extends z.ZodType>(
  c: Context<AppEnv>,
  schema: T,
): Promise<{ ok: true; data: z.infer<T> } | { ok: false; res: Response }> {
  const raw: unknown = await c.req.json().catch(() => undefined);
  if (raw === undefined) return { ok: false, res: problem(c, 400, 'expected a JSON body') };
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, res: badBody(c, parsed.error) };
}

/** The sources area's own refusals as problems; anything else goes on to the app's error mapping. */
function refusal(c: Context<AppEnv>, err: unknown): Response {
  if (err instanceof SourcesRequestError) return problem(c, err.status, err.message);
  if (err instanceof OpmlError) return problem(c, 400, err.message);
  throw err;
}

/** The handler with the sources area's refusals answered as problems (see refusal). */
const refusing =
  (handler: (c: Context<AppEnv>) => Response | Promise<Response>) =>
  async (c: Context<AppEnv>): Promise<Response> => {
    try {
      return await handler(c);
    } catch (err) {
      return refusal(c, err);
    }
  };

export function registerSourcesApi(api: Api, kit: Kit): void {
  const configDir = kit.deps.config.dir;
  const ifMatch = (c: Context<AppEnv>) => c.req.header('if-match') || undefined;

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'the sources with their health: sorted, filtered and paged' },
    {
      method: 'get',
      path: '/sources',
      request: { query: ListQuery },
      responses: {
        200: {
          ...jsonResponse('one page of sources', SourcePageSchema),
          headers: { ETag: { schema: { type: 'string' } } },
        },
        400: problemResponse('a parameter is not valid'),
      },
    },
    async (c) => {
      const parsed = parseDashboardQuery((name) => c.req.query(name));
      if (!parsed.ok) return problem(c, 400, `${parsed.param}: ${parsed.reason}`);
      const page = await dashboard(kit, parsed.query);
      return c.json(
        {
          items: page.rows.map(viewOfRow),
          ...(page.next ? { next: encodeSourcesCursor(parsed.query, page.next) } : {}),
          total: page.total,
          counts: page.counts,
          version: page.version,
        },
        200,
        { ETag: page.version },
      );
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'sources.yaml as OPML 2.0' },
    {
      method: 'get',
      path: '/sources.opml',
      responses: { 200: { description: 'OPML', content: { 'text/x-opml': { schema: { type: 'string' } } } } },
    },
    (c) => opmlDownload(c, kit),
  );

  apiRoute(
    api,
    kit,
    { need: 'sources:write', summary: 'what a feed or site URL would give, fetched now and stored nowhere' },
    {
      method: 'post',
      path: '/sources/preview',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                url: z.string().min(1),
                country: z.string().optional(),
                topics: z.array(z.string()).optional(),
              }),
            },
          },
        },
      },
      responses: {
        200: jsonResponse('the feed (title, format, items with tags), or the feeds a page offers', PreviewSchema),
        400: problemResponse('the body is not valid'),
        413: tooLarge,
        415: notJson,
        422: problemResponse('nothing to show: the reason (unreachable, blocked, not a feed, no feeds found)'),
        429: {
          ...problemResponse('too many previews this minute'),
          headers: { 'Retry-After': { schema: { type: 'string' } } },
        },
        503: readOnly,
      },
    },
    async (c) => {
      const body = await jsonBody(
        c,
        z.object({ url: z.string().min(1), country: z.string().optional(), topics: z.array(z.string()).optional() }),
      );
      if (!body.ok) return body.res;
      const wait = previewWait(kit, c);
      if (wait > 0) {
        const n = kit.deps.config.console.previews_per_minute;
        return problem(c, 429, `at most ${n} previews a minute: try again in ${wait} s`, {
          'Retry-After': String(wait),
        });
      }
      const { url, country, topics } = body.data;
      const outcome = await previewUrl(kit, url, { country, topics });
      if (!outcome.ok) return problem(c, 422, outcome.reason);
      return c.json(outcome.preview);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'sources:write', summary: 'reads an OPML file: each outline as new, duplicate or invalid; writes nothing' },
    {
      method: 'post',
      path: '/sources/opml/preview',
      request: { body: { required: true, content: { 'application/json': { schema: OpmlBody } } } },
      responses: {
        200: jsonResponse(
          'each outline and what importing it would do',
          z.object({ rows: z.array(OpmlRowSchema), version: z.string() }),
        ),
        400: problemResponse('not OPML, or the body is not valid'),
        413: tooLarge,
        415: notJson,
        503: readOnly,
      },
    },
    refusing(async (c) => {
      const body = await jsonBody(c, OpmlBody);
      if (!body.ok) return body.res;
      const version = listedSources(configDir).version;
      return c.json({ rows: previewOpml(configDir, body.data.opml).map(stripRow), version }, 200, { ETag: version });
    }),
  );

  apiRoute(
    api,
    kit,
    { need: 'sources:write', summary: 'adds the chosen new outlines of an OPML file as sources, in one edit' },
    {
      method: 'post',
      path: '/sources/opml/import',
      request: {
        headers: IfMatch,
        body: { required: true, content: { 'application/json': { schema: OpmlImportBody } } },
      },
      responses: {
        200: jsonResponse(
          'the sources added, and the chosen rows skipped with why',
          z.object({ ids: z.array(z.string()), skipped: z.array(OpmlRowSchema), version: z.string() }),
        ),
        400: problemResponse('not OPML, or the body is not valid'),
        412: stale,
        413: tooLarge,
        415: notJson,
        422: invalid,
        503: readOnly,
      },
    },
    refusing(async (c) => {
      const body = await jsonBody(c, OpmlImportBody);
      if (!body.ok) return body.res;
      const { opml, rows, country } = body.data;
      const edit = await importListedOpml(kit, c, opml, { rows, country }, ifMatch(c));
      return c.json({ ids: edit.result.ids, skipped: edit.result.skipped.map(stripRow), version: edit.version }, 200, {
        ETag: edit.version,
      });
    }),
  );

  apiRoute(
    api,
    kit,
    {
      need: 'sources:write',
      summary:
        'fetches every enabled source now, or the ones named (as `wireroom fetch --source`), as a background job',
    },
    {
      method: 'post',
      path: '/sources/fetch',
      request: {
        body: {
          required: false,
          content: { 'application/json': { schema: FetchBody } },
        },
      },
      responses: {
        202: jobAcceptedResponse,
        400: problemResponse('the body is not valid'),
        404: problemResponse('sources.yaml lists no source of that id'),
        409: problemResponse('sources.yaml is not in use'),
        415: notJson,
        503: readOnly,
      },
    },
    refusing(async (c) => {
      // The body is optional: without one every enabled source is fetched.
      const sources = (validJson<z.infer<typeof FetchBody> | undefined>(c) ?? {}).sources;
      return jobAccepted(c, await startFetch(kit, c, sources));
    }),
  );

  apiRoute(
    api,
    kit,
    { need: 'sources:write', summary: 'adds a source to sources.yaml (validated, comments kept; audited)' },
    {
      method: 'post',
      path: '/sources',
      request: {
        headers: IfMatch,
        body: { required: true, content: { 'application/json': { schema: NewSourceBody } } },
      },
      responses: {
        201: {
          ...jsonResponse('added: its id and the new version of sources.yaml', EditResultSchema),
          headers: { Location: { schema: { type: 'string' } }, ETag: { schema: { type: 'string' } } },
        },
        400: problemResponse('the body is not valid'),
        412: stale,
        413: tooLarge,
        415: notJson,
        422: invalid,
        503: readOnly,
      },
    },
    refusing(async (c) => {
      const body = await jsonBody(c, NewSourceBody);
      if (!body.ok) return body.res;
      const edit = await addListedSource(kit, c, body.data, ifMatch(c));
      const id = edit.result.id;
      return c.json({ id, version: edit.version }, 201, {
        Location: `/api/v1/sources/${encodeURIComponent(id)}`,
        ETag: edit.version,
      });
    }),
  );

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'one source: its health and recent fetch history' },
    {
      method: 'get',
      path: '/sources/{id}',
      request: { params: IdParam },
      responses: {
        200: { ...jsonResponse('the source', SourceDetailSchema), headers: { ETag: { schema: { type: 'string' } } } },
        404: problemResponse('sources.yaml lists no such source'),
      },
    },
    async (c) => {
      const id = c.req.param('id') ?? '';
      const detail = await sourceDetail(kit, id);
      if (!detail) return problem(c, 404, `no source "${id}" in sources.yaml`);
      return c.json({ ...detail, history: detail.history.map(stripLog) }, 200, { ETag: detail.version });
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'sources:write', summary: 'changes, enables or disables a source (If-Match; audited)' },
    {
      method: 'patch',
      path: '/sources/{id}',
      request: {
        params: IdParam,
        headers: IfMatch,
        body: { required: true, content: { 'application/json': { schema: SourcePatchBody } } },
      },
      responses: {
        200: {
          ...jsonResponse('changed: the new version of sources.yaml', EditResultSchema),
          headers: { ETag: { schema: { type: 'string' } } },
        },
        400: problemResponse('the body is not valid'),
        404: problemResponse('sources.yaml lists no such source'),
        412: stale,
        413: tooLarge,
        415: notJson,
        422: invalid,
        503: readOnly,
      },
    },
    refusing(async (c) => {
      const id = c.req.param('id') ?? '';
      const body = await jsonBody(c, SourcePatchBody);
      if (!body.ok) return body.res;
      const { enabled, ...fields } = body.data;
      const patch: SourcePatch = fields;
      let version: string | undefined;
      if (Object.keys(patch).length) version = (await updateListedSource(kit, c, id, patch, ifMatch(c))).version;
      // Enabling and disabling is its own audited action; after a field edit it expects that edit's version.
      if (enabled !== undefined)
        version = (await enableListedSource(kit, c, id, enabled, version ?? ifMatch(c))).version;
      version ??= listedSources(configDir).byId.has(id) ? listedSources(configDir).version : undefined;
      if (version === undefined) return problem(c, 404, `no source "${id}" in sources.yaml`);
      return c.json({ id, version }, 200, { ETag: version });
    }),
  );

  apiRoute(
    api,
    kit,
    { need: 'sources:write', summary: 'removes a source from sources.yaml (its stored entries stay until retention)' },
    {
      method: 'delete',
      path: '/sources/{id}',
      request: { params: IdParam, headers: IfMatch },
      responses: {
        204: { description: 'removed', headers: { ETag: { schema: { type: 'string' } } } },
        404: problemResponse('sources.yaml lists no such source'),
        412: stale,
        422: invalid,
        503: readOnly,
      },
    },
    refusing(async (c) => {
      const edit = await removeListedSource(kit, c, c.req.param('id') ?? '', ifMatch(c));
      return c.body(null, 204, { ETag: edit.version });
    }),
  );

  apiRoute(
    api,
    kit,
    { need: 'sources:write', summary: 'fetches one source now, due or not, as a background job' },
    {
      method: 'post',
      path: '/sources/{id}/fetch',
      request: { params: IdParam },
      responses: {
        202: jobAcceptedResponse,
        404: problemResponse('sources.yaml lists no such source'),
        409: problemResponse('the source is not in the config in use (sources.yaml does not validate)'),
        503: readOnly,
      },
    },
    refusing(async (c) => {
      return jobAccepted(c, await startFetch(kit, c, [c.req.param('id') ?? '']));
    }),
  );
}

/** The OPML export as a download (console and API). */
export async function opmlDownload(c: Context<AppEnv>, kit: Kit): Promise<Response> {
  return c.body(await opmlText(kit), 200, {
    'Content-Type': 'text/x-opml; charset=utf-8',
    'Content-Disposition': 'attachment; filename="sources.opml"',
  });
}

function stripRow<T extends object>(row: T): T {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as T;
}

function stripLog<T extends object>(row: T): T {
  return stripRow(row);
}
