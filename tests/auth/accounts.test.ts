// Account operations, tokens, sessions, login attempts and the audit log on a real SQLite file in a temp folder.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addUser,
  cliActor,
  createSession,
  hashSecret,
  issueToken,
  removeUser,
  revokeToken,
  scryptRunCount,
  setPassword,
  setRole,
  verifyLogin,
  verifySession,
  verifyToken,
  type Actor,
} from '../../src/auth/index.ts';
import { sqliteEditorStore } from '../../src/editor/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';

const ed = (s: Store) => sqliteEditorStore(s);
import { REPO_ROOT, tempDir } from '../helpers/env.ts';

const ADMIN_PW = 'admin password long enough';
const EDITOR_PW = 'editor password long enough';
const cli: Actor = cliActor('tester');
const api: Actor = { name: 'ana', origin: 'api', tokenId: 7, address: '192.0.2.1' };

describe('accounts on a real database', () => {
  const tmp = tempDir();
  let store: Store;
  let file: string;
  let n = 0;
  beforeEach(async () => {
    file = path.join(tmp.dir, `accounts-${++n}.sqlite`);
    store = openStore(file);
    await addUser(store, cli, { name: 'Ana', role: 'admin', password: ADMIN_PW });
    await addUser(store, cli, { name: 'bruno', role: 'editor', password: EDITOR_PW });
  });
  afterEach(() => store.close());
  afterAll(() => tmp.cleanup());

  it('a login with the right password finds the user; wrong ones and unknown names do not, after one scrypt each', async () => {
    let runs = scryptRunCount();
    expect((await verifyLogin(ed(store), 'ANA', ADMIN_PW))?.name).toBe('ana');
    expect(scryptRunCount() - runs).toBe(1);
    runs = scryptRunCount();
    expect(await verifyLogin(ed(store), 'ana', EDITOR_PW)).toBeUndefined();
    expect(scryptRunCount() - runs).toBe(1);
    for (const name of ['nobody', 'cli:tester', '']) {
      runs = scryptRunCount();
      expect(await verifyLogin(ed(store), name, ADMIN_PW), name).toBeUndefined();
      expect(scryptRunCount() - runs, name).toBe(1);
    }
  });

  it('names are checked, taken names and weak passwords refused', async () => {
    await expect(addUser(store, cli, { name: 'ana', role: 'viewer', password: ADMIN_PW })).rejects.toThrow(
      /already exists/,
    );
    await expect(addUser(store, cli, { name: 'cli:root', role: 'admin', password: ADMIN_PW })).rejects.toThrow(
      /user name/,
    );
    await expect(addUser(store, cli, { name: 'carla', role: 'owner', password: ADMIN_PW })).rejects.toThrow(
      /unknown role/,
    );
    await expect(addUser(store, cli, { name: 'carla', role: 'viewer', password: 'too short' })).rejects.toThrow(
      /at least 12/,
    );
    expect(store.accounts.users.list().map((u) => u.name)).toEqual(['ana', 'bruno']);
  });

  it('a token works until it expires or is revoked, and records its last use', async () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const { token, record } = issueToken(
      store,
      cli,
      { name: 'ci', user: 'bruno', scopes: ['read', 'sources:write'], expiresAt: new Date('2026-03-02T10:00:00Z') },
      now,
    );
    expect(token).toMatch(/^wr_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: 'ci', userName: 'bruno', scopes: ['read', 'sources:write'] });
    expect(record.lastUsedAt).toBeUndefined();
    const rights = await verifyToken(ed(store), token, new Date('2026-03-01T11:00:00Z'));
    expect(rights).toMatchObject({
      tokenId: record.id,
      userName: 'bruno',
      role: 'editor',
      scopes: ['read', 'sources:write'],
    });
    expect(store.accounts.tokens.byId(record.id)?.lastUsedAt).toBe('2026-03-01T11:00:00.000Z');
    // Near-miss tokens are nothing.
    expect(await verifyToken(ed(store), token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), now)).toBeUndefined();
    expect(await verifyToken(ed(store), token.slice(3), now)).toBeUndefined();
    // Expired: at once, at the stated moment.
    expect(await verifyToken(ed(store), token, new Date('2026-03-02T09:59:59Z'))).toBeDefined();
    expect(await verifyToken(ed(store), token, new Date('2026-03-02T10:00:00Z'))).toBeUndefined();
    // Revoked: at once.
    revokeToken(store, cli, 'ci', new Date('2026-03-01T12:00:00Z'));
    expect(await verifyToken(ed(store), token, new Date('2026-03-01T12:00:01Z'))).toBeUndefined();
    expect(() => revokeToken(store, cli, String(record.id))).toThrow(/was revoked/);
    // Its name is free again; the revoked row stays.
    issueToken(store, cli, { name: 'ci', user: 'bruno', scopes: ['read'] }, now);
    expect(store.accounts.tokens.list().map((t) => [t.name, !!t.revokedAt])).toEqual([
      ['ci', true],
      ['ci', false],
    ]);
  });

  it('a read-only connection checks tokens and sessions without recording their use', async () => {
    const { token, record } = issueToken(store, cli, { name: 'ro', user: 'bruno', scopes: ['read'] });
    const session = await createSession(ed(store), record.userId, 3_600_000);
    const readonly = openStore(file, { readonly: true });
    try {
      expect((await verifyToken(ed(readonly), token))?.scopes).toEqual(['read']);
      expect((await verifySession(ed(readonly), session.secret))?.userName).toBe('bruno');
    } finally {
      readonly.close();
    }
    expect(store.accounts.tokens.byId(record.id)?.lastUsedAt).toBeUndefined();
    expect(await verifyToken(ed(store), token)).toBeDefined();
    expect(store.accounts.tokens.byId(record.id)?.lastUsedAt).toBeDefined();
  });

  it("a token never grants more than its owner's current role; a removed owner's token is nothing", async () => {
    const { token } = issueToken(store, cli, { name: 'ops', user: 'ana', scopes: ['read', 'sources:write', 'admin'] });
    expect((await verifyToken(ed(store), token))?.scopes).toEqual(['read', 'sources:write', 'admin']);
    expect(() => issueToken(store, cli, { name: 'x', user: 'bruno', scopes: ['admin'] })).toThrow(
      /editor: a token of theirs cannot have admin/,
    );
    setRole(store, cli, 'bruno', 'admin');
    setRole(store, cli, 'ana', 'editor');
    expect(await verifyToken(ed(store), token)).toMatchObject({ role: 'editor', scopes: ['read', 'sources:write'] });
    setRole(store, cli, 'ana', 'viewer');
    expect((await verifyToken(ed(store), token))?.scopes).toEqual(['read']);
    const { token: writeOnly } = issueToken(store, cli, { name: 'w', user: 'bruno', scopes: ['tags:write'] });
    setRole(store, cli, 'ana', 'admin');
    setRole(store, cli, 'bruno', 'viewer');
    expect(await verifyToken(ed(store), writeOnly)).toBeUndefined(); // nothing left
    removeUser(store, cli, 'bruno');
    expect(store.accounts.tokens.list().map((t) => t.name)).toEqual(['ops']);
    expect((await verifyToken(ed(store), token))?.scopes).toEqual(['read', 'sources:write', 'admin']);
  });

  it('the last admin can be neither removed nor demoted, here or in plain SQL', () => {
    expect(() => removeUser(store, cli, 'ana')).toThrow(/last admin/);
    expect(() => setRole(store, cli, 'ana', 'editor')).toThrow(/last admin/);
    expect(() => store.db.prepare("DELETE FROM users WHERE name = 'ana'").run()).toThrow(/last admin/);
    expect(() => store.db.prepare("UPDATE users SET role = 'viewer' WHERE name = 'ana'").run()).toThrow(/last admin/);
    setRole(store, cli, 'bruno', 'admin');
    removeUser(store, cli, 'ana');
    expect(store.accounts.users.list().map((u) => [u.name, u.role])).toEqual([['bruno', 'admin']]);
    expect(() => removeUser(store, cli, 'bruno')).toThrow(/last admin/);
  });

  it('every change writes one audit row with who, from where, before and after, and never a secret', async () => {
    const { token, record } = issueToken(store, api, { name: 'feed-bot', user: 'bruno', scopes: ['read'] });
    setRole(store, cli, 'bruno', 'viewer');
    await setPassword(store, api, 'bruno', 'a new password for bruno');
    revokeToken(store, cli, 'feed-bot');
    removeUser(store, cli, 'bruno');
    const rows = store.accounts.audit.recent().reverse();
    expect(rows.map((r) => [r.actor, r.origin, r.action, r.target])).toEqual([
      ['cli:tester', 'cli', 'users.add', 'user:ana'],
      ['cli:tester', 'cli', 'users.add', 'user:bruno'],
      ['ana', 'api', 'tokens.add', `token:${record.id}`],
      ['cli:tester', 'cli', 'users.role', 'user:bruno'],
      ['ana', 'api', 'users.passwd', 'user:bruno'],
      ['cli:tester', 'cli', 'tokens.revoke', `token:${record.id}`],
      ['cli:tester', 'cli', 'users.remove', 'user:bruno'],
    ]);
    expect(rows[2]).toMatchObject({
      tokenId: 7,
      address: '192.0.2.1',
      before: undefined,
      after: { name: 'feed-bot', user: 'bruno', scopes: ['read'], expiresAt: null },
    });
    expect(rows[3]).toMatchObject({ before: { role: 'editor' }, after: { role: 'viewer' } });
    expect(rows[6]).toMatchObject({ before: { name: 'bruno', role: 'viewer', tokens: [record.id] }, after: undefined });
    const text = JSON.stringify(rows);
    for (const secret of [token, hashSecret(token), 'a new password for bruno', EDITOR_PW, 'scrypt$']) {
      expect(text).not.toContain(secret);
    }
    // A refused change writes nothing.
    expect(() => removeUser(store, cli, 'ana')).toThrow(/last admin/);
    expect(store.accounts.audit.recent()).toHaveLength(7);
  });

  it('the audit log refuses UPDATE and DELETE', () => {
    const id = store.accounts.audit.recent()[0]?.id;
    expect(id).toBeDefined();
    expect(() => store.db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE id = ?").run(id)).toThrow(
      /append-only/,
    );
    expect(() => store.db.prepare('DELETE FROM audit_log WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(store.accounts.audit.recent()).toHaveLength(2);
  });

  it('a row is never replaced: REPLACE cannot rewrite an audit row nor remove or demote the last admin', () => {
    // REPLACE deletes the conflicting row without firing DELETE triggers (recursive_triggers is off), so the rules
    // on UPDATE and DELETE alone would let it through.
    const first = store.accounts.audit.recent().reverse()[0];
    if (!first) throw new Error('no audit row');
    const at = '2026-01-01T00:00:00.000Z';
    for (const verb of ['INSERT OR REPLACE', 'REPLACE']) {
      expect(() =>
        store.db
          .prepare(`${verb} INTO audit_log (id, at, actor, origin, action) VALUES (?, ?, 'forged', 'cli', 'x')`)
          .run(first.id, at),
      ).toThrow(/append-only/);
    }
    expect(store.accounts.audit.recent().reverse()[0]).toEqual(first);

    const ana = store.accounts.users.get('ana');
    if (!ana) throw new Error('no user ana');
    const cols = '(name, role, password_hash, created_at, password_changed_at)';
    expect(() =>
      store.db.prepare(`INSERT OR REPLACE INTO users ${cols} VALUES ('ana', 'viewer', 'x', ?, ?)`).run(at, at),
    ).toThrow(/never replaced/);
    expect(() =>
      store.db
        .prepare(`INSERT OR REPLACE INTO users (id, ${cols.slice(1)} VALUES (?, 'mallory', 'viewer', 'x', ?, ?)`)
        .run(ana.id, at, at),
    ).toThrow(/never replaced/);
    expect(() => store.db.prepare("UPDATE OR REPLACE users SET name = 'ana' WHERE name = 'bruno'").run()).toThrow(
      /never replaced/,
    );
    expect(() => store.db.prepare('UPDATE OR REPLACE users SET id = ? WHERE name = ?').run(ana.id, 'bruno')).toThrow(
      /never replaced/,
    );
    expect(store.accounts.users.list().map((u) => [u.id, u.name, u.role])).toEqual([
      [ana.id, 'ana', 'admin'],
      [store.accounts.users.get('bruno')?.id, 'bruno', 'editor'],
    ]);
    expect(store.accounts.audit.recent()).toHaveLength(2);
  });

  it('neither passwords nor tokens reach the database file or its WAL', async () => {
    const { token } = issueToken(store, cli, { name: 'ci', user: 'ana', scopes: ['read', 'admin'] });
    await setPassword(store, cli, 'bruno', 'changed password for bruno');
    await createSession(ed(store), 1, 3_600_000);
    // Still open: the writes are in the WAL, not yet checkpointed.
    const wal = `${file}-wal`;
    expect(existsSync(wal) && statSync(wal).size).toBeGreaterThan(0);
    const bytes = Buffer.concat([readFileSync(file), readFileSync(wal)]);
    for (const secret of [ADMIN_PW, EDITOR_PW, 'changed password for bruno', token, token.slice(3)]) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
    // What is there instead (so the search above can find things).
    expect(bytes.includes(Buffer.from(hashSecret(token)))).toBe(true);
    expect(bytes.includes(Buffer.from('scrypt$32768$8$3$'))).toBe(true);
  });

  it('sessions: created with a secret stored as a hash, seen, revoked, expired, pruned', async () => {
    const ana = store.accounts.users.get('ana');
    expect(ana).toBeDefined();
    const t0 = new Date('2026-03-01T10:00:00Z');
    const s = await createSession(ed(store), ana!.id, 3_600_000, t0);
    expect(s.expiresAt).toBe('2026-03-01T11:00:00.000Z');
    expect(store.accounts.sessions.byHash(s.secret)).toBeUndefined();
    expect(store.accounts.sessions.byHash(hashSecret(s.secret))).toMatchObject({
      id: s.id,
      userName: 'ana',
      userRole: 'admin',
    });
    expect((await verifySession(ed(store), s.secret, new Date('2026-03-01T10:30:00Z')))?.userName).toBe('ana');
    expect(store.accounts.sessions.byHash(hashSecret(s.secret))?.lastSeenAt).toBe('2026-03-01T10:30:00.000Z');
    expect(await verifySession(ed(store), s.secret, new Date('2026-03-01T11:00:00Z'))).toBeUndefined();
    expect(await verifySession(ed(store), 'not-a-secret', t0)).toBeUndefined();
    const other = await createSession(ed(store), ana!.id, 3_600_000, t0);
    expect(store.accounts.sessions.revoke(other.id, '2026-03-01T10:05:00Z')).toBe(true);
    expect(store.accounts.sessions.revoke(other.id, '2026-03-01T10:06:00Z')).toBe(false);
    expect(await verifySession(ed(store), other.secret, new Date('2026-03-01T10:10:00Z'))).toBeUndefined();
    const third = await createSession(ed(store), ana!.id, 3_600_000, t0);
    expect(store.accounts.sessions.revokeForUser(ana!.id, '2026-03-01T10:20:00Z')).toBe(2); // the first and the third
    expect(await verifySession(ed(store), third.secret, new Date('2026-03-01T10:21:00Z'))).toBeUndefined();
    expect(store.accounts.sessions.listForUser(ana!.id)).toHaveLength(3);
    expect(store.accounts.sessions.prune('2026-03-01T10:10:00Z')).toBe(1); // the one revoked at 10:05
    expect(store.accounts.sessions.prune('2026-03-01T12:00:00Z')).toBe(2);
    expect(store.accounts.sessions.listForUser(ana!.id)).toHaveLength(0);
  });

  it('a password change ends the sessions; removing a user removes them', async () => {
    const bruno = store.accounts.users.get('bruno');
    const s = await createSession(ed(store), bruno!.id, 3_600_000);
    await setPassword(store, cli, 'bruno', 'another password, long');
    expect(await verifySession(ed(store), s.secret)).toBeUndefined();
    expect(await verifyLogin(ed(store), 'bruno', EDITOR_PW)).toBeUndefined();
    expect((await verifyLogin(ed(store), 'bruno', 'another password, long'))?.name).toBe('bruno');
    await createSession(ed(store), bruno!.id, 3_600_000);
    removeUser(store, cli, 'bruno');
    expect(store.accounts.sessions.listForUser(bruno!.id)).toHaveLength(0);
  });

  it('login attempts: failures per account name and per address since the last success', () => {
    const at = (min: number) => new Date(Date.UTC(2026, 2, 1, 10, min)).toISOString();
    const attempts = store.accounts.loginAttempts;
    attempts.record({ userName: 'ana', address: '192.0.2.1', at: at(0), ok: false });
    attempts.record({ userName: 'ana', address: '192.0.2.1', at: at(1), ok: false });
    attempts.record({ userName: 'nobody', address: '192.0.2.1', at: at(2), ok: false });
    attempts.record({ userName: 'ana', address: '198.51.100.9', at: at(3), ok: false });
    expect(attempts.failuresForUser('ana', at(0))).toBe(3);
    expect(attempts.failuresForUser('ana', at(1))).toBe(2); // the window
    expect(attempts.failuresForUser('nobody', at(0))).toBe(1);
    expect(attempts.failuresFromAddress('192.0.2.1', at(0))).toBe(3);
    expect(attempts.failuresFromAddress('198.51.100.9', at(0))).toBe(1);
    attempts.record({ userName: 'ana', address: '198.51.100.9', at: at(4), ok: true });
    attempts.record({ userName: 'ana', address: '192.0.2.1', at: at(5), ok: false });
    expect(attempts.failuresForUser('ana', at(0))).toBe(1); // counted from the success
    expect(attempts.failuresFromAddress('192.0.2.1', at(0))).toBe(4); // that address never succeeded
    expect(attempts.failuresFromAddress('198.51.100.9', at(0))).toBe(0);
    expect(attempts.prune(at(3))).toBe(3);
    expect(attempts.failuresFromAddress('192.0.2.1', at(0))).toBe(1);
  });
});

describe('the audit log in the code', () => {
  // Every file that could hold SQL: the sources and the migrations.
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) return walk(p);
      return /\.(ts|sql)$/.test(name) ? [p] : [];
    });
  const CHANGES_AUDIT =
    /\b(UPDATE(\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO|INSERT\s+OR\s+REPLACE\s+INTO)\s+["'`]?audit_log\b/i;

  it('no statement anywhere updates or deletes audit rows', () => {
    expect(CHANGES_AUDIT.test("db.prepare('UPDATE audit_log SET x = 1')")).toBe(true);
    expect(CHANGES_AUDIT.test('DELETE FROM audit_log WHERE id = 1')).toBe(true);
    expect(CHANGES_AUDIT.test('CREATE TRIGGER t BEFORE UPDATE ON audit_log')).toBe(false);
    const files = [...walk(path.join(REPO_ROOT, 'src')), ...walk(path.join(REPO_ROOT, 'db/migrations'))];
    expect(files.some((f) => f.endsWith('accounts.ts'))).toBe(true);
    const offenders = files.filter((f) => CHANGES_AUDIT.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(REPO_ROOT, f))).toEqual([]);
  });
});
