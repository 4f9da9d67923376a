// `wireroom users` and `wireroom tokens` with the same assertions on both stores: run in-process through main()
// against a real SQLite file and a real PostgreSQL (tests/helpers/postgres.ts). Passwords go in on a stand-in stdin
// (--password-stdin). What the commands stored is read back through the store's AccountStore, the interface the
// commands use, by a connection of its own.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountError, cliActor, hashSecret, removeUser, tokenRights, verifyPassword } from '../../src/auth/index.ts';
import { openStore, sqliteAccountStore, type AccountStore } from '../../src/store/index.ts';
import { openPgStore } from '../../src/store/pg/index.ts';
import { cli, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

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

/** The database a test ran on: its setting, its account tables by a connection of their own, its bytes on disk. */
interface Target {
  setting: string;
  withAccounts<T>(fn: (a: AccountStore) => Promise<T>): Promise<T>;
  /** Every file the database keeps its data in (after a checkpoint, so nothing waits in memory). */
  files(): Promise<string[]>;
}

const tmp = tempDir('wireroom-cli-accounts-');
let server: TestPostgres | undefined;
let databases = 0;

function sqliteTarget(dir: string): Promise<Target> {
  const file = path.join(dir, 'db', 'wireroom.sqlite');
  return Promise.resolve({
    setting: file,
    async withAccounts(fn) {
      const store = openStore(file);
      try {
        return await fn(sqliteAccountStore(store));
      } finally {
        store.close();
      }
    },
    files: async () => [file, `${file}-wal`].filter((f) => existsSync(f)),
  });
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });

async function postgresTarget(): Promise<Target> {
  server ??= await startPostgres();
  const url = await server.createDatabase(`accounts${++databases}`);
  const dataDir = path.join(server.dir, 'data');
  const target: Target = {
    setting: url,
    async withAccounts(fn) {
      const pg = await openPgStore(url, { max: 2 });
      try {
        return await fn(pg.accounts);
      } finally {
        await pg.close();
      }
    },
    async files() {
      const pg = await openPgStore(url, { max: 1 });
      try {
        await pg.db.query('CHECKPOINT');
      } finally {
        await pg.close();
      }
      return filesUnder(dataDir);
    },
  };
  return target;
}

const STORES = [
  { name: 'SQLite', missing: undefined, target: sqliteTarget },
  { name: `PostgreSQL${needsPostgres}`, missing: postgresMissing, target: postgresTarget },
];

afterAll(() => {
  server?.stop();
  tmp.cleanup();
});

