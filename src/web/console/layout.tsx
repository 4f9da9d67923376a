// The console's page shell: navigation by role, the sign-out form, and one stylesheet under the page's nonce.
// Everything interpolated here is escaped by hono/jsx; nothing a feed wrote is ever passed as raw HTML.
import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import { ROLE_SCOPES } from '../../auth/index.ts';
import { CSRF_FIELD } from '../security/csrf.ts';
import { heldScopes, type AppEnv, type Principal } from '../types.ts';
import { STYLE } from './style.ts';

const NAV: { href: string; label: string; need: string }[] = [
  { href: '/console/', label: 'Dashboard', need: 'read' },
  { href: '/console/sources', label: 'Sources', need: 'read' },
  { href: '/console/entries', label: 'Entries', need: 'read' },
  { href: '/console/review', label: 'Review', need: 'read' },
  { href: '/console/stories', label: 'Stories', need: 'read' },
  { href: '/console/collections', label: 'Collections', need: 'read' },
  { href: '/console/taxonomy', label: 'Taxonomy', need: 'read' },
  { href: '/console/classify', label: 'Try the tagger', need: 'read' },
  { href: '/console/config', label: 'Config', need: 'read' },
  { href: '/console/jobs', label: 'Jobs', need: 'read' },
  { href: '/console/admin', label: 'Admin', need: 'admin' },
];

export function nonceOf(c: Context<AppEnv>): string {
  return c.get('secureHeadersNonce') ?? '';
}

/** The hidden field every console form carries. */
export function CsrfField(props: { principal: Principal }) {
  if (props.principal.kind !== 'session') return null;
  return <input type="hidden" name={CSRF_FIELD} value={props.principal.csrf} />;
}

export function Layout(props: { c: Context<AppEnv>; title: string; children?: Child; notice?: string }) {
  const p = props.c.get('principal');
  const scopes = heldScopes(p, ROLE_SCOPES) as readonly string[];
  const nonce = nonceOf(props.c);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · wireroom console`}</title>
        <style nonce={nonce}>{STYLE}</style>
      </head>
      <body>
        <header>
          <strong class="brand">wireroom</strong>
          {p.kind === 'session' ? (
            <nav aria-label="console">
              {NAV.filter((n) => scopes.includes(n.need)).map((n) => (
                <a href={n.href}>{n.label}</a>
              ))}
              <a href="/console/account">{p.userName}</a>
              <form method="post" action="/console/logout" class="inline">
                <CsrfField principal={p} />
                <button type="submit">Sign out</button>
              </form>
            </nav>
          ) : null}
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.notice ? (
            <p class="notice" role="status">
              {props.notice}
            </p>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A whole page as a response: the doctype plus the rendered shell. */
export function render(c: Context<AppEnv>, status: number, page: Child): Response {
  return c.html(`<!doctype html>${String(page)}`, status as 200);
}
