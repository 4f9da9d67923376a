// The worker's cycle on either store (issue #15), so a worker test is written once: on SQLite a project runs
// runCycle over its database file; on PostgreSQL it runs runFleetCycle, as one worker, over a fresh database on a real
// server (one server per test file, a database per project). Either way the test reads back what was stored
// (entries, sources' fetch state, the fetch log, stories) through the same asynchronous calls.
import path from 'node:path';
import { loadConfig, type WireroomConfig } from '../../src/config/index.ts';
import { createPgStoryAssigner, storyRules, storySettings, type PgStoryAssigner } from '../../src/dedup/index.ts';
import {
  openStore,
  type FetchLogRecord,
  type SourceState,
  type StoredEntry,
  type Store,
} from '../../src/store/index.ts';
import { rowToEntry } from '../../src/store/entries.ts';
import type { StoryExplanation } from '../../src/store/stories.ts';
import type { PgStore } from '../../src/store/pg/index.ts';
import {
  createPreparer,
  createWorkerDeps,
  runCycle,
  sqliteJobHost,
  startWorker,
  type CycleReport,
  type JobHost,
  type Logger,
  type Worker,
  type WorkerDeps,
} from '../../src/worker/index.ts';
import { loadTaxonomy } from '../../src/tag/index.ts';
import type { Tag } from '../../src/types.ts';
import { pgJobHost } from '../../src/worker/jobs-pg.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from './postgres.ts';
import type { StoreKind } from './stores.ts';

export interface CycleOptions {
  /** Only these sources, due or not (`wireroom fetch --source`): not a cycle of the worker. */
  sourceIds?: string[];
  /** Every enabled source, due or not (`wireroom fetch`). */
  force?: boolean;
}

/** A config folder and its database on one store. */
export interface ProjectOnStore {
  kind: StoreKind;
  config: WireroomConfig;
  /** On SQLite, its store, for what only SQLite has (an editor's removal of an entry). */
  sqlite?: Store;
  /** The cycle's clock: undefined is the real time. */
  clock: { now?: Date };
  /** One cycle: runCycle on SQLite, runFleetCycle (one worker) on PostgreSQL. */
  cycle(opts?: CycleOptions): Promise<CycleReport>;
  /** One read-only query; SQLite placeholders (?) become $1.. on PostgreSQL. */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** A source's entries (every source's when none is named), newest first (EntryRepo.list({ sourceId })). */
  entries(sourceId?: string): Promise<StoredEntry[]>;
  entry(id: number): Promise<StoredEntry | undefined>;
  source(id: string): Promise<SourceState | undefined>;
  sources(): Promise<SourceState[]>;
  /** Retention now, entries published and first seen before `cutoff` (EntryRepo.prune); how many went. */
  prune(cutoff: string, now: string): Promise<number>;
  fetchLog(sourceId: string, limit?: number): Promise<FetchLogRecord[]>;
  /** Entries stored per source (EntryRepo.countsBySource). */
  countsBySource(): Promise<Map<string, number>>;
  /** The entry's story, its members and why each joined (StoryRepo.explain). */
  story(entryId: number): Promise<StoryExplanation | undefined>;
  /** An editor's merge of two entries' stories. */
  mergeStories(entryA: number, entryB: number): Promise<void>;
  /** The worker on `schedule.cron`: startWorker on SQLite, one fleet worker (startFleetWorker) on PostgreSQL. */
  startWorker(onCycle: (r: CycleReport) => void): Worker;
  /** The node-cron task name that worker schedules. */
  cronTask: string;
  /** Where the console's background jobs run on this store (src/worker/jobs.ts, jobs-pg.ts). */
  jobHost(): JobHost;
  /** An entry's stored tags, editors' overrides applied (TagRepo.list). */
  tags(entryId: number): Promise<Tag[]>;
}

export interface ProjectOptions {
  log?: Logger;
  /** A bug in the story step for one source's entries: it throws inside that source's write transaction. */
  storyBug?: { sourceId: string; message: string };
}

