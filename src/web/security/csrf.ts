// Cross-site request forgery: two checks, because each alone has a hole. The Origin / Sec-Fetch-Site check
// refuses a form posted from another origin, including another port of the same host (which is "same site", so a
// SameSite=Lax cookie still travels); the per-session token refuses a request that carries neither header.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The form field and header that carry the token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The token of a session: derived from its secret, so nothing more is stored and it dies with the session. */
export function csrfToken(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('wireroom csrf v1').digest('base64url');
}

export function sameToken(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why a state-changing request is refused as cross-origin, or undefined when it may go on.
 * `ownOrigins` are the origins this console answers as (the request's Host, and site.base_url's).
 */
export function crossOriginReason(
  headers: { origin?: string; secFetchSite?: string },
  ownOrigins: readonly string[],
): string | undefined {
  const site = headers.secFetchSite?.toLowerCase();
  if (site && site !== 'same-origin') return `Sec-Fetch-Site is ${site}`;
  const origin = headers.origin;
  if (origin !== undefined && !ownOrigins.includes(origin)) return `Origin ${origin} is not this console's`;
  return undefined;
}
