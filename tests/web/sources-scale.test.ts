// The sources dashboard with 10,000 sources in sources.yaml: it answers, filters and pages through all of them with
// the before cursor (no row twice, none left out), and it follows fetches recorded after it was first read, by this
// process's worker and by another process (a read-only `wireroom serve` beside the worker). On both stores (issue
// #15): SQLite's dashboard in temp tables of its connection, PostgreSQL's per request (src/store/pg/dashboard.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type FetchRecord } from '../../src/store/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import { skipArm, stores, type StoreKind } from '../helpers/stores.ts';
import { FormClient, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

const N = 10_000;
const idOf = (i: number) => `src-${String(i).padStart(5, '0')}`;
const disabled = (i: number) => i % 7 === 3;
const failing = (i: number) => i % 10 === 0 && !disabled(i);

type Page = { items: { id: string; health: string; failures: number }[]; next?: string; total: number };

/** The ids in the dashboard's order for the seed below: the sort's value, then the id, both the same way. */
function expectedOrder(sort: string, desc: boolean, status?: 'failing'): string[] {
  const keys: Record<string, (i: number) => string | number> = {
    id: idOf,
    // failing first, then new, ok, disabled
    status: (i) => (disabled(i) ? 3 : Number(!failing(i)) * 2),
    last_success: (i) => (disabled(i) ? '' : `2024-03-01T${String(Math.floor(i / 1000)).padStart(2, '0')}`),
    failures: (i) => (failing(i) ? (i % 3) + 1 : 0),
    entries: () => 0,
  };
  const key = keys[sort] ?? idOf;
  const rows = Array.from({ length: N }, (_, i) => i).filter((i) => !status || failing(i));
  const cmp = (a: string | number, b: string | number) => Number(a > b) - Number(a < b);
  rows.sort((a, b) => (cmp(key(a), key(b)) || cmp(idOf(a), idOf(b))) * (desc ? -1 : 1));
  return rows.map(idOf);
}

/** One fetch recorded as the worker records it, on either store. */
async function record(h: Harness, id: string, r: FetchRecord): Promise<void> {
  if (h.pg) await h.pg.sources.record(id, r);
  else h.store.sources.record(id, r);
}

/** Fetch state as the worker records it: every enabled source fetched, one in ten failing (more often the further on). */
async function seed(h: Harness, configs: SourceConfig[]): Promise<void> {
  const records: [string, FetchRecord][] = [];
  for (let i = 0; i < N; i++) {
    if (disabled(i)) continue;
    const at = `2024-03-01T${String(Math.floor(i / 1000)).padStart(2, '0')}:00:00.000Z`;
    records.push([idOf(i), { status: 'ok', fetchedAt: at, nextFetchAt: at }]);
    for (let k = 0; failing(i) && k <= i % 3; k++)
      records.push([idOf(i), { status: 'error', fetchedAt: at, nextFetchAt: at, error: 'HTTP 500' }]);
  }
  const { pg } = h;
  if (pg) {
    await pg.sources.sync(configs, '2024-03-01T00:00:00.000Z');
    // In order per source (ok, then its failures); sources side by side.
    const chains = new Map<string, FetchRecord[]>();
    for (const [id, r] of records) chains.set(id, [...(chains.get(id) ?? []), r]);
    const ids = [...chains.keys()];
    for (let i = 0; i < ids.length; i += 50)
      await Promise.all(
        ids.slice(i, i + 50).map(async (id) => {
          for (const r of chains.get(id) ?? []) await pg.sources.record(id, r);
        }),
      );
    return;
  }
  h.store.sources.sync(configs, '2024-03-01T00:00:00.000Z');
  h.store.db.transaction(() => {
    for (const [id, r] of records) h.store.sources.record(id, r);
  })();
}

function dashboardAt10k(kind: StoreKind) {
  let h: Harness;
  let spec: OpenApiChecker;
  let token: string;

  async function get(p: string): Promise<Page> {
    const res = await fetch(`${h.base}/api/v1${p}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await spec.check('GET', `/api/v1${p}`, res)) as Page;
  }

  beforeAll(async () => {
    h = await startHarness({ users: { vic: 'viewer' }, store: kind });
    spec = await OpenApiChecker.load(h.base);
    token = await tokenFor(h, 'vic', ['read']);
    const lines = ['# ten thousand sources', 'sources:'];
    for (let i = 0; i < N; i++) {
      lines.push(`  - id: ${idOf(i)}`, `    url: https://news${i}.example.org/feed.xml`, `    title: Wire number ${i}`);
      if (disabled(i)) lines.push('    enabled: false');
    }
    writeFileSync(path.join(h.configDir, 'sources.yaml'), `${lines.join('\n')}\n`);
    const configs: SourceConfig[] = Array.from({ length: N }, (_, i) => ({
      id: idOf(i),
      url: `https://news${i}.example.org/feed.xml`,
      enabled: true,
      topics: [],
      trusted: true,
    }));
    await seed(h, configs);
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

    it('every sort, both ways, alone and with the failing filter: the order the seed gives, across pages', async () => {
      for (const sort of ['id', 'status', 'last_success', 'failures', 'entries'] as const)
        for (const dir of ['asc', 'desc'] as const)
          for (const status of [undefined, 'failing'] as const) {
            const want = expectedOrder(sort, dir === 'desc', status);
            const seen: string[] = [];
            let next: string | undefined;
            // Every failing source (five pages); the first two pages of all of them.
            for (let n = 0; n < (status ? 10 : 2); n++) {
              const q = `sort=${sort}&dir=${dir}${status ? `&status=${status}` : ''}&limit=200`;
              const page: Page = await get(`/sources?${q}${next ? `&before=${next}` : ''}`);
              seen.push(...page.items.map((s) => s.id));
              next = page.next;
              if (!next) break;
            }
            expect(seen, `${sort} ${dir} ${status ?? ''}`).toEqual(status ? want : want.slice(0, 400));
          }
    });

    it('the text filter folds ASCII case and takes % and _ as themselves', async () => {
      expect((await get('/sources?q=WIRE%20NUMBER%209999')).items.map((s) => s.id)).toEqual([idOf(9999)]);
      expect((await get('/sources?q=src_0000')).items).toEqual([]);
      expect((await get('/sources?q=%25')).items).toEqual([]);
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

    it('follows a fetch recorded after the dashboard was read', async () => {
      const before = await get('/sources?status=failing&q=src-00001');
      expect(before.items).toEqual([]);
      await record(h, idOf(1), {
        status: 'error',
        fetchedAt: '2024-03-02T00:00:00.000Z',
        nextFetchAt: '2024-03-02T01:00:00.000Z',
        error: 'timeout',
      });
      const after = await get('/sources?status=failing&q=src-00001');
      expect(after.items.map((s) => s.id)).toEqual([idOf(1)]);
    });

    // PostgreSQL's dashboard is read per request with no table of its own: a read-only pool, as `wireroom serve`
    // opens it, answers it (SQLite's temp tables are allowed on a read-only connection; PostgreSQL creates none).
    (kind === 'postgres' ? it : () => {})(
      'a read-only PostgreSQL pool answers and follows the commits of another',
      async () => {
        if (h.config.database.kind !== 'postgres') throw new Error('a PostgreSQL harness only');
        const { openPgStore } = await import('../../src/store/pg/index.ts');
        const { pgEditorStore } = await import('../../src/editor/editor-store-pg.ts');
        const pg = await openPgStore(h.config.database.url, { readOnly: true });
        try {
          const reader = pgEditorStore(pg);
          expect(reader.readonly).toBe(true);
          const listed = Array.from({ length: N }, (_, i) => ({
            id: idOf(i),
            url: `https://news${i}.example.org/feed.xml`,
          }));
          const query = { sort: 'id' as const, desc: false, health: 'failing' as const, text: 'src-00002', limit: 10 };
          expect((await reader.sourcesDashboard('v1', listed, query)).rows).toEqual([]);
          await record(h, idOf(2), {
            status: 'gone',
            fetchedAt: '2024-03-02T00:00:00.000Z',
            nextFetchAt: '2024-03-03T00:00:00.000Z',
            error: 'HTTP 410',
          });
          const page = await reader.sourcesDashboard('v1', listed, query);
          expect(page.rows.map((r) => [r.id, r.lastError])).toEqual([[idOf(2), 'HTTP 410']]);
          expect(page.counts.failing).toBe(Array.from({ length: N }, (_, i) => i).filter(failing).length + 2);
        } finally {
          await pg.close();
        }
      },
    );

    // SQLite's dashboard lives in temp tables of one connection, rebuilt when another connection commits.
    (kind === 'sqlite' ? it : () => {})('a read-only SQLite connection follows the commits of another', () => {
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
        expect(reader.sources.dashboardPage(query).rows.map((r) => [r.id, r.lastError])).toEqual([
          [idOf(2), 'HTTP 410'],
        ]);
      } finally {
        reader.close();
      }
    });
  });
}

for (const s of stores())
  describe.skipIf(skipArm(s))(`sources at scale on ${s.kind}${s.skip}`, () => dashboardAt10k(s.kind));
