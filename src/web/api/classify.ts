// POST /api/v1/classify: `wireroom classify` for one text: its tags as ingest would give them, with reasons.
import { z } from '@hono/zod-openapi';
import { confidenceOf } from '../../tag/index.ts';
import type { Kit } from '../kit.ts';
import { taggerFor } from '../taxonomy-cache.ts';
import { apiRoute, type Api } from './index.ts';
import { jsonResponse, problemResponse } from './schemas.ts';

const Text = z.string().max(20_000);
const ClassifyRequest = z
  .object({ title: Text, summary: Text.optional(), content: Text.optional(), language: z.string().max(10).optional() })
  .openapi('ClassifyRequest');
const ClassifiedTag = z
  .object({
    kind: z.enum(['country', 'region', 'topic']),
    value: z.string(),
    role: z.enum(['focus', 'mention']).nullable(),
    score: z.number(),
    confidence: z.string().nullable(),
    reason: z.object({ rule: z.string(), match: z.string().nullable(), field: z.string().nullable() }),
  })
  .openapi('ClassifiedTag');

export function registerClassifyApi(api: Api, kit: Kit): void {
  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'tags a text as ingest would (nothing is stored), with the reason for each tag' },
    {
      method: 'post',
      path: '/classify',
      request: { body: { content: { 'application/json': { schema: ClassifyRequest } }, required: true } },
      responses: {
        200: jsonResponse('the tags', z.object({ tags: z.array(ClassifiedTag) })),
        400: problemResponse('not a text to tag'),
        415: problemResponse('the body is not JSON'),
      },
    },
    async (c) => {
      const input = (await c.req.json()) as z.infer<typeof ClassifyRequest>;
      const tags = taggerFor(kit.deps.config.dir).tag(input);
      return c.json({
        tags: tags.map((t) => ({
          kind: t.kind,
          value: t.value,
          role: t.role ?? null,
          score: t.score,
          confidence: confidenceOf(t) ?? null,
          reason: { rule: t.reason.rule, match: t.reason.match ?? null, field: t.reason.field ?? null },
        })),
      });
    },
  );
}
