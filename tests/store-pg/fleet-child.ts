// Child process for leases.test.ts: one worker of a fleet. From the agreed instant it claims due sources, "fetches"
// them (no network: the test is about claims) and writes each back through the fenced write, until none is due.
// Prints the ids it wrote, one JSON line.
import { openPgStore } from '../../src/store/pg/index.ts';

const [url, owner, at, now] = [
  process.argv[2] ?? '',
  process.argv[3] ?? '',
  Number(process.argv[4]),
  process.argv[5] ?? '',
];
const later = new Date(Date.parse(now) + 3600_000).toISOString();

const store = await openPgStore(url, { max: 2 });
try {
  while (Date.now() < at) await new Promise((r) => setTimeout(r, 1));
  const wrote: string[] = [];
  const refused: string[] = [];
  for (;;) {
    const claimed = await store.sources.claimDueSources(owner, now, 3, 60, 2);
    if (!claimed.length) {
      // Everything left is leased by others (their hosts are full) or done: done when nothing is due at all.
      const { rows } = await store.db.query<{ n: number }>(
        'SELECT count(*) AS n FROM sources WHERE next_fetch_at IS NULL OR next_fetch_at <= $1',
        [now],
      );
      if (!rows[0]?.n) break;
      await new Promise((r) => setTimeout(r, 2));
      continue;
    }
    for (const s of claimed) {
      const r = await store.storeFetch(owner, now, {
        sourceId: s.id,
        entries: [],
        record: { status: 'not-modified', fetchedAt: now, nextFetchAt: later },
        log: { startedAt: now, durationMs: 1, status: 'not-modified', httpStatus: 304, bytes: 0 },
      });
      (r.stored ? wrote : refused).push(s.id);
    }
  }
  process.stdout.write(JSON.stringify({ wrote, refused }) + '\n');
} finally {
  await store.close();
}
