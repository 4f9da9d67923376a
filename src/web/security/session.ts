// Console sessions, as Miniflux keeps them: the cookie holds the session's id and a random secret; the database
// holds only a hash of the secret. A session ends when idle too long, when too old, at logout, and when its user's
// password or role changes. The cookie is HttpOnly, SameSite=Lax, Path=/console/ (so feed requests never carry it),
// and Secure over HTTPS. Over HTTPS its name takes the __Secure- prefix: __Host- would demand Path=/, which would send
// it with every feed request.
import { createSession, hashSecret, verifySession, type AccountsAt } from '../../auth/index.ts';
import type { SessionRecord } from '../../store/index.ts';

export const CONSOLE_PATH = '/console/';
const COOKIE = 'wireroom_session';
const SECURE_COOKIE = '__Secure-wireroom_session';

export interface SessionSettings {
  idleMinutes: number;
  maxMinutes: number;
}

export function cookieName(https: boolean): string {
  return https ? SECURE_COOKIE : COOKIE;
}

/** `id.secret` -> its parts; undefined when the value is not of that shape. */
export function parseSessionCookie(value: string | undefined): { id: number; secret: string } | undefined {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{20,100})$/.exec(value ?? '');
  if (!m) return undefined;
  return { id: Number(m[1]), secret: m[2] ?? '' };
}

export function sessionCookie(name: string, value: string, https: boolean, maxAgeSeconds?: number): string {
  const parts = [`${name}=${value}`, `Path=${CONSOLE_PATH}`, 'HttpOnly', 'SameSite=Lax'];
  if (https) parts.push('Secure');
  if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`);
  return parts.join('; ');
}

/** The live session a cookie names, or undefined: unknown, revoked, expired, idle too long, or id and secret disagree. */
export async function liveSession(
  store: AccountsAt,
  s: SessionSettings,
  cookie: { id: number; secret: string },
  now: Date,
): Promise<SessionRecord | undefined> {
  const found = await store.accounts.sessions.byHash(hashSecret(cookie.secret));
  if (!found || found.id !== cookie.id) return undefined;
  if (Date.parse(found.lastSeenAt) + s.idleMinutes * 60_000 <= now.getTime()) {
    if (!store.readonly && !found.revokedAt) await store.accounts.sessions.revoke(found.id, now.toISOString());
    return undefined;
  }
  return verifySession(store, cookie.secret, now);
}

/** A new session for a user who just proved who they are; the old one (fixation) is revoked by the caller. */
export async function startSession(
  store: AccountsAt,
  s: SessionSettings,
  userId: number,
  now: Date,
): Promise<{ cookieValue: string }> {
  const created = await createSession(store, userId, s.maxMinutes * 60_000, now);
  return { cookieValue: `${created.id}.${created.secret}` };
}
