// Cross-source stories through the real pipeline: a feed's canonical hint joins entries whose links differ. The same
// tests on SQLite (runCycle) and on PostgreSQL (runFleetCycle, one worker; tests/helpers/cycle-on-store.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainStory } from '../../src/dedup/index.ts';
import { cycleStores, type ProjectOnStore } from '../helpers/cycle-on-store.ts';
import { fixtureServer, tempDir, writeConfig } from '../helpers/env.ts';

const feedburner = `<?xml version="1.0"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>Wire</title><link>https://wire.example/</link><description>d</description>
<item><guid isPermaLink="false">wire-1</guid><title>Andean unions call general stoppage</title>
<link>http://feedproxy.example/~r/wire/~3/abc123/</link>
<feedburner:origLink>https://news.example/2024/05/peru-strike</feedburner:origLink>
<description>Transport and mining unions announced the action on Monday.</description><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate></item>
</channel></rss>`;

const direct = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>News</title><link>https://news.example/</link><description>d</description><language>en</language>
<item><guid>https://news.example/2024/05/peru-strike</guid><title>Peru: national strike on Thursday</title>
<link>https://www.news.example/2024/05/peru-strike/?utm_source=rss&amp;utm_medium=feed</link>
<description>Workers across the country will stop work, organisers said.</description><pubDate>Mon, 06 May 2024 09:30:00 GMT</pubDate></item>
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Agency</title><id>urn:agency</id><updated>2024-05-06T11:00:00Z</updated>
<entry xml:lang="es"><id>urn:agency:77</id><title>Huelga nacional en Perú el jueves</title>
<link rel="alternate" href="https://agency.example/r/77"/><link rel="canonical" href="https://news.example/2024/05/peru-strike"/>
<updated>2024-05-06T11:00:00Z</updated><summary>Los sindicatos convocan.</summary></entry>
</feed>`;

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`canonical hints join stories across sources on ${arm.kind}${arm.skip}`, () => {
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    const tmp = tempDir();
    let p: ProjectOnStore;
    const first = async (sourceId: string) => (await p.entries(sourceId))[0]!;
    beforeAll(async () => {
      srv = await fixtureServer({
        '/wire.xml': (_q, res) => void res.writeHead(200).end(feedburner),
        '/news.xml': (_q, res) => void res.writeHead(200).end(direct),
        '/agency.xml': (_q, res) => void res.writeHead(200).end(atom),
      });
      writeConfig(tmp.dir, {
        sources: `sources:\n  - { id: news, url: "${srv.url('/news.xml')}" }\n  - { id: wire, url: "${srv.url('/wire.xml')}" }\n  - { id: agency, url: "${srv.url('/agency.xml')}" }\n`,
      });
      p = await arm.project(tmp.dir, 'stories');
      // One source at a time, so the order (and so the story's founder) is fixed.
      for (const id of ['news', 'wire', 'agency']) await p.cycle({ sourceIds: [id] });
    });
    afterAll(async () => {
      await arm.close();
      await srv?.close();
      tmp.cleanup();
    });

    it('stores the hint beside the link', async () => {
      const wire = await first('wire');
      expect(wire.url).toBe('http://feedproxy.example/~r/wire/~3/abc123/');
      expect(wire.canonicalUrl).toBe('https://news.example/2024/05/peru-strike');
      const agency = await first('agency');
      expect(agency.canonicalUrl).toBe('https://news.example/2024/05/peru-strike');
      // A permalink guid that differs from the (tracking, www.) link is a hint too.
      const news = await first('news');
      expect(news.canonicalUrl).toBe('https://news.example/2024/05/peru-strike');
    });

    it('puts entries whose hint and link fold to one URL in one story, by URL', async () => {
      const news = await first('news');
      const wire = await first('wire');
      expect(wire.storyId).toBe(news.storyId);
      const story = await p.story(wire.id);
      expect(explainStory({ stories: { explain: () => story } }, wire.id).join('\n')).toMatch(/url/i);
    });

    it('keeps a translation apart even when it names the same article, until an editor merges it', async () => {
      const news = await first('news');
      const agency = await first('agency');
      expect(agency.language).toBe('es');
      expect(agency.storyId).not.toBe(news.storyId);
      await p.mergeStories(agency.id, news.id);
      expect((await p.entry(agency.id))!.storyId).toBe(news.storyId);
    });
  });
