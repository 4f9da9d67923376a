// API routes: stories (recent, with member counts), one story's members and why they are together (what `wireroom
// stories show` says), and editors' merges and splits through src/editor (the same audit rows as the CLI).
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { EditorStore } from '../../editor/index.ts';
import { actorOf } from '../actor.ts';
import type { Kit } from '../kit.ts';
import { problem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { encodeCursor, parsePaging, type Parsed } from './entries-query.ts';
import { editorStatus } from './entries.ts';
import { apiRoute, type Api } from './index.ts';
import { jsonResponse, problemResponse } from './schemas.ts';

const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 7 }),
});

const StorySummarySchema = z
  .object({
    id: z.int(),
    uid: z.string().openapi({ description: 'the published id (stays when sources join)' }),
    title: z.string().nullable().openapi({ description: "the representative entry's title" }),
    source: z.string().nullable(),
    representative: z.int().nullable(),
    members: z.int(),
    published: z.string(),
    updated: z.string(),
  })
  .openapi('StorySummary');

const StoryMemberSchema = z
  .object({
    entry: z.int(),
    title: z.string(),
    source: z.string(),
    link: z.string().nullable(),
    published: z.string(),
    method: z.enum(['founder', 'url', 'similarity', 'editor']),
    score: z.number().optional(),
    match: z.int().optional().openapi({ description: 'the entry it matched' }),
    representative: z.boolean(),
  })
  .openapi('StoryMember');

const StoryDetailSchema = z
  .object({
    id: z.int(),
    uid: z.string(),
    representative: z.int().nullable(),
    published: z.string(),
    created: z.string(),
    updated: z.string(),
    members: z.array(StoryMemberSchema),
    explanation: z.array(z.string()).openapi({ description: 'what `wireroom stories show` says' }),
  })
  .openapi('StoryDetail');

const MergeBody = z.object({ other: z.int().positive().openapi({ description: 'the story to merge into this one' }) });
const SplitBody = z.object({
  entries: z
    .array(z.int().positive())
    .min(1)
    .max(200)
    .openapi({ description: 'members to take out, each into a story of its own' }),
});

/** A story list's parameters: the paging of every list, and `min_members` (1 to 1000). */
type StoryQuery = Parameters<EditorStore['stories']['recent']>[0];

export function parseStoryQuery(given: Record<string, string | undefined>): Parsed<StoryQuery> {
  const paging = parsePaging(given);
  if (!paging.ok) return paging;
  const raw = given.min_members;
  if (raw === undefined || raw === '') return paging;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000)
    return { ok: false, param: 'min_members', reason: 'expected a whole number from 1 to 1000' };
  return { ok: true, value: { ...paging.value, minMembers: Number(raw) } };
}

type Reads = Pick<EditorStore, 'stories'>;

/** The member a story's decisions are made through: its representative, else its oldest member. */
export async function anchorEntry(store: Reads, storyId: number): Promise<number | undefined> {
  const story = await store.stories.story(storyId);
  if (!story) return undefined;
  return story.representativeEntryId ?? (await store.stories.members(storyId))[0]?.entryId;
}

export async function storyDetailJson(
  store: Pick<EditorStore, 'stories' | 'explainStory'>,
  storyId: number,
): Promise<z.infer<typeof StoryDetailSchema> | undefined> {
  const story = await store.stories.story(storyId);
  if (!story) return undefined;
  // One read of the members serves both the anchor (as anchorEntry picks it) and the list.
  const members = await store.stories.members(storyId);
  const anchor = story.representativeEntryId ?? members[0]?.entryId;
  if (anchor === undefined) return undefined;
  return {
    id: story.id,
    uid: story.uid,
    representative: story.representativeEntryId ?? null,
    published: story.publishedAt,
    created: story.createdAt,
    updated: story.updatedAt,
    members: members.map((m) => ({
      entry: m.entryId,
      title: m.title,
      source: m.sourceId,
      link: m.url ?? null,
      published: m.publishedAt,
      method: m.method,
      ...(m.score !== undefined ? { score: m.score } : {}),
      ...(m.matchEntryId !== undefined ? { match: m.matchEntryId } : {}),
      representative: m.representative,
    })),
    explanation: await store.explainStory(anchor),
  };
}

