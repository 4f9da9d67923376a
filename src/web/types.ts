// What the console and API are built from, and who a request speaks for.
import type { HttpBindings } from '@hono/node-server';
import type { Role, Scope, TokenRights } from '../auth/index.ts';
import type { WireroomConfig } from '../config/index.ts';
import type { EditorStore } from '../editor/index.ts';
import type { SessionRecord } from '../store/index.ts';
import type { JobRunner } from './jobs.ts';

export interface WebLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface WebDeps {
  /** Either database, as the console and API read and change it. */
  store: EditorStore;
  config: WireroomConfig;
  /** Background jobs (fetch now, retag, export); absent under `wireroom serve`, where writes are refused anyway. */
  jobs?: JobRunner;
  log: WebLogger;
  now?: () => Date;
}

/** Who a request speaks for: a console session, an API token, or nobody yet. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'session'; userId: number; userName: string; role: Role; session: SessionRecord; csrf: string }
  | { kind: 'token'; userId: number; userName: string; role: Role; rights: TokenRights };

export type AppEnv = {
  Bindings: HttpBindings;
  Variables: {
    principal: Principal;
    /** The client address, after trusted proxies. */
    address: string;
    /** The script/style nonce of this console page (secure-headers middleware). */
    secureHeadersNonce?: string;
  };
};

/** The scopes a principal holds now: a session's role's, or a token's (already capped by its owner's role). */
export function heldScopes(p: Principal, roleScopes: Readonly<Record<Role, readonly Scope[]>>): readonly Scope[] {
  if (p.kind === 'session') return roleScopes[p.role];
  if (p.kind === 'token') return p.rights.scopes;
  return [];
}
