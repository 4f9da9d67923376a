// What can be done to accounts and tokens, by whom it is recorded, and how a login, token or session is checked.
// Every change writes its audit row in the same transaction. Each change is written once, as steps (see
// src/store/account-store.ts): on SQLite's Store it runs synchronously (the console, the API), on an AccountStore
// (either database) asynchronously (the CLI).
import os from 'node:os';
import {
  call,
  isAccountStore,
  runSteps,
  type AccountSteps,
  type AccountStore,
  type NewAuditRecord,
  type SessionRecord,
  type Store,
  type TokenRecord,
  type UserRecord,
} from '../store/index.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { effectiveScopes, isRole, scopesBeyondRole, type Role, type Scope } from './roles.ts';
import { hashSecret, looksLikeToken, newSessionSecret, newToken } from './secrets.ts';

/** Who does something, and from where: the audit log's who and from-where columns. */
export interface Actor {
  /** A user name, or `cli:<os user>` for a command run on the machine. */
  name: string;
  origin: 'cli' | 'console' | 'api';
  /** api: the token the request carried. */
  tokenId?: number;
  /** console and api: the client address. */
  address?: string;
}

/** An audit record of what `actor` did at `at`: the who and from-where columns from the actor. */
export function auditRecord(
  actor: Actor,
  at: string,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
): NewAuditRecord {
  return {
    at,
    actor: actor.name,
    origin: actor.origin,
    tokenId: actor.tokenId,
    address: actor.address,
    action,
    target,
    before,
    after,
  };
}

/** A change refused as asked (unknown name, last admin, weak password...): the message says why in one line. */
export class AccountError extends Error {
  override name = 'AccountError';
}

/** The actor for `wireroom` commands: the operating-system user who ran them. */
export function cliActor(osUser?: string): Actor {
  let user = osUser;
  if (user === undefined) {
    try {
      user = os.userInfo().username;
    } catch {
      user = process.env.USER ?? 'unknown';
    }
  }
  return { name: `cli:${user}`, origin: 'cli' };
}

