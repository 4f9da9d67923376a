// CSRF in a real browser (issue #12). A page on another port of 127.0.0.1 is "same site", so Chromium sends the
// SameSite=Lax session cookie with its auto-submitted form: only the console's Origin / Sec-Fetch-Site check and
// the per-session token stand in the way. Each attack is made while the browser holds a valid admin session, and
// the database is read afterwards to see that nothing changed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, launchChromium } from '../../helpers/browser.ts';
import { startServer, type TestServer } from '../../helpers/env.ts';
import { csrfOf, PASSWORD, signIn, startConsole, type Console } from './setup.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** An HTML page that posts a form to `action` as soon as it loads. */
function autoSubmit(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return `<!doctype html><title>free prizes</title><form id="f" method="post" action="${esc(action)}">${inputs}</form><script>document.getElementById('f').submit()</script>`;
}

describeWithChromium('console forms refuse cross-site and tokenless posts in Chromium', () => {
  let h: Console;
  let browser: Browser;
  let attacker: TestServer;
  /** What the attacker's server serves next, by path. */
  const attackPages = new Map<string, string>();
  let ada: BrowserContext;
  let adaPage: Page;

  beforeAll(async () => {
    h = await startConsole({
      users: { ada: 'admin', bob: 'editor' },
      sources: '  - id: sample\n    url: file:samples/peru-sample.rss\n',
    });
    attacker = await startServer((req, res) => {
      const html = attackPages.get((req.url ?? '/').split('?')[0] ?? '/');
      if (!html) return void res.writeHead(404).end('no');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
    // Another port of the same host: same site, different origin.
    expect(new URL(attacker.url).hostname).toBe(new URL(h.base).hostname);
    expect(attacker.port).not.toBe(Number(new URL(h.base).port));
    browser = await launchChromium();
    ada = await browser.newContext();
    adaPage = await signIn(ada, h.base, 'ada');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await attacker?.close();
    await h?.close();
  });

  /** Opens the attacker's page in ada's browser; resolves with the console's answer to the forged POST. */
  async function attack(name: string, action: string, fields: Record<string, string>) {
    attackPages.set(`/${name}`, autoSubmit(h.base + action, fields));
    const page = await ada.newPage();
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === h.base + action);
    await page.goto(`${attacker.url}/${name}`);
    const res = await posted;
    await page.waitForLoadState();
    const request: Request = res.request();
    const headers = await request.allHeaders();
    const body = await page.innerText('body');
    await page.close();
    return { status: res.status(), headers, body };
  }

  const sessionsOfAda = () => {
    const user = h.store.accounts.users.list().find((u) => u.name === 'ada');
    if (!user) throw new Error('ada is gone');
    return h.store.accounts.sessions.listForUser(user.id).filter((s) => !s.revokedAt);
  };

  it('an auto-submitted form from another port cannot add an admin, even with the victim’s own token', async () => {
    const token = await csrfOf(adaPage);
    const before = h.store.accounts.users.list().map((u) => u.name);
    for (const [name, fields] of [
      ['add-user-no-token', { name: 'mallory', role: 'admin', password: 'mallory mallory mallory' }],
      ['add-user-stolen-token', { _csrf: token, name: 'mallory', role: 'admin', password: 'mallory mallory mallory' }],
    ] as const) {
      const r = await attack(name, '/console/admin/users', fields);
      // The browser did carry the session cookie: the refusal is the console's doing, not SameSite's.
      expect(r.headers.cookie ?? '').toMatch(/wireroom_session=/);
      expect(r.headers['sec-fetch-site']).toBe('same-site');
      expect(r.status).toBe(403);
      expect(r.body).toContain('cross-site');
    }
    expect(h.store.accounts.users.list().map((u) => u.name)).toEqual(before);
    expect(h.store.accounts.audit.recent({ limit: 50 }).some((a) => JSON.stringify(a).includes('mallory'))).toBe(false);
  }, 60_000);

  it('a forged password change and a forged sign-out are refused; the session and password still work', async () => {
    const sessions = sessionsOfAda().map((s) => s.id);
    const changedAt = h.store.accounts.users.list().find((u) => u.name === 'ada')?.passwordChangedAt;
    const pw = await attack('password', '/console/account/password', {
      _csrf: await csrfOf(adaPage),
      current: PASSWORD,
      password: 'owned owned owned owned',
    });
    expect(pw.status).toBe(403);
    const out = await attack('logout', '/console/logout', {});
    expect(out.status).toBe(403);
    expect(h.store.accounts.users.list().find((u) => u.name === 'ada')?.passwordChangedAt).toBe(changedAt);
    expect(sessionsOfAda().map((s) => s.id)).toEqual(sessions);
    await adaPage.goto(`${h.base}/console/account`);
    expect(await adaPage.locator('h1').innerText()).toBe('Account: ada');
  }, 60_000);

  it('editorial forms (remove a source, fetch now) and the API refuse a cross-port form too', async () => {
    const sourcesFile = path.join(h.configDir, 'sources.yaml');
    const before = readFileSync(sourcesFile, 'utf8');
    const token = await csrfOf(adaPage);
    const remove = await attack('remove-source', '/console/sources/sample/remove', { _csrf: token });
    expect(remove.status).toBe(403);
    const fetchNow = await attack('fetch-now', '/console/sources/fetch', { _csrf: token });
    expect(fetchNow.status).toBe(403);
    expect(readFileSync(sourcesFile, 'utf8')).toBe(before);
    expect(h.store.jobs.list({ limit: 10 })).toEqual([]);
    // The API ignores the browser's cookies altogether: a form posted at it has no one to act for.
    const api = await attack('api', '/api/v1/sources', { url: 'http://127.0.0.1:1/x.xml' });
    expect(api.status).toBe(401);
    expect(readFileSync(sourcesFile, 'utf8')).toBe(before);
  }, 60_000);

  it('a forged sign-in (login CSRF) is refused', async () => {
    const r = await attack('login', '/console/login', { name: 'bob', password: PASSWORD, next: '/console/' });
    expect(r.status).toBe(403);
    // Still ada in this browser.
    await adaPage.goto(`${h.base}/console/account`);
    expect(await adaPage.locator('h1').innerText()).toBe('Account: ada');
  }, 60_000);

  /** Submits a copy of the page's first form at `action` from the console's own origin, with `_csrf` as given. */
  async function postFromConsole(page: Page, action: string, fields: Record<string, string>, csrf: string | null) {
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === h.base + action);
    const all: Record<string, string> = csrf === null ? fields : { _csrf: csrf, ...fields };
    // Page-side code as text: the project's TypeScript has no DOM types.
    await page.evaluate(`(() => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = ${JSON.stringify(action)};
      for (const [k, v] of Object.entries(${JSON.stringify(all)})) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = k;
        input.value = v;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    })()`);
    const res = await posted;
    await page.waitForLoadState();
    return {
      status: res.status(),
      origin: await res.request().headerValue('origin'),
      body: await page.innerText('main'),
    };
  }

  it('from the console’s own origin, a form without its token or with another session’s token is refused', async () => {
    const bob = await browser.newContext();
    const bobPage = await signIn(bob, h.base, 'bob');
    const bobToken = await csrfOf(bobPage);
    await adaPage.goto(`${h.base}/console/admin/users`);
    const adaToken = await csrfOf(adaPage);
    expect(bobToken).not.toBe(adaToken);
    const fields = { name: 'trudy', role: 'admin', password: 'trudy trudy trudy trudy' };
    const missing = await postFromConsole(adaPage, '/console/admin/users', fields, null);
    expect(missing.origin).toBe(h.base); // the Origin check passes: only the token can refuse this one
    expect(missing.status).toBe(403);
    expect(missing.body).toContain('security token');
    await adaPage.goto(`${h.base}/console/admin/users`);
    const foreign = await postFromConsole(adaPage, '/console/admin/users', fields, bobToken);
    expect(foreign.status).toBe(403);
    expect(h.store.accounts.users.list().map((u) => u.name)).not.toContain('trudy');
    // Control: the same form with ada's own token goes through, so the refusals above were the token's doing.
    await adaPage.goto(`${h.base}/console/admin/users`);
    const own = await postFromConsole(adaPage, '/console/admin/users', fields, await csrfOf(adaPage));
    expect(own.status).toBe(303);
    expect(h.store.accounts.users.list().map((u) => u.name)).toContain('trudy');
    // A forged sign-out with bob's token leaves ada signed in.
    await adaPage.goto(`${h.base}/console/`);
    expect((await postFromConsole(adaPage, '/console/logout', {}, bobToken)).status).toBe(403);
    await adaPage.goto(`${h.base}/console/account`);
    expect(await adaPage.locator('h1').innerText()).toBe('Account: ada');
    await bob.close();
  }, 60_000);
});
