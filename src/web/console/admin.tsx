// Console pages for admins: users and roles, everyone's tokens, live sessions, the whole audit log and the
// security log (sign-ins and failures). Every change goes through src/auth, which writes the audit row.
import type { Context } from 'hono';
import { addUser, removeUser, revokeToken, ROLES, SCOPES, setPassword, setRole } from '../../auth/index.ts';
import type { AuditRecord } from '../../store/index.ts';
import { actorOf } from '../actor.ts';
import type { Kit } from '../kit.ts';
import type { AppEnv } from '../types.ts';
import { formField } from './forms.ts';
import { IssuedToken, IssueTokenForm, tokenFromForm, TokenTable } from './tokens.tsx';
import { CsrfField, Layout, render } from './layout.tsx';
import { consoleRefusal } from './refusal.tsx';

const now = (kit: Kit) => kit.deps.now?.() ?? new Date();

/** Runs an account change; an AccountError (refused as asked) comes back as its message. */
async function attempt(work: () => unknown): Promise<string | undefined> {
  try {
    await work();
    return undefined;
  } catch (err) {
    if ((err as Error).name === 'AccountError' || err instanceof RangeError) return (err as Error).message;
    throw err;
  }
}

function Csrf(props: { c: Context<AppEnv> }) {
  return <CsrfField principal={props.c.get('principal')} />;
}