// Lower case, no ':' (so no user can pass for a `cli:` actor), no spaces.
const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
// Not all digits: `tokens revoke 12` means token #12.
const TOKEN_NAME = /^(?!\d+$)[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The stored form of a user name (lower case); throws when it cannot be one. */
export function userName(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (!USER_NAME.test(name)) {
    throw new AccountError(
      `user name "${raw}": letters, digits, '.', '_' and '-' (up to 64, starting with a letter or digit)`,
    );
  }
  return name;
}

function role(raw: string): Role {
  if (!isRole(raw)) throw new AccountError(`unknown role "${raw}" (roles: viewer, editor, admin)`);
  return raw;
}

/** Where an account change runs: SQLite's Store (synchronously, as the console and API call it) or an AccountStore. */
type Target = Store | AccountStore;

/** Runs the steps on SQLite at once, or on either database through its AccountStore. */
function on<T>(store: Target, steps: AccountSteps<T>): T | Promise<T> {
  return isAccountStore(store) ? store.run(steps) : runSteps(store, steps);
}

function* userSteps(raw: string): AccountSteps<UserRecord> {
  const user = yield* call('users', 'get', userName(raw));
  if (!user) throw new AccountError(`no user "${raw}"`);
  return user;
}

/** The user a name names; throws when there is none. */
export function existingUser(store: Store, raw: string): UserRecord;
export function existingUser(store: AccountStore, raw: string): Promise<UserRecord>;
export function existingUser(store: Target, raw: string): UserRecord | Promise<UserRecord> {
  return on(store, userSteps(raw));
}

function auditStep(actor: Actor, at: string, action: string, target: string, before: unknown, after: unknown) {
  return call('audit', 'add', auditRecord(actor, at, action, target, before, after));
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
}

function* newUserSteps(rawName: string, rawRole: string): AccountSteps<{ name: string; role: Role }> {
  const name = userName(rawName);
  if (yield* call('users', 'get', name)) throw new AccountError(`user "${name}" already exists`);
  return { name, role: role(rawRole) };
}

/** Checks a new user's name and role before a password is asked for. */
export function checkNewUser(store: Store, rawName: string, rawRole: string): { name: string; role: Role };
export function checkNewUser(
  store: AccountStore,
  rawName: string,
  rawRole: string,
): Promise<{ name: string; role: Role }>;
export function checkNewUser(store: Target, rawName: string, rawRole: string) {
  return on(store, newUserSteps(rawName, rawRole));
}

function* addUserSteps(actor: Actor, rawName: string, rawRole: string, passwordHash: string, at: string) {
  const { name, role: r } = yield* newUserSteps(rawName, rawRole);
  const id = yield* call('users', 'add', { name, role: r, passwordHash, at });
  yield* auditStep(actor, at, 'users.add', `user:${name}`, undefined, { name, role: r });
  const user = yield* call('users', 'byId', id);
  if (!user) throw new Error(`user #${id} vanished`);
  return user;
}

export async function addUser(
  store: Target,
  actor: Actor,
  u: { name: string; role: string; password: string },
  now = new Date(),
): Promise<UserRecord> {
  await on(store, newUserSteps(u.name, u.role));
  checkPassword(u.password);
  const passwordHash = await hashPassword(u.password);
  // Checked again in the transaction: another process may have added the name while the password was hashed.
  return on(store, addUserSteps(actor, u.name, u.role, passwordHash, now.toISOString()));
}

function* setPasswordSteps(actor: Actor, user: UserRecord, rawName: string, passwordHash: string, at: string) {
  if (!(yield* call('users', 'setPasswordHash', user.id, passwordHash, at))) {
    throw new AccountError(`no user "${rawName}"`);
  }
  const sessionsEnded = yield* call('sessions', 'revokeForUser', user.id, at);
  yield* auditStep(
    actor,
    at,
    'users.passwd',
    `user:${user.name}`,
    { passwordChangedAt: user.passwordChangedAt },
    { passwordChangedAt: at, sessionsEnded },
  );
}

/** Sets a new password and ends the user's console sessions. */
export async function setPassword(
  store: Target,
  actor: Actor,
  rawName: string,
  password: string,
  now = new Date(),
): Promise<void> {
  const user = await on(store, userSteps(rawName));
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await on(store, setPasswordSteps(actor, user, rawName, passwordHash, now.toISOString()));
}

function* refuseLastAdmin(user: UserRecord, what: string): AccountSteps<void> {
  if (user.role === 'admin' && (yield* call('users', 'countByRole', 'admin')) <= 1) {
    throw new AccountError(`"${user.name}" is the last admin and cannot be ${what}; make another admin first`);
  }
}

function* setRoleSteps(actor: Actor, rawName: string, rawRole: string, at: string): AccountSteps<UserRecord> {
  const r = role(rawRole);
  const user = yield* userSteps(rawName);
  if (user.role === r) return user;
  if (r !== 'admin') yield* refuseLastAdmin(user, 'demoted');
  yield* call('users', 'setRole', user.id, r);
  // Sessions are replaced on a role change: the user signs in again and sees what the new role allows.
  const sessionsEnded = yield* call('sessions', 'revokeForUser', user.id, at);
  yield* auditStep(actor, at, 'users.role', `user:${user.name}`, { role: user.role }, { role: r, sessionsEnded });
  return { ...user, role: r };
}

/** Changes a user's role; their tokens follow at once (a token never grants more than the role allows now). */
export function setRole(store: Store, actor: Actor, rawName: string, rawRole: string, now?: Date): UserRecord;
export function setRole(
  store: AccountStore,
  actor: Actor,
  rawName: string,
  rawRole: string,
  now?: Date,
): Promise<UserRecord>;
export function setRole(store: Target, actor: Actor, rawName: string, rawRole: string, now = new Date()) {
  return on(store, setRoleSteps(actor, rawName, rawRole, now.toISOString()));
}

function* removeUserSteps(actor: Actor, rawName: string, at: string): AccountSteps<void> {
  const user = yield* userSteps(rawName);
  yield* refuseLastAdmin(user, 'removed');
  const tokens = (yield* call('tokens', 'list', { userId: user.id })).map((t) => t.id);
  yield* call('users', 'remove', user.id);
  yield* auditStep(
    actor,
    at,
    'users.remove',
    `user:${user.name}`,
    { name: user.name, role: user.role, tokens },
    undefined,
  );
}

/** Removes a user with their tokens and sessions; the audit row lists the tokens that went. */
export function removeUser(store: Store, actor: Actor, rawName: string, now?: Date): void;
export function removeUser(store: AccountStore, actor: Actor, rawName: string, now?: Date): Promise<void>;
export function removeUser(store: Target, actor: Actor, rawName: string, now = new Date()) {
  return on(store, removeUserSteps(actor, rawName, now.toISOString()));
}

/** A token name: letters, digits, '.', '_', '-', not all digits; throws otherwise. */
export function tokenName(raw: string): string {
  if (!TOKEN_NAME.test(raw)) {
    throw new AccountError(`token name "${raw}": letters, digits, '.', '_' and '-' (up to 64), not only digits`);
  }
  return raw;
}

export interface IssuedToken {
  /** The token itself: shown once, never stored. */
  token: string;
  record: TokenRecord;
}

interface NewToken {
  name: string;
  user: string;
  scopes: Scope[];
  expiresAt?: Date;
}

function* issueTokenSteps(actor: Actor, t: NewToken, now: Date): AccountSteps<IssuedToken> {
  const name = tokenName(t.name);
  if (t.expiresAt && t.expiresAt.getTime() <= now.getTime()) throw new AccountError('the expiry is in the past');
  const token = newToken();
  const at = now.toISOString();
  const expiresAt = t.expiresAt?.toISOString();
  const user = yield* userSteps(t.user);
  const beyond = scopesBeyondRole(t.scopes, user.role);
  if (beyond.length) {
    throw new AccountError(`${user.name} is ${user.role}: a token of theirs cannot have ${beyond.join(', ')}`);
  }
  if (yield* call('tokens', 'liveByName', name)) throw new AccountError(`a token named "${name}" exists`);
  const id = yield* call('tokens', 'add', {
    userId: user.id,
    name,
    tokenHash: hashSecret(token),
    scopes: t.scopes,
    at,
    expiresAt,
  });
  yield* auditStep(actor, at, 'tokens.add', `token:${id}`, undefined, {
    name,
    user: user.name,
    scopes: t.scopes,
    expiresAt: expiresAt ?? null,
  });
  const record = yield* call('tokens', 'byId', id);
  if (!record) throw new Error(`token #${id} vanished`);
  return { token, record };
}

/** Makes a token for a user; refuses scopes beyond the user's role. */
export function issueToken(store: Store, actor: Actor, t: NewToken, now?: Date): IssuedToken;
export function issueToken(store: AccountStore, actor: Actor, t: NewToken, now?: Date): Promise<IssuedToken>;
export function issueToken(store: Target, actor: Actor, t: NewToken, now = new Date()) {
  return on(store, issueTokenSteps(actor, t, now));
}

function* findTokenSteps(idOrName: string): AccountSteps<TokenRecord | undefined> {
  const id = /^#?(\d+)$/.exec(idOrName.trim())?.[1];
  if (id !== undefined) return yield* call('tokens', 'byId', Number(id));
  return yield* call('tokens', 'liveByName', idOrName.trim());
}

/** Finds a token by `#id`/`id`, else by the name of a live token. */
export function findToken(store: Store, idOrName: string): TokenRecord | undefined;
export function findToken(store: AccountStore, idOrName: string): Promise<TokenRecord | undefined>;
export function findToken(store: Target, idOrName: string) {
  return on(store, findTokenSteps(idOrName));
}

function* revokeTokenSteps(actor: Actor, idOrName: string, at: string): AccountSteps<TokenRecord> {
  const token = yield* findTokenSteps(idOrName);
  if (!token) throw new AccountError(`no token "${idOrName}"`);
  if (token.revokedAt) throw new AccountError(`token #${token.id} (${token.name}) was revoked at ${token.revokedAt}`);
  yield* call('tokens', 'revoke', token.id, at);
  yield* auditStep(actor, at, 'tokens.revoke', `token:${token.id}`, { revokedAt: null }, { revokedAt: at });
  return { ...token, revokedAt: at };
}

export function revokeToken(store: Store, actor: Actor, idOrName: string, now?: Date): TokenRecord;
export function revokeToken(store: AccountStore, actor: Actor, idOrName: string, now?: Date): Promise<TokenRecord>;
export function revokeToken(store: Target, actor: Actor, idOrName: string, now = new Date()) {
  return on(store, revokeTokenSteps(actor, idOrName, now.toISOString()));
}

/** What the console's and API's checks run on: either database's accounts, and whether this server may write. */
export interface AccountsAt {
  readonly accounts: AccountStore;
  readonly readonly: boolean;
}

/** The user whose password this is, or undefined; an unknown name costs the same scrypt as a known one. */
export async function verifyLogin(at: AccountsAt, rawName: string, password: string): Promise<UserRecord | undefined> {
  const name = rawName.trim().toLowerCase();
  const user = USER_NAME.test(name) ? await at.accounts.users.get(name) : undefined;
  const ok = await verifyPassword(password, user?.passwordHash);
  return ok ? user : undefined;
}

/** What a token lets its bearer do now. */
export interface TokenRights {
  tokenId: number;
  tokenName: string;
  userId: number;
  userName: string;
  role: Role;
  /** The token's scopes that the owner's current role allows; never empty. */
  scopes: Scope[];
}

/**
 * A token's rights now, or undefined when it is unknown, revoked, expired, or its owner's role allows none of it.
 * Records the use (at most once a minute) unless the store is read-only.
 */
export async function verifyToken(at: AccountsAt, token: string, now = new Date()): Promise<TokenRights | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const record = await at.accounts.tokens.byHash(hashSecret(token));
  const rights = record && tokenRights(record, now);
  if (record && rights) await noteTokenUse(at, record.id, record.lastUsedAt, now);
  return rights;
}