/** One store for a test file's projects. */
export interface CycleArm {
  kind: StoreKind;
  /** Suffix for test names: why the PostgreSQL arm skips, when it does. */
  skip: string;
  /** True where this arm cannot run (no PostgreSQL here). */
  missing: boolean;
  /** A new empty database named `name` (on SQLite a file in root/db), as the `database` setting names it. */
  database(root: string, name: string): Promise<string>;
  /** Opens the project in `root` (its config/ folder) on this store, its database named `name`. */
  project(root: string, name: string, opts?: ProjectOptions): Promise<ProjectOnStore>;
  /** Closes every project; stops the server after the file's last test. */
  close(): Promise<void>;
}

function sqliteArm(): CycleArm {
  const open: { close: () => Promise<void> }[] = [];
  return {
    kind: 'sqlite',
    skip: '',
    missing: false,
    database: (root, name) => Promise.resolve(path.join(root, 'db', `${name}.sqlite`)),
    async project(root, name, opts = {}) {
      const dbFile = path.join(root, 'db', `${name}.sqlite`);
      const config = loadConfig(path.join(root, 'config'), { db: dbFile });
      const store: Store = openStore(dbFile);
      const real = createWorkerDeps(config, store, opts.log);
      const bug = opts.storyBug;
      const deps: WorkerDeps = bug
        ? {
            ...real,
            stories: {
              sketchSettings: real.stories.sketchSettings,
              assign(entry, now, computed) {
                if (entry.sourceId === bug.sourceId) throw new Error(bug.message);
                return real.stories.assign(entry, now, computed);
              },
            },
          }
        : real;
      const clock: { now?: Date } = {};
      deps.now = () => (clock.now ? new Date(clock.now) : new Date());
      open.push({
        close: async () => {
          await deps.preparer.close();
          store.close();
        },
      });
      return {
        kind: 'sqlite',
        config,
        sqlite: store,
        clock,
        cycle: (o = {}) => runCycle(deps, o),
        rows: <T>(sql: string, ...params: unknown[]) => Promise.resolve(store.db.prepare(sql).all(...params) as T[]),
        entries: (sourceId) => Promise.resolve(store.entries.list({ sourceId })),
        sources: () => Promise.resolve(store.sources.list()),
        prune: (cutoff, now) => Promise.resolve(store.entries.prune(cutoff, now)),
        entry: (id) => Promise.resolve(store.entries.get(id)),
        source: (id) => Promise.resolve(store.sources.get(id)),
        fetchLog: (id, limit = 10) => Promise.resolve(store.fetchLog.recent(id, limit)),
        countsBySource: () => Promise.resolve(store.entries.countsBySource()),
        story: (id) => Promise.resolve(store.stories.explain(id)),
        mergeStories: (a, b) => {
          store.stories.merge(a, b, new Date().toISOString(), storyRules());
          return Promise.resolve();
        },
        startWorker: (onCycle) => startWorker(deps, { onCycle }),
        cronTask: 'wireroom-cycle',
        jobHost: () => sqliteJobHost(deps),
        tags: (id) => Promise.resolve(store.tags.list(id)),
      };
    },
    async close() {
      for (const o of open.splice(0)) await o.close();
    },
  };
}

