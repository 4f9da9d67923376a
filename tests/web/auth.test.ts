// Accounts and security of the console and API, against a real server: the console is off until an account exists,
// sessions (cookie attributes, fixation, logout, password and role changes, idle end), CSRF, login throttling,
// tokens (scopes, revocation, expiry, the owner's role), and no secret in the database. On both stores (issue #15):
// the same server on a SQLite file and on a PostgreSQL database; the tests' clock is moved by editing stored rows.
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, cliActor, issueToken, revokeToken, setRole } from '../../src/auth/index.ts';
import { findPgTool } from '../../src/store/pg/dump.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { FormClient, PASSWORD, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

/** A write behind the server's back, in SQLite's placeholders (`?`; on PostgreSQL they become $1, $2...). */
async function exec(h: Harness, sql: string, ...params: unknown[]): Promise<void> {
  if (!h.pg) return void h.store.db.prepare(sql).run(...params);
  let n = 0;
  const numbered = sql.replace(/\?/g, () => `$${++n}`);
  await h.pg.db.query(numbered, params);
}

/** Every byte the database holds that a secret could be in: SQLite's file and its WAL, or PostgreSQL's data dumped. */
function databaseBytes(h: Harness): Buffer {
  if (h.config.database.kind === 'postgres') {
    const dump = execFileSync(findPgTool('pg_dump'), ['--data-only', `--dbname=${h.config.database.url}`]);
    expect(dump.toString()).toContain('COPY public.sessions');
    return dump;
  }
  h.store.db.pragma('wal_checkpoint(PASSIVE)');
  const files = [h.config.databasePath, `${h.config.databasePath}-wal`].filter(existsSync);
  return Buffer.concat(files.map((f) => readFileSync(f)));
}

