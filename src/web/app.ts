// The console and API as one Hono app, mounted by the HTTP shell under /console/ and /api/v1/. Who a request
// speaks for is settled here once: a session cookie for the console, a bearer token for the API (which ignores
// cookies). What each route needs is checked by the guard each one is registered with (kit.ts).
import { getRequestListener } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BEARER, withFastEntriesRead } from './api/fast-read.ts';
import { registerApi } from './api/index.ts';
import { registerConsole } from './console/index.tsx';
import { consoleRefusal } from './console/refusal.tsx';
import { createKit, type Kit } from './kit.ts';
import { problem } from './problem.ts';
import { API_PREFIX, CONSOLE_PREFIX } from './routes.ts';
import { TrustedProxies } from './security/address.ts';
import { csrfToken } from './security/csrf.ts';
import { cookieName, liveSession, parseSessionCookie } from './security/session.ts';
import type { AppEnv, WebDeps } from './types.ts';

export interface WebApp {
  app: Hono<AppEnv>;
  kit: Kit;
  /** For node:http: answers a request under /console/ or /api/. */
  listener: (req: IncomingMessage, res: ServerResponse) => void;
}

const NO_ACCOUNT = 'The console is off until an account exists: run `npx wireroom users add NAME --role admin`.';

export function createWeb(deps: WebDeps): WebApp {
  const { store, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const proxies = new TrustedProxies(config.console.trusted_proxies);
  const baseHttps = config.site.base_url.startsWith('https:');
  const socketOf = (c: Context<AppEnv>) => c.env.incoming.socket.remoteAddress;
  const https = (c: Context<AppEnv>) =>
    baseHttps || proxies.forwardedHttps(socketOf(c), c.req.header('x-forwarded-proto'));
  const sessions = { idleMinutes: config.console.session_idle, maxMinutes: config.console.session_max };

  const app = new Hono<AppEnv>();
  const kit = createKit(app, deps, https);
  app.use('*', async (c, next) => {
    c.set('address', proxies.clientAddress(socketOf(c), c.req.header('x-forwarded-for')));
    c.set('principal', { kind: 'anonymous' });
    await next();
  });

  // Console pages: a strict CSP with a nonce per page, no framing, never cached.
  app.use(
    `${CONSOLE_PREFIX}/*`,
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE],
        styleSrc: [NONCE],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        frameSrc: ["'self'"],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
      },
      // frame-ancestors 'none' said again for browsers that read only X-Frame-Options.
      xFrameOptions: 'DENY',
      referrerPolicy: 'same-origin',
      crossOriginResourcePolicy: 'same-origin',
    }),
    async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    },
  );
  // Only requests that carry a body are limited: reading the body stream of a GET made the adapter build a whole
  // Request object, a third of what an API read cost.
  const consoleLimit = bodyLimit({
    maxSize: 5 * 1024 * 1024,
    onError: (c) => consoleRefusal(c as Context<AppEnv>, 413, 'the upload is larger than 5 MiB'),
  });
  const apiLimit = bodyLimit({
    maxSize: 5 * 1024 * 1024,
    onError: (c) => problem(c, 413, 'the body is larger than 5 MiB'),
  });
  const withBody = (c: Context<AppEnv>) => c.req.method !== 'GET' && c.req.method !== 'HEAD';
  app.use(`${CONSOLE_PREFIX}/*`, (c, next) => (withBody(c) ? consoleLimit(c, next) : next()));
  app.use(`${API_PREFIX}/*`, (c, next) => (withBody(c) ? apiLimit(c, next) : next()));

  // Off until an account exists: nothing to sign in with, and nobody to own a token.
  // Once an account exists one always will (the last admin cannot be removed), so the count is read until then only.
  let accountsExist = false;
  app.use('*', async (c, next) => {
    accountsExist ||= (await store.accounts.users.count()) > 0;
    if (accountsExist) return next();
    return c.req.path.startsWith(API_PREFIX) ? problem(c, 503, NO_ACCOUNT) : consoleRefusal(c, 503, NO_ACCOUNT);
  });

  app.use(`${CONSOLE_PREFIX}/*`, async (c, next) => {
    const cookie = parseSessionCookie(getCookie(c, cookieName(https(c))));
    const session = cookie && (await liveSession(store, sessions, cookie, now()));
    if (cookie && session) {
      c.set('principal', {
        kind: 'session',
        userId: session.userId,
        userName: session.userName,
        role: session.userRole,
        session,
        csrf: csrfToken(cookie.secret),
      });
    }
    await next();
  });

  // The API reads only the Authorization header: a browser's cookies never act for an API caller.
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    const m = BEARER.exec(c.req.header('authorization') ?? '');
    const rights = m?.[1] ? await kit.tokens.verify(m[1], now()) : undefined;
    if (m && !rights) {
      return problem(c, 401, 'the token is unknown, revoked or expired', {
        'WWW-Authenticate': 'Bearer realm="wireroom", error="invalid_token"',
      });
    }
    if (rights) {
      c.set('principal', {
        kind: 'token',
        userId: rights.userId,
        userName: rights.userName,
        role: rights.role,
        rights,
      });
    }
    await next();
  });

  registerConsole(kit, { https });
  registerApi(app, kit);

  app.notFound((c) =>
    c.req.path.startsWith(API_PREFIX)
      ? problem(c, 404, `no route ${c.req.method} ${c.req.path}`)
      : consoleRefusal(c as Context<AppEnv>, 404, `nothing at ${c.req.path}`),
  );
  app.onError((err, c) => {
    const mapped = statusOf(err);
    if (mapped.status >= 500) deps.log.warn({ err: err.message, path: c.req.path }, 'console/API error');
    return c.req.path.startsWith(API_PREFIX)
      ? problem(c, mapped.status as 500, mapped.detail)
      : consoleRefusal(c as Context<AppEnv>, mapped.status, mapped.detail);
  });

  const appListener = getRequestListener(app.fetch);
  const fast = { store, tokens: kit.tokens, lists: kit.entryLists, now };
  return {
    app,
    kit,
    listener: withFastEntriesRead(fast, appListener),
  };
}

/** Known refusals keep their meaning; anything else is our bug, told in one line. */
function statusOf(err: Error): { status: number; detail: string } {
  const oneLine = err.message.split('\n')[0] ?? err.message;
  // hono's own refusals (a malformed JSON body 400, an undeclared media type 415) keep their status.
  if (err instanceof HTTPException && err.status >= 400 && err.status < 500)
    return { status: err.status, detail: oneLine };
  switch (err.name) {
    case 'StaleFileError':
      return { status: 412, detail: oneLine };
    case 'ConfigError':
      return { status: 422, detail: err.message.replace(/\s*\n\s*/g, '; ') };
    case 'AccountError':
    case 'JobRequestError':
    case 'InvalidEditError':
    case 'OpmlError':
      return { status: 400, detail: oneLine };
    case 'NotFoundError':
      return { status: 404, detail: oneLine };
    default:
      return { status: 500, detail: `internal error: ${oneLine}` };
  }
}
