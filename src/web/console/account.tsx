// The signed-in user's own account: their sessions (each can be ended) and a password change, which ends
// every session and starts a fresh one for this browser.
import type { Context } from 'hono';
import { revokeToken, ROLE_SCOPES, setPassword, verifyPassword } from '../../auth/index.ts';
import type { Kit } from '../kit.ts';
import { cookieName, sessionCookie, startSession } from '../security/session.ts';
import type { AppEnv } from '../types.ts';
import { actorOf } from '../actor.ts';
import { formField } from './forms.ts';
import { IssuedToken, IssueTokenForm, tokenFromForm, TokenTable } from './tokens.tsx';
import { consoleRefusal } from './refusal.tsx';
import { CsrfField, Layout, render } from './layout.tsx';

export function registerAccount(kit: Kit, opts: { https: (c: Context<AppEnv>) => boolean }): void {
  const { store, config } = kit.deps;
  const { accounts } = store;
  const now = () => kit.deps.now?.() ?? new Date();

  const page = async (c: Context<AppEnv>, status: number, notice?: string, error?: string, issued?: string) => {
    const p = c.get('principal');
    if (p.kind !== 'session') throw new Error('account page without a session');
    const sessions = (await accounts.sessions.listForUser(p.userId)).filter((s) => !s.revokedAt);
    const tokens = await accounts.tokens.list({ userId: p.userId });
    return render(
      c,
      status,
      <Layout c={c} title={`Account: ${p.userName}`} notice={notice}>
        <p>
          Role: <strong>{p.role}</strong>
        </p>
        <h2>Sessions</h2>
        <table>
          <thead>
            <tr>
              <th>Started</th>
              <th>Last seen</th>
              <th>Ends</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>{s.createdAt}</td>
                <td>{s.lastSeenAt}</td>
                <td>{s.expiresAt}</td>
                <td>
                  {s.id === p.session.id ? (
                    <span class="muted">this browser</span>
                  ) : (
                    <form method="post" action={`/console/account/sessions/${s.id}/revoke`} class="inline">
                      <CsrfField principal={p} />
                      <button type="submit">End</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Your API tokens</h2>
        <IssuedToken token={issued} />
        <TokenTable c={c} tokens={tokens} action="/console/account/tokens" />
        <IssueTokenForm
          c={c}
          action="/console/account/tokens"
          scopes={ROLE_SCOPES[p.role]}
          legend="Scopes (your role allows these)"
        />
        <h2>Change password</h2>
        {error ? <p class="error">{error}</p> : null}
        <form method="post" action="/console/account/password" class="stack">
          <CsrfField principal={p} />
          <label>
            Current password <input type="password" name="current" autocomplete="current-password" required />
          </label>
          <label>
            New password <input type="password" name="password" autocomplete="new-password" required />
          </label>
          <button type="submit">Change password (ends every other session)</button>
        </form>
      </Layout>,
    );
  };

  kit.page('GET', '/account', 'read', 'your sessions and password', (c) => page(c, 200, c.req.query('done')));

  kit.page('POST', '/account/sessions/:id/revoke', 'read', 'end one of your sessions', async (c) => {
    const p = c.get('principal');
    const id = Number(c.req.param('id'));
    const mine = p.kind === 'session' && (await accounts.sessions.listForUser(p.userId)).some((s) => s.id === id);
    if (!mine) return page(c, 404, undefined, 'no such session of yours');
    await accounts.sessions.revoke(id, now().toISOString());
    return c.redirect('/console/account?done=Session+ended', 303);
  });

  kit.page('POST', '/account/tokens', 'read', 'issue yourself an API token (within your role)', async (c) => {
    const p = c.get('principal');
    if (p.kind !== 'session') throw new Error('token without a session');
    try {
      const token = await tokenFromForm(c, accounts, p.userName, now());
      return page(c, 201, undefined, undefined, token);
    } catch (err) {
      if ((err as Error).name !== 'AccountError' && !(err instanceof RangeError)) throw err;
      return page(c, 422, undefined, (err as Error).message);
    }
  });

  kit.page('POST', '/account/tokens/:id/revoke', 'read', 'revoke one of your API tokens', async (c) => {
    const p = c.get('principal');
    const token = await accounts.tokens.byId(Number(c.req.param('id')));
    if (p.kind !== 'session' || !token || token.userId !== p.userId)
      return consoleRefusal(c, 404, 'no such token of yours');
    await revokeToken(accounts, actorOf(c), String(token.id), now());
    return c.redirect('/console/account?done=Token+revoked', 303);
  });

  kit.page('POST', '/account/password', 'read', 'change your password', async (c) => {
    const p = c.get('principal');
    if (p.kind !== 'session') throw new Error('password change without a session');
    const current = await formField(c, 'current');
    const user = await accounts.users.byId(p.userId);
    if (!user || !(await verifyPassword(current, user.passwordHash))) {
      return page(c, 403, undefined, 'The current password is wrong.');
    }
    try {
      await setPassword(accounts, actorOf(c), p.userName, await formField(c, 'password'), now());
    } catch (err) {
      if ((err as Error).name !== 'AccountError') throw err;
      return page(c, 422, undefined, (err as Error).message);
    }
    const sessions = { idleMinutes: config.console.session_idle, maxMinutes: config.console.session_max };
    const { cookieValue } = await startSession(store, sessions, p.userId, now());
    c.header('Set-Cookie', sessionCookie(cookieName(opts.https(c)), cookieValue, opts.https(c)));
    return c.redirect('/console/account?done=Password+changed%3B+other+sessions+ended', 303);
  });
}
