// Accounts (migration 009): users, API tokens, console sessions, login attempts and the append-only audit log.
// Only rows in and out: which role allows what, how secrets are hashed and who may do what are in src/auth/.
import type Database from 'better-sqlite3';
import { countBookkeeping } from './bookkeeping.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

export type AccountRole = 'viewer' | 'editor' | 'admin';

export interface UserRecord {
  id: number;
  name: string;
  role: AccountRole;
  passwordHash: string;
  createdAt: string;
  passwordChangedAt: string;
}

export interface TokenRecord {
  id: number;
  userId: number;
  userName: string;
  /** The owner's role now (a token never grants more than it allows). */
  userRole: AccountRole;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt?: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

export interface SessionRecord {
  id: number;
  userId: number;
  userName: string;
  userRole: AccountRole;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt?: string;
}

export interface LoginAttempt {
  userName: string;
  address: string;
  at: string;
  ok: boolean;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  origin: 'cli' | 'console' | 'api';
  tokenId?: number;
  address?: string;
  action: string;
  target?: string;
  before?: unknown;
  after?: unknown;
}

export type NewAuditRecord = Omit<AuditRecord, 'id'>;

export type Row = Record<string, unknown>;

// A console page or API call checks its session or token on every request: its statements are prepared once per
// connection, not each time (preparing was most of an API request's cost).
const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();
function prepared<P extends unknown[] | object = unknown[], R = unknown>(
  db: Db,
  source: string,
): Database.Statement<P, R> {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let statement = cache.get(source);
  if (!statement) cache.set(source, (statement = db.prepare(source)));
  return statement as unknown as Database.Statement<P, R>;
}

const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T));

export const rowToUser = (r: Row): UserRecord => ({
  id: r.id as number,
  name: r.name as string,
  role: r.role as AccountRole,
  passwordHash: r.password_hash as string,
  createdAt: r.created_at as string,
  passwordChangedAt: r.password_changed_at as string,
});

export const rowToToken = (r: Row): TokenRecord => ({
  id: r.id as number,
  userId: r.user_id as number,
  userName: r.user_name as string,
  userRole: r.user_role as AccountRole,
  name: r.name as string,
  scopes: parseJson<string[]>(r.scopes as string, []),
  createdAt: r.created_at as string,
  expiresAt: opt(r.expires_at),
  lastUsedAt: opt(r.last_used_at),
  revokedAt: opt(r.revoked_at),
});

export const rowToSession = (r: Row): SessionRecord => ({
  id: r.id as number,
  userId: r.user_id as number,
  userName: r.user_name as string,
  userRole: r.user_role as AccountRole,
  createdAt: r.created_at as string,
  lastSeenAt: r.last_seen_at as string,
  expiresAt: r.expires_at as string,
  revokedAt: opt(r.revoked_at),
});

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** An audit row's column values in the order of the INSERT both stores write (at, actor, ... before, after). */
export const auditValues = (a: NewAuditRecord) =>
  [
    a.at,
    a.actor,
    a.origin,
    a.tokenId ?? null,
    a.address ?? null,
    a.action,
    a.target ?? null,
    json(a.before),
    json(a.after),
  ] as [string, string, string, number | null, string | null, string, string | null, string | null, string | null];

export const rowToAudit = (r: Row): AuditRecord => ({
  id: r.id as number,
  at: r.at as string,
  actor: r.actor as string,
  origin: r.origin as AuditRecord['origin'],
  tokenId: opt(r.token_id),
  address: opt(r.address),
  action: r.action as string,
  target: opt(r.target),
  before: r.before === null ? undefined : parseJson<unknown>(r.before as string, undefined),
  after: r.after === null ? undefined : parseJson<unknown>(r.after as string, undefined),
});

export class UserRepo {
  constructor(private readonly db: Db) {}

  get(name: string): UserRecord | undefined {
    const r = prepared<[string], Row>(this.db, 'SELECT * FROM users WHERE name = ?').get(name);
    return r && rowToUser(r);
  }

  byId(id: number): UserRecord | undefined {
    const r = prepared<[number], Row>(this.db, 'SELECT * FROM users WHERE id = ?').get(id);
    return r && rowToUser(r);
  }

  list(): UserRecord[] {
    return prepared<[], Row>(this.db, 'SELECT * FROM users ORDER BY name').all().map(rowToUser);
  }

  count(): number {
    return prepared<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM users').get()?.n ?? 0;
  }

  countByRole(role: AccountRole): number {
    return (
      prepared<[string], { n: number }>(this.db, 'SELECT count(*) AS n FROM users WHERE role = ?').get(role)?.n ?? 0
    );
  }

  add(u: { name: string; role: AccountRole; passwordHash: string; at: string }): number {
    return Number(
      prepared<[string, string, string, string, string]>(
        this.db,
        'INSERT INTO users (name, role, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?)',
      ).run(u.name, u.role, u.passwordHash, u.at, u.at).lastInsertRowid,
    );
  }