for (const arm of stores()) {
  /** Every answer is checked against /api/v1/openapi.json (`spec`, loaded once an account exists). */
  let spec: OpenApiChecker | undefined;
  const api = async (h: Harness, path: string, token?: string, init: RequestInit = {}) => {
    const res = await fetch(`${h.base}/api/v1${path}`, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) },
    });
    if (spec) await spec.check(init.method ?? 'GET', `/api/v1${path}`, res);
    return res;
  };

  describe.skipIf(skipArm(arm))(`before any account exists on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ store: arm.kind });
    });
    afterAll(() => h.close());

    it('the console and the API are off and say how to create the first account', async () => {
      const page = await fetch(`${h.base}/console/login`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('wireroom users add NAME --role admin');
      const res = await api(h, '/me');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      // The public feeds are not affected.
      expect((await fetch(`${h.base}/healthz`)).status).not.toBe(503 + 1000);
      // The first account turns both on, and the 503 given before is one the API document lists.
      await addUser(h.editor.accounts, cliActor('t'), { name: 'ada', role: 'admin', password: PASSWORD });
      spec = await OpenApiChecker.load(h.base);
      await spec.check('GET', '/api/v1/me', res);
      expect((await api(h, '/me')).status).toBe(401);
      expect((await fetch(`${h.base}/console/login`)).status).toBe(200);
    });
  });

  describe.skipIf(skipArm(arm))(`with accounts on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ users: { ada: 'admin', eve: 'editor', vic: 'viewer', mal: 'editor' }, store: arm.kind });
      spec = await OpenApiChecker.load(h.base);
    });
    afterAll(() => h.close());

    it('an unauthenticated console page redirects to the login; the API answers 401 with WWW-Authenticate', async () => {
      const page = await fetch(`${h.base}/console/jobs?limit=5`, { redirect: 'manual' });
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/console/login?next=%2Fconsole%2Fjobs%3Flimit%3D5');
      const res = await api(h, '/me');
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="wireroom"/);
      expect((await res.json()) as object).toMatchObject({ status: 401 });
    });

    it('signing in sets an HttpOnly, SameSite=Lax cookie scoped to /console/, and console pages are locked down', async () => {
      const b = new FormClient(h.base);
      const { html, res: form } = await b.page('/console/login');
      const loginToken = /name="login_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const res = await b.post(
        '/console/login',
        { name: 'Eve', password: PASSWORD, login_token: loginToken, next: '/console/entries' },
        { csrf: null },
      );
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/console/entries');
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('wireroom_session='));
      expect(cookie).toMatch(/; Path=\/console\/; HttpOnly; SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/); // plain http here
      const csp = form.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(form.headers.get('x-frame-options')).toBe('DENY'); // the same refusal for browsers without CSP 2
      expect(csp).toMatch(/script-src 'nonce-[^']+'/);
      expect(csp).not.toContain('unsafe-inline');
      expect(form.headers.get('cache-control')).toBe('no-store');
    });

    it('an unsafe next= after login stays inside the console', async () => {
      for (const next of ['//evil.example/', 'https://evil.example/', '/console//evil.example', '/\\evil.example']) {
        const b = new FormClient(h.base);
        const { html } = await b.page('/console/login');
        const loginToken = /name="login_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
        const res = await b.post(
          '/console/login',
          { name: 'vic', password: PASSWORD, login_token: loginToken, next },
          { csrf: null },
        );
        expect(res.headers.get('location')).toBe('/console/');
      }
    });

    it('session fixation: a cookie planted before login is dead after it', async () => {
      const attacker = new FormClient(h.base);
      await attacker.login('mal');
      const victim = new FormClient(h.base);
      for (const [k, v] of attacker.cookies) victim.cookies.set(k, v);
      await victim.login('eve');
      expect(victim.cookies.get('wireroom_session')).not.toBe(attacker.cookies.get('wireroom_session'));
      const planted = await attacker.get('/console/');
      expect(planted.status).toBe(303);
      expect((await victim.get('/console/')).status).toBe(200);
    });

    it('logout ends the session: the old cookie no longer works', async () => {
      const b = new FormClient(h.base);
      await b.login('vic');
      const old = b.cookieHeader();
      expect((await b.post('/console/logout', {})).status).toBe(303);
      const res = await fetch(`${h.base}/console/`, { headers: { cookie: old }, redirect: 'manual' });
      expect(res.status).toBe(303);
    });

    it("a password change ends the user's other sessions and keeps this browser signed in", async () => {
      await import('../../src/auth/index.ts').then((a) =>
        a.addUser(h.editor.accounts, cliActor('t'), { name: 'pat', role: 'viewer', password: PASSWORD }),
      );
      const one = new FormClient(h.base);
      const two = new FormClient(h.base);
      await one.login('pat');
      await two.login('pat');
      const res = await one.post('/console/account/password', {
        current: PASSWORD,
        password: 'a new long passphrase 42',
      });
      expect(res.status).toBe(303);
      expect((await two.get('/console/')).status).toBe(303);
      expect((await one.get('/console/')).status).toBe(200);
      const audit = await h.editor.accounts.audit.recent({ target: 'user:pat' });
      expect(audit[0]).toMatchObject({ actor: 'pat', origin: 'console', action: 'users.passwd' });
    });

    it("a role change ends the user's sessions", async () => {
      await import('../../src/auth/index.ts').then((a) =>
        a.addUser(h.editor.accounts, cliActor('t'), { name: 'rob', role: 'editor', password: PASSWORD }),
      );
      const b = new FormClient(h.base);
      await b.login('rob');
      await setRole(h.editor.accounts, cliActor('t'), 'rob', 'viewer');
      expect((await b.get('/console/')).status).toBe(303);
    });

    it('a session idle longer than console.session_idle is ended', async () => {
      const b = new FormClient(h.base);
      await b.login('vic');
      const id = Number(b.cookies.get('wireroom_session')?.split('.')[0]);
      const idleMs = h.config.console.session_idle * 60_000;
      // Travel in time: the session was last seen longer ago than the idle limit.
      await exec(
        h,
        'UPDATE sessions SET last_seen_at = ? WHERE id = ?',
        new Date(Date.now() - idleMs - 1000).toISOString(),
        id,
      );
      expect((await b.get('/console/')).status).toBe(303);
    });

    it('a session older than console.session_max is ended, however recently it was used', async () => {
      const b = new FormClient(h.base);
      await b.login('vic');
      const id = Number(b.cookies.get('wireroom_session')?.split('.')[0]);
      expect((await b.get('/console/')).status).toBe(200);
      // Travel in time: signed in longer ago than the absolute limit, seen a second ago.
      const second = new Date(Date.now() - 1000).toISOString();
      await exec(h, 'UPDATE sessions SET expires_at = ?, last_seen_at = ? WHERE id = ?', second, second, id);
      expect((await b.get('/console/')).status).toBe(303);
    });

    it('a user lists and ends their own sessions and tokens on the account page, and nobody else’s', async () => {
      const eve1 = new FormClient(h.base);
      await eve1.login('eve');
      const eve2 = new FormClient(h.base);
      await eve2.login('eve');
      const sessionOf = (b: FormClient) => Number(b.cookies.get('wireroom_session')?.split('.')[0]);
      const vic = new FormClient(h.base);
      await vic.login('vic');
      const evesToken = await tokenFor(h, 'eve', ['read']);
      const evesTokenId = (await h.editor.accounts.tokens.list()).find((t) => t.userName === 'eve' && !t.revokedAt)?.id;
      expect(evesTokenId).toBeGreaterThan(0);

      // Another user can neither end eve's session nor revoke her token.
      expect((await vic.post(`/console/account/sessions/${sessionOf(eve2)}/revoke`, {})).status).toBe(404);
      expect((await vic.post(`/console/account/tokens/${evesTokenId}/revoke`, {})).status).toBe(404);
      expect((await eve2.get('/console/')).status).toBe(200);
      expect((await api(h, '/me', evesToken)).status).toBe(200);

      // Eve sees both her sessions, ends the other one, and revokes her token.
      const { html } = await eve1.page('/console/account');
      expect(html).toContain(`/console/account/sessions/${sessionOf(eve2)}/revoke`);
      expect((await eve1.post(`/console/account/sessions/${sessionOf(eve2)}/revoke`, {})).status).toBe(303);
      expect((await eve2.get('/console/')).status).toBe(303);
      expect((await eve1.post(`/console/account/tokens/${evesTokenId}/revoke`, {})).status).toBe(303);
      expect((await api(h, '/me', evesToken)).status).toBe(401);

      // A token issued to oneself never goes beyond one's role: a viewer asking for sources:write is refused.
      await vic.page('/console/account');
      const beyond = await vic.post('/console/account/tokens', { name: 'too-much', scope: ['read', 'sources:write'] });
      expect(beyond.status).toBe(422);
      expect(await beyond.text()).toContain('sources:write');
      expect((await h.editor.accounts.tokens.list()).some((t) => t.name === 'too-much')).toBe(false);
    });

    it('CSRF: a form without its token, with another session’s token, or from another origin is refused', async () => {
      const eve = new FormClient(h.base);
      await eve.login('ada');
      const other = new FormClient(h.base);
      await other.login('vic');
      const add = (opts: Parameters<FormClient['post']>[2]) =>
        eve.post('/console/admin/users', { name: 'csrfvictim', role: 'admin', password: PASSWORD }, opts);
      expect((await add({ csrf: null })).status).toBe(403);
      expect((await add({ csrf: other.csrf })).status).toBe(403);
      expect((await add({ origin: 'http://127.0.0.1:1' })).status).toBe(403);
      expect((await add({ headers: { 'sec-fetch-site': 'same-site' } })).status).toBe(403);
      expect(await h.editor.accounts.users.get('csrfvictim')).toBeUndefined();
      expect((await add({})).status).toBe(303);
      expect((await h.editor.accounts.users.get('csrfvictim'))?.role).toBe('admin');
    });

    it('throttling: the sixth wrong password is refused with 429 and Retry-After, and so is the right one during the lock', async () => {
      await import('../../src/auth/index.ts').then((a) =>
        a.addUser(h.editor.accounts, cliActor('t'), { name: 'tom', role: 'viewer', password: PASSWORD }),
      );
      const b = new FormClient(h.base);
      const messages = new Set<string>();
      const attempt = async (name: string, password: string) => {
        const { html } = await b.page('/console/login');
        const loginToken = /name="login_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
        const res = await b.post(
          '/console/login',
          { name, password, login_token: loginToken, next: '' },
          { csrf: null },
        );
        return { res, text: await res.text() };
      };
      for (let i = 0; i < h.config.console.login_max_failures; i++) {
        const { res, text } = await attempt('tom', `wrong ${i}`);
        expect(res.status).toBe(401);
        messages.add(/role="alert">([^<]+)</.exec(text)?.[1] ?? '');
      }
      // An unknown name gets exactly the same message.
      messages.add(/role="alert">([^<]+)</.exec((await attempt('nosuchuser', 'x')).text)?.[1] ?? '');
      expect([...messages]).toEqual(['Wrong name or password.']);
      const sixth = await attempt('tom', 'wrong again');
      expect(sixth.res.status).toBe(429);
      expect(Number(sixth.res.headers.get('retry-after'))).toBeGreaterThan(0);
      const right = await attempt('tom', PASSWORD);
      expect(right.res.status).toBe(429);
      expect(b.cookies.has('wireroom_session')).toBe(false);
      const lines = h.logs.filter((l) => l.msg === 'login failed' && (l.obj as { user?: string }).user === 'tom');
      expect(lines.length).toBeGreaterThanOrEqual(7);
      expect(lines[0]?.obj).toMatchObject({ address: '127.0.0.1' });
    });

    it('tokens: scopes limit what a token does, and a revoked, expired or demoted token fails at once', async () => {
      const read = await tokenFor(h, 'eve', ['read']);
      const write = await tokenFor(h, 'eve', ['read', 'sources:write']);
      expect((await api(h, '/me', read)).status).toBe(200);
      const cancel = (t: string) => api(h, '/jobs/999/cancel', t, { method: 'POST' });
      expect((await cancel(read)).status).toBe(403);
      expect((await cancel(write)).status).not.toBe(403);

      const rec = (await h.editor.accounts.tokens.list()).find((t) => t.scopes.length === 2 && t.userName === 'eve');
      await revokeToken(h.editor.accounts, cliActor('t'), String(rec?.id));
      const revoked = await api(h, '/me', write);
      expect(revoked.status).toBe(401);
      expect(revoked.headers.get('www-authenticate')).toContain('error="invalid_token"');

      const soon = await issueToken(h.editor.accounts, cliActor('t'), {
        name: 'soon',
        user: 'eve',
        scopes: ['read'],
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      expect((await api(h, '/me', soon.token)).status).toBe(200);
      await exec(
        h,
        'UPDATE api_tokens SET expires_at = ? WHERE id = ?',
        new Date(Date.now() - 1000).toISOString(),
        soon.record.id,
      );
      expect((await api(h, '/me', soon.token)).status).toBe(401);

      await import('../../src/auth/index.ts').then((a) =>
        a.addUser(h.editor.accounts, cliActor('t'), { name: 'dan', role: 'editor', password: PASSWORD }),
      );
      const dans = await tokenFor(h, 'dan', ['read', 'sources:write']);
      await setRole(h.editor.accounts, cliActor('t'), 'dan', 'viewer');
      expect((await cancel(dans)).status).toBe(403);
      const me = (await (await api(h, '/me', dans)).json()) as { token: { scopes: string[] } };
      expect(me.token.scopes).toEqual(['read']);
    });

    it('the admin API: users and roles, tokens, sessions, the audit and security logs, as openapi.json says', async () => {
      const admin = await tokenFor(h, 'ada', ['read', 'admin']);
      const reader = await tokenFor(h, 'vic', ['read']);
      const send = (method: string, path: string, body?: unknown, token = admin) =>
        api(h, path, token, {
          method,
          ...(body === undefined
            ? {}
            : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
        });

      // A user added (names are stored in lower case), a second time refused; only an admin token may.
      const kim = { name: 'Kim', role: 'viewer', password: PASSWORD };
      expect((await send('POST', '/users', kim, reader)).status).toBe(403);
      const added = await send('POST', '/users', kim);
      expect(added.status).toBe(201);
      expect(await added.json()).toMatchObject({ name: 'kim', role: 'viewer' });
      expect((await send('POST', '/users', kim)).status).toBe(400);
      const users = (await (await send('GET', '/users')).json()) as { items: { name: string; role: string }[] };
      expect(users.items).toContainEqual(expect.objectContaining({ name: 'kim', role: 'viewer' }));

      // Her session is listed and can be ended; an unknown one is 404.
      const browser = new FormClient(h.base);
      expect((await browser.login('kim')).status).toBe(303);
      const sessions = (await (await send('GET', '/sessions')).json()) as { items: { id: number; user: string }[] };
      const hers = sessions.items.filter((x) => x.user === 'kim');
      expect(hers.length).toBe(1);
      expect((await send('DELETE', `/sessions/${hers[0]?.id}`)).status).toBe(204);
      expect((await browser.get('/console/')).status).toBe(303);
      expect((await send('DELETE', '/sessions/999999')).status).toBe(404);

      // A token for her: never beyond her role, working at once, listed without the token, revoked at once.
      expect((await send('POST', '/tokens', { name: 'kims', user: 'kim', scopes: ['admin'] })).status).toBe(400);
      const issued = await send('POST', '/tokens', { name: 'kims', user: 'kim', scopes: ['read'], expires: '30d' });
      expect(issued.status).toBe(201);
      const token = (await issued.json()) as { id: number; token: string; expiresAt: string | null };
      expect(token.expiresAt).not.toBeNull();
      expect((await api(h, '/me', token.token)).status).toBe(200);
      const listed = (await (await send('GET', '/tokens')).json()) as { items: Record<string, unknown>[] };
      expect(listed.items.find((t) => t.id === token.id)).toMatchObject({ name: 'kims', user: 'kim', revokedAt: null });
      expect(JSON.stringify(listed)).not.toContain(token.token);
      const revoked = await send('DELETE', `/tokens/${token.id}`);
      expect(revoked.status).toBe(200);
      expect(((await revoked.json()) as { revokedAt: string | null }).revokedAt).not.toBeNull();
      expect((await api(h, '/me', token.token)).status).toBe(401);
      expect((await send('DELETE', `/tokens/${token.id}`)).status).toBe(400);

      // Her role and password changed; an unknown user is refused; then she is removed.
      const patched = await send('PATCH', '/users/kim', { role: 'editor', password: 'a new long passphrase 43' });
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({ name: 'kim', role: 'editor' });
      expect((await browser.login('kim', 'a new long passphrase 43')).status).toBe(303);
      expect((await send('PATCH', '/users/nobody', { role: 'viewer' })).status).toBe(400);
      expect((await send('DELETE', '/users/kim')).status).toBe(204);
      const after = (await (await send('GET', '/users')).json()) as { items: { name: string }[] };
      expect(after.items.map((u) => u.name)).not.toContain('kim');

      // The audit log: every change to her for an admin, newest first; none of them in the editorial part.
      const all = (await (await send('GET', '/audit?limit=1000')).json()) as {
        items: { action: string; target: string | null; origin: string; actor: string }[];
      };
      const aboutKim = all.items.filter((a) => a.target === 'user:kim').map((a) => a.action);
      expect(aboutKim).toEqual(['users.remove', 'users.role', 'users.passwd', 'users.add']);
      expect(all.items.find((a) => a.action === 'tokens.revoke')).toMatchObject({ actor: 'ada', origin: 'api' });
      const editorial = (await (await send('GET', '/audit?limit=1000', undefined, reader)).json()) as {
        items: { action: string }[];
      };
      expect(editorial.items.filter((a) => /^(users|tokens|sessions)\./.test(a.action))).toEqual([]);

      // The security log: her sign-ins, for admins only.
      const log = (await (await send('GET', '/security-log?limit=1000')).json()) as {
        items: { user: string; ok: boolean; address: string }[];
      };
      expect(log.items.filter((a) => a.user === 'kim').map((a) => a.ok)).toEqual([true, true]);
      expect((await send('GET', '/security-log', undefined, reader)).status).toBe(403);
    });

    it('the API ignores cookies and the console ignores bearer tokens', async () => {
      const b = new FormClient(h.base);
      await b.login('ada');
      expect((await api(h, '/me', undefined, { headers: { cookie: b.cookieHeader() } })).status).toBe(401);
      const t = await tokenFor(h, 'ada', ['read']);
      const page = await fetch(`${h.base}/console/`, { headers: { authorization: `Bearer ${t}` }, redirect: 'manual' });
      expect(page.status).toBe(303);
    });

    it('neither a password, a token nor a session secret appears anywhere in the database', async () => {
      const b = new FormClient(h.base);
      await b.login('ada');
      const secret = b.cookies.get('wireroom_session')?.split('.')[1] ?? '';
      const token = await tokenFor(h, 'ada', ['read', 'admin']);
      expect((await api(h, '/me', token)).status).toBe(200);
      const bytes = databaseBytes(h);
      for (const s of [PASSWORD, token, token.slice(3), secret]) {
        expect(s.length).toBeGreaterThan(10);
        expect(bytes.includes(Buffer.from(s)), `found ${s.slice(0, 6)}… in the database`).toBe(false);
      }
    });
  });
}