/** What a token record allows at `now`: nothing once revoked or expired, or when its owner's role allows none of it. */
export function tokenRights(record: TokenRecord, now: Date): TokenRights | undefined {
  if (record.revokedAt) return undefined;
  if (record.expiresAt && Date.parse(record.expiresAt) <= now.getTime()) return undefined;
  const scopes = effectiveScopes(record.scopes, record.userRole);
  if (!scopes.length) return undefined;
  return {
    tokenId: record.id,
    tokenName: record.name,
    userId: record.userId,
    userName: record.userName,
    role: record.userRole,
    scopes,
  };
}

/**
 * Records a token's use unless one was recorded within the minute before (`lastUsedAt`, an ISO time or ms) or the
 * store is read-only (`wireroom serve` checks tokens but cannot write). True when it wrote.
 */
export async function noteTokenUse(
  at: AccountsAt,
  id: number,
  lastUsedAt: string | number | undefined,
  now: Date,
): Promise<boolean> {
  const last = typeof lastUsedAt === 'string' ? Date.parse(lastUsedAt) : lastUsedAt;
  if (at.readonly || (last !== undefined && now.getTime() - last < 60_000)) return false;
  await at.accounts.tokens.touch(id, now.toISOString());
  return true;
}

/** Starts a console session; the secret goes in the cookie, only its hash into the database. */
export async function createSession(
  at: AccountsAt,
  userId: number,
  ttlMs: number,
  now = new Date(),
): Promise<{ id: number; secret: string; expiresAt: string }> {
  const secret = newSessionSecret();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const id = await at.accounts.sessions.add({
    userId,
    secretHash: hashSecret(secret),
    at: now.toISOString(),
    expiresAt,
  });
  return { id, secret, expiresAt };
}

/** The live session a cookie's secret names (not revoked, not expired), marked as seen now; else undefined. */
export async function verifySession(
  at: AccountsAt,
  secret: string,
  now = new Date(),
): Promise<SessionRecord | undefined> {
  const session = await at.accounts.sessions.byHash(hashSecret(secret));
  if (!session || session.revokedAt || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  if (at.readonly) return session;
  await at.accounts.sessions.touch(session.id, now.toISOString());
  return { ...session, lastSeenAt: now.toISOString() };
}

/** Parses a span like 12h, 30d, 8w into the moment that long after `now`. */
export function expiryAfter(span: string, now = new Date()): Date {
  const m = /^(\d{1,4})([hdw])$/.exec(span.trim());
  if (!m) throw new AccountError(`expiry "${span}": expected a span like 12h, 30d or 8w`);
  const hours = { h: 1, d: 24, w: 168 }[m[2] as 'h' | 'd' | 'w'];
  const n = Number(m[1]);
  if (n <= 0) throw new AccountError(`expiry "${span}": must be longer than nothing`);
  return new Date(now.getTime() + n * hours * 3_600_000);
}
