// The account tables on PostgreSQL (issue #15): users, API tokens, console sessions, login attempts and the audit
// log, as the SQLite repositories (src/store/accounts.ts) with the same method names, arguments, row mappings and
// results, asynchronously. Secrets arrive hashed (src/auth); nothing here sees a password or a token.
import {
  auditValues,
  rowToAudit,
  rowToSession,
  rowToToken,
  rowToUser,
  SESSION_SELECT,
  TOKEN_SELECT,
  type AccountRole,
  type AuditRecord,
  type AuditRepo,
  type LoginAttempt,
  type LoginAttemptRepo,
  type NewAuditRecord,
  type Row,
  type SessionRecord,
  type SessionRepo,
  type TokenRecord,
  type TokenRepo,
  type UserRecord,
  type UserRepo,
} from '../accounts.ts';
import { driveStepsAsync, invokeOn, type AccountSteps, type AccountStore, type Async } from '../account-store.ts';
import type { PgDb, Queryable } from './connect.ts';
import { withoutNul } from './text.ts';

/** The advisory lock every account change takes first ('wr-accts'): one change at a time, as SQLite's write lock. */
const ACCOUNTS_LOCK = 0x77722d6163637473n;

const changed = (r: { rowCount: number | null }) => (r.rowCount ?? 0) > 0;

async function insertId(q: Queryable, sql: string, values: unknown[]): Promise<number> {
  const { rows } = await q.query<{ id: number }>(`${sql} RETURNING id`, values);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('INSERT returned no id');
  return id;
}

export class PgUserRepo implements Async<UserRepo> {
  constructor(private readonly q: Queryable) {}

  async get(name: string): Promise<UserRecord | undefined> {
    const { rows } = await this.q.query<Row>('SELECT * FROM users WHERE name = $1', [name]);
    return rows[0] && rowToUser(rows[0]);
  }

  async byId(id: number): Promise<UserRecord | undefined> {
    const { rows } = await this.q.query<Row>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] && rowToUser(rows[0]);
  }

  async list(): Promise<UserRecord[]> {
    return (await this.q.query<Row>('SELECT * FROM users ORDER BY name')).rows.map(rowToUser);
  }

  async count(): Promise<number> {
    return (await this.q.query<{ n: number }>('SELECT count(*) AS n FROM users')).rows[0]?.n ?? 0;
  }

  async countByRole(role: AccountRole): Promise<number> {
    const { rows } = await this.q.query<{ n: number }>('SELECT count(*) AS n FROM users WHERE role = $1', [role]);
    return rows[0]?.n ?? 0;
  }

  add(u: { name: string; role: AccountRole; passwordHash: string; at: string }): Promise<number> {
    return insertId(
      this.q,
      'INSERT INTO users (name, role, password_hash, created_at, password_changed_at) VALUES ($1, $2, $3, $4, $4)',
      [u.name, u.role, u.passwordHash, u.at],
    );
  }

  async setRole(id: number, role: AccountRole): Promise<boolean> {
    return changed(await this.q.query('UPDATE users SET role = $1 WHERE id = $2', [role, id]));
  }

  async setPasswordHash(id: number, passwordHash: string, at: string): Promise<boolean> {
    return changed(
      await this.q.query('UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3', [
        passwordHash,
        at,
        id,
      ]),
    );
  }

  /** Removes the user; their tokens and sessions go with them (ON DELETE CASCADE; the audit log keeps the names). */
  async remove(id: number): Promise<boolean> {
    return changed(await this.q.query('DELETE FROM users WHERE id = $1', [id]));
  }
}

/** TOKEN_SELECT and SESSION_SELECT are SQLite's; only their placeholders differ. */
const byTokenHash = `${TOKEN_SELECT} WHERE t.token_hash = $1`;
const bySessionHash = `${SESSION_SELECT} WHERE s.secret_hash = $1`;

export class PgTokenRepo implements Async<TokenRepo> {
  constructor(private readonly q: Queryable) {}

  add(t: {
    userId: number;
    name: string;
    tokenHash: string;
    scopes: string[];
    at: string;
    expiresAt?: string;
  }): Promise<number> {
    return insertId(
      this.q,
      'INSERT INTO api_tokens (user_id, name, token_hash, scopes, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [t.userId, t.name, t.tokenHash, JSON.stringify(t.scopes), t.at, t.expiresAt ?? null],
    );
  }

