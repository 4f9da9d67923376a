// `npm run screenshots`: the README's pictures of the console, taken by Chromium from a real server. A temp copy of
// config/ with the bundled Peru sample and a few sources on a local fixture server (one of them failing, so the
// dashboard has something to say) is fetched through the worker; then an admin signs in and the dashboard, the sources,
// an entry, a collection editor with its preview, a taxonomy topic with a dry run and the admin's users page are
// saved into docs/screenshots/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { addUser, cliActor } from '../../../src/auth/index.ts';
import { runCycle } from '../../../src/worker/index.ts';
import { hasChromium, CHROMIUM, launchChromium } from '../../helpers/browser.ts';
import { fixtureServer, REPO_ROOT, rss, type Handler } from '../../helpers/env.ts';
import { signIn, startConsole } from './setup.ts';

const OUT = path.join(REPO_ROOT, 'docs/screenshots');

const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toUTCString();
const item = (
  guid: string,
  title: string,
  description: string,
  hoursAgo: number,
  link = `https://andes.example/${guid}`,
) => ({
  guid,
  title,
  description,
  link,
  pubDate: at(hoursAgo),
});

const ANDES = rss([
  item(
    'a1',
    'Transport unions call a national strike in Peru',
    'Bus and lorry drivers in Lima and Arequipa stop work over fuel prices.',
    2,
    'https://news.example/peru-strike',
  ),
  item(
    'a2',
    'Bolivia sets the date of its presidential election',
    'The electoral tribunal in La Paz announced a first round in March.',
    5,
  ),
  item(
    'a3',
    'Chilean teachers march in Santiago over pensions',
    'Thousands of teachers marched to the education ministry.',
    9,
  ),
  item(
    'a4',
    'Ecuador declares a state of emergency in three provinces',
    'The government in Quito cited a wave of violence.',
    14,
  ),
]).replace('<title>Fixture</title>', '<title>Andes Wire</title>');
const SUR = rss([
  item(
    's1',
    'Peru: national transport strike paralyses Lima',
    'Markets closed early as the strike spread.',
    3,
    'https://news.example/peru-strike',
  ),
  item('s2', 'Paraguay senate approves the budget', 'Senators in Asuncion passed the budget after a long session.', 7),
  item('s3', 'Floods in Santa Cruz force evacuations in Bolivia', 'Rivers burst their banks in eastern Bolivia.', 11),
]).replace('<title>Fixture</title>', '<title>Sur Diario</title>');

async function main(): Promise<void> {
  if (!hasChromium) throw new Error(`screenshots need Debian chromium at ${CHROMIUM} (apt-get install chromium)`);
  const ok =
    (body: string): Handler =>
    (_q, res) =>
      void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
  const fixtures = await fixtureServer({
    '/andes.xml': ok(ANDES),
    '/sur.xml': ok(SUR),
    '/gone.xml': (_q, res) => void res.writeHead(500).end('upstream down'),
  });
  const h = await startConsole({
    users: { ada: 'admin', bruno: 'editor', carmen: 'viewer' },
    sources: [
      `  - id: sample-peru\n    url: file:samples/peru-sample.rss\n    title: Peru (bundled sample)\n    country: PE`,
      `  - id: andes-wire\n    url: ${fixtures.url('/andes.xml')}\n    title: Andes Wire`,
      `  - id: sur-diario\n    url: ${fixtures.url('/sur.xml')}\n    title: Sur Diario\n    priority: 5`,
      `  - id: pacific-post\n    url: ${fixtures.url('/gone.xml')}\n    title: Pacific Post`,
    ].join('\n'),
  });
  await addUser(h.store, cliActor('tester'), { name: 'diego', role: 'editor', password: 'diego has a password' });
  const browser = await launchChromium();
  try {
    const report = await runCycle(h.deps, { force: true });
    const failed = report.sources.filter((s) => s.status !== 'ok' && s.id !== 'pacific-post');
    if (failed.length)
      throw new Error(`fixture sources failed: ${failed.map((s) => `${s.id}: ${s.error}`).join('; ')}`);
    const strike = h.store.entries.list({ limit: 100 }).find((e) => e.title.startsWith('Transport unions'));
    if (!strike) throw new Error('the strike entry was not stored');
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
    const page = await signIn(context, h.base, 'ada');
    mkdirSync(OUT, { recursive: true });
    // Long pages are taken whole; the collection editor's preview, below its form, is taken on its own.
    const shots: [string, string, boolean][] = [
      ['dashboard', '/console/', false],
      ['sources', '/console/sources', false],
      ['entry', `/console/entries/${strike.id}`, true],
      ['collection', '/console/collections/andes-protests', false],
      ['admin-users', '/console/admin/users', false],
    ];
    for (const [name, url, whole] of shots) {
      const res = await page.goto(h.base + url);
      if (res?.status() !== 200) throw new Error(`${url}: HTTP ${res?.status()}`);
      const file = path.join(OUT, `${name}.png`);
      await page.screenshot({ path: file, fullPage: whole });
      console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
      if (name === 'collection') {
        const preview = path.join(OUT, 'collection-preview.png');
        await page.locator('#preview').screenshot({ path: preview });
        console.log(`wrote ${path.relative(REPO_ROOT, preview)}`);
      }
    }
    // The taxonomy: a topic's fields, then the dry run of removing it (what stored entries would lose).
    const topic = '/console/taxonomy/topics/elections';
    if ((await page.goto(h.base + topic))?.status() !== 200) throw new Error(`${topic}: not 200`);
    await page.screenshot({ path: path.join(OUT, 'taxonomy-topic.png') });
    const remove = page.locator(`form[action="${topic}/remove"]`).getByRole('button', { name: 'Dry run' });
    await Promise.all([page.waitForEvent('load'), remove.click()]);
    await page.locator('#dry-run').screenshot({ path: path.join(OUT, 'taxonomy-dry-run.png') });
    console.log('wrote docs/screenshots/taxonomy-topic.png, docs/screenshots/taxonomy-dry-run.png');
    await context.close();
  } finally {
    await browser.close();
    await fixtures.close();
    await h.close();
  }
}

await main();
