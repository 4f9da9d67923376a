// The EditorStore on PostgreSQL (issue #15): the console's and API's reads, answered as the SQLite repositories
// answer them (src/store/pg), and the newsroom's changes (newsroom.ts) with the same checks, errors, results and
// audit rows, each in one transaction. The CLI's `tag` and `stories merge/split` on PostgreSQL run through here too.
import type { Actor } from '../auth/index.ts';
import { explainStory, storyRules, storySettings } from '../dedup/index.ts';
import type { PgStore, StoryEdited, StoryEditMissing } from '../store/index.ts';
import type { SourceConfig } from '../types.ts';
import type { EditorStore } from './editor-store.ts';
import {
  fileEditAudit,
  formatTag,
  InvalidEditError,
  storyMergeAudit,
  storySplitAudit,
  tagCorrectionAudit,
  type StoryChange,
  type TagChange,
  type TagCorrection,
} from './newsroom.ts';
import { rulesDiff } from './rules.ts';
import { NotFoundError } from './write.ts';

/** newsroom.ts's errors for an entry that is not stored, or has no story yet. */
function storyChange(done: StoryEdited | StoryEditMissing): StoryChange {
  if ('missing' in done)
    throw new NotFoundError(done.entryExists ? `entry #${done.missing} has no story yet` : `no entry #${done.missing}`);
  return { storyId: done.storyId, storyUid: done.storyUid, auditId: done.auditId };
}

const rulesOf = (sources: readonly SourceConfig[]) => storyRules(storySettings(sources).priorities);

/** `readonly` defaults to how the store was opened (`wireroom serve` opens it read-only). */
export function pgEditorStore(pg: PgStore, opts: { readonly?: boolean } = {}): EditorStore {
  const { reads, console: consoleReads, feeds, entryPages } = pg;
  const jobs = pg.jobs;
  return {
    kind: 'postgres',
    readonly: opts.readonly ?? pg.readOnly,
    accounts: pg.accounts,
    // The accounts tables bump no counter on PostgreSQL: nothing read from them is kept between requests.
    accountsVersion: () => Promise.resolve(undefined),
    entries: {
      get: (id) => reads.entry(id),
      countsBySource: () => reads.countsBySource(),
    },
    tags: {
      list: (entryId) => reads.tags(entryId),
      overrides: (entryId) => reads.overrides(entryId),
    },
    sources: {
      list: () => pg.sources.list(),
      get: (id) => pg.sources.get(id),
      infos: () => feeds.sourceInfos(),
      failingSince: (id) => consoleReads.failingSince(id),
      entryCount: (id) => consoleReads.entryCount(id),
    },
    fetchLog: {
      recent: (sourceId, limit) => pg.fetchLog.recent(sourceId, limit),
    },
    stories: {
      story: (storyId) => consoleReads.story(storyId),
      members: (storyId) => consoleReads.members(storyId),
      recent: (q) => consoleReads.recent(q),
    },
    feeds: {
      dataVersion: () => feeds.dataVersion(),
      page: (filter, q) => feeds.page(filter, q),
      entryPage: (filter, q) => entryPages.entryPage(filter, q),
      reviewPage: (q) => entryPages.reviewPage(q),
    },
    // No temp table to fill on a pool: the list goes with each page's query (dashboard.ts).
    sourcesDashboard: (_listedKey, listed, query) => pg.dashboardPage(listed, query),
    jobs: {
      list: (q) => jobs.list(q),
      get: (id) => jobs.get(id),
    },

    async explainStory(entryId) {
      const explanation = await reads.story(entryId);
      return explainStory({ stories: { explain: () => explanation } }, entryId);
    },

    async correctTag(actor, entryId, changes, o = {}): Promise<TagCorrection> {
      if (changes.length === 0) throw new InvalidEditError('no tag change given');
      const at = (o.now ?? new Date()).toISOString();
      const unknownTopics = changes
        .filter((c) => c.kind === 'topic' && o.knownTopics && !o.knownTopics.has(c.value))
        .map((c) => c.value);
      const format = (tags: readonly Parameters<typeof formatTag>[0][]) => tags.map((t) => formatTag(t));
      const done = await pg.correctTags(entryId, changes, at, (c) =>
        tagCorrectionAudit(actor, at, {
          entryId,
          entryIds: c.entryIds,
          before: format(c.before),
          after: format(c.after),
          changes,
        }),
      );
      if (!done) throw new NotFoundError(`no entry #${entryId}`);
      return {
        entryId,
        entryIds: done.entryIds,
        changes: [...changes] as TagChange[],
        unknownTopics,
        before: format(done.before),
        after: format(done.after),
        auditId: done.auditId,
      };
    },

    async mergeStories(actor: Actor, entryA, entryB, sources, now = new Date()) {
      if (entryA === entryB) throw new InvalidEditError(`give two different entries (got #${entryA} twice)`);
      const at = now.toISOString();
      const done = await pg.mergeStories(entryA, entryB, at, rulesOf(sources), (before, uid) =>
        storyMergeAudit(actor, at, { entryA, entryB, before, uid }),
      );
      return storyChange(done);
    },

    async splitStory(actor, entryId, sources, now = new Date()) {
      const at = now.toISOString();
      const done = await pg.splitStory(entryId, at, rulesOf(sources), (before, uid) =>
        storySplitAudit(actor, at, { entryId, before, uid }),
      );
      return storyChange(done);
    },

    auditFileEdit: (actor, edit, now) => pg.accounts.audit.add(fileEditAudit(actor, edit, now)),

    async rulesDiff(configDir, candidate, q = {}) {
      const view = await pg.tagView({ since: q.since, limit: q.limit ?? 500 });
      return rulesDiff(view, configDir, candidate, q);
    },
  };
}