function postgresArm(): CycleArm {
  let server: TestPostgres | undefined;
  const open: { close: () => Promise<void> }[] = [];
  const database = async (name: string) => {
    server ??= await startPostgres();
    return server.createDatabase(name);
  };
  return {
    kind: 'postgres',
    skip: needsPostgres,
    missing: !!postgresMissing,
    database: (_root, name) => database(name),
    async project(root, name, opts = {}) {
      const url = await database(name);
      const config = loadConfig(path.join(root, 'config'), { db: url });
      const { openPgStore } = await import('../../src/store/pg/index.ts');
      const { cycleSummary, runFleetCycle, startFleetWorker, workerName } = await import('../../src/worker/fleet.ts');
      const pg: PgStore = await openPgStore(url, { max: 4 });
      const preparer = createPreparer({ threads: config.ingestThreads, taxonomy: loadTaxonomy(config.dir) });
      open.push({
        close: async () => {
          await preparer.close();
          await pg.close();
        },
      });
      const clock: { now?: Date } = {};
      const now = () => (clock.now ? new Date(clock.now) : new Date());
      const owner = workerName();
      const real = createPgStoryAssigner(storySettings(config.sources));
      const bug = opts.storyBug;
      const stories: PgStoryAssigner = bug
        ? {
            sketchSettings: real.sketchSettings,
            assign(tables, entries, at, computed) {
              if (entries.some((e) => e.sourceId === bug.sourceId)) throw new Error(bug.message);
              return real.assign(tables, entries, at, computed);
            },
          }
        : real;
      const rows = async <T>(sql: string, ...params: unknown[]): Promise<T[]> => {
        let i = 0;
        return (
          await pg.db.query(
            sql.replace(/\?/g, () => `$${++i}`),
            params,
          )
        ).rows as T[];
      };
      return {
        kind: 'postgres',
        config,
        clock,
        // As `wireroom fetch` does on PostgreSQL: named sources (every enabled one when forced) are claimed due or not,
        // and a lease a failed write left is given back after the cycle.
        cycle: (o = {}) =>
          runFleetCycle(
            { config, pg, preparer, log: opts.log, now, stories },
            {
              owner,
              leaseSeconds: 60,
              named: o.sourceIds ?? (o.force ? config.sources.filter((s) => s.enabled).map((s) => s.id) : undefined),
              oneOff: o.sourceIds !== undefined,
            },
          )
            // The worker commands' log line for the cycle (on SQLite, runCycle writes it).
            .then((r) => {
              opts.log?.info(cycleSummary(r), 'cycle done');
              return r;
            })
            .finally(() => pg.sources.releaseLeases(owner)),
        rows,
        entries: async (sourceId) =>
          (
            await rows<Parameters<typeof rowToEntry>[0]>(
              `SELECT * FROM entries ${sourceId ? 'WHERE source_id = ?' : ''} ORDER BY published_at DESC, id DESC`,
              ...(sourceId ? [sourceId] : []),
            )
          ).map(rowToEntry),
        sources: () => pg.sources.list(),
        // The fleet's retention (one process at a time); the fetch log keeps its own 30 days.
        prune: async (cutoff, now) =>
          (await pg.prune({ entries: cutoff, log: new Date(Date.parse(now) - 30 * 86_400_000).toISOString(), now }))
            .pruned,
        entry: (id) => pg.reads.entry(id),
        source: (id) => pg.sources.get(id),
        fetchLog: (id, limit = 10) => pg.fetchLog.recent(id, limit),
        countsBySource: () => pg.reads.countsBySource(),
        story: (id) => pg.reads.story(id),
        async mergeStories(a, b) {
          const at = new Date().toISOString();
          const rules = storyRules(storySettings(config.sources).priorities);
          const done = await pg.mergeStories(a, b, at, rules, (before, uid) => ({
            at,
            actor: 'test',
            origin: 'cli',
            action: 'stories.merge',
            target: `entry:${a}`,
            before,
            after: { uid },
          }));
          if ('missing' in done) throw new Error(`merge ${a} ${b}: entry #${done.missing} has no story`);
        },
        startWorker: (onCycle) =>
          startFleetWorker({ config, pg, preparer, log: opts.log, now, stories }, { owner, leaseSeconds: 60, onCycle }),
        cronTask: 'wireroom-fleet',
        jobHost: () => pgJobHost({ config, pg, preparer, log: opts.log, now, stories }),
        tags: (id) => pg.reads.tags(id),
      };
    },
    async close() {
      for (const o of open.splice(0)) await o.close();
      server?.stop();
      server = undefined;
    },
  };
}

/** Both stores, for describe.each; the PostgreSQL arm is skipped (and says why) where no server can start. */
export function cycleStores(): CycleArm[] {
  return [sqliteArm(), postgresArm()];
}
