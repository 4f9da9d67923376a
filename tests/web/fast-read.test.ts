// The repeated GET /api/v1/entries answered before the app (src/web/api/fast-read.ts): it answers only a good read
// token with a page cached at the current data version, byte for byte as the app does; a revoked, expired,
// demoted or scope-less token, a change of data, another route or method is left to the app, which refuses or
// re-renders. Checked on a real node:http server in front of a real store, and through the full server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  cliActor,
  issueToken,
  removeUser,
  revokeToken,
  TokenChecker,
  type Scope,
} from '../../src/auth/index.ts';
import { openStore } from '../../src/store/index.ts';
import { fastEntriesRead, type FastReadDeps } from '../../src/web/api/fast-read.ts';
import { ListCache } from '../../src/web/api/list-cache.ts';
import { startServer, type TestServer } from '../helpers/env.ts';
import { PASSWORD, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

describe('the fast read in front of the app', () => {
  let h: Harness;
  let server: TestServer;
  let deps: FastReadDeps;
  const T0 = Date.now();
  let clock = new Date(T0);
  const LIST = Buffer.from('{"items":[{"id":1}]}');

  beforeAll(async () => {
    h = await startHarness({ users: { ada: 'admin', eve: 'editor' } });
    deps = { store: h.store, tokens: new TokenChecker(h.store), lists: new ListCache(), now: () => clock };
    // What the fast read leaves alone reaches the "app" here: a 599 that says so.
    server = await startServer((req, res) => {
      if (!fastEntriesRead(deps, req, res)) res.writeHead(599).end('app');
    });
  });
  afterAll(async () => {
    await server.close();
    await h.close();
  });

  const get = (target: string, token?: string, method = 'GET') =>
    fetch(server.url + target, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const token = (scopes: Scope[], user = 'eve', expiresAt?: Date) =>
    issueToken(h.store, cliActor('t'), { name: `t${Math.random().toString(36).slice(2, 8)}`, user, scopes, expiresAt });
  const cache = (search: string) => deps.lists.set(search, h.store.feeds.dataVersion(), LIST);

  it('answers a cached page to a read token, and nothing else', async () => {
    const t = token(['read']).token;
    cache('?country=PE&limit=50');
    const hit = await get('/api/v1/entries?country=PE&limit=50', t);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('content-type')).toBe('application/json');
    expect(hit.headers.get('cache-control')).toBe('no-store');
    expect(await hit.text()).toBe(LIST.toString());

    expect((await get('/api/v1/entries?country=PE&limit=51', t)).status).toBe(599); // not cached
    expect((await get('/api/v1/entries?country=PE&limit=50')).status).toBe(599); // no token
    expect((await get('/api/v1/entries?country=PE&limit=50', `${t.slice(0, -1)}x`)).status).toBe(599);
    expect((await get('/api/v1/entries?country=PE&limit=50', t, 'POST')).status).toBe(599);
    expect((await get('/api/v1/entriesx?country=PE&limit=50', t)).status).toBe(599);
    expect((await get('/api/v1/entries/1?country=PE&limit=50', t)).status).toBe(599);
    expect((await get('/api/v1/entries?country=PE&limit=50', token(['sources:write']).token)).status).toBe(599);
  });

  it('leaves a revoked or expired token, or one whose owner is gone, to the app at once', async () => {
    const revoked = token(['read']);
    const expiring = token(['read'], 'eve', new Date(T0 + 3_600_000));
    await addUser(h.store, cliActor('t'), { name: 'dan', role: 'viewer', password: PASSWORD });
    const dans = token(['read'], 'dan');
    cache(''); // at the version after those writes
    for (const t of [revoked, expiring, dans]) expect((await get('/api/v1/entries', t.token)).status).toBe(200);

    revokeToken(h.store, cliActor('t'), String(revoked.record.id));
    cache('');
    expect((await get('/api/v1/entries', revoked.token)).status).toBe(599);

    // Expiry is the clock's alone: no write happens, the kept record is used, and it is refused all the same.
    expect((await get('/api/v1/entries', expiring.token)).status).toBe(200);
    clock = new Date(T0 + 3_600_000);
    expect((await get('/api/v1/entries', expiring.token)).status).toBe(599);
    clock = new Date(T0);

    removeUser(h.store, cliActor('t'), 'dan');
    cache('');
    expect((await get('/api/v1/entries', dans.token)).status).toBe(599);
  });

  it('a revocation by another process (the CLI) is seen at the next request', async () => {
    const t = token(['read']);
    cache('?limit=5');
    expect((await get('/api/v1/entries?limit=5', t.token)).status).toBe(200);
    const cli = openStore(h.config.databasePath);
    try {
      revokeToken(cli, cliActor('t'), String(t.record.id));
    } finally {
      cli.close();
    }
    // Another connection's commit moved data_version: the page kept is no longer current either.
    expect(deps.lists.get('?limit=5', h.store.feeds.dataVersion())).toBeUndefined();
    cache('?limit=5');
    expect((await get('/api/v1/entries?limit=5', t.token)).status).toBe(599);
  });

  it('any change of data leaves the page to the app, which renders it again', async () => {
    const t = token(['read']).token;
    cache('?limit=7');
    expect((await get('/api/v1/entries?limit=7', t)).status).toBe(200);
    h.store.sources.sync(
      [{ id: 'x', url: 'https://x.example/feed', enabled: true, topics: [], trusted: false }],
      clock.toISOString(),
    );
    expect((await get('/api/v1/entries?limit=7', t)).status).toBe(599);
  });
});

describe('the full server, read twice', () => {
  let h: Harness;
  let spec: OpenApiChecker;
  beforeAll(async () => {
    h = await startHarness({ users: { ada: 'admin' } });
    spec = await OpenApiChecker.load(h.base);
  });
  afterAll(() => h.close());

  // Each answer, the ones given before the app included, is checked against openapi.json.
  const read = async (target: string, t?: string) => {
    const res = await fetch(`${h.base}${target}`, { headers: t ? { authorization: `Bearer ${t}` } : {} });
    await spec.check('GET', target, res);
    return res;
  };

  it('the second answer is the first, byte for byte; a revoked token is refused on the cached page', async () => {
    const t = tokenFor(h, 'ada', ['read']);
    const first = await read('/api/v1/entries?limit=3', t);
    const second = await read('/api/v1/entries?limit=3', t);
    expect(second.status).toBe(200);
    for (const name of ['content-type', 'cache-control', 'content-length'])
      expect(second.headers.get(name)).toBe(first.headers.get(name));
    expect(await second.text()).toBe(await first.text());

    expect((await read('/api/v1/entries?limit=3')).status).toBe(401);
    expect((await read('/api/v1/entries?limit=3', tokenFor(h, 'ada', ['sources:write']))).status).toBe(403);
    const rec = h.store.accounts.tokens.list().find((r) => r.scopes.join() === 'read');
    revokeToken(h.store, cliActor('t'), String(rec?.id));
    const refused = await read('/api/v1/entries?limit=3', t);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    // A query the app refuses is never cached, so it is refused every time.
    const other = tokenFor(h, 'ada', ['read']);
    for (let i = 0; i < 2; i++) expect((await read('/api/v1/entries?limit=0', other)).status).toBe(400);
  });
});