  async byHash(tokenHash: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.q.query<Row>(byTokenHash, [tokenHash]);
    return rows[0] && rowToToken(rows[0]);
  }

  async byId(id: number): Promise<TokenRecord | undefined> {
    const { rows } = await this.q.query<Row>(`${TOKEN_SELECT} WHERE t.id = $1`, [id]);
    return rows[0] && rowToToken(rows[0]);
  }

  /** The live (not revoked) token of that name. */
  async liveByName(name: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.q.query<Row>(`${TOKEN_SELECT} WHERE t.name = $1 AND t.revoked_at IS NULL`, [name]);
    return rows[0] && rowToToken(rows[0]);
  }

  async list(opts: { userId?: number } = {}): Promise<TokenRecord[]> {
    const { rows } =
      opts.userId === undefined
        ? await this.q.query<Row>(`${TOKEN_SELECT} ORDER BY t.id`)
        : await this.q.query<Row>(`${TOKEN_SELECT} WHERE t.user_id = $1 ORDER BY t.id`, [opts.userId]);
    return rows.map(rowToToken);
  }

  async revoke(id: number, at: string): Promise<boolean> {
    return changed(
      await this.q.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]),
    );
  }

  /** Records a use; at most one write per `minGapMs` per token, so a busy client does not write on every request. */
  async touch(id: number, at: string, minGapMs = 60_000): Promise<void> {
    const before = new Date(Date.parse(at) - minGapMs).toISOString();
    await this.q.query(
      'UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at <= $3)',
      [at, id, before],
    );
  }
}

export class PgSessionRepo implements Async<SessionRepo> {
  constructor(private readonly q: Queryable) {}

  add(s: { userId: number; secretHash: string; at: string; expiresAt: string }): Promise<number> {
    return insertId(
      this.q,
      'INSERT INTO sessions (secret_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)',
      [s.secretHash, s.userId, s.at, s.expiresAt],
    );
  }

  async byHash(secretHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.q.query<Row>(bySessionHash, [secretHash]);
    return rows[0] && rowToSession(rows[0]);
  }

  async listForUser(userId: number): Promise<SessionRecord[]> {
    const { rows } = await this.q.query<Row>(`${SESSION_SELECT} WHERE s.user_id = $1 ORDER BY s.id`, [userId]);
    return rows.map(rowToSession);
  }

  /** Sessions neither revoked nor expired at `now`, newest first (the admin's sessions page). */
  async listLive(now: string, limit = 500): Promise<SessionRecord[]> {
    const { rows } = await this.q.query<Row>(
      `${SESSION_SELECT} WHERE s.revoked_at IS NULL AND s.expires_at > $1 ORDER BY s.id DESC LIMIT $2`,
      [now, limit],
    );
    return rows.map(rowToSession);
  }

  async byId(id: number): Promise<SessionRecord | undefined> {
    const { rows } = await this.q.query<Row>(`${SESSION_SELECT} WHERE s.id = $1`, [id]);
    return rows[0] && rowToSession(rows[0]);
  }

  /** Marks the session seen at `at`; within `minGapMs` of the last mark nothing is written (a page is many requests). */
  async touch(id: number, at: string, minGapMs = 15_000): Promise<boolean> {
    const before = new Date(Date.parse(at) - minGapMs).toISOString();
    return changed(
      await this.q.query('UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at <= $3', [
        at,
        id,
        before,
      ]),
    );
  }

  async revoke(id: number, at: string): Promise<boolean> {
    return changed(
      await this.q.query('UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]),
    );
  }

  /** Ends every live session of a user (password changed, role changed, logged out everywhere); returns how many. */
  async revokeForUser(userId: number, at: string): Promise<number> {
    const r = await this.q.query('UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL', [
      at,
      userId,
    ]);
    return r.rowCount ?? 0;
  }

  /** Forgets sessions that expired or were revoked before `before`. */
  async prune(before: string): Promise<number> {
    const r = await this.q.query('DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1', [before]);
    return r.rowCount ?? 0;
  }
}

export class PgLoginAttemptRepo implements Async<LoginAttemptRepo> {
  constructor(private readonly q: Queryable) {}

  /** A sign-in attempt; the name is as typed, so it may hold what PostgreSQL text cannot (U+0000). */
  async record(a: LoginAttempt): Promise<void> {
    await this.q.query('INSERT INTO login_attempts (user_name, address, at, ok) VALUES ($1, $2, $3, $4)', [
      withoutNul(a.userName),
      withoutNul(a.address),
      a.at,
      a.ok ? 1 : 0,
    ]);
  }

