// The `database` setting selects the store: a file is SQLite (the default, unchanged), a postgres:// URL is
// PostgreSQL. Commands not ready for PostgreSQL refuse in one line instead of opening a file named like the URL.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { createContext } from '../../src/cli/context.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { loadConfig } from '../../src/config/index.ts';
import { cli, tempDir, writeConfig } from '../helpers/env.ts';

const PG = 'postgres://wire:secret@db.example/wireroom';
const sources = 'sources:\n  - id: a\n    url: http://127.0.0.1:9/a.xml\n';

describe('the database setting', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('is a SQLite file by default, relative to the project folder', () => {
    const dir = writeConfig(path.join(tmp.dir, 'default'), { sources });
    const config = loadConfig(dir);
    expect(config.database).toEqual({ kind: 'sqlite', path: path.join(tmp.dir, 'default', 'db/wireroom.sqlite') });
    expect(config.databasePath).toBe(path.join(tmp.dir, 'default', 'db/wireroom.sqlite'));
  });

  it('reads `database: URL`, `database: { path: URL }` and a --db / WIREROOM_DB URL as PostgreSQL', () => {
    const short = writeConfig(path.join(tmp.dir, 'short'), { main: `database: ${PG}\n`, sources });
    expect(loadConfig(short).database).toEqual({ kind: 'postgres', url: PG });
    const long = writeConfig(path.join(tmp.dir, 'long'), { main: `database:\n  path: ${PG}\n`, sources });
    expect(loadConfig(long).database).toEqual({ kind: 'postgres', url: PG });
    const file = writeConfig(path.join(tmp.dir, 'file'), { main: 'database: data/x.sqlite\n', sources });
    expect(loadConfig(file).database).toEqual({ kind: 'sqlite', path: path.join(tmp.dir, 'file', 'data/x.sqlite') });
    expect(loadConfig(file, { db: 'postgresql://u@h/d' }).database).toEqual({
      kind: 'postgres',
      url: 'postgresql://u@h/d',
    });
  });

  it('a command not ready for PostgreSQL refuses in one line naming itself (password hidden); check tries the server', async () => {
    const root = path.join(tmp.dir, 'refuse');
    const dir = writeConfig(root, { main: `database: ${PG}\n`, sources });
    // Every command runs on PostgreSQL now: the guard stays for one added later, shown here with a made-up name.
    const program = new Command('wireroom').option('--config <dir>').option('--db <file>');
    program.parse(['node', 'wireroom', '--config', dir]);
    const ctx = createContext(program, { out: () => {}, err: () => {} }, 'later');
    expect(() => ctx.config()).toThrow(UsageError);
    expect(() => ctx.config()).toThrow(
      /^`wireroom later` does not run on PostgreSQL yet \(database postgres:\/\/wire:\*\*\*@db\.example\/wireroom\); these do: .*check, .*fetch, .*worker \(issue #15\)$/,
    );
    // Nothing was opened or created in the project folder's place of a SQLite file.
    expect(existsSync(path.join(root, 'db'))).toBe(false);
    expect(readdirSync(root)).toEqual(['config']);
    // check validates the folder, then the server: db.example answers nothing, so the database is unusable.
    const check = await cli(['--config', dir, 'check']);
    expect(check.out).toMatch(/ok \(1 sources, 1 enabled\)/);
    expect(check.code).toBe(3);
    expect(check.err).toMatch(/^database unusable: postgres:\/\/wire:\*\*\*@db\.example\/wireroom: cannot connect: /);
  });

  it('--db with a postgres URL selects PostgreSQL over a SQLite config', async () => {
    const root = path.join(tmp.dir, 'flag');
    const dir = writeConfig(root, { sources });
    const r = await cli(['--config', dir, '--db', 'postgres://u@h/d', 'check']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^database unusable: postgres:\/\/u@h\/d: cannot connect: /);
    expect(readdirSync(root)).toEqual(['config']);
  });
});
