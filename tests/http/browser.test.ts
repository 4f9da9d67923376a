// What a person sees: headless Chromium (Debian's `chromium`) loads the index and a preview page. On both stores
// (issue #15): the server reads the SQLite fixture, or its copy in a PostgreSQL database (tests/helpers/stores.ts).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/http/index.ts';
import { describeWithChromium, launchChromium } from '../helpers/browser.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { makeFixture, standardEntries, type Fixture } from '../publish/seed.ts';

for (const s of stores())
  describe.skipIf(skipArm(s))(`on ${s.kind}${s.skip}`, () => {
    describeWithChromium('pages in a real browser', () => {
      let f: Fixture;
      let srv: RunningServer;
      let browser: Browser;

      beforeAll(async () => {
        f = makeFixture(standardEntries());
        // SQLite: the fixture's own store, as before; PostgreSQL: a reader over its copy.
        const store = s.kind === 'sqlite' ? f.store : await s.reader(f);
        srv = await startServer({ store, config: f.config, port: 0, host: '127.0.0.1' });
        browser = await launchChromium();
      }, 120_000);
      afterAll(async () => {
        await browser?.close();
        await srv?.close();
        await s.close();
        f?.cleanup();
      });

      it('the index lists every kind of feed with counts and subscribe links', async () => {
        const page = await browser.newPage({ javaScriptEnabled: false });
        await page.goto(srv.url);
        expect(await page.title()).toBe('Test Wire');
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Test Wire');
        expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
          'Everything',
          'Collections',
          'Countries',
          'Regions',
          'Topics',
          'Sources',
        ]);
        const countries = page.locator('section[aria-labelledby="h-countries"] tbody tr');
        expect(await countries.locator('th').allInnerTexts()).toEqual(['Bolivia', 'Chile', 'Peru']);
        const peru = countries.filter({ hasText: 'Peru' });
        // The count is what a subscriber gets: one item per story, as the feed itself serves.
        const served = (await (await fetch(new URL('feeds/country/pe.json', srv.url))).json()) as { items: unknown[] };
        expect(served.items.length).toBeGreaterThan(1);
        expect(await peru.locator('td.n').innerText()).toBe(String(served.items.length));
        // Stories carried by several sources count once in "All stories" too.
        const everything = (await (await fetch(new URL('feeds/all.json?limit=50', srv.url))).json()) as {
          items: unknown[];
        };
        const allRow = page.locator('section[aria-labelledby="h-all"] tbody tr');
        expect(await allRow.locator('td.n').innerText()).toBe(String(everything.items.length));
        expect(await peru.getByRole('link', { name: 'Peru: RSS' }).getAttribute('href')).toBe(
          'https://wire.example/feeds/country/pe.rss',
        );
        expect(await page.getByRole('link', { name: 'Latin America', exact: true }).count()).toBeGreaterThan(0);
        // Autodiscovery: one alternate link per feed and format.
        expect(await page.locator('head link[rel="alternate"]').count()).toBeGreaterThanOrEqual(3 * 10);
        await page.close();
      });

      it('a preview shows the latest stories with source, tags and also-reported-by', async () => {
        const page = await browser.newPage({ javaScriptEnabled: false });
        await page.goto(new URL('view/country/pe.html', srv.url).href);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Test Wire: Peru');
        expect(await page.locator('article h2').allInnerTexts()).toEqual([
          'Students <march> & "protest" in Cusco',
          'National strike in Peru',
        ]);
        const strike = page.locator('article').filter({ hasText: 'National strike in Peru' });
        expect(await strike.locator('.source').innerText()).toBe('Andina News');
        expect(await strike.getByRole('list', { name: 'Tags' }).locator('li').allInnerTexts()).toEqual([
          'Peru',
          'Latin America',
          'Strikes',
        ]);
        expect(await strike.innerText()).toContain('Also reported by: Lared News, Wire News');
        expect(await page.getByRole('link', { name: 'Test Wire: Peru: Atom' }).getAttribute('href')).toBe(
          'https://wire.example/feeds/country/pe.atom',
        );
        await page.close();
      });
    });
  });
