// API routes for admins (users, roles, everyone's tokens, sessions, the security log) and the audit log, which
// every role reads in its editorial part and admins whole.
import { z } from '@hono/zod-openapi';
import {
  addUser,
  expiryAfter,
  issueToken,
  removeUser,
  revokeToken,
  ROLES,
  SCOPES,
  setPassword,
  setRole,
} from '../../auth/index.ts';
import type { AuditRecord, TokenRecord, UserRecord } from '../../store/index.ts';
import { actorOf } from '../actor.ts';
import type { Kit } from '../kit.ts';
import { problem } from '../problem.ts';
import { apiRoute, type Api } from './index.ts';
import { jsonResponse, problemResponse } from './schemas.ts';

const UserSchema = z
  .object({ name: z.string(), role: z.enum(ROLES), createdAt: z.string(), passwordChangedAt: z.string() })
  .openapi('User');
const TokenSchema = z
  .object({
    id: z.int(),
    name: z.string(),
    user: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Token');
const SessionSchema = z
  .object({ id: z.int(), user: z.string(), createdAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string() })
  .openapi('Session');
const AuditSchema = z
  .object({
    id: z.int(),
    at: z.string(),
    actor: z.string(),
    origin: z.enum(['cli', 'console', 'api']),
    tokenId: z.int().nullable(),
    address: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('AuditEntry');
const LoginAttemptSchema = z
  .object({ id: z.int(), at: z.string(), user: z.string(), address: z.string(), ok: z.boolean() })
  .openapi('LoginAttempt');

const userJson = (u: UserRecord) => ({
  name: u.name,
  role: u.role,
  createdAt: u.createdAt,
  passwordChangedAt: u.passwordChangedAt,
});
const tokenJson = (t: TokenRecord) => ({
  id: t.id,
  name: t.name,
  user: t.userName,
  scopes: t.scopes as (typeof SCOPES)[number][],
  createdAt: t.createdAt,
  expiresAt: t.expiresAt ?? null,
  lastUsedAt: t.lastUsedAt ?? null,
  revokedAt: t.revokedAt ?? null,
});
const auditJson = (a: AuditRecord) => ({
  id: a.id,
  at: a.at,
  actor: a.actor,
  origin: a.origin,
  tokenId: a.tokenId ?? null,
  address: a.address ?? null,
  action: a.action,
  target: a.target ?? null,
  before: a.before ?? null,
  after: a.after ?? null,
});

const NameParam = z.object({ name: z.string().openapi({ param: { name: 'name', in: 'path' } }) });
const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'the id or a live token name' }),
});
const Limit = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
const refused = problemResponse('refused as asked (unknown name, last admin, weak password...)');
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

