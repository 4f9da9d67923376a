// The pg driver loads only when a PostgreSQL database is used: a process on SQLite never loads it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';

const run = promisify(execFile);
const tmp = tempDir('wireroom-lazy-');
afterAll(() => tmp.cleanup());

async function pgLoaded(mode: 'sqlite' | 'postgres'): Promise<boolean> {
  const child = path.join(REPO_ROOT, 'tests/store-pg/lazy-child.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, tmp.dir, mode], { cwd: REPO_ROOT });
  return JSON.parse(stdout) as boolean;
}

describe('loading pg', () => {
  it('a process on SQLite never loads it; one that opens PostgreSQL does', async () => {
    expect(await pgLoaded('sqlite')).toBe(false);
    expect(await pgLoaded('postgres')).toBe(true);
  });
});
