// Console pieces for API tokens, shared by the account page (your own) and the admin page (everyone's): the table,
// the issuing form, the once-only display, and issuing from a submitted form.
import type { Context as HonoContext } from 'hono';
import type { Child } from 'hono/jsx';
import { expiryAfter, issueToken, parseScopes, type Scope } from '../../auth/index.ts';
import type { AccountStore, TokenRecord } from '../../store/index.ts';
import { actorOf } from '../actor.ts';
import type { AppEnv } from '../types.ts';
import { formField, formList } from './forms.ts';
import { CsrfField } from './layout.tsx';

/** Issues a token for `user` from the form's name, scope checkboxes and expiry span; returns the token itself. */
export async function tokenFromForm(
  c: HonoContext<AppEnv>,
  accounts: AccountStore,
  user: string,
  now: Date,
): Promise<string> {
  const expires = (await formField(c, 'expires')).trim();
  const issued = await issueToken(
    accounts,
    actorOf(c),
    {
      name: await formField(c, 'name'),
      user,
      scopes: parseScopes((await formList(c, 'scope')).join(',')),
      expiresAt: expires ? expiryAfter(expires, now) : undefined,
    },
    now,
  );
  return issued.token;
}

/** The token just issued: shown this once, never again. */
export function IssuedToken(props: { token?: string }) {
  if (!props.token) return null;
  return (
    <p class="notice">
      The new token, shown only this once: <code id="new-token">{props.token}</code>
    </p>
  );
}

export function IssueTokenForm(props: {
  c: HonoContext<AppEnv>;
  action: string;
  scopes: readonly Scope[];
  legend: string;
  /** Extra fields (the admin's choice of user). */
  children?: Child;
}) {
  return (
    <form method="post" action={props.action} class="stack">
      <CsrfField principal={props.c.get('principal')} />
      <label>
        Name <input type="text" name="name" required />
      </label>
      {props.children}
      <fieldset>
        <legend>{props.legend}</legend>
        {props.scopes.map((scope) => (
          <label>
            <input type="checkbox" name="scope" value={scope} checked={scope === 'read'} /> {scope}
          </label>
        ))}
      </fieldset>
      <label>
        Expires after <input type="text" name="expires" placeholder="30d, 12w (empty: never)" />
      </label>
      <button type="submit">Issue token</button>
    </form>
  );
}

export function TokenTable(props: { c: HonoContext<AppEnv>; tokens: TokenRecord[]; action?: string }) {
  const action = props.action ?? '/console/admin/tokens';
  return (
    <table>
      <thead>
        <tr>
          <th>#</th>
          <th>Name</th>
          <th>User</th>
          <th>Scopes</th>
          <th>Created</th>
          <th>Expires</th>
          <th>Last used</th>
          <th>Revoked</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {props.tokens.map((t) => (
          <tr>
            <td>{t.id}</td>
            <td>{t.name}</td>
            <td>{t.userName}</td>
            <td>{t.scopes.join(', ')}</td>
            <td>{t.createdAt}</td>
            <td>{t.expiresAt ?? 'never'}</td>
            <td>{t.lastUsedAt ?? ''}</td>
            <td>{t.revokedAt ?? ''}</td>
            <td>
              {t.revokedAt ? null : (
                <form method="post" action={`${action}/${t.id}/revoke`} class="inline">
                  <CsrfField principal={props.c.get('principal')} />
                  <button type="submit">Revoke</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
