// Signing in and out. The login form has its own CSRF defence (no session exists yet): a random value in a
// SameSite=Strict cookie that the form must repeat, besides the Origin check. Every failure gets the same message
// and one log line fail2ban can match; throttling and the hash gate are in ../security/throttle.ts.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { hashSecret, verifyLogin } from '../../auth/index.ts';
import type { Kit } from '../kit.ts';
import { crossOriginReason, sameToken } from '../security/csrf.ts';
import { cookieName, CONSOLE_PATH, parseSessionCookie, sessionCookie, startSession } from '../security/session.ts';
import { HashGate, lockedFor } from '../security/throttle.ts';
import type { AppEnv } from '../types.ts';
import { Layout, render } from './layout.tsx';

const LOGIN_COOKIE = 'wireroom_login';
const FAILED = 'Wrong name or password.';

/** Where to go after signing in: only a console path, never another site (`//evil`, `/\evil`). */
export function safeNext(raw: string | undefined): string {
  if (!raw || !raw.startsWith('/console/') || /[\\\s]|\/\//.test(raw)) return '/console/';
  return raw;
}

function LoginPage(props: { c: Context<AppEnv>; token: string; next: string; error?: string; name?: string }) {
  return (
    <Layout c={props.c} title="Sign in">
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/console/login" class="stack">
        <input type="hidden" name="login_token" value={props.token} />
        <input type="hidden" name="next" value={props.next} />
        <label>
          Name <input type="text" name="name" autocomplete="username" required value={props.name ?? ''} />
        </label>
        <label>
          Password <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}

export function registerLogin(kit: Kit, opts: { https: (c: Context<AppEnv>) => boolean }): void {
  const { store, config, log } = kit.deps;
  const now = () => kit.deps.now?.() ?? new Date();
  const gate = new HashGate();
  const throttle = { maxFailures: config.console.login_max_failures, lockMinutes: config.console.login_lock };
  const sessions = { idleMinutes: config.console.session_idle, maxMinutes: config.console.session_max };

  const showForm = (c: Context<AppEnv>, status: number, next: string, error?: string, name?: string) => {
    const token = randomBytes(24).toString('base64url');
    c.header(
      'Set-Cookie',
      `${LOGIN_COOKIE}=${token}; Path=${CONSOLE_PATH}; HttpOnly; SameSite=Strict${opts.https(c) ? '; Secure' : ''}`,
      { append: true },
    );
    return render(c, status, <LoginPage c={c} token={token} next={next} error={error} name={name} />);
  };

  kit.page('GET', '/login', 'public', 'the sign-in form', (c) => {
    // Shown even to a signed-in browser: signing in again replaces whatever session the cookie held (fixation).
    return showForm(c, 200, safeNext(c.req.query('next')));
  });

  kit.page('POST', '/login', 'public', 'sign in', async (c) => {
    const body = await c.req.parseBody();
    const field = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const next = safeNext(field('next'));
    const name = field('name').trim().toLowerCase().slice(0, 100);
    const address = c.get('address');
    const cross = crossOriginReason(
      { origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') },
      kit.ownOrigins(c),
    );
    if (cross || !sameToken(getCookie(c, LOGIN_COOKIE) ?? '', field('login_token'))) {
      return showForm(c, 403, next, 'The sign-in form had expired or came from another site; please try again.');
    }
    if (store.readonly)
      return showForm(c, 503, next, 'This server is read-only (wireroom serve): sign in where the worker runs.');
    const at = now();
    const wait = await lockedFor(store.accounts, throttle, name, address, at);
    if (wait > 0) {
      log.warn({ event: 'login_locked', user: name, address }, 'login failed');
      c.header('Retry-After', String(wait));
      return showForm(c, 429, next, `Too many failed attempts; try again in ${Math.ceil(wait / 60)} minutes.`, name);
    }
    const checked = await gate.run(async () => ({ user: await verifyLogin(store, name, field('password')) }));
    if (!checked) {
      c.header('Retry-After', '1');
      return showForm(c, 503, next, 'Too many sign-ins at once; try again in a moment.', name);
    }
    const { user } = checked;
    if (!user) {
      await store.accounts.loginAttempts.record({ userName: name, address, at: at.toISOString(), ok: false });
      log.warn({ event: 'login_failed', user: name, address }, 'login failed');
      return showForm(c, 401, next, FAILED, name);
    }
    await store.accounts.loginAttempts.record({ userName: name, address, at: at.toISOString(), ok: true });
    // Session fixation: whatever session cookie came in is ended; the browser gets a fresh one.
    const old = parseSessionCookie(getCookie(c, cookieName(opts.https(c))));
    const planted = old && (await store.accounts.sessions.byHash(hashSecret(old.secret)));
    if (planted) await store.accounts.sessions.revoke(planted.id, at.toISOString());
    const { cookieValue } = await startSession(store, sessions, user.id, at);
    log.info({ event: 'login', user: user.name, address }, 'signed in');
    c.header('Set-Cookie', sessionCookie(cookieName(opts.https(c)), cookieValue, opts.https(c)), { append: true });
    c.header('Set-Cookie', `${LOGIN_COOKIE}=; Path=${CONSOLE_PATH}; Max-Age=0`, { append: true });
    return c.redirect(next, 303);
  });

  kit.page('POST', '/logout', 'read', 'sign out', async (c) => {
    const p = c.get('principal');
    if (p.kind === 'session') await store.accounts.sessions.revoke(p.session.id, now().toISOString());
    c.header('Set-Cookie', sessionCookie(cookieName(opts.https(c)), '', opts.https(c), 0));
    return c.redirect('/console/login', 303);
  });
}
