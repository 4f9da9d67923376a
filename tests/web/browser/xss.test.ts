// XSS in a real browser (issue #12): hostile feeds, hostile remote errors, a hostile OPML file, and a collection and a
// topic with hostile names go in through the worker (a real fixture server, the real cycle) and the console; then
// every console GET page of the route table is opened in Chromium signed in as admin, each `:param` filled with the
// hostile sources, entries, stories, collections and jobs, once plainly and once with hostile query parameters.
// Nothing may run: no dialog, window.__pwned stays unset, no request reaches the beacon, no CSP violation beyond
// the expected ones (remote images blocked by img-src), no inline handler or javascript: URL in the document, and
// entry HTML only inside a sandboxed iframe without scripts or same-origin access.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliActor } from '../../../src/auth/index.ts';
import { correctTag, tagChange } from '../../../src/editor/index.ts';
import type { StoredEntry } from '../../../src/store/index.ts';
import { runCycle } from '../../../src/worker/index.ts';
import { describeWithChromium, launchChromium } from '../../helpers/browser.ts';
import { fixtureServer, startServer, type TestServer } from '../../helpers/env.ts';
import { until } from '../../helpers/polling.ts';
import { FormClient } from '../harness.ts';
import {
  hostileCollection,
  hostileOpml,
  hostileRoutes,
  hostileSources,
  hostileTopic,
  MARK,
  payloads,
  type Payloads,
} from './hostile.ts';
import { signIn, startConsole, watch, type Console, type Watch } from './setup.ts';

/** Violations that are the policy doing its job on benign content: remote images in entry HTML. */
const EXPECTED_VIOLATION = /: img-src blocked /;

