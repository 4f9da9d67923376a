// Stories through the real pipeline (loopback feeds, runCycle, a real SQLite file) must not depend on the order in
// which sources are fetched: the story groups of tests/eval/story-groups.jsonl (copies of one wire story that only
// link up through a copy in between) served as one feed per source and fetched in five orders.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { openStore } from '../../src/store/index.ts';
import { createWorkerDeps } from '../../src/worker/deps.ts';
import { runCycle } from '../../src/worker/index.ts';
import { loadGroups, shuffled, type PairEntry } from '../eval/stories.ts';
import { prng } from '../helpers/prng.ts';
import { fixtureServer, rss, tempDir, writeConfig, type Handler } from '../helpers/env.ts';

const MAIN = [
  'schedule:\n  run_on_start: false',
  'fetch:\n  timeout_seconds: 5\n  connect_timeout_seconds: 2\n  allow_private: ["127.0.0.1"]',
  // Inline prepare: no thread pool to start for each of the many one-source cycles.
  'ingest:\n  threads: 0',
].join('\n');

describe('stories do not depend on which source is fetched first', () => {
  const tmp = tempDir();
  let srv: Awaited<ReturnType<typeof fixtureServer>>;
  let configDir: string;
  const bySource = new Map<string, { guid: string; entry: PairEntry }[]>();
  for (const g of loadGroups()) {
    g.entries.forEach((entry, n) => {
      bySource.set(entry.source, [...(bySource.get(entry.source) ?? []), { guid: `${g.id}/${n}`, entry }]);
    });
  }
  const sourceIds = [...bySource.keys()].sort();

  beforeAll(async () => {
    const routes: Record<string, Handler> = {};
    for (const [id, items] of bySource) {
      const language = items[0]?.entry.language;
      const body = rss(
        items.map(({ guid, entry }) => ({
          guid,
          title: entry.title,
          link: entry.url,
          description: entry.summary || entry.content || '',
          pubDate: new Date(entry.published).toUTCString(),
        })),
        language ? `<language>${language}</language>` : '',
      );
      routes[`/${id}.xml`] = (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body);
    }
    srv = await fixtureServer(routes);
    const list = sourceIds.map((id) => `  - { id: ${id}, url: "${srv.url(`/${id}.xml`)}" }`).join('\n');
    configDir = writeConfig(tmp.dir, { main: MAIN, sources: `sources:\n${list}\n` });
  });
  afterAll(async () => {
    await srv?.close();
    tmp.cleanup();
  });

  /** Fetches the sources one at a time in this order into a new database; the stories as sorted lists of guids. */
  async function storiesAfter(order: readonly string[], n: number): Promise<string[]> {
    const store = openStore(path.join(tmp.dir, `order-${n}.sqlite`));
    try {
      const deps = createWorkerDeps(loadConfig(configDir), store);
      for (const id of order) {
        const report = await runCycle(deps, { sourceIds: [id] });
        expect(report.sources.map((s) => s.status)).toEqual(['ok']);
      }
      const byStory = new Map<number, string[]>();
      for (const e of store.entries.list({ limit: 10_000 })) {
        const sid = e.storyId ?? -e.id;
        byStory.set(sid, [...(byStory.get(sid) ?? []), e.guid ?? String(e.id)]);
      }
      return [...byStory.values()].map((guids) => guids.sort().join(' ')).sort();
    } finally {
      store.close();
    }
  }

  it('gives identical stories in five fetch orders', async () => {
    const rand = prng(7);
    const orders = [sourceIds, [...sourceIds].reverse()];
    while (orders.length < 5) orders.push(shuffled(sourceIds, rand));
    const results: string[][] = [];
    for (const [n, order] of orders.entries()) results.push(await storiesAfter(order, n));
    const entries = [...bySource.values()].reduce((s, items) => s + items.length, 0);
    expect(results[0]?.join(' ').split(' ')).toHaveLength(entries);
    // Copies that link only through a copy in between do end in one story (a group is not split everywhere).
    expect(results[0]?.filter((s) => s.split(' ').length >= 3).length).toBeGreaterThanOrEqual(5);
    for (const [n, r] of results.entries()) expect(r, `order ${n}: ${orders[n]?.join(',')}`).toEqual(results[0]);
  }, 120_000);
});
