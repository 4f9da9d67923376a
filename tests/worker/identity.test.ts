// Identity within a source through the real pipeline: what must be stored once, however often it is fetched.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWorkerDeps } from '../../src/worker/deps.ts';
import { runCycle } from '../../src/worker/index.ts';
import { fixtureServer, tempDir, writeConfig } from '../helpers/env.ts';

// No guid, no link, and a date no parser reads: the key cannot lean on the (first-seen) date.
const undated = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description>
<item><title>Paro en Lima</title><description>Los transportistas paralizan.</description><pubDate>Lunes 10 de noviembre</pubDate></item>
<item><title>Sin fecha</title><description>Otra nota.</description></item>
</channel></rss>`;

// One guid reused for different links (a CMS template bug): each link is its own entry.
const reused = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://y.example/</link><description>d</description>
<item><guid isPermaLink="false">post</guid><title>First</title><link>https://y.example/first</link></item>
<item><guid isPermaLink="false">post</guid><title>Second</title><link>https://y.example/second</link></item>
</channel></rss>`;

describe('identity within a source', () => {
  let srv: Awaited<ReturnType<typeof fixtureServer>>;
  const tmp = tempDir();
  let store: Store;
  let deps: ReturnType<typeof createWorkerDeps>;
  beforeAll(async () => {
    srv = await fixtureServer({
      '/undated.xml': (_q, res) => void res.writeHead(200).end(undated),
      '/reused.xml': (_q, res) => void res.writeHead(200).end(reused),
    });
    const dir = writeConfig(tmp.dir, {
      sources: `sources:\n  - { id: undated, url: "${srv.url('/undated.xml')}" }\n  - { id: reused, url: "${srv.url('/reused.xml')}" }\n`,
    });
    store = openStore(path.join(tmp.dir, 'db.sqlite'));
    deps = createWorkerDeps(loadConfig(dir), store);
  });
  afterAll(async () => {
    store?.close();
    await srv?.close();
    tmp.cleanup();
  });

  it('stores undated items without links once, however often they are fetched', async () => {
    for (let i = 0; i < 3; i++) await runCycle(deps, { sourceIds: ['undated'] });
    const entries = store.entries.list({ sourceId: 'undated' });
    expect(entries.map((e) => e.title).sort()).toEqual(['Paro en Lima', 'Sin fecha']);
    expect(entries.find((e) => e.title === 'Paro en Lima')!.dateFlags).toContain('unparsed');
  });

  it('keys a feed that reuses one guid for different links by guid and link, and remembers it', async () => {
    await runCycle(deps, { sourceIds: ['reused'] });
    expect(
      store.entries
        .list({ sourceId: 'reused' })
        .map((e) => e.title)
        .sort(),
    ).toEqual(['First', 'Second']);
    expect(store.sources.get('reused')!.guidReuse).toBe(true);
    await runCycle(deps, { sourceIds: ['reused'] });
    expect(store.entries.list({ sourceId: 'reused' })).toHaveLength(2);
  });
});