export function registerAdminApi(api: Api, kit: Kit): void {
  const { accounts } = kit.deps.store;
  const now = () => kit.deps.now?.() ?? new Date();

  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'every user and role' },
    {
      method: 'get',
      path: '/users',
      responses: { 200: jsonResponse('users', z.object({ items: z.array(UserSchema) })) },
    },
    async (c) => c.json({ items: (await accounts.users.list()).map(userJson) }),
  );
  const NewUser = z.object({ name: z.string(), role: z.enum(ROLES), password: z.string() }).openapi('NewUser');
  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'add a user' },
    {
      method: 'post',
      path: '/users',
      request: { body: json(NewUser) },
      responses: { 201: jsonResponse('the user', UserSchema), 400: refused },
    },
    async (c) => {
      const body = (await c.req.json()) as z.infer<typeof NewUser>;
      const user = await addUser(accounts, actorOf(c), body, now());
      return c.json(userJson(user), 201);
    },
  );
  const UserPatch = z.object({ role: z.enum(ROLES).optional(), password: z.string().optional() }).openapi('UserPatch');
  apiRoute(
    api,
    kit,
    { need: 'admin', summary: "change a user's role or password (either ends their sessions)" },
    {
      method: 'patch',
      path: '/users/{name}',
      request: { params: NameParam, body: json(UserPatch) },
      responses: { 200: jsonResponse('the user', UserSchema), 400: refused },
    },
    async (c) => {
      const name = c.req.param('name') ?? '';
      const body = (await c.req.json()) as z.infer<typeof UserPatch>;
      if (body.password !== undefined) await setPassword(accounts, actorOf(c), name, body.password, now());
      if (body.role !== undefined) await setRole(accounts, actorOf(c), name, body.role, now());
      const user = await accounts.users.get(name.toLowerCase());
      return user ? c.json(userJson(user)) : problem(c, 400, `no user "${name}"`);
    },
  );
  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'remove a user with their tokens and sessions' },
    {
      method: 'delete',
      path: '/users/{name}',
      request: { params: NameParam },
      responses: { 204: { description: 'removed' }, 400: refused },
    },
    async (c) => {
      await removeUser(accounts, actorOf(c), c.req.param('name') ?? '', now());
      return c.body(null, 204);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'admin', summary: "everyone's API tokens (never the tokens themselves)" },
    {
      method: 'get',
      path: '/tokens',
      responses: { 200: jsonResponse('tokens', z.object({ items: z.array(TokenSchema) })) },
    },
    async (c) => c.json({ items: (await accounts.tokens.list()).map(tokenJson) }),
  );
  const NewToken = z
    .object({
      name: z.string(),
      user: z.string(),
      scopes: z.array(z.enum(SCOPES)).min(1),
      expires: z.string().optional().describe('a span: 12h, 30d, 8w'),
    })
    .openapi('NewToken');
  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'issue a token for a user: the token is in this response only' },
    {
      method: 'post',
      path: '/tokens',
      request: { body: json(NewToken) },
      responses: { 201: jsonResponse('the token, once', TokenSchema.extend({ token: z.string() })), 400: refused },
    },
    async (c) => {
      const body = (await c.req.json()) as z.infer<typeof NewToken>;
      const issued = await issueToken(
        accounts,
        actorOf(c),
        {
          name: body.name,
          user: body.user,
          scopes: body.scopes,
          expiresAt: body.expires ? expiryAfter(body.expires, now()) : undefined,
        },
        now(),
      );
      return c.json({ ...tokenJson(issued.record), token: issued.token }, 201);
    },
  );
  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'revoke a token at once' },
    {
      method: 'delete',
      path: '/tokens/{id}',
      request: { params: IdParam },
      responses: { 200: jsonResponse('the revoked token', TokenSchema), 400: refused },
    },
    async (c) => c.json(tokenJson(await revokeToken(accounts, actorOf(c), c.req.param('id') ?? '', now()))),
  );

  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'live console sessions' },
    {
      method: 'get',
      path: '/sessions',
      responses: { 200: jsonResponse('sessions', z.object({ items: z.array(SessionSchema) })) },
    },
    async (c) =>
      c.json({
        items: (await accounts.sessions.listLive(now().toISOString())).map((s) => ({
          id: s.id,
          user: s.userName,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          expiresAt: s.expiresAt,
        })),
      }),
  );
  const SessionId = z.object({
    id: z.coerce
      .number()
      .int()
      .positive()
      .openapi({ param: { name: 'id', in: 'path' } }),
  });
  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'end a console session' },
    {
      method: 'delete',
      path: '/sessions/{id}',
      request: { params: SessionId },
      responses: { 204: { description: 'ended' }, 404: problemResponse('no such session') },
    },
    async (c) => {
      const session = await accounts.sessions.byId(Number(c.req.param('id')));
      if (!session) return problem(c, 404, `no session #${c.req.param('id')}`);
      await accounts.sessions.revoke(session.id, now().toISOString());
      return c.body(null, 204);
    },
  );

  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'the audit log, newest first: its editorial part, or all of it for an admin token' },
    {
      method: 'get',
      path: '/audit',
      request: { query: Limit },
      responses: { 200: jsonResponse('audit entries', z.object({ items: z.array(AuditSchema) })) },
    },
    async (c) => {
      const p = c.get('principal');
      const all = p.kind === 'token' && p.rights.scopes.includes('admin');
      const limit = Number(c.req.query('limit') ?? 100);
      const rows = await accounts.audit.recent({ limit, editorialOnly: !all });
      return c.json({ items: rows.map(auditJson) });
    },
  );
  apiRoute(
    api,
    kit,
    { need: 'admin', summary: 'sign-ins and failed sign-ins, newest first' },
    {
      method: 'get',
      path: '/security-log',
      request: { query: Limit },
      responses: { 200: jsonResponse('attempts', z.object({ items: z.array(LoginAttemptSchema) })) },
    },
    async (c) => {
      const attempts = await accounts.loginAttempts.recent(Number(c.req.query('limit') ?? 100));
      return c.json({
        items: attempts.map((a) => ({ id: a.id, at: a.at, user: a.userName, address: a.address, ok: a.ok })),
      });
    },
  );
}
