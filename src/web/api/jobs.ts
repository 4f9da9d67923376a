// API routes: background jobs (fetch now, retag, export) — list, poll, cancel — and the 202 every long action answers.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Kit } from '../kit.ts';
import { problem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import type { JobKind, JobParams, JobRecord } from '../jobs.ts';
import { actorOf } from '../actor.ts';
import { apiRoute, type Api } from './index.ts';
import { JobSchema, jsonResponse, problemResponse } from './schemas.ts';

/** A job as the API shows it. */
export function jobJson(job: JobRecord): z.infer<typeof JobSchema> {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progress: job.progress,
    total: job.total,
    message: job.message,
    createdBy: job.createdBy,
    origin: job.origin,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    params: job.params,
    result: job.result ?? null,
  };
}

/** 202 Accepted with the job and its Location. */
export function jobAccepted(c: Context<AppEnv>, job: JobRecord): Response {
  return c.json(jobJson(job), 202, { Location: `/api/v1/jobs/${job.id}` });
}

/** 503 when this server runs no jobs (`wireroom serve`, read-only, on either database). */
export function noJobs(c: Context<AppEnv>): Response {
  return problem(
    c,
    503,
    'this server runs no background jobs (wireroom serve is read-only): use the one beside the worker',
  );
}

/** Starts a long action for an API request: 202 with its job, or 503 where no jobs run (a refused request: 400). */
export async function startJob<K extends JobKind>(
  c: Context<AppEnv>,
  kit: Kit,
  kind: K,
  params: JobParams[K],
): Promise<Response> {
  if (!kit.deps.jobs) return noJobs(c);
  return jobAccepted(c, await kit.deps.jobs.start(kind, params, actorOf(c)));
}

const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export function registerJobsApi(api: Api, kit: Kit): void {
  const { store } = kit.deps;
  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'recent background jobs, newest first' },
    {
      method: 'get',
      path: '/jobs',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: jsonResponse('jobs', z.object({ items: z.array(JobSchema) })) },
    },
    async (c) => {
      const limit = Number(c.req.query('limit') ?? 50);
      return c.json({ items: (await store.jobs.list({ limit })).map(jobJson) });
    },
  );
  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'one job: state, progress, result' },
    {
      method: 'get',
      path: '/jobs/{id}',
      request: { params: IdParam },
      responses: { 200: jsonResponse('the job', JobSchema), 404: problemResponse('no such job') },
    },
    async (c) => {
      const job = await store.jobs.get(Number(c.req.param('id')));
      return job ? c.json(jobJson(job)) : problem(c, 404, `no job #${c.req.param('id')}`);
    },
  );
  apiRoute(
    api,
    kit,
    { need: 'sources:write', summary: 'asks a running job to stop (a fetch stops between sources)' },
    {
      method: 'post',
      path: '/jobs/{id}/cancel',
      request: { params: IdParam },
      responses: {
        200: jsonResponse('the job as it is now', JobSchema),
        404: problemResponse('no such job'),
        503: problemResponse('this server runs no jobs'),
      },
    },
    async (c) => {
      if (!kit.deps.jobs) return noJobs(c);
      const job = await kit.deps.jobs.cancel(Number(c.req.param('id')));
      return job ? c.json(jobJson(job)) : problem(c, 404, `no job #${c.req.param('id')}`);
    },
  );
}
