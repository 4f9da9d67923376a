// The one route table: every console page and API route with the scope it needs. A request that matches no
// entry is refused; an entry cannot be registered without naming what it needs. Roles map onto scopes
// (src/auth/roles.ts): viewer = read, editor = read + the editorial writes, admin = everything.
import type { Scope } from '../auth/index.ts';

export type Surface = 'console' | 'api';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** What a route needs: a scope, or `public` (the login page, static assets). */
export type Need = Scope | 'public';

export interface RouteEntry {
  surface: Surface;
  method: Method;
  /** Hono's pattern, under /console or /api/v1: `/sources/:id`. */
  path: string;
  need: Need;
  summary: string;
}

export class RouteTable {
  readonly entries: RouteEntry[] = [];

  add(entry: RouteEntry): void {
    const dup = this.entries.find(
      (e) => e.surface === entry.surface && e.method === entry.method && e.path === entry.path,
    );
    if (dup) throw new Error(`route ${entry.method} ${entry.path} registered twice`);
    this.entries.push(entry);
  }
}

export const CONSOLE_PREFIX = '/console';
export const API_PREFIX = '/api/v1';

export function fullPath(e: Pick<RouteEntry, 'surface' | 'path'>): string {
  return (e.surface === 'console' ? CONSOLE_PREFIX : API_PREFIX) + e.path;
}
