// One asynchronous account store for both databases (issue #15): the SQLite repositories behind promises, or the
// PostgreSQL ones (src/store/pg/accounts.ts). An account change is written once, as steps: a generator that yields
// each repository call and gets its result back. SQLite runs the steps synchronously in one transaction (so the
// console and API keep calling the account operations synchronously); either store runs them through `run`.
import type { AccountRepo, AuditRepo, LoginAttemptRepo, SessionRepo, TokenRepo, UserRepo } from './accounts.ts';

/** A repository's public methods, each returning a promise of what the SQLite one returns. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

type Repos = Pick<AccountRepo, 'users' | 'tokens' | 'sessions' | 'loginAttempts' | 'audit'>;
type AnyMethod = (...args: never[]) => unknown;
type MethodOf<R extends keyof Repos> = {
  [M in keyof Repos[R]]: Repos[R][M] extends AnyMethod ? M : never;
}[keyof Repos[R]];
type Method<R extends keyof Repos, M extends MethodOf<R>> = Extract<Repos[R][M], AnyMethod>;

/** One repository call of an account change. */
export interface AccountCall {
  repo: keyof Repos;
  method: string;
  args: unknown[];
}

/** An account change as steps: yields its repository calls in order and returns its result. */
export type AccountSteps<T> = Generator<AccountCall, T, unknown>;

/** A repository call as a step: `const user = yield* call('users', 'get', name)`. */
export function* call<R extends keyof Repos, M extends MethodOf<R>>(
  repo: R,
  method: M,
  ...args: Parameters<Method<R, M>>
): Generator<AccountCall, ReturnType<Method<R, M>>, unknown> {
  return (yield { repo, method: method as string, args }) as ReturnType<Method<R, M>>;
}

/** The account tables of either store, asynchronously. */
export interface AccountStore {
  readonly users: Async<UserRepo>;
  readonly tokens: Async<TokenRepo>;
  readonly sessions: Async<SessionRepo>;
  readonly loginAttempts: Async<LoginAttemptRepo>;
  readonly audit: Async<AuditRepo>;
  /** Runs an account change in one transaction, one change at a time across every process of the store. */
  run<T>(steps: AccountSteps<T>): Promise<T>;
}

export const isAccountStore = (value: object): value is AccountStore =>
  typeof (value as Partial<AccountStore>).run === 'function';

type RepoTable = Record<string, (...args: unknown[]) => unknown>;

/** Drives steps to their end, handing each call to `invoke`; synchronous when invoke is. */
export function driveSteps<T>(steps: AccountSteps<T>, invoke: (c: AccountCall) => unknown): T {
  for (let next = steps.next(); ;) {
    if (next.done) return next.value;
    next = steps.next(invoke(next.value));
  }
}

/** The same, awaiting each call. */
export async function driveStepsAsync<T>(
  steps: AccountSteps<T>,
  invoke: (c: AccountCall) => Promise<unknown>,
): Promise<T> {
  for (let next = steps.next(); ;) {
    if (next.done) return next.value;
    next = steps.next(await invoke(next.value));
  }
}

/** Calls c on a set of repositories (SQLite's or PostgreSQL's: the same names). */
export function invokeOn(repos: object, c: AccountCall): unknown {
  const repo = (repos as Record<string, RepoTable>)[c.repo];
  const fn = repo?.[c.method];
  if (!repo || typeof fn !== 'function') throw new Error(`no account call ${c.repo}.${c.method}`);
  return fn.apply(repo, c.args);
}

/** What SQLite steps run on: Store (its transaction is IMMEDIATE, so account changes are one at a time). */
export interface SqliteAccounts {
  readonly accounts: AccountRepo;
  transaction<T>(fn: () => T): T;
}

/** Runs steps on SQLite in one transaction, synchronously (the console's and API's calls). */
export function runSteps<T>(store: SqliteAccounts, steps: AccountSteps<T>): T {
  return store.transaction(() => driveSteps(steps, (c) => invokeOn(store.accounts, c)));
}

/** A repository whose methods return promises: a throw becomes a rejection. */
export function promised<T extends object>(repo: T): Async<T> {
  return new Proxy(repo, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => new Promise((resolve) => resolve(value.apply(target, args)));
    },
  }) as unknown as Async<T>;
}

/** The SQLite store's account tables as an AccountStore. */
export function sqliteAccountStore(store: SqliteAccounts): AccountStore {
  const a = store.accounts;
  return {
    users: promised(a.users),
    tokens: promised(a.tokens),
    sessions: promised(a.sessions),
    loginAttempts: promised(a.loginAttempts),
    audit: promised(a.audit),
    run: (steps) => new Promise((resolve) => resolve(runSteps(store, steps))),
  };
}
