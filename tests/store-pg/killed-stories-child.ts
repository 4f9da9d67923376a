// Child process for stories.test.ts: a worker that claims one source and dies by SIGKILL in the middle of its write,
// after its entries' stories and story keys went to the server, before the fetch log row and the commit.
import { createPgStoryAssigner, DEFAULT_STORY_SETTINGS } from '../../src/dedup/index.ts';
import { openPgStore } from '../../src/store/pg/index.ts';

const [url, now] = [process.argv[2] ?? '', process.argv[3] ?? ''];
let storiesSent = 0;
const store = await openPgStore(url, {
  onQuery: (sql) => {
    if (sql.includes('INSERT INTO stories')) storiesSent++;
    // Dies only once stories were sent; otherwise it lives, says so, and the test fails.
    if (sql.includes('INSERT INTO fetch_log') && storiesSent >= 1) process.kill(process.pid, 'SIGKILL');
  },
});
await store.sources.sync(
  [{ id: 'victim', url: 'https://victim.example/feed', enabled: true, topics: [], trusted: true }],
  now,
);
await store.sources.claimDueSources('doomed', now, 1, 30, 2);
const entries = Array.from({ length: 3 }, (_, i) => ({
  sourceId: 'victim',
  key: `k${i}`,
  url: `https://victim.example/${i}`,
  title: `Entry ${i} about something else entirely`,
  summary: `Summary ${i}`,
  contentHtml: '<p>text</p>',
  authors: [],
  categories: [],
  enclosures: [],
  publishedAt: now,
  dateFlags: [],
}));
const stories = createPgStoryAssigner(DEFAULT_STORY_SETTINGS);
await store.storeFetch('doomed', now, {
  sourceId: 'victim',
  entries,
  record: { status: 'ok', fetchedAt: now, nextFetchAt: now },
  log: { startedAt: now, durationMs: 1, status: 'ok', bytes: 0 },
  stories: async (tables, written) => (await stories.assign(tables, written.inserted, now)).storiesMade,
});
process.stdout.write(`not killed (${storiesSent} stories sent)\n`);
await store.close();
