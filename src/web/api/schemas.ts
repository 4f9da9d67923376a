// Schemas the API routes share: problems, paging, and who is calling.
import { z } from '@hono/zod-openapi';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
  })
  .openapi('Problem');

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

export const JobSchema = z
  .object({
    id: z.int(),
    kind: z.enum(['fetch', 'retag', 'export']),
    state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    progress: z.int(),
    total: z.int().nullable(),
    message: z.string().nullable(),
    createdBy: z.string(),
    origin: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    params: z.record(z.string(), z.unknown()),
    result: z.unknown(),
  })
  .openapi('Job');

/** The 202 a long action answers: the job to poll, and where. Use with `jobAccepted(c, job)` from ./jobs.ts. */
export const jobAcceptedResponse = {
  description: 'started as a background job: poll the Location',
  headers: { Location: { schema: { type: 'string' as const }, description: '/api/v1/jobs/{id}' } },
  content: { 'application/json': { schema: JobSchema } },
};
