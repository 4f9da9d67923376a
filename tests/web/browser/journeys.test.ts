// An editor's journeys through the console in Chromium, with JavaScript on and off (issue #12: "usable without
// JavaScript for every action"): sign in and out, admin adds a user and changes a role, a password change, fetch now
// (the job page refreshes itself until done), add a source with a preview first, import OPML, correct a tag, accept a
// tag from the review queue, merge and split a story, edit a collection and see its preview, dry-run a taxonomy
// change, and a CLI edit racing an open form (412). Each mode has its own server over the same fixture feeds; every
// outcome is read back from the database or the config files, not only from the page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../../../src/worker/index.ts';
import { describeWithChromium, launchChromium } from '../../helpers/browser.ts';
import { cli, fixtureServer, rss, type Handler } from '../../helpers/env.ts';
import { PASSWORD, signIn, startConsole, watch, type Console, type Watch } from './setup.ts';

const item = (guid: string, title: string, link: string, date: string, description: string) => ({
  guid,
  title,
  link,
  description,
  pubDate: new Date(date).toUTCString(),
});

const FEED_A = rss([
  item(
    'a1',
    'General strike in Lima paralyses transport',
    'https://news.example/lima-strike',
    '2026-11-20T10:00:00Z',
    'Unions in Peru called a general strike; buses stopped across Lima.',
  ),
  item(
    'a2',
    'Bolivia sets presidential election for March',
    'https://news.example/bolivia-vote',
    '2026-11-21T10:00:00Z',
    'The electoral tribunal in La Paz announced the date.',
  ),
  item(
    'a3',
    'Zorbling festival fills the square in Cusco',
    'https://news.example/cusco-zorbling',
    '2026-11-22T10:00:00Z',
    'Dancers and music in Cusco, Peru.',
  ),
]);
const FEED_B = rss([
  item(
    'b1',
    'Lima transport strike enters second day',
    'https://news.example/lima-strike',
    '2026-11-20T12:00:00Z',
    'The strike in Peru continues.',
  ),
  item(
    'b2',
    'Floods hit Santa Cruz in eastern Bolivia',
    'https://other.example/santa-cruz-floods',
    '2026-11-23T10:00:00Z',
    'Rivers rose in Bolivia.',
  ),
  item('b3', 'Mayor of Arequipa resigns', 'https://other.example/arequipa', '2026-11-23T12:00:00Z', 'The council met.'),
]);
const ANDES = rss([
  item('n1', 'Miners march in Oruro', 'https://andes.example/oruro', '2026-11-24T10:00:00Z', 'Bolivia mining.'),
  item('n2', 'Quito council votes budget', 'https://andes.example/quito', '2026-11-24T11:00:00Z', 'Ecuador.'),
]).replace('<title>Fixture</title>', '<title>Andes Daily</title>');
const OPML_ONE = rss([
  item('o1', 'Santiago metro fares rise', 'https://opml.example/1', '2026-11-25T10:00:00Z', 'Chile.'),
]);
const OPML_TWO = rss([
  item('o2', 'Asuncion river port reopens', 'https://opml.example/2', '2026-11-25T11:00:00Z', 'Paraguay.'),
]);

const ok =
  (body: string): Handler =>
  (_q, res) =>
    void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);

