// Roles and scopes: what each role may do, and what a token asking for scopes actually gets. Pure.
import type { AccountRole } from '../store/index.ts';

export type Role = AccountRole;
export const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

/** Every scope a token can carry, in the order they are shown. */
export const SCOPES = ['read', 'sources:write', 'tags:write', 'stories:write', 'collections:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** The most each role allows; a token never carries more than its owner's role allows now. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  viewer: ['read'],
  editor: ['read', 'sources:write', 'tags:write', 'stories:write', 'collections:write'],
  admin: SCOPES,
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

/** Scopes in their canonical order, each once. */
export function canonicalScopes(scopes: Iterable<string>): Scope[] {
  const wanted = new Set(scopes);
  return SCOPES.filter((s) => wanted.has(s));
}

/** Parses `read,sources:write`: every name must be a scope; throws naming the unknown ones. */
export function parseScopes(list: string): Scope[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !isScope(n));
  if (unknown.length) throw new RangeError(`unknown scope ${unknown.join(', ')} (scopes: ${SCOPES.join(', ')})`);
  if (!names.length) throw new RangeError(`no scope given (scopes: ${SCOPES.join(', ')})`);
  return canonicalScopes(names);
}

/** What a token granted `granted` may do for an owner whose role is `role` now. */
export function effectiveScopes(granted: readonly string[], role: Role): Scope[] {
  const allowed = new Set<string>(ROLE_SCOPES[role] ?? []);
  return canonicalScopes(granted.filter((s) => allowed.has(s)));
}

/** Scopes among `wanted` that `role` does not allow. */
export function scopesBeyondRole(wanted: readonly Scope[], role: Role): Scope[] {
  const allowed = new Set<string>(ROLE_SCOPES[role] ?? []);
  return wanted.filter((s) => !allowed.has(s));
}