for (const store of STORES) {
  describe.skipIf(store.missing)(`wireroom users and tokens on ${store.name}`, () => {
    const root = path.join(tmp.dir, store.name.split(' ')[0] ?? '');
    let db: Target;
    let configDir = '';
    const run = (...args: string[]) => cli(['--config', configDir, ...args]);
    const runWithPassword = (password: string, ...args: string[]) => withStdin(password, () => run(...args));
    /** The user's stored hash checks this password (as the console's sign-in does). */
    const passwordWorks = (name: string, password: string) =>
      db.withAccounts(async (a) => verifyPassword(password, (await a.users.get(name))?.passwordHash));
    /** What a token lets its bearer do now (as the API checks it), or undefined. */
    const scopesOf = (token: string) =>
      db.withAccounts(async (a) => {
        const record = await a.tokens.byHash(hashSecret(token));
        return record && tokenRights(record, new Date())?.scopes;
      });
    const tokens: string[] = [];
    const me = `cli:${os.userInfo().username}`;

    beforeAll(async () => {
      db = await store.target(root);
      configDir = writeConfig(root, {
        main: `database: ${db.setting}\n`,
        sources: 'sources:\n  - id: a\n    url: https://a.example/feed\n',
      });
    });

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
      const table = await run('users', 'list');
      expect(table.out.split('\n')[0]).toMatch(/^NAME\s+ROLE\s+ADDED\s+PASSWORD SET\s+TOKENS$/);
      expect(table.out).toMatch(/^bruno\s+editor\s+20\d\d-\S+\s+20\d\d-\S+\s+0$/m);
      // The password works, with the newline echo adds taken off.
      expect(await passwordWorks('ana', ANA_PW)).toBe(true);
      expect(await passwordWorks('ana', `${ANA_PW}\n`)).toBe(false);
      expect(await passwordWorks('bruno', BRUNO_PW)).toBe(true);
    });

    it('tokens add prints the token once, alone on stdout; list never shows it', async () => {
      const r = await run(
        'tokens',
        'add',
        'ci',
        '--user',
        'bruno',
        '--scope',
        'read,sources:write',
        '--expires',
        '30d',
      );
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
      expect(await scopesOf(tokens[0]!)).toEqual(['read', 'sources:write']);
      expect(await scopesOf(tokens[1]!)).toEqual(['read', 'admin']);
      expect((await run('tokens', 'list', '--user', 'ana', '--json')).out).toMatch(/"name": "ops"/);
      expect((await run('tokens', 'list', '--user', 'nobody')).err).toBe('wireroom: no user "nobody"');
      const users = JSON.parse((await run('users', 'list', '--json')).out) as { name: string; liveTokens: number }[];
      expect(users.map((u) => [u.name, u.liveTokens])).toEqual([
        ['ana', 1],
        ['bruno', 1],
      ]);
    });

    it("users role changes what the user's tokens may do at once; the last admin stays", async () => {
      const demoted = await run('users', 'role', 'bruno', 'viewer');
      expect(demoted).toMatchObject({ code: 0, out: 'bruno: editor -> viewer' });
      const list = await run('tokens', 'list', '--json');
      expect(JSON.parse(list.out)[0]).toMatchObject({ scopes: ['read', 'sources:write'], effectiveScopes: ['read'] });
      expect((await run('tokens', 'list')).out).toMatch(/read \(granted read,sources:write; the role caps it\)/);
      expect(await scopesOf(tokens[0]!)).toEqual(['read']);
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
      expect(await run('users', 'role', 'bruno', 'viewer')).toMatchObject({ code: 0, out: 'bruno is already viewer' });
      expect((await run('users', 'role', 'bruno', 'editor')).code).toBe(0);
      expect(await scopesOf(tokens[0]!)).toEqual(['read', 'sources:write']);
    });

    it('tokens revoke by name or id stops the token at once', async () => {
      expect(await run('tokens', 'revoke', 'ci')).toMatchObject({ code: 0, out: 'revoked token #1 "ci" of bruno' });
      expect((await run('tokens', 'revoke', '1')).err).toMatch(/token #1 \(ci\) was revoked at/);
      expect((await run('tokens', 'revoke', 'nosuch')).err).toMatch(/no token "nosuch"/);
      expect(await scopesOf(tokens[0]!)).toBeUndefined();
      expect(await scopesOf(tokens[1]!)).toEqual(['read', 'admin']);
      expect((await run('tokens', 'list')).out).not.toMatch(/\bci\b/);
      expect((await run('tokens', 'list', '--all')).out).toMatch(/1\s+ci\s+bruno\s+revoked/);
    });

    it('users passwd sets a new password; users remove takes the user and their tokens', async () => {
      expect((await runWithPassword(BRUNO_PW2, 'users', 'passwd', 'bruno')).err).toMatch(/no terminal/);
      expect((await runWithPassword('short', 'users', 'passwd', 'bruno', '--password-stdin')).err).toMatch(
        /at least 12/,
      );
      expect((await runWithPassword(BRUNO_PW2, 'users', 'passwd', 'nobody', '--password-stdin')).err).toMatch(
        /no user "nobody"/,
      );
      const r = await runWithPassword(BRUNO_PW2, 'users', 'passwd', 'bruno', '--password-stdin');
      expect(r).toMatchObject({ code: 0, out: 'password changed for bruno; its console sessions ended' });
      expect(await passwordWorks('bruno', BRUNO_PW)).toBe(false);
      expect(await passwordWorks('bruno', BRUNO_PW2)).toBe(true);
      expect(await run('tokens', 'add', 'bruno-feed', '--user', 'bruno')).toMatchObject({ code: 0 });
      expect(await run('users', 'remove', 'bruno')).toMatchObject({
        code: 0,
        out: 'removed user bruno with its tokens and sessions',
      });
      expect((await run('users', 'remove', 'bruno')).err).toMatch(/no user "bruno"/);
      expect(JSON.parse((await run('users', 'list', '--json')).out).map((u: { name: string }) => u.name)).toEqual([
        'ana',
      ]);
      expect(
        JSON.parse((await run('tokens', 'list', '--json', '--all')).out).map((t: { name: string }) => t.name),
      ).toEqual(['ops']);
      expect(await db.withAccounts(async (a) => a.users.get('bruno'))).toBeUndefined();
    });

    it('each change made a row in the audit log: who, from where, what, before and after', async () => {
      const rows = (await db.withAccounts((a) => a.audit.recent({ limit: 1000 }))).reverse();
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
      expect(rows[4]).toMatchObject({ before: { role: 'editor' }, after: { role: 'viewer', sessionsEnded: 0 } });
      expect(rows[6]).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
      expect(rows[9]).toMatchObject({ before: { name: 'bruno', role: 'editor', tokens: [1, 3] }, after: undefined });
      for (const r of rows) expect(Date.parse(r.at)).toBeGreaterThan(Date.now() - 600_000);
    });

    it('no password and no token is anywhere in the database files', async () => {
      const files = await db.files();
      expect(files.length).toBeGreaterThan(0);
      const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
      expect(tokens).toHaveLength(2);
      for (const secret of [ANA_PW, BRUNO_PW, BRUNO_PW2, ...tokens, ...tokens.map((t) => t.slice(3))]) {
        expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
      }
      // The search does find what is stored: the hash of a live token, and password hashes with their parameters.
      expect(bytes.includes(Buffer.from(hashSecret(tokens[1]!)))).toBe(true);
      expect(bytes.includes(Buffer.from('scrypt$32768$8$3$'))).toBe(true);
    });

    it('two admins removed at the same moment by two connections: one goes, the last admin stays', async () => {
      expect(
        await runWithPassword(`${ANA_PW}!`, 'users', 'add', 'dora', '--role', 'admin', '--password-stdin'),
      ).toMatchObject({ code: 0 });
      const outcomes = await Promise.allSettled(
        ['ana', 'dora'].map((name) => db.withAccounts((a) => removeUser(a, cliActor('t'), name))),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(AccountError);
      expect(refused[0]?.message).toMatch(/is the last admin and cannot be removed/);
      expect((await db.withAccounts((a) => a.users.list())).map((u) => u.role)).toEqual(['admin']);
    });
  });
}
