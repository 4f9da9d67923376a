// PostgreSQL's record of tagging versions (src/store/pg/tag-versions.ts): a write's touch records a version that is
// missing with its JSON, and moves the time of one already there without sending it; a version a writer used after a
// retag began outlives that retag's forgetting of older ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore } from '../../src/store/pg/index.ts';
import { PgTagVersionRepo } from '../../src/store/pg/tag-versions.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

describe.skipIf(postgresMissing)(`tagging versions on PostgreSQL${needsPostgres}`, () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  const older = { id: 'older', part: 'the taxonomy a worker loaded before the edit' };
  const newer = { id: 'newer', part: 'the edited taxonomy' };
  const lastUsed = async (pg: Awaited<ReturnType<typeof openPgStore>>, id: string) =>
    Number(
      (await pg.db.query<{ last_used: string }>('SELECT last_used FROM tag_versions WHERE id = $1', [id])).rows[0]
        ?.last_used,
    );

  // A touch runs in a write's transaction, as fetch-write's does.
  it('a touch records a missing version whole, then moves its time; a use after a retag began outlives it', async () => {
    const pg = await openPgStore(await server.createDatabase('versions'), { max: 2 });
    try {
      await pg.db.transaction((tx) => new PgTagVersionRepo(tx).touch(older));
      expect(await pg.tagVersions.list()).toContainEqual(older);
      const first = await lastUsed(pg, 'older');
      await new Promise((r) => setTimeout(r, 5));
      await pg.db.transaction((tx) => new PgTagVersionRepo(tx).touch(older));
      expect(await lastUsed(pg, 'older')).toBeGreaterThan(first);

      // A retag of everything with the newer version begins; a worker with the older taxonomy writes after that.
      const began = await pg.tagVersions.record(newer);
      await new Promise((r) => setTimeout(r, 5));
      await pg.db.transaction((tx) => new PgTagVersionRepo(tx).touch(older));
      await pg.tagVersions.forgetBefore(newer, began);
      expect((await pg.tagVersions.list()).map((v) => v.id).sort()).toEqual(['newer', 'older']);
    } finally {
      await pg.close();
    }
  });
});
