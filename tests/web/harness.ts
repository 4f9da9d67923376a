// A real wireroom server with the console and API on 127.0.0.1, over a temp copy of config/ and a temp SQLite
// file, and a small cookie-keeping client that signs in the way a browser without JavaScript does.
import { cpSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import path from 'node:path';
import { addUser, cliActor, issueToken, type Scope } from '../../src/auth/index.ts';
import { liveConfig, loadConfig, type WireroomConfig } from '../../src/config/index.ts';
import { startServer, type RunningServer } from '../../src/http/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWeb, type WebApp } from '../../src/web/index.ts';
import {
  createPreparer,
  createWorkerDeps,
  JobRunner,
  runCycle,
  sqliteJobHost,
  type CycleReport,
} from '../../src/worker/index.ts';
import { sqliteEditorStore, type EditorStore } from '../../src/editor/index.ts';
import type { PgStore } from '../../src/store/pg/index.ts';
import { loadTaxonomy } from '../../src/tag/index.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import type { StoreKind } from '../helpers/stores.ts';
import { siteExporter } from '../../src/cli/serving.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';
import { PASSWORD } from './form-client.ts';

export { FormClient, PASSWORD } from './form-client.ts';

export interface Harness {
  kind: StoreKind;
  root: string;
  configDir: string;
  config: WireroomConfig;
  /** SQLite's store, synchronously (the SQLite arm only: on PostgreSQL, reading it throws; use `editor`). */
  store: Store;
  /** What the console and API run on, on either database. */
  editor: EditorStore;
  /** The PostgreSQL store (the PostgreSQL arm only). */
  pg?: PgStore;
  server: RunningServer;
  web: WebApp;
  /** http://127.0.0.1:PORT (no trailing slash) */
  base: string;
  logs: { msg: string; obj: object }[];
  /** The background jobs (fetch now, retag), when started with `jobs: true`, as `wireroom run` wires them. */
  jobs?: JobRunner;
  close(): Promise<void>;
}

/** Starts a server; `users` are created first (name -> role), each with PASSWORD. */
export async function startHarness(
  opts: {
    users?: Record<string, 'viewer' | 'editor' | 'admin'>;
    main?: string;
    jobs?: boolean;
    /** The database: SQLite (the default) or a fresh database on this test file's PostgreSQL server. */
    store?: StoreKind;
  } = {},
): Promise<Harness> {
  if (opts.store === 'postgres') return startPgHarness(opts);
  const { dir: root, cleanup } = tempDir('wireroom-web-');
  const configDir = configFolder(root, `database:\n  path: ${path.join(root, 'db.sqlite')}`, opts.main);
  const config = loadConfig(configDir);
  const store = openStore(config.databasePath);
  const editor = sqliteEditorStore(store);
  await addUsers(editor, opts.users);
  const logs: Harness['logs'] = [];
  const log = {
    info: (obj: object, msg: string) => logs.push({ obj, msg }),
    warn: (obj: object, msg: string) => logs.push({ obj, msg }),
  };
  // With jobs: a JobRunner over the config as edited since start, like `wireroom run` (src/cli/commands/run.ts).
  const workerDeps = opts.jobs ? createWorkerDeps(config, store, undefined, { threads: 0 }) : undefined;
  const live = liveConfig(config, (err) => log.warn({ err: err.message }, 'config edit not applied'));
  const jobs = workerDeps
    ? new JobRunner(sqliteJobHost(workerDeps), { config: live, exportSite: siteExporter(store, live) })
    : undefined;
  const web = createWeb({ store: editor, config, log, jobs });
  const server = await startServer({ store, config, port: 0, web: web.listener });
  const base = server.url.replace(/\/$/, '');
  return {
    kind: 'sqlite',
    editor,
    root,
    configDir,
    config,
    store,
    server,
    web,
    base,
    logs,
    jobs,
    async close() {
      await jobs?.stop();
      await workerDeps?.preparer.close();
      await server.close();
      store.close();
      cleanup();
    },
  };
}

/** A copy of config/ in root/config with no sources and a wireroom.yaml for tests (`main`, else one on `database`). */
function configFolder(root: string, database: string, main?: string): string {
  const configDir = path.join(root, 'config');
  cpSync(path.join(REPO_ROOT, 'config'), configDir, { recursive: true });
  writeFileSync(
    path.join(configDir, 'wireroom.yaml'),
    main ??
      `site:\n  base_url: http://127.0.0.1:0/\nschedule:\n  run_on_start: false\n${database}\nfetch:\n  timeout_seconds: 2\n  allow_private: ["127.0.0.1"]\n`,
  );
  writeFileSync(path.join(configDir, 'sources.yaml'), '# the sources\nsources:\n');
  return configDir;
}

export async function tokenFor(
  h: Harness,
  user: string,
  scopes: Scope[],
  name = `t${Math.random().toString(36).slice(2, 8)}`,
): Promise<string> {
  return (await issueToken(h.editor.accounts, cliActor('tester'), { name, user, scopes })).token;
}

async function addUsers(editor: EditorStore, users: Record<string, 'viewer' | 'editor' | 'admin'> = {}): Promise<void> {
  for (const [name, role] of Object.entries(users)) {
    await addUser(editor.accounts, cliActor('tester'), { name, role, password: PASSWORD });
  }
}

/**
 * This test file's PostgreSQL server, started by the first PostgreSQL harness and stopped after the file's tests
 * (a hook of the file this module is imported into: a test worker thread that ends fires no process exit).
 */
let postgres: Promise<TestPostgres> | undefined;
afterAll(async () => {
  const server = postgres;
  postgres = undefined;
  (await server)?.stop();
});
let databases = 0;

/**
 * The same server on a fresh PostgreSQL database: the console and API on pgEditorStore, the feeds on the PostgreSQL
 * feed reader, cycles as one fleet worker (ingestSources); with `jobs`, the background jobs as `wireroom run` on
 * PostgreSQL runs them (src/worker/jobs-pg.ts).
 */
async function startPgHarness(opts: {
  users?: Record<string, 'viewer' | 'editor' | 'admin'>;
  main?: string;
  jobs?: boolean;
}): Promise<Harness> {
  postgres ??= startPostgres();
  const url = await (await postgres).createDatabase(`web_${process.pid}_${++databases}`);
  const { dir: root, cleanup } = tempDir('wireroom-web-');
  const configDir = configFolder(root, `database: ${url}`, opts.main);
  const config = loadConfig(configDir, { db: url });
  const { openPgStore } = await import('../../src/store/pg/index.ts');
  const { PgFeedReader } = await import('../../src/store/pg/feeds.ts');
  const { pgEditorStore } = await import('../../src/editor/editor-store-pg.ts');
  const pg = await openPgStore(url, { max: 6 });
  const editor = pgEditorStore(pg);
  await addUsers(editor, opts.users);
  const logs: Harness['logs'] = [];
  const log = {
    info: (obj: object, msg: string) => logs.push({ obj, msg }),
    warn: (obj: object, msg: string) => logs.push({ obj, msg }),
  };
  const feeds = new PgFeedReader(pg.db, pg.pool);
  const live = liveConfig(config, (err) => log.warn({ err: err.message }, 'config edit not applied'));
  const preparer = opts.jobs ? createPreparer({ threads: 0, taxonomy: loadTaxonomy(config.dir) }) : undefined;
  const { pgJobHost } = await import('../../src/worker/jobs-pg.ts');
  const jobs = preparer
    ? new JobRunner(pgJobHost({ config, pg, preparer }), { config: live, exportSite: siteExporter(feeds, live) })
    : undefined;
  const web = createWeb({ store: editor, config, log, jobs });
  const server = await startServer({ store: feeds, config, port: 0, web: web.listener });
  return {
    kind: 'postgres',
    root,
    configDir,
    config,
    get store(): Store {
      throw new Error("h.store is the SQLite arm's: on PostgreSQL read through h.editor (or h.pg)");
    },
    editor,
    pg,
    server,
    web,
    base: server.url.replace(/\/$/, ''),
    logs,
    jobs,
    async close() {
      await jobs?.stop();
      await preparer?.close();
      await server.close();
      await pg.close();
      cleanup();
    },
  };
}

/**
 * Lists `sourcesYaml` as the harness's sources.yaml and ingests them once through the worker, as a cycle would. The
 * harness's 2 s fetch timeout is for its own tests: this cycle waits up to 30 s, so a busy machine does not fail it.
 */
export async function ingestSources(h: Harness, sourcesYaml: string): Promise<CycleReport> {
  writeFileSync(path.join(h.configDir, 'sources.yaml'), sourcesYaml);
  if (h.pg)
    return fleetCycle(
      h.pg,
      loadConfig(h.configDir, { db: h.config.database.kind === 'postgres' ? h.config.database.url : '' }),
    );
  const config = loadConfig(h.configDir);
  const deps = createWorkerDeps({ ...config, fetch: { ...config.fetch, timeoutMs: 30_000 } }, h.store, undefined, {
    threads: 0,
  });
  try {
    return await runCycle(deps, { force: true });
  } finally {
    await deps.preparer.close();
  }
}

/** Every enabled source, due or not, as one fleet worker (`wireroom fetch` on PostgreSQL), waiting up to 30 s. */
async function fleetCycle(pg: PgStore, loaded: WireroomConfig): Promise<CycleReport> {
  const config = { ...loaded, fetch: { ...loaded.fetch, timeoutMs: 30_000 } };
  const { runFleetCycle, workerName } = await import('../../src/worker/fleet.ts');
  const preparer = createPreparer({ threads: 0, taxonomy: loadTaxonomy(config.dir) });
  const owner = workerName();
  try {
    return await runFleetCycle(
      { config, pg, preparer },
      { owner, leaseSeconds: 60, named: config.sources.filter((s) => s.enabled).map((s) => s.id) },
    );
  } finally {
    await pg.sources.releaseLeases(owner);
    await preparer.close();
  }
}

/** A second server over the harness's store and config without background jobs, as `wireroom serve` runs. */
export async function serverWithoutJobs(h: Harness): Promise<{ base: string; close(): Promise<void> }> {
  const web = createWeb({ store: h.editor, config: h.config, log: { info: () => {}, warn: () => {} } });
  const feeds = h.pg ? new (await import('../../src/store/pg/feeds.ts')).PgFeedReader(h.pg.db, h.pg.pool) : h.store;
  const server = await startServer({ store: feeds, config: h.config, port: 0, web: web.listener });
  return { base: server.url.replace(/\/$/, ''), close: () => server.close() };
}
