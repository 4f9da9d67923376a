// Child process for killed.test.ts: a worker that claims one source, and dies by SIGKILL in the middle of writing it
// (after its entries and tags went to the server, before the fetch log row and the commit).
import { openPgStore } from '../../src/store/pg/index.ts';

const [url, now] = [process.argv[2] ?? '', process.argv[3] ?? ''];
const store = await openPgStore(url, {
  onQuery: (sql) => {
    if (sql.includes('INSERT INTO fetch_log')) process.kill(process.pid, 'SIGKILL');
  },
});
const claimed = await store.sources.claimDueSources('doomed', now, 1, 30, 2);
const id = claimed[0]?.id ?? '';
const entries = Array.from({ length: 10 }, (_, i) => ({
  sourceId: id,
  key: `k${i}`,
  title: `Entry ${i}`,
  summary: '',
  contentHtml: '<p>text</p>',
  authors: [],
  categories: [],
  enclosures: [],
  publishedAt: now,
  dateFlags: [],
}));
const tags = Object.fromEntries(
  entries.map((e) => [e.key, [{ kind: 'topic' as const, value: 'coups', score: 2, reason: { rule: 'r' } }]]),
);
await store.storeFetch('doomed', now, {
  sourceId: id,
  entries,
  tags,
  record: { status: 'ok', fetchedAt: now, nextFetchAt: now },
  log: { startedAt: now, durationMs: 1, status: 'ok', bytes: 0 },
});
process.stdout.write('not killed\n');
await store.close();
