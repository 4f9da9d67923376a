// Forwarded client addresses and schemes are believed only from `console.trusted_proxies`: from a trusted proxy
// X-Forwarded-For names the address failed sign-ins are counted and logged against, and X-Forwarded-Proto: https
// makes the session cookie Secure (with the __Secure- prefix); from anyone else both headers are ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustedProxies } from '../../src/web/security/address.ts';
import { FormClient, PASSWORD, startHarness, type Harness } from './harness.ts';

describe('TrustedProxies', () => {
  const proxies = new TrustedProxies(['10.0.0.0/8', '::1']);

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy', () => {
    expect(proxies.clientAddress('203.0.113.5', '198.51.100.1')).toBe('203.0.113.5');
    expect(new TrustedProxies([]).clientAddress('127.0.0.1', '198.51.100.1')).toBe('127.0.0.1');
  });

  it('walks X-Forwarded-For from the right past trusted hops only: a forged leftmost entry is not believed', () => {
    expect(proxies.clientAddress('10.1.2.3', '198.51.100.1, 10.9.9.9')).toBe('198.51.100.1');
    expect(proxies.clientAddress('10.1.2.3', '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(proxies.clientAddress('::ffff:10.1.2.3', 'not-an-address, 198.51.100.1')).toBe('198.51.100.1');
    expect(proxies.clientAddress('::1', '2001:db8::5')).toBe('2001:db8::5');
  });

  it('believes X-Forwarded-Proto from a trusted proxy only, and names a bad entry', () => {
    expect(proxies.forwardedHttps('10.1.2.3', 'https')).toBe(true);
    expect(proxies.forwardedHttps('10.1.2.3', 'http')).toBe(false);
    expect(proxies.forwardedHttps('203.0.113.5', 'https')).toBe(false);
    expect(() => new TrustedProxies(['proxy.local'])).toThrow(/console.trusted_proxies: "proxy.local"/);
  });
});

/** wireroom.yaml with `console:` settings; the database goes to the default db/ under the temp project folder. */
const mainWith = (consoleYaml: string) =>
  `site:\n  base_url: http://127.0.0.1:0/\nschedule:\n  run_on_start: false\nconsole:\n${consoleYaml}`;

/** A sign-in through the form as a browser behind the proxy would send it (Origin as the browser sees the site). */
async function signIn(b: FormClient, name: string, password: string, headers: Record<string, string>, origin: string) {
  const { html } = await b.page('/console/login');
  const loginToken = /name="login_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return b.post(
    '/console/login',
    { name, password, login_token: loginToken, next: '/console/' },
    { csrf: null, origin, headers },
  );
}

describe('behind a trusted proxy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      users: { ada: 'admin' },
      main: mainWith('  trusted_proxies: ["127.0.0.1"]\n  login_max_failures: 2\n'),
    });
  });
  afterAll(() => h.close());

  it('over forwarded HTTPS the session cookie is Secure and named __Secure-', async () => {
    const b = new FormClient(h.base);
    const https = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.10' };
    const res = await signIn(b, 'ada', PASSWORD, https, h.base.replace('http:', 'https:'));
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Secure-wireroom_session='));
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/Path=\/console\/; HttpOnly; SameSite=Lax/);
  });

  it('failures count against the forwarded address: it is locked after four times the per-account limit', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': `192.0.2.99, ${address}` });
    const b = new FormClient(h.base);
    for (let i = 0; i < h.config.console.login_max_failures * 4; i++) {
      // A different name each time, so no account is locked: only the address is.
      const res = await signIn(b, `nobody${i}`, 'wrong password', from('198.51.100.20'), h.base);
      expect(res.status).toBe(401);
    }
    const failed = h.logs.filter((l) => l.msg === 'login failed').map((l) => (l.obj as { address?: string }).address);
    expect(new Set(failed)).toEqual(new Set(['198.51.100.20']));

    const locked = await signIn(b, 'ada', PASSWORD, from('198.51.100.20'), h.base);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same account from another address signs in.
    expect((await signIn(new FormClient(h.base), 'ada', PASSWORD, from('198.51.100.21'), h.base)).status).toBe(303);
  });
});

describe('with no proxy trusted from here', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ users: { ada: 'admin' }, main: mainWith('  trusted_proxies: ["10.0.0.0/8"]\n') });
  });
  afterAll(() => h.close());

  it('X-Forwarded-For and X-Forwarded-Proto are ignored: the socket address is logged, the cookie is not Secure', async () => {
    const b = new FormClient(h.base);
    const forged = { 'x-forwarded-for': '198.51.100.30', 'x-forwarded-proto': 'https' };
    expect((await signIn(b, 'ada', 'wrong password', forged, h.base)).status).toBe(401);
    const line = h.logs.find((l) => l.msg === 'login failed');
    expect(line?.obj).toMatchObject({ address: '127.0.0.1' });

    const res = await signIn(b, 'ada', PASSWORD, forged, h.base);
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith('wireroom_session='))).toBe(true);
    expect(cookies.join('\n')).not.toMatch(/Secure/);
  });
});