  setRole(id: number, role: AccountRole): boolean {
    return prepared<[string, number]>(this.db, 'UPDATE users SET role = ? WHERE id = ?').run(role, id).changes > 0;
  }

  setPasswordHash(id: number, passwordHash: string, at: string): boolean {
    return (
      prepared<[string, string, number]>(
        this.db,
        'UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?',
      ).run(passwordHash, at, id).changes > 0
    );
  }

  /** Removes the user; their tokens and sessions go with them (the audit log keeps the names). */
  remove(id: number): boolean {
    return prepared<[number]>(this.db, 'DELETE FROM users WHERE id = ?').run(id).changes > 0;
  }
}

export const TOKEN_SELECT = `SELECT t.*, u.name AS user_name, u.role AS user_role FROM api_tokens t JOIN users u ON u.id = t.user_id`;

export class TokenRepo {
  constructor(private readonly db: Db) {}

  add(t: {
    userId: number;
    name: string;
    tokenHash: string;
    scopes: string[];
    at: string;
    expiresAt?: string;
  }): number {
    return Number(
      prepared<[number, string, string, string, string, string | null]>(
        this.db,
        'INSERT INTO api_tokens (user_id, name, token_hash, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(t.userId, t.name, t.tokenHash, JSON.stringify(t.scopes), t.at, t.expiresAt ?? null).lastInsertRowid,
    );
  }

  byHash(tokenHash: string): TokenRecord | undefined {
    const r = prepared<[string], Row>(this.db, `${TOKEN_SELECT} WHERE t.token_hash = ?`).get(tokenHash);
    return r && rowToToken(r);
  }

  byId(id: number): TokenRecord | undefined {
    const r = prepared<[number], Row>(this.db, `${TOKEN_SELECT} WHERE t.id = ?`).get(id);
    return r && rowToToken(r);
  }

  /** The live (not revoked) token of that name. */
  liveByName(name: string): TokenRecord | undefined {
    const r = prepared<[string], Row>(this.db, `${TOKEN_SELECT} WHERE t.name = ? AND t.revoked_at IS NULL`).get(name);
    return r && rowToToken(r);
  }

  list(opts: { userId?: number } = {}): TokenRecord[] {
    if (opts.userId !== undefined) {
      return prepared<[number], Row>(this.db, `${TOKEN_SELECT} WHERE t.user_id = ? ORDER BY t.id`)
        .all(opts.userId)
        .map(rowToToken);
    }
    return prepared<[], Row>(this.db, `${TOKEN_SELECT} ORDER BY t.id`).all().map(rowToToken);
  }

  revoke(id: number, at: string): boolean {
    return (
      prepared<[string, number]>(
        this.db,
        'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      ).run(at, id).changes > 0
    );
  }

  /** Records a use; at most one write per `minGapMs` per token, so a busy client does not write on every request. */
  touch(id: number, at: string, minGapMs = 60_000): void {
    const before = new Date(Date.parse(at) - minGapMs).toISOString();
    const { changes } = prepared<[string, number, string]>(
      this.db,
      'UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)',
    ).run(at, id, before);
    countBookkeeping(this.db, changes);
  }
}

export const SESSION_SELECT = `SELECT s.*, u.name AS user_name, u.role AS user_role FROM sessions s JOIN users u ON u.id = s.user_id`;

export class SessionRepo {
  constructor(private readonly db: Db) {}

  add(s: { userId: number; secretHash: string; at: string; expiresAt: string }): number {
    const done = prepared<[string, number, string, string, string]>(
      this.db,
      'INSERT INTO sessions (secret_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ).run(s.secretHash, s.userId, s.at, s.at, s.expiresAt);
    countBookkeeping(this.db, done.changes);
    return Number(done.lastInsertRowid);
  }

  byHash(secretHash: string): SessionRecord | undefined {
    const r = prepared<[string], Row>(this.db, `${SESSION_SELECT} WHERE s.secret_hash = ?`).get(secretHash);
    return r && rowToSession(r);
  }

  listForUser(userId: number): SessionRecord[] {
    return prepared<[number], Row>(this.db, `${SESSION_SELECT} WHERE s.user_id = ? ORDER BY s.id`)
      .all(userId)
      .map(rowToSession);
  }

  /** Sessions neither revoked nor expired at `now`, newest first (the admin's sessions page). */
  listLive(now: string, limit = 500): SessionRecord[] {
    return prepared<[string, number], Row>(
      this.db,
      `${SESSION_SELECT} WHERE s.revoked_at IS NULL AND s.expires_at > ? ORDER BY s.id DESC LIMIT ?`,
    )
      .all(now, limit)
      .map(rowToSession);
  }

  byId(id: number): SessionRecord | undefined {
    const row = prepared<[number], Row>(this.db, `${SESSION_SELECT} WHERE s.id = ?`).get(id);
    return row ? rowToSession(row) : undefined;
  }

  /** Marks the session seen at `at`; within `minGapMs` of the last mark nothing is written (a page is many requests). */
  touch(id: number, at: string, minGapMs = 15_000): boolean {
    const before = new Date(Date.parse(at) - minGapMs).toISOString();
    const { changes } = prepared<[string, number, string]>(
      this.db,
      'UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at <= ?',
    ).run(at, id, before);
    countBookkeeping(this.db, changes);
    return changes > 0;
  }

  revoke(id: number, at: string): boolean {
    return (
      prepared<[string, number]>(this.db, 'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
        at,
        id,
      ).changes > 0
    );
  }

  /** Ends every live session of a user (password changed, role changed, logged out everywhere); returns how many. */
  revokeForUser(userId: number, at: string): number {
    return prepared<[string, number]>(
      this.db,
      'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
    ).run(at, userId).changes;
  }

  /** Forgets sessions that expired or were revoked before `before`. */
  prune(before: string): number {
    return prepared<[string, string]>(this.db, 'DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?').run(
      before,
      before,
    ).changes;
  }
}

export class LoginAttemptRepo {
  constructor(private readonly db: Db) {}

  /** A sign-in attempt (bookkeeping: a stream of wrong passwords must not make the feeds' caches re-validate). */
  record(a: LoginAttempt): void {
    const { changes } = prepared<[string, string, string, number]>(
      this.db,
      'INSERT INTO login_attempts (user_name, address, at, ok) VALUES (?, ?, ?, ?)',
    ).run(a.userName, a.address, a.at, a.ok ? 1 : 0);
    countBookkeeping(this.db, changes);
  }

  /** Failed attempts on this account name since `since`, counting only those after its last success. */
  failuresForUser(userName: string, since: string): number {
    return this.failures('user_name', userName, since);
  }

  /** Failed attempts from this client address since `since`, counting only those after its last success. */
  failuresFromAddress(address: string, since: string): number {
    return this.failures('address', address, since);
  }

  private failures(column: 'user_name' | 'address', key: string, since: string): number {
    // `column` is one of two literals above, never input.
    return (
      prepared<[string, string, string, string], { n: number }>(
        this.db,
        `SELECT count(*) AS n FROM login_attempts
           WHERE ${column} = ? AND ok = 0 AND at >= ?
             AND at > coalesce((SELECT max(at) FROM login_attempts WHERE ${column} = ? AND ok = 1 AND at >= ?), '')`,
      ).get(key, since, key, since)?.n ?? 0
    );
  }

  prune(before: string): number {
    return prepared<[string]>(this.db, 'DELETE FROM login_attempts WHERE at < ?').run(before).changes;
  }

  /** Newest first: the security log (sign-ins and failures). */
  recent(limit = 200): (LoginAttempt & { id: number })[] {
    return prepared<[number], Row>(this.db, 'SELECT * FROM login_attempts ORDER BY id DESC LIMIT ?')
      .all(limit)
      .map((r) => ({
        id: r.id as number,
        userName: r.user_name as string,
        address: r.address as string,
        at: r.at as string,
        ok: r.ok === 1,
      }));
  }
}

/** The audit log: rows are added and read, never changed or removed (the table's triggers refuse both). */
export class AuditRepo {
  constructor(private readonly db: Db) {}

  add(a: NewAuditRecord): number {
    return Number(
      prepared<
        [string, string, string, number | null, string | null, string, string | null, string | null, string | null]
      >(
        this.db,
        `INSERT INTO audit_log (at, actor, origin, token_id, address, action, target, before, after)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...auditValues(a)).lastInsertRowid,
    );
  }

  /** Newest first; `target` narrows to one (user:alice, token:3); `editorialOnly` leaves out account changes. */
  recent(opts: { limit?: number; target?: string; editorialOnly?: boolean } = {}): AuditRecord[] {
    const limit = opts.limit ?? 100;
    if (opts.editorialOnly) {
      return prepared<[number], Row>(
        this.db,
        `SELECT * FROM audit_log WHERE action NOT LIKE 'users.%' AND action NOT LIKE 'tokens.%'
           AND action NOT LIKE 'sessions.%' ORDER BY id DESC LIMIT ?`,
      )
        .all(limit)
        .map(rowToAudit);
    }
    if (opts.target !== undefined) {
      return prepared<[string, number], Row>(
        this.db,
        'SELECT * FROM audit_log WHERE target = ? ORDER BY id DESC LIMIT ?',
      )
        .all(opts.target, limit)
        .map(rowToAudit);
    }
    return prepared<[number], Row>(this.db, 'SELECT * FROM audit_log ORDER BY id DESC LIMIT ?')
      .all(limit)
      .map(rowToAudit);
  }
}

/** The account tables' repositories, as Store.accounts. */
export class AccountRepo {
  readonly users: UserRepo;
  readonly tokens: TokenRepo;
  readonly sessions: SessionRepo;
  readonly loginAttempts: LoginAttemptRepo;
  readonly audit: AuditRepo;

  constructor(db: Db) {
    this.users = new UserRepo(db);
    this.tokens = new TokenRepo(db);
    this.sessions = new SessionRepo(db);
    this.loginAttempts = new LoginAttemptRepo(db);
    this.audit = new AuditRepo(db);
  }
}
