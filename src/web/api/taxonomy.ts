// API routes: taxonomy. Topics (topics.yaml) and country aliases (countries.yaml) through the editor stage, with the
// file's version as ETag / If-Match (412 when stale); the dry run of a candidate (which recent entries would gain or
// lose which tags, nothing written); and the retag job that applies a saved change to stored entries (202).
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { listCountryAliases, listTopics, type TopicPatch, type TopicSpec } from '../../editor/index.ts';
import { actorOf } from '../actor.ts';
import { aliasTargetOf, dryRun, saveTaxonomyChange, type TaxonomyChange } from '../console/taxonomy-model.ts';
import type { Kit } from '../kit.ts';
import { problem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { ifMatch, notFoundOr, validJson } from './collections.ts';
import { apiRoute, type Api } from './index.ts';
import { startJob } from './jobs.ts';
import { jobAcceptedResponse, jsonResponse, problemResponse } from './schemas.ts';

const Words = z.array(z.string());
const PerLanguage = z
  .record(z.string(), Words)
  .openapi({ description: 'word lists by language code', example: { en: ['strike'] } });

const TopicFields = {
  label: z.string().min(1),
  keywords: PerLanguage,
  weak: PerLanguage,
  exclude: z.union([Words, PerLanguage]),
  patterns: Words,
  categories: Words,
};

const TopicSchema = z
  .object({
    slug: z.string(),
    label: z.string(),
    keywords: PerLanguage.optional(),
    weak: PerLanguage.optional(),
    exclude: TopicFields.exclude.optional(),
    patterns: Words.optional(),
    categories: Words.optional(),
  })
  .openapi('Topic');

/** Every field of a topic but its slug, each optional. */
const OptionalTopicFields = z.object(TopicFields).partial();

const TopicPatchSchema = OptionalTopicFields.strict().openapi('TopicPatch', {
  description: 'the fields to replace; a field left out stays as written',
});

const NewTopicSchema = OptionalTopicFields.extend({
  slug: z.string().min(1).openapi({ description: 'lower case letters, digits and dashes', example: 'wildlife' }),
  label: TopicFields.label,
})
  .strict()
  .openapi('NewTopic');

const AliasSchema = z
  .object({
    name: z.string(),
    country: z.string().optional(),
    region: z.string().optional(),
    context: z.boolean().optional(),
    langs: z.array(z.string()).optional(),
  })
  .openapi('CountryAlias');

const TagSchema = z
  .object({
    kind: z.string(),
    value: z.string(),
    score: z.number(),
    role: z.enum(['focus', 'mention']).optional(),
    reason: z.object({ rule: z.string(), match: z.string().optional(), field: z.string().optional() }),
  })
  .openapi('Tag');

const RulesDiffSchema = z
  .object({
    checked: z.int(),
    changed: z.array(
      z.object({
        entryId: z.int(),
        title: z.string(),
        sourceId: z.string(),
        publishedAt: z.string(),
        gained: z.array(TagSchema),
        lost: z.array(TagSchema),
      }),
    ),
  })
  .openapi('RulesDiff');

const DryRunSchema = z
  .object({
    topics: z.string().optional().openapi({ description: 'a whole candidate topics.yaml' }),
    countries: z.string().optional().openapi({ description: 'a whole candidate countries.yaml' }),
    topic: TopicPatchSchema.extend({ slug: z.string() })
      .optional()
      .openapi({ description: "a change to one topic's fields, tried on the saved topics.yaml" }),
    addTopic: NewTopicSchema.optional().openapi({ description: 'a new topic, tried on the saved topics.yaml' }),
    removeTopic: z.string().optional().openapi({ description: "a topic's slug: what removing it would untag" }),
    since: z
      .string()
      .refine((v) => !Number.isNaN(Date.parse(v)), 'expected a date or time such as 2024-01-31')
      .optional()
      .openapi({ description: 'only entries published since (ISO 8601)' }),
    limit: z.int().min(1).max(100_000).optional().openapi({ description: 'how many recent entries (default 500)' }),
  })
  .strict()
  .openapi('DryRunRequest');

const SlugParam = z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'strikes' }) });
const CodeParam = z.object({
  code: z.string().openapi({ param: { name: 'code', in: 'path' }, description: 'ISO country code or region slug' }),
});
const IfMatch = z.object({ 'if-match': z.string().optional() });

const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

const STALE = (file: string) => problemResponse(`${file} changed since the If-Match version`);
const INVALID = problemResponse('the change would make the config invalid: file:line: field: reason');

