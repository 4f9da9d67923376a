// Identity within a source through the real pipeline: what must be stored once, however often it is fetched. The
// same tests on SQLite (runCycle) and on PostgreSQL (runFleetCycle, one worker; tests/helpers/cycle-on-store.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStores, type ProjectOnStore } from '../helpers/cycle-on-store.ts';
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

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`identity within a source on ${arm.kind}${arm.skip}`, () => {
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    const tmp = tempDir();
    let p: ProjectOnStore;
    beforeAll(async () => {
      srv = await fixtureServer({
        '/undated.xml': (_q, res) => void res.writeHead(200).end(undated),
        '/reused.xml': (_q, res) => void res.writeHead(200).end(reused),
      });
      writeConfig(tmp.dir, {
        sources: `sources:\n  - { id: undated, url: "${srv.url('/undated.xml')}" }\n  - { id: reused, url: "${srv.url('/reused.xml')}" }\n`,
      });
      p = await arm.project(tmp.dir, 'identity');
    });
    afterAll(async () => {
      await arm.close();
      await srv?.close();
      tmp.cleanup();
    });

    it('stores undated items without links once, however often they are fetched', async () => {
      for (let i = 0; i < 3; i++) await p.cycle({ sourceIds: ['undated'] });
      const entries = await p.entries('undated');
      expect(entries.map((e) => e.title).sort()).toEqual(['Paro en Lima', 'Sin fecha']);
      expect(entries.find((e) => e.title === 'Paro en Lima')!.dateFlags).toContain('unparsed');
    });

    it('keys a feed that reuses one guid for different links by guid and link, and remembers it', async () => {
      await p.cycle({ sourceIds: ['reused'] });
      expect((await p.entries('reused')).map((e) => e.title).sort()).toEqual(['First', 'Second']);
      expect((await p.source('reused'))!.guidReuse).toBe(true);
      await p.cycle({ sourceIds: ['reused'] });
      expect(await p.entries('reused')).toHaveLength(2);
    });
  });
