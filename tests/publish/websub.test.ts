import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { notifyHub, type HubState } from '../../src/publish/index.ts';
import { makeFixture, seedEntries, standardEntries, type Fixture } from './seed.ts';
import { body, siteOf } from './site.ts';

let f: Fixture;
const pings: URLSearchParams[] = [];
const hub = createServer((req, res) => {
  let data = '';
  req.on('data', (c) => (data += c));
  req.on('end', () => {
    pings.push(new URLSearchParams(data));
    res.writeHead(204).end();
  });
});
let hubUrl = '';

beforeAll(async () => {
  await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/hub`;
  f = makeFixture(standardEntries(), {
    main: `site:\n  title: Test Wire\n  base_url: https://wire.example/\npublish:\n  websub_hub: ${hubUrl}\n`,
  });
  f.config = loadConfig(f.configDir, { db: f.dbFile });
});
afterAll(async () => {
  f?.cleanup();
  await new Promise<void>((r) => hub.close(() => r()));
});

it('feeds carry rel=hub links in every format', () => {
  const site = siteOf(f);
  expect(body(site, 'feeds/all.atom')).toContain(`<link rel="hub" href="${hubUrl}"/>`);
  expect(body(site, 'feeds/all.rss')).toContain(`<atom:link href="${hubUrl}" rel="hub"/>`);
  expect(JSON.parse(body(site, 'feeds/all.json')).hubs).toEqual([{ type: 'WebSub', url: hubUrl }]);
});

it('pings the hub with hub.mode=publish for exactly the feeds whose content changed', async () => {
  const state: HubState = { fingerprints: new Map() };
  const first = await notifyHub({ store: f.store, config: f.config, state });
  expect(first.errors).toEqual([]);
  expect(first.pinged).toContain('https://wire.example/feeds/country/bo.json');
  expect(pings.every((p) => p.get('hub.mode') === 'publish')).toBe(true);
  expect(pings.flatMap((p) => p.getAll('hub.url')).sort()).toEqual([...first.pinged].sort());

  expect((await notifyHub({ store: f.store, config: f.config, state })).pinged).toEqual([]);

  seedEntries(f.store, [{ sourceId: 'bolnews', key: 'bo-new', title: 'New in Bolivia', publishedAt: '2024-05-09T08:00:00.000Z', tags: [{ kind: 'country', value: 'BO' }] }]);
  const third = await notifyHub({ store: f.store, config: f.config, state });
  const paths = [...new Set(third.pinged.map((u) => new URL(u).pathname.replace(/\.\w+$/, '')))].sort();
  expect(paths).toEqual(['/feeds/all', '/feeds/c/latin-america', '/feeds/country/bo', '/feeds/source/bolnews']);
});
