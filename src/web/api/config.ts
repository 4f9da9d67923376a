// API routes: the config folder. The problems `wireroom check` reports (read); the static export into
// publish.export_dir as a job (admin: publishing is theirs); wireroom.yaml itself (admin), read with its version
// as ETag and written with If-Match (412 when stale) after the same check (422 naming file:line: field: reason).
import { z } from '@hono/zod-openapi';
import { checkConfigDir } from '../../editor/index.ts';
import { actorOf } from '../actor.ts';
import { readMainConfig, saveMainConfig, shownProblems } from '../console/config-model.ts';
import type { Kit } from '../kit.ts';
import { ifMatch, validJson } from './collections.ts';
import { apiRoute, type Api } from './index.ts';
import { startJob } from './jobs.ts';
import { jobAcceptedResponse, jsonResponse, problemResponse } from './schemas.ts';

const ConfigProblemSchema = z
  .object({
    file: z.string().openapi({ example: 'config/collections.yaml' }),
    line: z.int().optional(),
    field: z.string(),
    reason: z.string(),
    text: z.string().openapi({ description: 'as `wireroom check` prints it: file:line: field: reason' }),
  })
  .openapi('ConfigProblem');

const MainConfigSchema = z.object({ file: z.string(), version: z.string(), text: z.string() }).openapi('MainConfig');

const IfMatch = z.object({ 'if-match': z.string().optional() });

export function registerConfigApi(api: Api, kit: Kit): void {
  const dir = () => kit.deps.config.dir;

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'the problems `wireroom check` finds in the config folder' },
    {
      method: 'get',
      path: '/config/problems',
      responses: {
        200: jsonResponse(
          'every problem (none: the folder is usable)',
          z.object({ problems: z.array(ConfigProblemSchema) }),
        ),
      },
    },
    (c) => c.json({ problems: shownProblems(dir(), checkConfigDir(dir())) }),
  );

  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'write the static site into publish.export_dir, as a background job' },
    {
      method: 'post',
      path: '/export',
      request: {
        body: {
          required: false,
          content: {
            'application/json': {
              schema: z
                .object({
                  pages: z
                    .int()
                    .min(1)
                    .optional()
                    .openapi({ description: 'pages per feed (default: as publish does)' }),
                })
                .strict(),
            },
          },
        },
      },
      responses: {
        202: jobAcceptedResponse,
        400: problemResponse('the request is not an export'),
        503: problemResponse('this server runs no background jobs'),
      },
    },
    (c) => {
      const pages = (validJson<{ pages?: number } | undefined>(c) ?? {}).pages;
      return startJob(c, kit, 'export', pages ? { pages } : {});
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'wireroom.yaml as it is now' },
    {
      method: 'get',
      path: '/config/main',
      responses: { 200: jsonResponse('the file, and its version (also the ETag)', MainConfigSchema) },
    },
    (c) => {
      const main = readMainConfig(dir());
      c.header('ETag', main.version);
      return c.json(main);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'replace wireroom.yaml, checked like `wireroom check` first' },
    {
      method: 'put',
      path: '/config/main',
      request: {
        headers: IfMatch,
        body: { required: true, content: { 'application/json': { schema: z.object({ text: z.string() }).strict() } } },
      },
      responses: {
        200: jsonResponse('saved; ETag is the new version', MainConfigSchema),
        400: problemResponse('the body is not {text}'),
        412: problemResponse('wireroom.yaml changed since the If-Match version'),
        422: problemResponse('the text would add problems: file:line: field: reason'),
      },
    },
    async (c) => {
      const { text } = validJson<{ text: string }>(c);
      const done = await saveMainConfig(kit.deps.store, actorOf(c), dir(), text, ifMatch(c));
      c.header('ETag', done.version);
      return c.json(readMainConfig(dir()));
    },
  );
}
