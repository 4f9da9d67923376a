// `wireroom sources add SITE-URL` as a real child process against a temp config folder and a real server on
// 127.0.0.1: a page's one feed is added, several are listed for --pick, --no-discover adds the URL as given.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, REPO_ROOT, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { spawnCli } from '../helpers/worker-process.ts';

const FEED = rss([{ guid: 'a', title: 'First' }]);
const alternate = (type: string, href: string, title: string) =>
  `<link rel="alternate" type="${type}" href="${href}" title="${title}">`;
const page = (head: string) => `<!DOCTYPE html><html><head><title>Site</title>${head}</head><body></body></html>`;

type Fixture = Awaited<ReturnType<typeof fixtureServer>>;
let srv: Fixture;
let tmp: ReturnType<typeof tempDir>;
let configDir: string;
let sourcesFile: string;

const sources = () => readFileSync(sourcesFile, 'utf8');

async function add(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  const p = spawnCli(['--config', configDir, 'sources', 'add', ...args]);
  const code = await p.exited;
  return { code, stderr: p.log() };
}

beforeAll(async () => {
  const html = (body: string) => (_q: unknown, res: import('node:http').ServerResponse) =>
    void res.writeHead(200, { 'content-type': 'text/html' }).end(body);
  srv = await fixtureServer({
    '/one': html(page(alternate('application/rss+xml', '/news/rss.xml', 'News'))),
    '/several': html(
      page(
        alternate('application/rss+xml', '/news/rss.xml', 'News') +
          alternate('application/atom+xml', '/sport/atom.xml', 'Sport'),
      ),
    ),
    '/other': html(page(alternate('application/atom+xml', '/other/atom.xml', 'Other'))),
    '/nothing': html(page('')),
    '/news/rss.xml': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED),
  });
  tmp = tempDir();
  configDir = writeConfig(tmp.dir, {
    sources: 'sources:\n  - { id: existing, url: "https://example.org/feed.xml" }\n',
  });
  for (const f of ['topics.yaml', 'countries.yaml']) {
    copyFileSync(path.join(REPO_ROOT, 'config', f), path.join(configDir, f));
  }
  sourcesFile = path.join(configDir, 'sources.yaml');
});

afterAll(async () => {
  await srv?.close();
  tmp?.cleanup();
});

describe('sources add with feed discovery', () => {
  it('adds the one feed a page offers, not the page', async () => {
    const r = await add(srv.url('/one'), '--id', 'one');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(sources()).toMatch(new RegExp(`id: one\\n\\s+url: ${srv.url('/news/rss.xml')}\\n`));
    expect(sources()).not.toContain(srv.url('/one'));
  });

  it('lists several feeds and adds nothing until one is picked', async () => {
    const before = sources();
    const r = await add(srv.url('/several'), '--id', 'several');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${srv.url('/several')} offers 2 feeds; rerun with --pick N`);
    expect(r.stderr).toContain(`1. ${srv.url('/news/rss.xml')} (rss, "News")`);
    expect(r.stderr).toContain(`2. ${srv.url('/sport/atom.xml')} (atom, "Sport")`);
    expect(sources()).toBe(before);

    const picked = await add(srv.url('/several'), '--id', 'sport', '--pick', '2');
    expect(picked.code).toBe(0);
    expect(sources()).toMatch(new RegExp(`id: sport\\n\\s+url: ${srv.url('/sport/atom.xml')}\\n`));

    const tooFar = await add(srv.url('/several'), '--id', 'far', '--pick', '3');
    expect(tooFar.code).toBe(2);
    expect(tooFar.stderr).toContain('--pick 3: ');
    expect(sources()).not.toContain('id: far');
  });

  it('fails, naming the URL and the reason, when a page offers no feed', async () => {
    const before = sources();
    const r = await add(srv.url('/nothing'), '--id', 'nothing');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${srv.url('/nothing')}: not a feed and no feeds found on the page`);
    expect(r.stderr).toContain('--no-discover');
    expect(sources()).toBe(before);
  });

  it('--no-discover adds the URL as given without fetching it', async () => {
    const hits = srv.hits['/nothing'] ?? 0;
    const r = await add(srv.url('/nothing'), '--id', 'as-given', '--no-discover');
    expect(r.code).toBe(0);
    expect(sources()).toMatch(new RegExp(`id: as-given\\n\\s+url: ${srv.url('/nothing')}\\n`));
    expect(srv.hits['/nothing'] ?? 0).toBe(hits);
  });

  it('still checks the priors of a discovered feed', async () => {
    const before = sources();
    const r = await add(srv.url('/other'), '--id', 'priors', '--country', 'XX');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sources\.yaml:\d+: sources\[\d+\]\.country: unknown country or region "XX"/);
    expect(sources()).toBe(before);
  });
});
