// `wireroom users` and `wireroom tokens`, run in-process through main() against a real SQLite file; passwords are
// given on a stand-in stdin (--password-stdin), as `printf %s "$PW" | wireroom users add ...` would.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, verifyLogin, verifyToken } from '../../src/auth/index.ts';
import { sqliteEditorStore } from '../../src/editor/index.ts';
import { openStore, type AuditRecord } from '../../src/store/index.ts';
import { cli, tempDir, writeConfig } from '../helpers/env.ts';

const ANA_PW = 'ana: a long password';
const BRUNO_PW = 'bruno: a long password';
const BRUNO_PW2 = 'bruno: another long one';

/** Runs `fn` with process.stdin reading `text` (and not a terminal). */
async function withStdin<T>(text: string, fn: () => Promise<T>): Promise<T> {
  const real = Object.getOwnPropertyDescriptor(process, 'stdin');
  Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(text)]), configurable: true });
  try {
    return await fn();
  } finally {
    if (real) Object.defineProperty(process, 'stdin', real);
  }
}

describe('wireroom users and tokens', () => {
  const tmp = tempDir();
  const db = path.join(tmp.dir, 'db', 'wireroom.sqlite');
  let configDir: string;
  const run = (...args: string[]) => cli(['--config', configDir, '--db', db, ...args]);
  const runWithPassword = (password: string, ...args: string[]) => withStdin(password, () => run(...args));
  /** The audit rows, oldest first, read by a separate connection. */
  const auditRows = (): AuditRecord[] => {
    const store = openStore(db);
    try {
      return store.accounts.audit.recent({ limit: 1000 }).reverse();
    } finally {
      store.close();
    }
  };
  const tokens: string[] = [];
  const me = `cli:${os.userInfo().username}`;

  beforeAll(() => {
    configDir = writeConfig(tmp.dir, { sources: 'sources:\n  - id: a\n    url: https://a.example/feed\n' });
  });
  afterAll(() => tmp.cleanup());

  it('users add takes the password from stdin, refuses weak ones, and asks only on a terminal', async () => {
    const ana = await runWithPassword(`${ANA_PW}\n`, 'users', 'add', 'ana', '--role', 'admin', '--password-stdin');
    expect(ana.err).toBe('');
    expect(ana).toMatchObject({ code: 0, out: 'added user ana (admin)' });
    const bruno = await runWithPassword(BRUNO_PW, 'users', 'add', 'Bruno', '--role', 'editor', '--password-stdin');
    expect(bruno).toMatchObject({ code: 0, out: 'added user bruno (editor)' });
    for (const [args, message] of [
      [['users', 'add', 'carla', '--role', 'viewer', '--password-stdin'], /at least 12 characters/],
      [['users', 'add', 'ana', '--role', 'viewer', '--password-stdin'], /user "ana" already exists/],
      [['users', 'add', 'carla', '--role', 'root', '--password-stdin'], /unknown role "root"/],
      [['users', 'add', 'carla', '--role', 'viewer'], /no terminal .* --password-stdin/],
    ] as const) {
      const r = await runWithPassword('short', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.split('\n'), args.join(' ')).toEqual([expect.stringMatching(message)]);
    }
    const list = await run('users', 'list', '--json');
    expect(JSON.parse(list.out).map((u: { name: string; role: string }) => [u.name, u.role])).toEqual([
      ['ana', 'admin'],
      ['bruno', 'editor'],
    ]);
    // The password works, with the newline echo adds taken off.
    const store = openStore(db);
    try {
      expect((await verifyLogin(sqliteEditorStore(store), 'ana', ANA_PW))?.role).toBe('admin');
      expect(await verifyLogin(sqliteEditorStore(store), 'ana', `${ANA_PW}\n`)).toBeUndefined();
      expect((await verifyLogin(sqliteEditorStore(store), 'bruno', BRUNO_PW))?.role).toBe('editor');
    } finally {
      store.close();
    }
  });

  it('tokens add prints the token once, alone on stdout; list never shows it', async () => {
    const r = await run('tokens', 'add', 'ci', '--user', 'bruno', '--scope', 'read,sources:write', '--expires', '30d');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wr_[A-Za-z0-9_-]{43}$/);
    expect(r.err).toMatch(/token #1 "ci" for bruno: read, sources:write; expires 20\d\d-.*not shown again/);
    tokens.push(r.out);
    const forAna = await run('tokens', 'add', 'ops', '--user', 'ana', '--scope', 'read,admin');
    expect(forAna.code).toBe(0);
    tokens.push(forAna.out);
    expect(tokens[0]).not.toBe(tokens[1]);
    const refused = await run('tokens', 'add', 'x', '--user', 'bruno', '--scope', 'read,admin');
    expect(refused).toMatchObject({ code: 2, err: 'wireroom: bruno is editor: a token of theirs cannot have admin' });
    expect((await run('tokens', 'add', 'y', '--user', 'bruno', '--scope', 'read,write')).err).toMatch(
      /--scope: unknown scope write/,
    );
    expect((await run('tokens', 'add', 'ci', '--user', 'bruno')).err).toMatch(/a token named "ci" exists/);
    expect((await run('tokens', 'add', 'z', '--user', 'nobody')).err).toMatch(/no user "nobody"/);
    expect((await run('tokens', 'add', '42', '--user', 'bruno')).err).toMatch(/not only digits/);
    const list = await run('tokens', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/1\s+ci\s+bruno\s+active\s+20\d\d-\S+ \S+\s+-\s+read,sources:write/);
    const json = await run('tokens', 'list', '--json');
    for (const t of tokens) {
      expect(list.out).not.toContain(t.slice(3));
      expect(json.out).not.toContain(t.slice(3));
      expect(json.out).not.toContain(hashSecret(t));
    }
    const store = openStore(db);
    try {
      expect((await verifyToken(sqliteEditorStore(store), tokens[0]!))?.scopes).toEqual(['read', 'sources:write']);
      expect((await verifyToken(sqliteEditorStore(store), tokens[1]!))?.scopes).toEqual(['read', 'admin']);
    } finally {
      store.close();
    }
    expect(JSON.parse((await run('tokens', 'list', '--json')).out)[0].lastUsedAt).toMatch(/^20\d\d-/);
  });

  it("users role changes what the user's tokens may do at once; the last admin stays", async () => {
    const demoted = await run('users', 'role', 'bruno', 'viewer');
    expect(demoted).toMatchObject({ code: 0, out: 'bruno: editor -> viewer' });
    const list = await run('tokens', 'list', '--json');
    expect(JSON.parse(list.out)[0]).toMatchObject({ scopes: ['read', 'sources:write'], effectiveScopes: ['read'] });
    expect((await run('tokens', 'list')).out).toMatch(/read \(granted read,sources:write; the role caps it\)/);
    let store = openStore(db);
    try {
      expect((await verifyToken(sqliteEditorStore(store), tokens[0]!))?.scopes).toEqual(['read']);
    } finally {
      store.close();
    }
    for (const args of [
      ['users', 'role', 'ana', 'editor'],
      ['users', 'remove', 'ana'],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/^wireroom: "ana" is the last admin and cannot be (demoted|removed)/);
    }
    expect((await run('users', 'role', 'bruno', 'owner')).err).toMatch(/unknown role "owner"/);
    expect((await run('users', 'role', 'nobody', 'viewer')).err).toMatch(/no user "nobody"/);
    expect((await run('users', 'role', 'bruno', 'editor')).code).toBe(0);
    store = openStore(db);
    try {
      expect((await verifyToken(sqliteEditorStore(store), tokens[0]!))?.scopes).toEqual(['read', 'sources:write']);
    } finally {
      store.close();
    }
  });

  it('tokens revoke by name or id stops the token at once', async () => {
    expect(await run('tokens', 'revoke', 'ci')).toMatchObject({ code: 0, out: 'revoked token #1 "ci" of bruno' });
    expect((await run('tokens', 'revoke', '1')).err).toMatch(/token #1 \(ci\) was revoked at/);
    expect((await run('tokens', 'revoke', 'nosuch')).err).toMatch(/no token "nosuch"/);
    const store = openStore(db);
    try {
      expect(await verifyToken(sqliteEditorStore(store), tokens[0]!)).toBeUndefined();
      expect(await verifyToken(sqliteEditorStore(store), tokens[1]!)).toBeDefined();
    } finally {
      store.close();
    }
    expect((await run('tokens', 'list')).out).not.toMatch(/\bci\b/);
    expect((await run('tokens', 'list', '--all')).out).toMatch(/1\s+ci\s+bruno\s+revoked/);
  });

  it('users passwd sets a new password; users remove takes the user and their tokens', async () => {
    expect((await runWithPassword(BRUNO_PW2, 'users', 'passwd', 'bruno')).err).toMatch(/no terminal/);
    expect((await runWithPassword('short', 'users', 'passwd', 'bruno', '--password-stdin')).err).toMatch(/at least 12/);
    expect((await runWithPassword(BRUNO_PW2, 'users', 'passwd', 'nobody', '--password-stdin')).err).toMatch(
      /no user "nobody"/,
    );
    const r = await runWithPassword(BRUNO_PW2, 'users', 'passwd', 'bruno', '--password-stdin');
    expect(r).toMatchObject({ code: 0, out: 'password changed for bruno; its console sessions ended' });
    let store = openStore(db);
    try {
      expect(await verifyLogin(sqliteEditorStore(store), 'bruno', BRUNO_PW)).toBeUndefined();
      expect((await verifyLogin(sqliteEditorStore(store), 'bruno', BRUNO_PW2))?.name).toBe('bruno');
    } finally {
      store.close();
    }
    expect(await run('tokens', 'add', 'bruno-feed', '--user', 'bruno')).toMatchObject({ code: 0 });
    expect(await run('users', 'remove', 'bruno')).toMatchObject({ code: 0 });
    expect((await run('users', 'remove', 'bruno')).err).toMatch(/no user "bruno"/);
    expect(JSON.parse((await run('users', 'list', '--json')).out).map((u: { name: string }) => u.name)).toEqual([
      'ana',
    ]);
    expect(
      JSON.parse((await run('tokens', 'list', '--json', '--all')).out).map((t: { name: string }) => t.name),
    ).toEqual(['ops']);
    store = openStore(db);
    try {
      expect(await verifyLogin(sqliteEditorStore(store), 'bruno', BRUNO_PW2)).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('each change made a row in the audit log: who, from where, what, before and after', () => {
    const rows = auditRows();
    expect(rows.map((r) => [r.actor, r.origin, r.action, r.target])).toEqual([
      [me, 'cli', 'users.add', 'user:ana'],
      [me, 'cli', 'users.add', 'user:bruno'],
      [me, 'cli', 'tokens.add', 'token:1'],
      [me, 'cli', 'tokens.add', 'token:2'],
      [me, 'cli', 'users.role', 'user:bruno'],
      [me, 'cli', 'users.role', 'user:bruno'],
      [me, 'cli', 'tokens.revoke', 'token:1'],
      [me, 'cli', 'users.passwd', 'user:bruno'],
      [me, 'cli', 'tokens.add', 'token:3'],
      [me, 'cli', 'users.remove', 'user:bruno'],
    ]);
    expect(rows[0]).toMatchObject({ before: undefined, after: { name: 'ana', role: 'admin' } });
    expect(rows[2]?.after).toMatchObject({ name: 'ci', user: 'bruno', scopes: ['read', 'sources:write'] });
    expect(rows[4]).toMatchObject({ before: { role: 'editor' }, after: { role: 'viewer' } });
    expect(rows[6]).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    expect(rows[9]).toMatchObject({ before: { name: 'bruno', role: 'editor', tokens: [1, 3] }, after: undefined });
    for (const r of rows) expect(Date.parse(r.at)).toBeGreaterThan(Date.now() - 600_000);
  });

  it('no password and no token is anywhere in the SQLite file or its WAL', () => {
    const files = [db, `${db}-wal`].filter((f) => existsSync(f));
    expect(files[0]).toBe(db);
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(tokens).toHaveLength(2);
    for (const secret of [ANA_PW, BRUNO_PW, BRUNO_PW2, ...tokens, ...tokens.map((t) => t.slice(3))]) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
    // The search does find what is stored: the hash of a live token, and password hashes with their parameters.
    expect(bytes.includes(Buffer.from(hashSecret(tokens[1]!)))).toBe(true);
    expect(bytes.includes(Buffer.from('scrypt$32768$8$3$'))).toBe(true);
  });
});