export function registerTaxonomyApi(api: Api, kit: Kit): void {
  const { store } = kit.deps;
  const dir = () => kit.deps.config.dir;
  const save = async (c: Context<AppEnv>, change: TaxonomyChange) => {
    try {
      const done = await saveTaxonomyChange(store, actorOf(c), dir(), change, ifMatch(c));
      c.header('ETag', done.version);
      return done;
    } catch (err) {
      return notFoundOr(c, err);
    }
  };
  const aliasesOf = (code: string) => {
    const { version, aliases } = listCountryAliases(dir());
    const t = aliasTargetOf(code);
    return { version, aliases: aliases.filter((a) => (t.country ? a.country === t.country : a.region === t.region)) };
  };

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'the topics of topics.yaml, as written' },
    {
      method: 'get',
      path: '/taxonomy/topics',
      responses: {
        200: jsonResponse(
          'the topics and the file version (also the ETag)',
          z.object({ version: z.string(), topics: z.array(TopicSchema) }),
        ),
      },
    },
    (c) => {
      const listed = listTopics(dir());
      c.header('ETag', listed.version);
      return c.json(listed);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'tags:write', summary: "replace some of a topic's fields (keywords, label...); comments in the file stay" },
    {
      method: 'put',
      path: '/taxonomy/topics/{slug}',
      request: { params: SlugParam, headers: IfMatch, body: jsonBody(TopicPatchSchema) },
      responses: {
        200: jsonResponse('saved; ETag is the new file version', z.object({ version: z.string(), topic: TopicSchema })),
        400: problemResponse('the body is not a topic patch'),
        404: problemResponse('no such topic'),
        412: STALE('topics.yaml'),
        422: INVALID,
      },
    },
    async (c) => {
      const slug = c.req.param('slug') ?? '';
      const done = await save(c, { kind: 'topic', slug, patch: validJson<TopicPatch>(c) });
      if (done instanceof Response) return done;
      const topic = listTopics(dir()).topics.find((t) => t.slug === slug);
      return c.json({ version: done.version, topic });
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'tags:write', summary: 'add a topic at the end of topics.yaml; its slug must be new' },
    {
      method: 'post',
      path: '/taxonomy/topics',
      request: { headers: IfMatch, body: jsonBody(NewTopicSchema) },
      responses: {
        201: jsonResponse('added; ETag is the new file version', z.object({ version: z.string(), topic: TopicSchema })),
        400: problemResponse('the body is not a topic'),
        412: STALE('topics.yaml'),
        422: problemResponse('a duplicate slug, or the topic would make the config invalid: file:line: field: reason'),
      },
    },
    async (c) => {
      const topic = validJson<TopicSpec>(c);
      const done = await save(c, { kind: 'add-topic', topic });
      if (done instanceof Response) return done;
      return c.json({ version: done.version, topic: listTopics(dir()).topics.find((t) => t.slug === topic.slug) }, 201);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'tags:write', summary: 'remove a topic from topics.yaml (stored entries keep it until retagged)' },
    {
      method: 'delete',
      path: '/taxonomy/topics/{slug}',
      request: { params: SlugParam, headers: IfMatch },
      responses: {
        204: { description: 'removed; ETag is the new file version' },
        404: problemResponse('no such topic'),
        412: STALE('topics.yaml'),
        422: problemResponse(
          'the config would be invalid without it (a collection names it): file:line: field: reason',
        ),
      },
    },
    async (c) => {
      const done = await save(c, { kind: 'remove-topic', slug: c.req.param('slug') ?? '' });
      if (done instanceof Response) return done;
      return c.body(null, 204);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'the aliases of countries.yaml that point at a country (or region)' },
    {
      method: 'get',
      path: '/taxonomy/countries/{code}/aliases',
      request: { params: CodeParam },
      responses: {
        200: jsonResponse(
          "the aliases and countries.yaml's version (also the ETag)",
          z.object({ version: z.string(), aliases: z.array(AliasSchema) }),
        ),
      },
    },
    (c) => {
      const listed = aliasesOf(c.req.param('code') ?? '');
      c.header('ETag', listed.version);
      return c.json(listed);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'tags:write', summary: 'add an alias for a country (or region) to countries.yaml' },
    {
      method: 'post',
      path: '/taxonomy/countries/{code}/aliases',
      request: {
        params: CodeParam,
        headers: IfMatch,
        body: jsonBody(z.object({ name: z.string().trim().min(1), context: z.boolean().optional() }).strict()),
      },
      responses: {
        201: jsonResponse('added; ETag is the new file version', z.object({ version: z.string(), alias: AliasSchema })),
        400: problemResponse('the body is not an alias'),
        412: STALE('countries.yaml'),
        422: INVALID,
      },
    },
    async (c) => {
      const body = validJson<{ name: string; context?: boolean }>(c);
      const alias = {
        name: body.name,
        ...aliasTargetOf(c.req.param('code') ?? ''),
        ...(body.context ? { context: true } : {}),
      };
      const done = await save(c, { kind: 'add-alias', alias });
      if (done instanceof Response) return done;
      return c.json({ version: done.version, alias }, 201);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'tags:write', summary: 'remove an alias of a country (or region) from countries.yaml' },
    {
      method: 'delete',
      path: '/taxonomy/countries/{code}/aliases',
      request: {
        params: CodeParam,
        headers: IfMatch,
        query: z.object({ name: z.string().min(1).openapi({ description: 'the alias to remove' }) }),
      },
      responses: {
        204: { description: 'removed; ETag is the new file version' },
        400: problemResponse('no name given'),
        404: problemResponse('no such alias'),
        412: STALE('countries.yaml'),
        422: INVALID,
      },
    },
    async (c) => {
      const t = aliasTargetOf(c.req.param('code') ?? '');
      const done = await save(c, {
        kind: 'remove-alias',
        name: c.req.query('name') ?? '',
        target: t.country ?? t.region,
      });
      if (done instanceof Response) return done;
      return c.body(null, 204);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'which recent entries a taxonomy change would tag or untag; nothing is written' },
    {
      method: 'post',
      path: '/taxonomy/dry-run',
      request: { body: jsonBody(DryRunSchema) },
      responses: {
        200: jsonResponse(
          'the entries that would change, newest first, with the tags gained and lost',
          RulesDiffSchema,
        ),
        400: problemResponse('the body is not a dry-run request'),
        404: problemResponse('no such topic'),
        422: problemResponse('the candidate is not a valid taxonomy: file:line: field: reason'),
      },
    },
    async (c) => {
      const body = validJson<z.infer<typeof DryRunSchema>>(c);
      const given = [body.topic, body.addTopic, body.removeTopic, body.topics].filter((v) => v !== undefined);
      if (given.length > 1)
        return problem(c, 400, 'give one of topic, addTopic, removeTopic (a change) or topics (a whole file)');
      try {
        // Stored dates are ISO 8601 in UTC and compared as text: the given one is made so too.
        const since = body.since === undefined ? undefined : new Date(Date.parse(body.since)).toISOString();
        return c.json(await dryRun(store, dir(), dryRunChange(body), { since, limit: body.limit }));
      } catch (err) {
        return notFoundOr(c, err);
      }
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'tags:write', summary: 'retag stored entries with the saved taxonomy, as a background job' },
    {
      method: 'post',
      path: '/retag',
      request: {
        body: {
          required: false,
          content: {
            'application/json': {
              schema: z
                .object({
                  since: z.string().optional().openapi({ description: 'only entries published since' }),
                  all: z.boolean().optional().openapi({
                    description: 'every entry, not only those the edits since the last retag can change',
                  }),
                })
                .strict(),
            },
          },
        },
      },
      responses: {
        202: jobAcceptedResponse,
        400: problemResponse('the request is not a retag (a bad date...)'),
        503: problemResponse('this server runs no background jobs'),
      },
    },
    (c) => {
      // The body is optional: without one (or without JSON) the entries the edits since the last retag can change are
      // retagged, on either database.
      const { since, all } = validJson<{ since?: string; all?: boolean } | undefined>(c) ?? {};
      return startJob(c, kit, 'retag', { ...(since ? { since } : {}), ...(all ? { all } : {}) });
    },
  );
}

/** The change a dry-run body names, or its whole candidate files. */
function dryRunChange(body: z.infer<typeof DryRunSchema>): TaxonomyChange | { topics?: string; countries?: string } {
  if (body.topic) {
    const { slug, ...patch } = body.topic;
    return { kind: 'topic', slug, patch };
  }
  if (body.addTopic) return { kind: 'add-topic', topic: body.addTopic };
  if (body.removeTopic !== undefined) return { kind: 'remove-topic', slug: body.removeTopic };
  return { topics: body.topics, countries: body.countries };
}
