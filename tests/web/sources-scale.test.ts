// The sources dashboard with 10,000 sources in sources.yaml: it answers, filters and pages through all of them with
// the before cursor (no row twice, none left out), and it follows fetches recorded after it was first read, by this
// process's worker and by another process (a read-only `wireroom serve` beside the worker).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import { FormClient, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

const N = 10_000;
const idOf = (i: number) => `src-${String(i).padStart(5, '0')}`;
const disabled = (i: number) => i % 7 === 3;
const failing = (i: number) => i % 10 === 0 && !disabled(i);

let h: Harness;
let spec: OpenApiChecker;
let token: string;

type Page = { items: { id: string; health: string; failures: number }[]; next?: string; total: number };

async function get(p: string): Promise<Page> {
  const res = await fetch(`${h.base}/api/v1${p}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await spec.check('GET', `/api/v1${p}`, res)) as Page;
}

beforeAll(async () => {
  h = await startHarness({ users: { vic: 'viewer' } });
  spec = await OpenApiChecker.load(h.base);
  token = tokenFor(h, 'vic', ['read']);
  const lines = ['# ten thousand sources', 'sources:'];
  for (let i = 0; i < N; i++) {
    lines.push(`  - id: ${idOf(i)}`, `    url: https://news${i}.example.org/feed.xml`, `    title: Wire number ${i}`);
    if (disabled(i)) lines.push('    enabled: false');
  }
  writeFileSync(path.join(h.configDir, 'sources.yaml'), `${lines.join('\n')}\n`);
  // Fetch state as the worker records it: every enabled source fetched, one in ten failing (more often the further on).
  const configs: SourceConfig[] = [];
  for (let i = 0; i < N; i++)
    configs.push({
      id: idOf(i),
      url: `https://news${i}.example.org/feed.xml`,
      enabled: true,
      topics: [],
      trusted: true,
    });
  h.store.sources.sync(configs, '2024-03-01T00:00:00.000Z');
  h.store.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      if (disabled(i)) continue;
      const at = `2024-03-01T${String(Math.floor(i / 1000)).padStart(2, '0')}:00:00.000Z`;
      h.store.sources.record(idOf(i), { status: 'ok', fetchedAt: at, nextFetchAt: at });
      for (let k = 0; failing(i) && k <= i % 3; k++)
        h.store.sources.record(idOf(i), { status: 'error', fetchedAt: at, nextFetchAt: at, error: 'HTTP 500' });
    }
  })();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('the sources dashboard at 10,000 sources', () => {
  it('pages through every source by id with the before cursor', async () => {
    const seen: string[] = [];
    let page = await get('/sources?limit=200');
    expect(page.total).toBe(N);
    seen.push(...page.items.map((s) => s.id));
    for (let n = 0; n < 4 && page.next; n++) {
      page = await get(`/sources?limit=200&before=${page.next}`);
      seen.push(...page.items.map((s) => s.id));
    }
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => idOf(i)));
  });

  it('filters failing sources sorted by failures, every one once across the pages', async () => {
    const expected = Array.from({ length: N }, (_, i) => i).filter(failing).length;
    const seen = new Set<string>();
    let last = Infinity;
    let next: string | undefined = '';
    while (next !== undefined) {
      const page: Page = await get(`/sources?status=failing&sort=failures&limit=200${next ? `&before=${next}` : ''}`);
      for (const s of page.items) {
        expect(s.health).toBe('failing');
        expect(s.failures).toBeLessThanOrEqual(last);
        last = s.failures;
        expect(seen.has(s.id)).toBe(false);
        seen.add(s.id);
      }
      next = page.next;
    }
    expect(seen.size).toBe(expected);
    expect(last).toBe(1);
  });

  it('finds one source by text among 10,000', async () => {
    const page = await get('/sources?q=news9999.example');
    expect(page.items.map((s) => s.id)).toEqual([idOf(9999)]);
  });

  it('the console page answers with 50 rows and a next page link that works', async () => {
    const b = new FormClient(h.base);
    await b.login('vic');
    const { res, html } = await b.page('/console/sources?status=disabled');
    expect(res.status).toBe(200);
    expect(html.match(/href="\/console\/sources\/src-\d+"/g)?.length).toBe(50);
    expect(html).toContain(`disabled (${Array.from({ length: N }, (_, i) => i).filter(disabled).length})`);
    const next = /href="([^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await b.page(next ?? '');
    expect(second.res.status).toBe(200);
    expect(second.html).toContain('href="/console/sources/src-00353"');
    expect(second.html).not.toContain('href="/console/sources/src-00003"');
  });

  it('follows a fetch recorded after the dashboard was read, in this process and from another', async () => {
    const before = await get('/sources?status=failing&q=src-00001');
    expect(before.items).toEqual([]);
    h.store.sources.record(idOf(1), {
      status: 'error',
      fetchedAt: '2024-03-02T00:00:00.000Z',
      nextFetchAt: '2024-03-02T01:00:00.000Z',
      error: 'timeout',
    });
    const after = await get('/sources?status=failing&q=src-00001');
    expect(after.items.map((s) => s.id)).toEqual([idOf(1)]);

    // A read-only connection (wireroom serve) sees the worker's commits through PRAGMA data_version.
    const reader = openStore(h.config.databasePath, { readonly: true });
    try {
      const listed = Array.from({ length: N }, (_, i) => ({
        id: idOf(i),
        url: `https://news${i}.example.org/feed.xml`,
      }));
      reader.sources.useListed('v1', listed);
      const query = { sort: 'id' as const, desc: false, health: 'failing' as const, text: 'src-00002', limit: 10 };
      expect(reader.sources.dashboardPage(query).rows).toEqual([]);
      h.store.sources.record(idOf(2), {
        status: 'gone',
        fetchedAt: '2024-03-02T00:00:00.000Z',
        nextFetchAt: '2024-03-03T00:00:00.000Z',
        error: 'HTTP 410',
      });
      expect(reader.sources.dashboardPage(query).rows.map((r) => [r.id, r.lastError])).toEqual([[idOf(2), 'HTTP 410']]);
    } finally {
      reader.close();
    }
  });
});