export function storyPageJson(page: Awaited<ReturnType<EditorStore['stories']['recent']>>) {
  return {
    items: page.stories.map((s) => ({
      id: s.id,
      uid: s.uid,
      title: s.title ?? null,
      source: s.sourceId ?? null,
      representative: s.representativeEntryId ?? null,
      members: s.members,
      published: s.publishedAt,
      updated: s.updatedAt,
    })),
    ...(page.next ? { next: encodeCursor(page.next) } : {}),
  };
}

/** Why a merge of two stories is refused, or undefined. */
export async function mergeRefusal(
  store: Reads,
  id: number,
  other: number,
): Promise<{ status: 400 | 404; detail: string } | undefined> {
  if (!(await store.stories.story(id))) return { status: 404, detail: `no story #${id}` };
  if (!(await store.stories.story(other))) return { status: 404, detail: `no story #${other}` };
  if (id === other) return { status: 400, detail: `a story cannot be merged with itself (#${id})` };
  return undefined;
}

/** Merges story `other` into story `id` (the older story survives): the surviving story's id, if both exist. */
export async function mergeStoryIds(
  kit: Kit,
  c: Context<AppEnv>,
  id: number,
  other: number,
): Promise<number | undefined> {
  const { store, config } = kit.deps;
  const a = await anchorEntry(store, id);
  const b = await anchorEntry(store, other);
  if (a === undefined || b === undefined) return undefined;
  return (await store.mergeStories(actorOf(c), a, b, config.sources, kit.deps.now?.())).storyId;
}

const storyEditQueues = new WeakMap<Kit, Promise<unknown>>();

/**
 * Runs a story edit with its checks after the edits this server began before it: a check and the edit it allows
 * are not split by another edit (two splits of one entry sent at once: the second is refused, not done twice).
 */
export function oneStoryEditAtATime<T>(kit: Kit, edit: () => Promise<T>): Promise<T> {
  const before = storyEditQueues.get(kit) ?? Promise.resolve();
  const run = before.then(edit, edit);
  storyEditQueues.set(
    kit,
    run.catch(() => undefined),
  );
  return run;
}

/** Why splitting these entries out of story `id` is refused, or undefined. */
export async function splitRefusal(
  store: Reads,
  id: number,
  entries: number[],
): Promise<{ status: 400 | 404; detail: string } | undefined> {
  if (!(await store.stories.story(id))) return { status: 404, detail: `no story #${id}` };
  const members = new Set((await store.stories.members(id)).map((m) => m.entryId));
  const stranger = entries.find((e) => !members.has(e));
  if (stranger !== undefined) return { status: 400, detail: `entry #${stranger} is not a member of story #${id}` };
  return undefined;
}

/**
 * Gives each entry its own story again (never re-joined automatically); returns entry -> its new story. One split at
 * a time, in the order given, as the synchronous loop did: each is its own audited change.
 */
export async function splitEntries(
  kit: Kit,
  c: Context<AppEnv>,
  entries: number[],
): Promise<{ entry: number; story: number }[]> {
  const { store, config } = kit.deps;
  const out: { entry: number; story: number }[] = [];
  for (const entry of new Set(entries)) {
    const done = await store.splitStory(actorOf(c), entry, config.sources, kit.deps.now?.());
    out.push({ entry, story: done.storyId });
  }
  return out;
}

