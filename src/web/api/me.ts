// GET /api/v1/me: who the token speaks for and what it may do now.
import { z } from '@hono/zod-openapi';
import type { Kit } from '../kit.ts';
import { apiRoute, type Api } from './index.ts';
import { jsonResponse } from './schemas.ts';

const MeSchema = z
  .object({
    user: z.string(),
    role: z.enum(['viewer', 'editor', 'admin']),
    token: z.object({ id: z.int(), name: z.string(), scopes: z.array(z.string()) }),
  })
  .openapi('Me');

export function registerMe(api: Api, kit: Kit): void {
  apiRoute(
    api,
    kit,
    { need: 'read', summary: 'who this token speaks for, and its scopes now' },
    { method: 'get', path: '/me', responses: { 200: jsonResponse('the caller', MeSchema) } },
    (c) => {
      const p = c.get('principal');
      if (p.kind !== 'token') throw new Error('/me without a token');
      return c.json({
        user: p.userName,
        role: p.role,
        token: { id: p.rights.tokenId, name: p.rights.tokenName, scopes: p.rights.scopes },
      });
    },
  );
}
