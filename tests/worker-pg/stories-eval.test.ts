// The story eval with four PostgreSQL workers at once gives the stories one gives, and SQLite gives (issue #15):
// tests/eval/stories-fleet.ts serves the cluster eval's 534 entries as loopback feeds and stores them with
// `wireroom fetch` on SQLite, one `wireroom worker --once`, then four at once; the stories must be the same sets of
// entries in every arm (detection is order-independent on SQLite: the cluster eval's six orders agree), so the same
// precision and recall.
import { describe, expect, it } from 'vitest';
import { runFleetStoryEval } from '../eval/stories-fleet.ts';
import { needsPostgres, postgresMissing } from '../helpers/postgres.ts';

describe.skipIf(postgresMissing)(`the story eval through a fleet of workers${needsPostgres}`, () => {
  it('four workers at once store the same stories as one, and as SQLite', async () => {
    const { items, results } = await runFleetStoryEval({ runs: 1 });
    const [sqlite, one, four] = results;
    expect(results.map((r) => r.arm)).toEqual(['sqlite', 'pg x1', 'pg x4 #1']);
    for (const r of results) expect(r.entries, r.arm).toBe(items);
    // Stories of several entries exist, or equal clusterings would say little.
    expect(sqlite?.clusters.filter((c) => c.length > 1).length).toBeGreaterThan(50);
    expect(one?.clusters).toEqual(sqlite?.clusters);
    expect(four?.clusters).toEqual(sqlite?.clusters);
    expect([four?.precision, four?.recall]).toEqual([sqlite?.precision, sqlite?.recall]);
  }, 600_000);
});
