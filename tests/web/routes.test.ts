// The route table, tried whole: every console page and API route x (nobody, each role, a token of each scope),
// each answer compared with what the route's `need` allows. Routes outside the table are refused; every API
// answer is checked against /api/v1/openapi.json. On both stores: every handler answers on PostgreSQL as on SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_SCOPES, SCOPES, type Role, type Scope } from '../../src/auth/index.ts';
import type { RouteEntry } from '../../src/web/index.ts';
import { FormClient, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';
import { needsPostgres, postgresMissing } from '../helpers/postgres.ts';

const ROLES: Role[] = ['viewer', 'editor', 'admin'];
const USER_OF: Record<Role, string> = { viewer: 'vic', editor: 'eve', admin: 'ada' };

/** A concrete path for a pattern: ids and names that exist nowhere, so permitted writes change nothing. */
function concrete(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (/id$/i.test(name)) return '999999';
    if (name === 'name') return 'nobody';
    return 'nope';
  });
}

const forbidden = (text: string) => /this needs the [a-z:]+ scope/.test(text);

for (const kind of ['sqlite', 'postgres'] as const)
  describe.skipIf(kind === 'postgres' && !!postgresMissing)(
    `the route table on ${kind}${kind === 'postgres' ? needsPostgres : ''}`,
    () => {
      let h: Harness;
      let spec: OpenApiChecker;
      let table: RouteEntry[];
      const clients = {} as Record<Role, FormClient>;
      const tokens = {} as Record<Scope, string>;

      beforeAll(async () => {
        h = await startHarness({ users: { ada: 'admin', eve: 'editor', vic: 'viewer' }, store: kind });
        spec = await OpenApiChecker.load(h.base);
        table = h.web.kit.table.entries;
        for (const role of ROLES) {
          clients[role] = new FormClient(h.base);
          await clients[role].login(USER_OF[role]);
        }
        for (const scope of SCOPES)
          tokens[scope] = await tokenFor(h, 'ada', [scope], `matrix-${scope.replace(':', '-')}`);
      }, 60_000);
      afterAll(() => h.close());

      it('names a need for every route and covers both surfaces', () => {
        expect(table.filter((e) => e.surface === 'console').length).toBeGreaterThan(10);
        expect(table.filter((e) => e.surface === 'api').length).toBeGreaterThan(10);
        for (const e of table) expect([...SCOPES, 'public']).toContain(e.need);
      });

      it('every console route: nobody is sent to the login, a role without the scope is refused, one with it is let in', async () => {
        const failures: string[] = [];
        const consoleRoutes = table
          .filter((e) => e.surface === 'console' && e.need !== 'public')
          // Signing out last, so the sessions stay for the other routes.
          .sort((a, b) => Number(a.path === '/logout') - Number(b.path === '/logout'));
        for (const e of consoleRoutes) {
          const path = `/console${concrete(e.path)}`;
          const anon = await fetch(h.base + path, { method: e.method, redirect: 'manual' });
          if (anon.status !== 303 || !anon.headers.get('location')?.startsWith('/console/login')) {
            failures.push(`${e.method} ${path} nobody: ${anon.status}`);
          }
          for (const role of ROLES) {
            const b = clients[role];
            const res = e.method === 'GET' ? await b.get(path) : await b.post(path, {});
            const text = await res.text();
            const allowed = (ROLE_SCOPES[role] as readonly string[]).includes(e.need);
            // Signing out succeeds by sending the browser to the login page.
            const toLogin =
              e.path !== '/logout' && res.status === 303 && res.headers.get('location')?.startsWith('/console/login');
            if (allowed && (toLogin || forbidden(text) || res.status === 401)) {
              failures.push(`${e.method} ${path} ${role}: refused (${res.status}) though it may`);
            }
            if (!allowed && !(res.status === 403 && forbidden(text))) {
              failures.push(`${e.method} ${path} ${role}: ${res.status}, expected 403 for lack of ${e.need}`);
            }
            if (e.method !== 'GET' && (await b.get('/console/account')).status !== 200) await b.login(USER_OF[role]);
          }
        }
        expect(failures).toEqual([]);
      }, 120_000);

      it('every API route: nobody gets 401, a token without the scope 403, one with it gets through; all as documented', async () => {
        const failures: string[] = [];
        for (const e of table.filter((x) => x.surface === 'api' && x.need !== 'public')) {
          const path = `/api/v1${concrete(e.path)}`;
          const call = (token?: string) =>
            fetch(h.base + path, {
              method: e.method,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(e.method === 'GET' || e.method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
              },
              ...(e.method === 'GET' || e.method === 'DELETE' ? {} : { body: '{}' }),
            });
          const anon = await call();
          if (anon.status !== 401 || !anon.headers.get('www-authenticate'))
            failures.push(`${e.method} ${path} nobody: ${anon.status}`);
          await spec.check(e.method, path, anon);
          for (const scope of SCOPES) {
            const res = await call(tokens[scope]);
            const text = await res.clone().text();
            await spec.check(e.method, path, res);
            const allowed = scope === e.need;
            if (allowed && (res.status === 401 || forbidden(text)))
              failures.push(`${e.method} ${path} ${scope}: refused (${res.status})`);
            if (!allowed && !(res.status === 403 && forbidden(text))) {
              failures.push(`${e.method} ${path} token[${scope}]: ${res.status}, expected 403 for lack of ${e.need}`);
            }
          }
        }
        expect(failures).toEqual([]);
      }, 120_000);

      it('a route not in the table is refused', async () => {
        const b = clients.admin;
        expect((await b.get('/console/no-such-page')).status).toBe(404);
        expect((await b.post('/console/admin', {})).status).toBe(404);
        const res = await fetch(`${h.base}/api/v1/no-such-route`, {
          headers: { authorization: `Bearer ${tokens.admin}` },
        });
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      });
    },
  );
