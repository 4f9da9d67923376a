// Who did something through the console or the API, and from where: the audit log's who and from-where columns.
import type { Context } from 'hono';
import type { Actor } from '../auth/index.ts';
import type { AppEnv } from './types.ts';

/** A console request acts as its user; an API request as its token's owner, naming the token. */
export function actorOf(c: Context<AppEnv>): Actor {
  const p = c.get('principal');
  const name = p.kind === 'anonymous' ? 'anonymous' : p.userName;
  if (p.kind === 'token') return { name, origin: 'api', tokenId: p.rights.tokenId, address: c.get('address') };
  return { name, origin: 'console', address: c.get('address') };
}