describeWithChromium('console journeys in Chromium', () => {
  let browser: Browser;
  let fixtures: Awaited<ReturnType<typeof fixtureServer>>;

  beforeAll(async () => {
    fixtures = await fixtureServer({
      '/a.xml': ok(FEED_A),
      '/b.xml': ok(FEED_B),
      '/andes.xml': ok(ANDES),
      '/opml-one.xml': ok(OPML_ONE),
      '/opml-two.xml': ok(OPML_TWO),
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
  });

  for (const js of [true, false]) {
    describe(`with JavaScript ${js ? 'on' : 'off'}`, () => {
      let h: Console;
      let context: BrowserContext;
      let page: Page;
      let w: Watch;
      const file = (name: string) => readFileSync(path.join(h.configDir, name), 'utf8');
      const entryId = (title: string) => {
        const e = h.store.entries.list({ limit: 500 }).find((x) => x.title === title);
        if (!e) throw new Error(`no stored entry "${title}"`);
        return e.id;
      };
      const storyOf = (id: number) => h.store.stories.membership(id).storyId;
      const main = () => page.locator('main').innerText();
      /** Clicks a submit button and waits for the page it leads to. */
      const submit = async (button: ReturnType<Page['locator']>) => {
        await Promise.all([page.waitForEvent('load'), button.click()]);
      };

      beforeAll(async () => {
        h = await startConsole({
          users: { ada: 'admin', dave: 'editor' },
          sources: `  - id: news-a\n    url: ${fixtures.url('/a.xml')}\n  - id: news-b\n    url: ${fixtures.url('/b.xml')}\n`,
        });
        const report = await runCycle(h.deps, { force: true });
        expect(report.sources.map((s) => s.status)).toEqual(['ok', 'ok']);
        context = await browser.newContext({ javaScriptEnabled: js });
        w = await watch(context, 'http://beacon.invalid/');
      }, 60_000);
      afterAll(async () => {
        await context?.close();
        await h?.close();
      });

      it('sign in (a wrong password first), sign out, sign in again', async () => {
        const p = await context.newPage();
        await p.goto(`${h.base}/console/entries`);
        expect(new URL(p.url()).pathname).toBe('/console/login');
        await p.locator('input[name="name"]').fill('ada');
        await p.locator('input[name="password"]').fill('not the password');
        await Promise.all([p.waitForEvent('load'), p.getByRole('button', { name: 'Sign in' }).click()]);
        expect(await p.getByRole('alert').innerText()).toBe('Wrong name or password.');
        await p.close();
        page = await signIn(context, h.base, 'ada');
        await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign out' }).click()]);
        expect(new URL(page.url()).pathname).toBe('/console/login');
        await page.goto(`${h.base}/console/`);
        expect(new URL(page.url()).pathname).toBe('/console/login');
        await page.close();
        page = await signIn(context, h.base, 'ada');
      }, 60_000);

      it('admin adds a user, who signs in; a role change ends their session', async () => {
        await page.goto(`${h.base}/console/admin/users`);
        const add = page.locator('form[action="/console/admin/users"]');
        await add.locator('input[name="name"]').fill('carol');
        await add.locator('select[name="role"]').selectOption('editor');
        await add.locator('input[name="password"]').fill('carol has a long password');
        await submit(add.getByRole('button', { name: 'Add user' }));
        expect(await page.getByRole('status').innerText()).toBe('Added carol');
        expect(h.store.accounts.users.list().find((u) => u.name === 'carol')?.role).toBe('editor');
        const other = await browser.newContext({ javaScriptEnabled: js });
        const carol = await signIn(other, h.base, 'carol', 'carol has a long password');
        await page.goto(`${h.base}/console/admin/users`);
        const row = page.locator('tr', { has: page.locator('td', { hasText: /^carol$/ }) });
        await row.locator('select[name="role"]').selectOption('viewer');
        await submit(row.locator('form[action$="/role"] button'));
        expect(h.store.accounts.users.list().find((u) => u.name === 'carol')?.role).toBe('viewer');
        await carol.goto(`${h.base}/console/`);
        expect(new URL(carol.url()).pathname).toBe('/console/login');
        await other.close();
      }, 60_000);

      it('a user changes their password: other sessions end, the new password signs in', async () => {
        const one = await browser.newContext({ javaScriptEnabled: js });
        const two = await browser.newContext({ javaScriptEnabled: js });
        const d1 = await signIn(one, h.base, 'dave');
        const d2 = await signIn(two, h.base, 'dave');
        await d1.goto(`${h.base}/console/account`);
        const form = d1.locator('form[action="/console/account/password"]');
        await form.locator('input[name="current"]').fill(PASSWORD);
        await form.locator('input[name="password"]').fill('dave picked a new passphrase');
        await Promise.all([d1.waitForEvent('load'), form.locator('button').click()]);
        expect(await d1.getByRole('status').innerText()).toContain('Password changed');
        await d2.goto(`${h.base}/console/`);
        expect(new URL(d2.url()).pathname).toBe('/console/login');
        await two.close();
        const three = await browser.newContext({ javaScriptEnabled: js });
        await signIn(three, h.base, 'dave', 'dave picked a new passphrase');
        await three.close();
        await one.close();
      }, 60_000);

      it('fetch now: the job page refreshes itself until it shows done', async () => {
        await page.goto(`${h.base}/console/sources`);
        await submit(page.getByRole('button', { name: 'Fetch all now' }));
        expect(page.url()).toMatch(/\/console\/jobs\/\d+$/);
        const id = Number(page.url().split('/').pop());
        // No reload from the test: the page's own Refresh brings the final state.
        await page.locator('#job-state', { hasText: /^done$/ }).waitFor({ timeout: 45_000 });
        expect(h.store.jobs.get(id)?.state).toBe('done');
        expect(await main()).toContain('news-a');
      }, 60_000);

      it('add a source: preview first (title, items, tags), then add it', async () => {
        await page.goto(`${h.base}/console/sources`);
        await submit(page.getByRole('link', { name: 'Add a source' }));
        await page.locator('input[name="url"]').fill(fixtures.url('/andes.xml'));
        await submit(page.getByRole('button', { name: 'Preview' }));
        const preview = await main();
        expect(preview).toContain('Andes Daily');
        expect(preview).toContain('Miners march in Oruro');
        expect(preview).toContain('Quito council votes budget');
        expect(file('sources.yaml')).not.toContain('andes.xml'); // a preview writes nothing
        await page.locator('input[name="id"]').fill('andes-daily');
        await submit(page.getByRole('button', { name: 'Add', exact: true }));
        expect(new URL(page.url()).pathname).toBe('/console/sources/andes-daily');
        expect(await page.getByRole('status').innerText()).toContain('Added andes-daily');
        expect(file('sources.yaml')).toMatch(/- id: andes-daily\n\s+url: http:\/\/127\.0\.0\.1:\d+\/andes\.xml/);
        expect(file('sources.yaml')).toMatch(/^# the sources/);
      }, 60_000);

      it('import OPML: each outline shown as new, duplicate or invalid, then the ticked ones imported', async () => {
        const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="OPML one" xmlUrl="${fixtures.url('/opml-one.xml')}"/>
<outline text="OPML two" xmlUrl="${fixtures.url('/opml-two.xml')}"/>
<outline text="Already here" xmlUrl="${fixtures.url('/a.xml')}"/>
<outline text="Broken" xmlUrl="ftp://nowhere.example/feed"/>
</body></opml>`;
        await page.goto(`${h.base}/console/sources/import`);
        await page.locator('textarea[name="opml"]').fill(opml);
        await submit(page.getByRole('button', { name: 'Preview the import' }));
        const rows = page.locator('main tbody tr');
        expect(await rows.count()).toBe(4);
        const status = await rows.locator('td:last-child').allInnerTexts();
        expect(status[0]).toMatch(/^new/);
        expect(status[1]).toMatch(/^new/);
        expect(status[2]).toMatch(/^duplicate/);
        expect(status[3]).toMatch(/^invalid/);
        expect(file('sources.yaml')).not.toContain('opml-one.xml');
        // Untick the second: only the first is imported.
        await page.getByLabel('import row 2').uncheck();
        await submit(page.getByRole('button', { name: 'Import the ticked outlines' }));
        expect(await page.getByRole('status').innerText()).toContain('Imported 1 sources');
        expect(file('sources.yaml')).toContain('opml-one.xml');
        expect(file('sources.yaml')).not.toContain('opml-two.xml');
      }, 60_000);

      it('correct a tag on an entry (the same override as `wireroom tag`)', async () => {
        const id = entryId('Bolivia sets presidential election for March');
        await page.goto(`${h.base}/console/entries/${id}`);
        expect(await page.locator('h1').innerText()).toContain('Bolivia sets presidential election');
        const form = page.locator(`form[action="/console/entries/${id}/tags"]`).filter({ has: page.locator('select') });
        await form.locator('select[name="action"]').selectOption('add');
        await form.locator('select[name="kind"]').selectOption('country');
        await form.locator('input[name="value"]').fill('CL');
        await submit(form.getByRole('button', { name: 'Correct the tags' }));
        expect(await page.getByRole('status').innerText()).toContain('added country:CL');
        expect(h.store.tags.list(id).some((t) => t.kind === 'country' && t.value === 'CL')).toBe(true);
        expect(h.store.accounts.audit.recent({ limit: 5 }).some((a) => a.action === 'tags.correct')).toBe(true);
      }, 60_000);

      it('review queue: accept an uncertain country; the entry leaves the queue', async () => {
        const id = entryId('Mayor of Arequipa resigns');
        await page.goto(`${h.base}/console/review`);
        const section = page.locator('section.review-item', { hasText: 'Mayor of Arequipa resigns' });
        expect(await section.innerText()).toContain('country:PE');
        await submit(section.getByRole('button', { name: 'Accept' }).first());
        expect(new URL(page.url()).pathname).toBe('/console/review');
        expect(await page.getByRole('status').innerText()).toContain(`#${id}: added country:PE`);
        expect(await page.locator('section.review-item', { hasText: 'Mayor of Arequipa resigns' }).count()).toBe(0);
        const pe = h.store.tags.list(id).find((t) => t.kind === 'country' && t.value === 'PE');
        expect(pe?.reason.rule).toBe('manual');
      }, 60_000);

      it('merge two stories, then split one entry out again', async () => {
        const vote = entryId('Bolivia sets presidential election for March');
        const floods = entryId('Floods hit Santa Cruz in eastern Bolivia');
        const voteStory = storyOf(vote);
        const floodStory = storyOf(floods);
        expect(voteStory).toBeDefined();
        expect(floodStory).not.toBe(voteStory);
        await page.goto(`${h.base}/console/stories/${voteStory}`);
        await page.locator('input[name="other"]').fill(String(floodStory));
        await submit(page.getByRole('button', { name: /^Merge/ }));
        expect(await page.getByRole('status').innerText()).toContain('Merged');
        expect(storyOf(floods)).toBe(storyOf(vote));
        expect(await page.locator('main tbody').innerText()).toContain('Floods hit Santa Cruz');
        await page.getByLabel(`split entry ${floods}`).check();
        await submit(page.getByRole('button', { name: /^Split the checked entries/ }));
        expect(await page.getByRole('status').innerText()).toContain(`#${floods} is now story`);
        expect(storyOf(floods)).not.toBe(storyOf(vote));
        const actions = h.store.accounts.audit.recent({ limit: 10 }).map((a) => a.action);
        expect(actions).toEqual(expect.arrayContaining(['stories.merge', 'stories.split']));
      }, 60_000);

      it('edit a collection and see its preview before saving', async () => {
        const before = file('collections.yaml');
        await page.goto(`${h.base}/console/collections/andes-protests`);
        const form = page.locator('#collection-form');
        const preview = page.locator('#preview');
        const words = form.locator('input[name="q"]');
        if (js) {
          // The live preview: typing is enough, no button pressed, no page load.
          let loads = 0;
          page.on('load', () => loads++);
          await words.fill('zzznomatchzzz');
          await preview.getByText('No stored entry matches this collection yet.').waitFor({ timeout: 15_000 });
          await words.fill('transport');
          await preview.locator('tbody tr').first().waitFor({ timeout: 15_000 });
          expect(loads).toBe(0);
        } else {
          await words.fill('zzznomatchzzz');
          await submit(form.getByRole('button', { name: 'Preview' }));
          expect(await preview.innerText()).toContain('No stored entry matches this collection yet.');
          await form.locator('input[name="q"]').fill('transport');
          await submit(form.getByRole('button', { name: 'Preview' }));
        }
        expect(await preview.locator('tbody').innerText()).toMatch(/strike/i);
        expect(await preview.locator('tbody').innerText()).not.toContain('Bolivia');
        expect(file('collections.yaml')).toBe(before); // previews write nothing
        await submit(form.getByRole('button', { name: 'Save' }));
        expect(await page.getByRole('status').innerText()).toBe('Collection saved');
        expect(file('collections.yaml')).toMatch(/slug: andes-protests[\s\S]*?q: transport/);
        expect(file('collections.yaml')).toContain('# Named collections'); // comments kept
      }, 60_000);

      it('dry-run a taxonomy change: the diff shows what would change, nothing is saved', async () => {
        const before = file('topics.yaml');
        const zorbling = entryId('Zorbling festival fills the square in Cusco');
        await page.goto(`${h.base}/console/taxonomy/topics/strikes`);
        const en = page.locator('textarea[name="kw_en"]');
        await en.fill(`${await en.inputValue()}\nzorbling*`);
        // The topic's own form (the page also has one to remove the topic, with its own Dry run).
        await submit(
          page.locator('form[action="/console/taxonomy/topics/strikes"]').getByRole('button', { name: 'Dry run' }),
        );
        const dry = page.locator('#dry-run');
        expect(await dry.innerText()).toContain('Nothing has been saved yet.');
        const row = dry.locator('tr', { hasText: 'Zorbling festival' });
        expect(await row.locator('td.gained').innerText()).toContain('+topic:strikes');
        expect(await dry.locator(`a[href="/console/entries/${zorbling}"]`).count()).toBe(1);
        expect(file('topics.yaml')).toBe(before);
        expect(h.store.tags.list(zorbling).some((t) => t.kind === 'topic' && t.value === 'strikes')).toBe(false);
        // The form kept the unsaved keyword, so Save is one click away.
        expect(await page.locator('textarea[name="kw_en"]').inputValue()).toContain('zorbling*');
      }, 60_000);

      it('a CLI edit of sources.yaml while the edit form is open: saving gives 412; the file keeps the CLI edit and its comments', async () => {
        await page.goto(`${h.base}/console/sources/news-b`);
        const form = page.locator('form[action="/console/sources/news-b/edit"]');
        await form.locator('input[name="title"]').fill('Sur Wire (from the console)');
        // Meanwhile, at the CLI: `wireroom sources add` writes sources.yaml (comments and order kept).
        const cliRun = await cli(
          [
            '--config',
            h.configDir,
            'sources',
            'add',
            fixtures.url('/opml-two.xml'),
            '--id',
            'from-cli',
            '--no-discover',
          ],
          { cwd: h.root },
        );
        expect(cliRun.code, cliRun.err).toBe(0);
        const afterCli = file('sources.yaml');
        expect(afterCli).toContain('id: from-cli');
        const saved = page.waitForResponse((r) => r.request().method() === 'POST');
        await submit(form.getByRole('button', { name: 'Save' }));
        expect((await saved).status()).toBe(412);
        expect(await page.locator('h1').innerText()).toBe('Changed meanwhile');
        expect(file('sources.yaml')).toBe(afterCli);
        expect(file('sources.yaml')).toMatch(/^# the sources/);
        expect(file('sources.yaml')).not.toContain('from the console');
      }, 60_000);

      it('nothing on the way threw, opened a dialog or broke the CSP', () => {
        expect(w.pageErrors).toEqual([]);
        expect(w.dialogs).toEqual([]);
        expect(w.violations).toEqual([]);
      });
    });
  }
});