describeWithChromium('hostile feed text is inert on every console page in Chromium', () => {
  let h: Console;
  let browser: Browser;
  let context: BrowserContext;
  let w: Watch;
  let beacon: TestServer;
  let fixtures: Awaited<ReturnType<typeof fixtureServer>>;
  let p: Payloads;
  const beaconHits: string[] = [];
  let hostileEntries: StoredEntry[] = [];
  const jobIds: number[] = [];

  beforeAll(async () => {
    beacon = await startServer((req, res) => {
      beaconHits.push(req.url ?? '');
      res.writeHead(204).end();
    });
    const beaconUrl = `${beacon.url}/beacon`;
    p = payloads(beaconUrl);
    const shared = 'https://hostile.example/shared-story';
    fixtures = await fixtureServer(hostileRoutes(p, beaconUrl, shared));
    h = await startConsole({
      users: { ada: 'admin' },
      sources: hostileSources(fixtures.url, p),
      append: { 'collections.yaml': hostileCollection(p), 'topics.yaml': hostileTopic(p) },
    });
    const report = await runCycle(h.deps, { force: true });
    const byId = Object.fromEntries(report.sources.map((s) => [s.id, s.status]));
    expect(byId).toMatchObject({
      'hostile-rss': 'ok',
      'hostile-atom': 'ok',
      'hostile-json': 'ok',
      'hostile-500': 'error',
      'hostile-notfeed': 'error',
    });
    hostileEntries = h.store.entries.list({ limit: 100 });
    expect(hostileEntries.length).toBeGreaterThanOrEqual(6);
    expect(hostileEntries.some((e) => e.title.includes('<script>'))).toBe(true);
    // A fetch job started by a hostile name, whose result quotes the hostile errors.
    const job = await h.jobs.start('fetch', {}, { name: `cli:${p.script}`, origin: 'console' });
    jobIds.push(job.id);
    await until(() => ['done', 'failed'].includes(h.store.jobs.get(job.id)?.state ?? ''), 'the fetch job ends');
    // The audit log with a hostile actor, the security log with hostile typed names.
    const lima = hostileEntries.find((e) => e.title.includes('Lima'));
    if (!lima) throw new Error('the hostile Lima entry was not stored');
    correctTag(h.store, cliActor(p.closeScript), lima.id, [tagChange('add', 'country', 'BO')]);
    const anon = new FormClient(h.base);
    for (const name of [p.script, p.attrDouble]) expect((await anon.login(name, 'nope')).status).toBe(401);

    browser = await launchChromium();
    context = await browser.newContext();
    w = await watch(context, beaconUrl);
    await signIn(context, h.base, 'ada');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await beacon?.close();
    await h?.close();
  });

  /** The values to try for each `:param` of a console route, or why there are none. */
  function valuesFor(path: string, param: string): string[] {
    const area = path.split('/')[1] ?? '';
    const entryIds = hostileEntries.map((e) => String(e.id));
    const storyIds = [...new Set(hostileEntries.flatMap((e) => (e.storyId === undefined ? [] : [String(e.storyId)])))];
    const sourceIds = h.live().sources.map((s) => s.id);
    const table: Record<string, string[]> = {
      'sources:id': sourceIds,
      'entries:id': entryIds,
      'review:id': entryIds,
      'stories:id': storyIds,
      'stories:entry': entryIds,
      'collections:slug': ['hostile'],
      'taxonomy:slug': ['zorbling'],
      'taxonomy:topic': ['zorbling'],
      'jobs:id': jobIds.map(String),
    };
    const values = table[`${area}:${param}`];
    if (!values?.length)
      throw new Error(`no hostile value for :${param} of /console${path}: name one in valuesFor (xss.test.ts)`);
    return values;
  }

  /** The URLs whose `:param` was filled with a hostile thing. */
  const filled = new Set<string>();

  /** Every console GET route with each param filled: the URLs to open. */
  function consoleUrls(): string[] {
    const routes = h.web.kit.table.entries.filter((e) => e.surface === 'console' && e.method === 'GET');
    const urls: string[] = [];
    for (const r of routes) {
      let variants = [r.path];
      for (const m of r.path.matchAll(/:([A-Za-z_]+)/g)) {
        const param = m[1] ?? '';
        const values = valuesFor(r.path, param);
        variants = variants.flatMap((v) => values.map((x) => v.replace(`:${param}`, encodeURIComponent(x))));
      }
      // A GET form's fixed target needs its query (the "open story #" form).
      const query = r.path === '/stories/go' ? `?id=${valuesFor('/stories/:id', 'id')[0]}` : '';
      urls.push(...variants.map((v) => `/console${v}${query}`));
      if (r.path.includes(':')) for (const v of variants) filled.add(`/console${v}`);
    }
    return urls;
  }

  /** What the document itself holds that could run: inline handlers, javascript: URLs, unsandboxed frames. */
  async function runnableMarkup(page: Page): Promise<string[]> {
    // Page-side code as text: the project's TypeScript has no DOM types.
    return page.evaluate<string[]>(`(() => {
      const found = [];
      for (const el of Array.from(document.querySelectorAll('*'))) {
        for (const a of Array.from(el.attributes)) {
          if (/^on/i.test(a.name)) found.push('<' + el.localName + ' ' + a.name + '>');
          if (/^\\s*javascript:/i.test(a.value))
            found.push('<' + el.localName + ' ' + a.name + '="' + a.value.slice(0, 40) + '">');
        }
        if (el.localName === 'script' && !el.nonce) found.push('<script> without the nonce');
        if (el.localName === 'iframe') {
          const sandbox = el.getAttribute('sandbox');
          if (sandbox === null || /allow-scripts|allow-same-origin/.test(sandbox))
            found.push('<iframe sandbox="' + (sandbox ?? '(none)') + '">');
        }
        if (['object', 'embed', 'base', 'meta'].includes(el.localName) && el.closest('body'))
          found.push('<' + el.localName + '> in the body');
      }
      return found;
    })()`);
  }

  it('control: the watchers see a blocked inline script and a dialog (so their silence below means something)', async () => {
    const page = await context.newPage();
    await page.goto(`${h.base}/console/`);
    // A script element without the page's nonce, inserted by hand: the CSP blocks it and reports it.
    await page.evaluate(`(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = 2';
      document.body.append(s);
    })()`);
    await until(() => w.violations.length > 0, 'the CSP violation report');
    expect(w.violations.join('\n')).toMatch(/script-src/);
    expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
    await page.evaluate('setTimeout(() => alert(1), 0)');
    await until(() => w.dialogs.length > 0, 'the dialog');
    await page.close();
    w.violations.length = 0;
    w.dialogs.length = 0;
  }, 60_000);

  it('every console page, with every hostile id and hostile query parameters, runs nothing', async () => {
    const urls = consoleUrls();
    const hostileQuery = new URLSearchParams({
      q: p.script,
      done: p.img,
      error: p.closeScript,
      next: p.jsUrl,
      status: p.attrDouble,
      sort: p.attrSingle,
      country: p.svg,
      before: p.closeOthers,
    }).toString();
    const page = await context.newPage();
    const problems: string[] = [];
    const shown: string[] = [];
    for (const url of urls) {
      for (const variant of [url, `${url}${url.includes('?') ? '&' : '?'}${hostileQuery}`]) {
        // A download (the OPML export) is not a page: it must say so, and is not opened.
        const head = await context.request.get(h.base + variant, { maxRedirects: 0 });
        const type = head.headers()['content-type'] ?? '';
        if (!type.startsWith('text/html')) {
          if (!/^attachment/.test(head.headers()['content-disposition'] ?? '') && head.status() < 300)
            problems.push(`${variant}: ${type} served inline, not as an attachment`);
          continue;
        }
        const res = await page.goto(h.base + variant);
        const status = res?.status() ?? 0;
        // Plain pages must work; a hostile query may be refused (400, 404, 422) but never break the page.
        if (variant === url ? status !== 200 : status >= 500) problems.push(`${variant}: HTTP ${status}`);
        if (await page.evaluate<boolean>('window.__pwned !== undefined'))
          problems.push(`${variant}: a payload ran (window.__pwned is set)`);
        for (const m of await runnableMarkup(page)) problems.push(`${variant}: ${m}`);
        if (variant === url && (await page.innerText('body')).includes(MARK)) shown.push(url);
      }
    }
    await page.close();
    expect(problems).toEqual([]);
    expect(w.dialogs).toEqual([]);
    expect(w.beacons).toEqual([]);
    expect(beaconHits.filter((u) => u.startsWith('/beacon'))).toEqual([]);
    expect(w.violations.filter((v) => !EXPECTED_VIOLATION.test(v))).toEqual([]);
    // The hostile text did reach the pages (shown as text): the test looked at the payloads, not at empty pages.
    // Pages of a hostile source, entry, collection or job (a JSON parse error quotes none of its document).
    const hostileIdPages = [...filled].filter(
      (u) => /^\/console\/(sources|entries|collections|jobs)\//.test(u) && !u.endsWith('/hostile-badjson'),
    );
    expect(hostileIdPages.length).toBeGreaterThan(0);
    expect(shown).toEqual(
      expect.arrayContaining([...hostileIdPages, '/console/admin/security', '/console/admin/audit']),
    );
    // Not an injection, but the console's own scripts must not break either.
    expect(w.pageErrors, 'a console page script of ours threw').toEqual([]);
  }, 300_000);

  it('the hostile texts are shown as text where they belong (job result, audit and security logs)', async () => {
    const page = await context.newPage();
    await page.goto(`${h.base}/console/jobs/${jobIds[0]}`);
    const job = await page.innerText('main');
    expect(job).toContain(`cli:${p.script}`);
    expect(job).toContain('not a feed');
    await page.goto(`${h.base}/console/admin/security`);
    expect(await page.innerText('main')).toContain(p.script.toLowerCase().slice(0, 30));
    await page.goto(`${h.base}/console/admin/audit`);
    expect(await page.innerText('main')).toContain(`cli:${p.closeScript}`);
    await page.close();
    expect(w.dialogs).toEqual([]);
    expect(w.beacons).toEqual([]);
  }, 60_000);

  it('pages made by a POST run nothing: source previews, a collection preview, a taxonomy dry-run', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async (what: string, mustShow = true) => {
      if (await page.evaluate<boolean>('window.__pwned !== undefined')) problems.push(`${what}: a payload ran`);
      for (const m of await runnableMarkup(page)) problems.push(`${what}: ${m}`);
      if (mustShow && !(await page.innerText('main')).includes(MARK)) problems.push(`${what}: no hostile text shown`);
    };
    const submit = async (button: ReturnType<Page['locator']>) => {
      await Promise.all([page.waitForEvent('load'), button.click()]);
    };
    for (const feed of ['/hostile.rss', '/hostile.atom', '/hostile.json', '/notfeed.xml', '/error500.xml']) {
      await page.goto(`${h.base}/console/sources/new`);
      await page.locator('input[name="url"]').fill(fixtures.url(feed));
      await submit(page.getByRole('button', { name: 'Preview' }));
      await check(`preview of ${feed}`, feed.startsWith('/hostile'));
    }
    await page.goto(`${h.base}/console/collections/hostile`);
    await submit(page.locator('#collection-form').getByRole('button', { name: 'Preview' }));
    await check('collection preview');
    await page.goto(`${h.base}/console/taxonomy/topics/zorbling`);
    const en = page.locator('textarea[name="kw_en"]');
    await en.fill(`${await en.inputValue()}\nlima\ncusco\nbolivia`);
    await submit(
      page.locator('form[action="/console/taxonomy/topics/zorbling"]').getByRole('button', { name: 'Dry run' }),
    );
    await check('taxonomy dry-run');
    await page.close();
    expect(problems).toEqual([]);
    expect(w.dialogs).toEqual([]);
    expect(w.beacons).toEqual([]);
    expect(w.violations.filter((v) => !EXPECTED_VIOLATION.test(v))).toEqual([]);
  }, 120_000);

  it('the config page (check problems of hostile YAML, the wireroom.yaml editor with a hostile comment) runs nothing', async () => {
    const file = path.join(h.configDir, 'collections.yaml');
    const good = readFileSync(file, 'utf8');
    const bad = `${good}\n  - slug: ${JSON.stringify(p.script)}\n    title: ${JSON.stringify(p.img)}\n    filter:\n      countries: [${JSON.stringify(p.closeScript)}]\n`;
    const mainFile = path.join(h.configDir, 'wireroom.yaml');
    const mainGood = readFileSync(mainFile, 'utf8');
    writeFileSync(file, bad);
    // The wireroom.yaml editor shows the file's text: a comment that tries to close the textarea.
    writeFileSync(mainFile, `${mainGood}# ${p.closeOthers} ${p.closeScript}\n`);
    try {
      const page = await context.newPage();
      const res = await page.goto(`${h.base}/console/config`);
      expect(res?.status()).toBe(200);
      const text = await page.innerText('main');
      expect(text).toContain('collections.yaml:43');
      const editors: string[] = [];
      for (const t of await page.locator('textarea').all()) editors.push(await t.inputValue());
      expect(editors.join('\n')).toContain(p.closeOthers);
      expect(await runnableMarkup(page)).toEqual([]);
      expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
      await page.close();
    } finally {
      writeFileSync(file, good);
      writeFileSync(mainFile, mainGood);
    }
    expect(w.dialogs).toEqual([]);
    expect(w.beacons).toEqual([]);
    expect(w.violations.filter((v) => !EXPECTED_VIOLATION.test(v))).toEqual([]);
  }, 60_000);

  it('an OPML file with hostile titles previewed through the console runs nothing', async () => {
    const opml = hostileOpml(p, fixtures.url);
    const page = await context.newPage();
    await page.goto(`${h.base}/console/sources/import`);
    const file = page.locator('form:has(input[type="file"])').first();
    if ((await file.count()) === 0)
      throw new Error('no OPML upload form (a form with a file input) on /console/sources/import');
    await file.locator('input[type="file"]').setInputFiles({
      name: 'hostile.opml',
      mimeType: 'text/x-opml',
      buffer: Buffer.from(opml),
    });
    const preview = page.waitForResponse((r) => r.request().method() === 'POST');
    await file.locator('button[type="submit"], input[type="submit"]').first().click();
    expect((await preview).status()).toBeLessThan(500);
    await page.waitForLoadState();
    const text = await page.innerText('main');
    expect(text).toContain('OPML one');
    expect(text).toContain(MARK);
    expect(await runnableMarkup(page)).toEqual([]);
    expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
    await page.close();
    expect(w.dialogs).toEqual([]);
    expect(w.beacons).toEqual([]);
    expect(w.violations.filter((v) => !EXPECTED_VIOLATION.test(v))).toEqual([]);
  }, 60_000);
});
