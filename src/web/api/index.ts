// The JSON API under /api/v1/: every route is declared with zod schemas (one source for validation and for the
// OpenAPI 3.1 document served at /api/v1/openapi.json) and registered in the route table with the scope it needs.
import { OpenAPIHono, createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context, Hono } from 'hono';
import type { Kit } from '../kit.ts';
import { problem } from '../problem.ts';
import { API_PREFIX, type Method, type Need } from '../routes.ts';
import type { AppEnv } from '../types.ts';
import { ProblemSchema } from './schemas.ts';
import { registerClassifyApi } from './classify.ts';
import { registerMe } from './me.ts';
import { registerSourcesApi } from './sources.ts';
import { registerEntriesApi } from './entries.ts';
import { registerStoriesApi } from './stories.ts';
import { registerCollectionsApi } from './collections.ts';
import { registerTaxonomyApi } from './taxonomy.ts';
import { registerConfigApi } from './config.ts';
import { registerJobsApi } from './jobs.ts';
import { registerAdminApi } from './admin.ts';

export type Api = OpenAPIHono<AppEnv>;

/** The responses every guarded route may give besides its own. */
export const REFUSALS = {
  401: {
    description: 'no token, or an unknown, revoked or expired one',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  403: {
    description: "the token's scopes do not allow this",
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const;

/** Every route, public ones too, answers 503 until the first account exists, and a write 503 on `wireroom serve`. */
const UNAVAILABLE = 'no account exists yet (`wireroom users add`), or a write reached a read-only server';

/** The route's own 503 (no jobs here, say) keeps its words; the ones every route may give are added to it. */
function with503(responses: RouteConfig['responses']): RouteConfig['responses'] {
  const own = responses[503] as { description?: string } | undefined;
  const description = own?.description ? `${own.description}; or ${UNAVAILABLE}` : UNAVAILABLE;
  return { ...responses, 503: { description, content: { 'application/problem+json': { schema: ProblemSchema } } } };
}

export interface ApiRoute {
  need: Need;
  summary: string;
}

/**
 * Declares an API route: into the route table with what it needs, into the OpenAPI document, and onto the app
 * behind the guard. `path` uses OpenAPI's `{id}` form.
 */
export function apiRoute<R extends RouteConfig>(
  api: Api,
  kit: Kit,
  meta: ApiRoute,
  config: R,
  handler: (c: Context<AppEnv>) => Response | Promise<Response>,
): void {
  const method = config.method.toUpperCase() as Method;
  kit.table.add({
    surface: 'api',
    method,
    path: config.path.replace(/\{(\w+)\}/g, ':$1'),
    need: meta.need,
    summary: meta.summary,
  });
  const route = createRoute({
    ...config,
    summary: meta.summary,
    middleware: [kit.guard('api', method, meta.need)],
    ...(meta.need === 'public' ? {} : { security: [{ bearer: [] }] }),
    responses: with503({ ...(meta.need === 'public' ? {} : REFUSALS), ...config.responses }),
  });
  // The handler's typed response is checked by the tests against the document, not by the compiler here.
  api.openapi(route, handler as never);
}

export function registerApi(app: Hono<AppEnv>, kit: Kit): Api {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return undefined;
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return problem(c, 400, `${where}${issue?.message ?? 'invalid request'}`);
    },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from `wireroom tokens add` or the console (wr_...).',
  });
  registerMe(api, kit);
  registerClassifyApi(api, kit);
  registerSourcesApi(api, kit);
  registerEntriesApi(api, kit);
  registerStoriesApi(api, kit);
  registerCollectionsApi(api, kit);
  registerTaxonomyApi(api, kit);
  registerConfigApi(api, kit);
  registerJobsApi(api, kit);
  registerAdminApi(api, kit);

  kit.table.add({
    surface: 'api',
    method: 'GET',
    path: '/openapi.json',
    need: 'public',
    summary: 'this API, described in OpenAPI 3.1',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'wireroom API',
      version: '1',
      description: 'Sources, entries, tags, stories, collections and jobs of a wireroom.',
    },
    servers: [{ url: new URL(API_PREFIX, kit.deps.config.site.base_url).href }],
  });
  app.route(API_PREFIX, api as unknown as Hono<AppEnv>);
  return api;
}

export { z };