export function AuditTable(props: { rows: AuditRecord[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>From</th>
          <th>What</th>
          <th>Target</th>
          <th>Before</th>
          <th>After</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((a) => (
          <tr>
            <td>{a.at}</td>
            <td>{a.actor}</td>
            <td>
              {a.origin}
              {a.tokenId ? ` (token #${a.tokenId})` : ''}
              {a.address ? ` ${a.address}` : ''}
            </td>
            <td>{a.action}</td>
            <td>{a.target ?? ''}</td>
            <td>
              <code>{a.before === undefined ? '' : JSON.stringify(a.before)}</code>
            </td>
            <td>
              <code>{a.after === undefined ? '' : JSON.stringify(a.after)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function registerAdminPages(kit: Kit): void {
  const { accounts } = kit.deps.store;

  kit.page('GET', '/admin', 'admin', 'the admin overview', async (c) =>
    render(
      c,
      200,
      <Layout c={c} title="Admin">
        <ul>
          <li>
            <a href="/console/admin/users">Users and roles</a> ({await accounts.users.count()})
          </li>
          <li>
            <a href="/console/admin/tokens">API tokens</a>
          </li>
          <li>
            <a href="/console/admin/sessions">Sessions</a>
          </li>
          <li>
            <a href="/console/admin/audit">Audit log</a>
          </li>
          <li>
            <a href="/console/admin/security">Security log (sign-ins and failures)</a>
          </li>
        </ul>
      </Layout>,
    ),
  );

  const usersPage = async (c: Context<AppEnv>, status: number, error?: string) =>
    render(
      c,
      status,
      <Layout c={c} title="Users" notice={c.req.query('done')}>
        {error ? <p class="error">{error}</p> : null}
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Created</th>
              <th>Password changed</th>
              <th>Change role</th>
              <th>New password</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {(await accounts.users.list()).map((u) => (
              <tr>
                <td>{u.name}</td>
                <td>{u.role}</td>
                <td>{u.createdAt}</td>
                <td>{u.passwordChangedAt}</td>
                <td>
                  <form method="post" action={`/console/admin/users/${u.name}/role`} class="inline">
                    <Csrf c={c} />
                    <select name="role" aria-label={`role of ${u.name}`}>
                      {ROLES.map((r) => (
                        <option value={r} selected={r === u.role}>
                          {r}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit">Set</button>
                  </form>
                </td>
                <td>
                  <form method="post" action={`/console/admin/users/${u.name}/password`} class="inline">
                    <Csrf c={c} />
                    <input type="password" name="password" autocomplete="new-password" aria-label="new password" />{' '}
                    <button type="submit">Set</button>
                  </form>
                </td>
                <td>
                  <form method="post" action={`/console/admin/users/${u.name}/remove`} class="inline">
                    <Csrf c={c} />
                    <button type="submit">Remove</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Add a user</h2>
        <form method="post" action="/console/admin/users" class="stack">
          <Csrf c={c} />
          <label>
            Name <input type="text" name="name" required />
          </label>
          <label>
            Role{' '}
            <select name="role">
              {ROLES.map((r) => (
                <option value={r}>{r}</option>
              ))}
            </select>
          </label>
          <label>
            Password <input type="password" name="password" autocomplete="new-password" required />
          </label>
          <button type="submit">Add user</button>
        </form>
      </Layout>,
    );

  kit.page('GET', '/admin/users', 'admin', 'users and their roles', (c) => usersPage(c, 200));
  kit.page('POST', '/admin/users', 'admin', 'add a user', async (c) => {
    const u = {
      name: await formField(c, 'name'),
      role: await formField(c, 'role'),
      password: await formField(c, 'password'),
    };
    const error = await attempt(() => addUser(accounts, actorOf(c), u, now(kit)));
    return error
      ? usersPage(c, 422, error)
      : c.redirect(`/console/admin/users?done=Added+${encodeURIComponent(u.name)}`, 303);
  });
  kit.page('POST', '/admin/users/:name/role', 'admin', "change a user's role (ends their sessions)", async (c) => {
    const role = await formField(c, 'role');
    const error = await attempt(() => setRole(accounts, actorOf(c), c.req.param('name') ?? '', role, now(kit)));
    return error ? usersPage(c, 422, error) : c.redirect('/console/admin/users?done=Role+changed', 303);
  });
  kit.page('POST', '/admin/users/:name/password', 'admin', "set a user's password (ends their sessions)", async (c) => {
    const password = await formField(c, 'password');
    const error = await attempt(() => setPassword(accounts, actorOf(c), c.req.param('name') ?? '', password, now(kit)));
    return error ? usersPage(c, 422, error) : c.redirect('/console/admin/users?done=Password+set', 303);
  });
  kit.page('POST', '/admin/users/:name/remove', 'admin', 'remove a user with their tokens and sessions', async (c) => {
    const error = await attempt(() => removeUser(accounts, actorOf(c), c.req.param('name') ?? '', now(kit)));
    return error ? usersPage(c, 422, error) : c.redirect('/console/admin/users?done=Removed', 303);
  });

  const tokensPage = async (c: Context<AppEnv>, status: number, opts: { error?: string; issued?: string } = {}) =>
    render(
      c,
      status,
      <Layout c={c} title="API tokens" notice={c.req.query('done')}>
        {opts.error ? <p class="error">{opts.error}</p> : null}
        <IssuedToken token={opts.issued} />
        <TokenTable c={c} tokens={await accounts.tokens.list()} />
        <h2>Issue a token</h2>
        <IssueTokenForm
          c={c}
          action="/console/admin/tokens"
          scopes={SCOPES}
          legend="Scopes (never more than the user's role allows)"
        >
          <label>
            For user{' '}
            <select name="user">
              {(await accounts.users.list()).map((u) => (
                <option value={u.name}>{`${u.name} (${u.role})`}</option>
              ))}
            </select>
          </label>
        </IssueTokenForm>
      </Layout>,
    );

  kit.page('GET', '/admin/tokens', 'admin', "everyone's API tokens", (c) => tokensPage(c, 200));
  kit.page('POST', '/admin/tokens', 'admin', 'issue an API token for a user', async (c) => {
    let issued: string | undefined;
    const error = await attempt(async () => {
      issued = await tokenFromForm(c, accounts, await formField(c, 'user'), now(kit));
    });
    return error ? tokensPage(c, 422, { error }) : tokensPage(c, 201, { issued });
  });
  kit.page('POST', '/admin/tokens/:id/revoke', 'admin', 'revoke any API token', async (c) => {
    const error = await attempt(() => revokeToken(accounts, actorOf(c), c.req.param('id') ?? '', now(kit)));
    return error ? tokensPage(c, 422, { error }) : c.redirect('/console/admin/tokens?done=Revoked', 303);
  });

  kit.page('GET', '/admin/sessions', 'admin', 'live console sessions', async (c) =>
    render(
      c,
      200,
      <Layout c={c} title="Sessions" notice={c.req.query('done')}>
        <table>
          <thead>
            <tr>
              <th>User</th>
              <th>Started</th>
              <th>Last seen</th>
              <th>Ends</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {(await accounts.sessions.listLive(now(kit).toISOString())).map((s) => (
              <tr>
                <td>{s.userName}</td>
                <td>{s.createdAt}</td>
                <td>{s.lastSeenAt}</td>
                <td>{s.expiresAt}</td>
                <td>
                  <form method="post" action={`/console/admin/sessions/${s.id}/revoke`} class="inline">
                    <Csrf c={c} />
                    <button type="submit">End</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    ),
  );
  kit.page('POST', '/admin/sessions/:id/revoke', 'admin', 'end any session', async (c) => {
    const session = await accounts.sessions.byId(Number(c.req.param('id')));
    if (!session) return consoleRefusal(c, 404, `no session #${c.req.param('id')}`);
    await accounts.sessions.revoke(session.id, now(kit).toISOString());
    return c.redirect('/console/admin/sessions?done=Session+ended', 303);
  });

  kit.page('GET', '/admin/audit', 'admin', 'the whole audit log', async (c) =>
    render(
      c,
      200,
      <Layout c={c} title="Audit log">
        <AuditTable rows={await accounts.audit.recent({ limit: 500 })} />
      </Layout>,
    ),
  );
  kit.page('GET', '/audit', 'read', 'the editorial audit log', async (c) =>
    render(
      c,
      200,
      <Layout c={c} title="Editorial log">
        <AuditTable rows={await accounts.audit.recent({ limit: 500, editorialOnly: true })} />
      </Layout>,
    ),
  );
  kit.page('GET', '/admin/security', 'admin', 'sign-ins and failed sign-ins', async (c) =>
    render(
      c,
      200,
      <Layout c={c} title="Security log">
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Name typed</th>
              <th>From</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {(await accounts.loginAttempts.recent(500)).map((a) => (
              <tr>
                <td>{a.at}</td>
                <td>{a.userName}</td>
                <td>{a.address}</td>
                <td class={a.ok ? 'ok' : 'failing'}>{a.ok ? 'signed in' : 'failed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    ),
  );
}
