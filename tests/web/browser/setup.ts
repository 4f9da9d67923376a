// What the console's browser tests share: a real wireroom server with the console, the API and a job runner (so
// "fetch now" runs), over a temp copy of config/ and a temp SQLite file; signing in through the login form in
// Chromium; and a listener that records what must never happen on a console page (dialogs, a payload's script,
// requests to the beacon, CSP violations, page errors).
import { appendFileSync, cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { addUser, cliActor } from '../../../src/auth/index.ts';
import { liveConfig, loadConfig, type WireroomConfig } from '../../../src/config/index.ts';
import { startServer, type RunningServer } from '../../../src/http/index.ts';
import { openStore, type Store } from '../../../src/store/index.ts';
import { sqliteEditorStore } from '../../../src/editor/index.ts';
import { createWeb, type WebApp } from '../../../src/web/index.ts';
import { createWorkerDeps, JobRunner, sqliteJobHost, type WorkerDeps } from '../../../src/worker/index.ts';
import { REPO_ROOT, tempDir } from '../../helpers/env.ts';

export const PASSWORD = 'correct horse battery staple';

export interface Console {
  root: string;
  configDir: string;
  config: WireroomConfig;
  /** The config as it is now (console edits reload it). */
  live: () => WireroomConfig;
  store: Store;
  deps: WorkerDeps;
  jobs: JobRunner;
  server: RunningServer;
  web: WebApp;
  /** http://127.0.0.1:PORT (no trailing slash) */
  base: string;
  logs: { msg: string; obj: object }[];
  close(): Promise<void>;
}

/** A server with the console and jobs; `sources` is the body of sources.yaml (default: none). */
export async function startConsole(
  opts: {
    users?: Record<string, 'viewer' | 'editor' | 'admin'>;
    sources?: string;
    /** Text appended to a file of the copied config folder (collections.yaml, topics.yaml...). */
    append?: Record<string, string>;
  } = {},
): Promise<Console> {
  const { dir: root, cleanup } = tempDir('wireroom-browser-');
  const configDir = path.join(root, 'config');
  cpSync(path.join(REPO_ROOT, 'config'), configDir, { recursive: true });
  writeFileSync(
    path.join(configDir, 'wireroom.yaml'),
    `site:\n  base_url: http://127.0.0.1:0/\nschedule:\n  run_on_start: false\ndatabase:\n  path: ${path.join(root, 'db.sqlite')}\n` +
      `fetch:\n  timeout_seconds: 5\n  connect_timeout_seconds: 2\n  allow_private: ["127.0.0.1"]\ningest:\n  threads: 0\n`,
  );
  writeFileSync(path.join(configDir, 'sources.yaml'), `# the sources\nsources:\n${opts.sources ?? ''}`);
  for (const [name, text] of Object.entries(opts.append ?? {})) appendFileSync(path.join(configDir, name), text);
  const config = loadConfig(configDir);
  const store = openStore(config.databasePath);
  for (const [name, role] of Object.entries(opts.users ?? {})) {
    await addUser(store, cliActor('tester'), { name, role, password: PASSWORD });
  }
  const logs: Console['logs'] = [];
  const log = {
    info: (obj: object, msg: string) => logs.push({ obj, msg }),
    warn: (obj: object, msg: string) => logs.push({ obj, msg }),
  };
  const live = liveConfig(config, (err) => logs.push({ obj: { err: err.message }, msg: 'config edit not applied' }));
  const deps = createWorkerDeps(config, store, undefined, { threads: 0 });
  const jobs = new JobRunner(sqliteJobHost(deps), { config: live, progressIntervalMs: 50 });
  const web = createWeb({ store: sqliteEditorStore(store), config, log, jobs });
  const server = await startServer({ store, config, port: 0, web: web.listener });
  const base = server.url.replace(/\/$/, '');
  return {
    root,
    configDir,
    config,
    live,
    store,
    deps,
    jobs,
    server,
    web,
    base,
    logs,
    async close() {
      await jobs.stop();
      await server.close();
      await deps.preparer.close();
      store.close();
      cleanup();
    },
  };
}

/** Signs in through the login form in this context's browser; the page ends on the dashboard. */
export async function signIn(context: BrowserContext, base: string, name: string, password = PASSWORD): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/console/login`);
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForURL(`${base}/console/`), page.getByRole('button', { name: 'Sign in' }).click()]);
  expect(await page.locator('h1').innerText()).toBe('Dashboard');
  return page;
}

/** The console's CSRF token as the page's forms carry it. */
export async function csrfOf(page: Page): Promise<string> {
  const token = await page.locator('input[name="_csrf"]').first().getAttribute('value');
  if (!token) throw new Error(`no CSRF field on ${page.url()}`);
  return token;
}

/** Collects, per page, everything a hostile payload could make happen. */
export interface Watch {
  dialogs: string[];
  /** CSP violations reported by the securitypolicyviolation event (directive and blocked URI). */
  violations: string[];
  /** CSP complaints on the console (Chromium logs one per blocked inline script or handler). */
  cspMessages: string[];
  pageErrors: string[];
  beacons: string[];
}

/** Installs the listeners on a context (before its pages load). */
export async function watch(context: BrowserContext, beacon: string): Promise<Watch> {
  const w: Watch = { dialogs: [], violations: [], cspMessages: [], pageErrors: [], beacons: [] };
  await context.exposeBinding('__reportViolation', (_src, v: string) => void w.violations.push(v));
  // Page-side code as text: the project's TypeScript has no DOM types.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportViolation?.(location.pathname + ': ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' (' + e.sample + ')');
    });`,
  });
  context.on('page', (page) => {
    const where = () => new URL(page.url()).pathname;
    page.on('dialog', (d) => {
      w.dialogs.push(`${where()}: ${d.type()} ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) w.cspMessages.push(`${where()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => w.pageErrors.push(`${where()}: ${e.message}`));
  });
  context.on('request', (r) => {
    if (r.url().startsWith(beacon)) w.beacons.push(`${r.url()} (from ${r.frame().url()})`);
  });
  return w;
}
