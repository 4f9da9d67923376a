// Several processes opening one new database at the same instant (`npm start` beside a `wireroom` command on a
// first run or after an upgrade): each opens it, migrations run once.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/store/db.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';

const run = promisify(execFile);

describe('concurrent first opens', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('all succeed and the schema is migrated once', async () => {
    const latest = Math.max(
      ...readdirSync(MIGRATIONS_DIR)
        .map((f) => parseInt(f, 10))
        .filter(Number.isFinite),
    );
    for (let round = 0; round < 3; round++) {
      const file = path.join(tmp.dir, `db-${round}.sqlite`);
      const at = Date.now() + 1500; // after every child has loaded
      const outs = await Promise.all(
        Array.from({ length: 4 }, () =>
          run(
            process.execPath,
            ['--import', 'tsx', path.join(REPO_ROOT, 'tests/store/open-child.ts'), file, String(at)],
            { cwd: REPO_ROOT },
          ),
        ),
      );
      expect(outs.map((o) => o.stdout.trim())).toEqual(['ok', 'ok', 'ok', 'ok']);
      const db = new Database(file, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(latest);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    }
  });
});
