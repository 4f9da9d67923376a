// The PostgreSQL schema on a real server: migrations apply once however many processes start at once, and the
// schema keeps what the SQLite triggers keep (entry counts, tags leaving with their entry, the append-only log).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePg, pgMigrations } from '../../src/store/pg/index.ts';
import { connectPool } from '../../src/store/pg/connect.ts';
import { tempDir } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

describe.skipIf(postgresMissing)(`PostgreSQL schema and migrations${needsPostgres}`, () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  it('applies every migration once: twice in a row, and from two connections at once', async () => {
    const url = await server.createDatabase('twice');
    const [a, b] = await Promise.all([connectPool(url), connectPool(url)]);
    try {
      const [first, second] = await Promise.all([migratePg(a), migratePg(b)]);
      const all = pgMigrations().map((m) => m.name);
      // One of the two applied everything, the other waited for its lock and found nothing left to do.
      expect([...first, ...second].sort()).toEqual(all);
      expect(await migratePg(a)).toEqual([]);
      const { rows } = await a.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(pgMigrations().map((m) => m.version));
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('keeps what the SQLite triggers keep: entry counts, tags and keys leaving with their entry, the audit log', async () => {
    const url = await server.createDatabase('triggers');
    const pool = await connectPool(url);
    try {
      await migratePg(pool);
      const now = '2024-05-01T00:00:00.000Z';
      await pool.query(`INSERT INTO sources (id, url, created_at) VALUES ('s', 'https://Example.org:8443/feed', $1)`, [
        now,
      ]);
      const { rows: ids } = await pool.query<{ id: number }>(
        `INSERT INTO entries (source_id, key, title, content_html, published_at, content_hash, first_seen_at, updated_at)
         VALUES ('s', 'a', 'Café in São Paulo', '<p>Ñandú &amp; <b>jaguar</b></p>', $1, 'h', $1, $1),
                ('s', 'b', 'Other', '', $1, 'h', $1, $1) RETURNING id`,
        [now],
      );
      const [a] = ids;
      const source = await pool.query('SELECT entry_count, host FROM sources');
      expect(source.rows[0]).toEqual({ entry_count: 2, host: 'example.org:8443' });
      // Folded as FTS5's unicode61 remove_diacritics: no accents, lower case; markup and entities are not words.
      const hit = await pool.query(
        `SELECT id FROM entries WHERE search @@ to_tsquery('simple', 'sao & paulo & nandu & jaguar')`,
      );
      expect(hit.rows).toEqual([{ id: a?.id }]);
      const miss = await pool.query(`SELECT id FROM entries WHERE search @@ to_tsquery('simple', 'amp | p | b')`);
      expect(miss.rows).toEqual([]);

      await pool.query(
        `INSERT INTO entry_tag_sets VALUES ($1, $2, '[{"kind":"country","value":"BR","score":3,"role":"focus","rule":"r"}]')`,
        [a?.id, now],
      );
      await pool.query(`INSERT INTO entry_tags VALUES ('country', 'BR', $2, $1, 3, 'focus')`, [a?.id, now]);
      await pool.query(`INSERT INTO story_keys (entry_id, published_at) VALUES ($1, 0)`, [a?.id]);
      await pool.query('DELETE FROM entries WHERE id = $1', [a?.id]);
      const left = await pool.query(
        `SELECT (SELECT count(*) FROM entry_tags) AS tags, (SELECT count(*) FROM entry_tag_sets) AS sets,
                (SELECT count(*) FROM story_keys) AS keys, (SELECT entry_count FROM sources) AS entries`,
      );
      expect(left.rows[0]).toEqual({ tags: 0, sets: 0, keys: 0, entries: 1 });

      await pool.query(
        `INSERT INTO audit_log (at, actor, origin, action) VALUES ($1, 'cli:root', 'cli', 'users.add')`,
        [now],
      );
      await expect(pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(pool.query(`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow(/append-only/);
      await pool.query(
        `INSERT INTO users (name, role, password_hash, created_at, password_changed_at) VALUES ('ann', 'admin', 'h', $1, $1)`,
        [now],
      );
      await expect(pool.query(`DELETE FROM users WHERE name = 'ann'`)).rejects.toThrow(/last admin/);
      await expect(
        pool.query(`INSERT INTO jobs (kind, params, created_by, origin, created_at)
        VALUES ('fetch', 'not json', 'x', 'cli', '${now}')`),
      ).rejects.toThrow(/json/i);
    } finally {
      await pool.end();
    }
  });

  it('refuses a migration that fails and leaves the schema as it was', async () => {
    const url = await server.createDatabase('broken');
    const bad = tempDir('wireroom-pgmig-');
    writeFileSync(path.join(bad.dir, '001_ok.sql'), 'CREATE TABLE first_one (id int);');
    writeFileSync(path.join(bad.dir, '002_bad.sql'), 'CREATE TABLE second_one (id int); SELECT * FROM nowhere;');
    const pool = await connectPool(url);
    try {
      await expect(migratePg(pool, bad.dir)).rejects.toThrow(/002_bad\.sql: relation "nowhere" does not exist/);
      const { rows } = await pool.query(
        `SELECT count(*) AS n FROM pg_class WHERE relname IN ('first_one', 'second_one', 'schema_migrations')`,
      );
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      await pool.end();
      bad.cleanup();
    }
  });
});