export function registerStoriesApi(api: Api, kit: Kit): void {
  const { store } = kit.deps;
  const writeResponses = {
    400: problemResponse('the request is not valid'),
    404: problemResponse('no such story'),
    413: problemResponse('the body is too large'),
    415: problemResponse('the body is not JSON'),
    503: problemResponse('this server is read-only'),
  };
  const refused = (c: Context<AppEnv>, err: unknown) => {
    const status = editorStatus(err);
    if (status) return problem(c, status, (err as Error).message);
    throw err;
  };

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'stories, newest first, with how many entries each has' },
    {
      method: 'get',
      path: '/stories',
      request: {
        query: z.object({
          before: z.string().optional().openapi({ description: 'paging token: the `next` of the previous page' }),
          limit: z.string().optional().openapi({ description: 'items per page, 1 to 200 (default 50)' }),
          min_members: z.string().optional().openapi({
            description:
              'only stories with at least this many entries; a page may then be short, with `next` to read on',
          }),
        }),
      },
      responses: {
        200: jsonResponse(
          'one page of stories',
          z.object({ items: z.array(StorySummarySchema), next: z.string().optional() }).openapi('StoryPage'),
        ),
        400: problemResponse('a parameter is not valid'),
      },
    },
    async (c) => {
      const query = parseStoryQuery({
        limit: c.req.query('limit'),
        before: c.req.query('before'),
        min_members: c.req.query('min_members'),
      });
      if (!query.ok) return problem(c, 400, `${query.param}: ${query.reason}`);
      return c.json(storyPageJson(await store.stories.recent(query.value)));
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'one story: its members and why they are together' },
    {
      method: 'get',
      path: '/stories/{id}',
      request: { params: IdParam },
      responses: {
        200: jsonResponse('the story', StoryDetailSchema),
        400: problemResponse('the id is not a whole number'),
        404: problemResponse('no such story'),
      },
    },
    async (c) => {
      const story = await storyDetailJson(store, Number(c.req.param('id')));
      return story ? c.json(story) : problem(c, 404, `no story #${c.req.param('id')}`);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'stories:write', summary: 'merges another story into this one (the older keeps its id; audited)' },
    {
      method: 'post',
      path: '/stories/{id}/merge',
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: MergeBody } } } },
      responses: { 200: jsonResponse('the merged story', StoryDetailSchema), ...writeResponses },
    },
    async (c) => {
      const body = MergeBody.safeParse(await c.req.json().catch(() => undefined));
      if (!body.success) return problem(c, 400, 'expected a JSON body {other: story id}');
      const id = Number(c.req.param('id'));
      return oneStoryEditAtATime(kit, async () => {
        const refusal = await mergeRefusal(store, id, body.data.other);
        if (refusal) return problem(c, refusal.status, refusal.detail);
        try {
          const kept = await mergeStoryIds(kit, c, id, body.data.other);
          const story = kept === undefined ? undefined : await storyDetailJson(store, kept);
          return story ? c.json(story) : problem(c, 404, `no story #${id}`);
        } catch (err) {
          return refused(c, err);
        }
      });
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'stories:write', summary: 'takes entries out of the story, each into its own (kept on ingest; audited)' },
    {
      method: 'post',
      path: '/stories/{id}/split',
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: SplitBody } } } },
      responses: {
        200: jsonResponse(
          'the story as it is now (null when nobody is left in it) and where each entry went',
          z
            .object({
              story: StoryDetailSchema.nullable(),
              split: z.array(z.object({ entry: z.int(), story: z.int() })),
            })
            .openapi('StorySplit'),
        ),
        ...writeResponses,
      },
    },
    async (c) => {
      const body = SplitBody.safeParse(await c.req.json().catch(() => undefined));
      if (!body.success) return problem(c, 400, 'expected a JSON body {entries: [entry ids]}');
      const id = Number(c.req.param('id'));
      return oneStoryEditAtATime(kit, async () => {
        const refusal = await splitRefusal(store, id, body.data.entries);
        if (refusal) return problem(c, refusal.status, refusal.detail);
        try {
          const split = await splitEntries(kit, c, body.data.entries);
          return c.json({ story: (await storyDetailJson(store, id)) ?? null, split });
        } catch (err) {
          return refused(c, err);
        }
      });
    },
  );
}