  /** Failed attempts on this account name since `since`, counting only those after its last success. */
  failuresForUser(userName: string, since: string): Promise<number> {
    return this.failures('user_name', withoutNul(userName), since);
  }

  /** Failed attempts from this client address since `since`, counting only those after its last success. */
  failuresFromAddress(address: string, since: string): Promise<number> {
    return this.failures('address', withoutNul(address), since);
  }

  private async failures(column: 'user_name' | 'address', key: string, since: string): Promise<number> {
    // `column` is one of two literals above, never input.
    const { rows } = await this.q.query<{ n: number }>(
      `SELECT count(*) AS n FROM login_attempts
         WHERE ${column} = $1 AND ok = 0 AND at >= $2
           AND at > coalesce((SELECT max(at) FROM login_attempts WHERE ${column} = $1 AND ok = 1 AND at >= $2), '')`,
      [key, since],
    );
    return rows[0]?.n ?? 0;
  }

  async prune(before: string): Promise<number> {
    return (await this.q.query('DELETE FROM login_attempts WHERE at < $1', [before])).rowCount ?? 0;
  }

  /** Newest first: the security log (sign-ins and failures). */
  async recent(limit = 200): Promise<(LoginAttempt & { id: number })[]> {
    const { rows } = await this.q.query<Row>('SELECT * FROM login_attempts ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map((r) => ({
      id: r.id as number,
      userName: r.user_name as string,
      address: r.address as string,
      at: r.at as string,
      ok: r.ok === 1,
    }));
  }
}

/** The audit log: rows are added and read, never changed or removed (the table's triggers refuse both). */
export class PgAuditRepo implements Async<AuditRepo> {
  constructor(private readonly q: Queryable) {}

  add(a: NewAuditRecord): Promise<number> {
    return insertId(
      this.q,
      `INSERT INTO audit_log (at, actor, origin, token_id, address, action, target, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      auditValues(a).map((v) => (typeof v === 'string' ? withoutNul(v) : v)),
    );
  }

  /** Newest first; `target` narrows to one (user:alice, token:3); `editorialOnly` leaves out account changes. */
  async recent(opts: { limit?: number; target?: string; editorialOnly?: boolean } = {}): Promise<AuditRecord[]> {
    const limit = opts.limit ?? 100;
    let result;
    if (opts.editorialOnly) {
      result = await this.q.query<Row>(
        `SELECT * FROM audit_log WHERE action NOT LIKE 'users.%' AND action NOT LIKE 'tokens.%'
           AND action NOT LIKE 'sessions.%' ORDER BY id DESC LIMIT $1`,
        [limit],
      );
    } else if (opts.target !== undefined) {
      result = await this.q.query<Row>('SELECT * FROM audit_log WHERE target = $1 ORDER BY id DESC LIMIT $2', [
        opts.target,
        limit,
      ]);
    } else result = await this.q.query<Row>('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
    return result.rows.map(rowToAudit);
  }
}

/** The account repositories on one connection (the pool, or a transaction's client). */
function reposOn(q: Queryable) {
  return {
    users: new PgUserRepo(q),
    tokens: new PgTokenRepo(q),
    sessions: new PgSessionRepo(q),
    loginAttempts: new PgLoginAttemptRepo(q),
    audit: new PgAuditRepo(q),
  };
}

/** The account tables on PostgreSQL, as an AccountStore (PgStore.accounts). */
export class PgAccountStore implements AccountStore {
  readonly users: PgUserRepo;
  readonly tokens: PgTokenRepo;
  readonly sessions: PgSessionRepo;
  readonly loginAttempts: PgLoginAttemptRepo;
  readonly audit: PgAuditRepo;

  constructor(private readonly db: PgDb) {
    this.users = new PgUserRepo(db);
    this.tokens = new PgTokenRepo(db);
    this.sessions = new PgSessionRepo(db);
    this.loginAttempts = new PgLoginAttemptRepo(db);
    this.audit = new PgAuditRepo(db);
  }

  /**
   * Runs an account change in one transaction that first takes the accounts' advisory lock, so changes from any
   * number of processes happen one at a time, as on SQLite: two admins removed at once cannot both pass the
   * last-admin check.
   */
  run<T>(steps: AccountSteps<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNTS_LOCK.toString()]);
      const repos = reposOn(tx);
      return driveStepsAsync(steps, async (c) => invokeOn(repos, c));
    });
  }
}
