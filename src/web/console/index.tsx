// Every console page, registered through the kit (so each is in the route table with what it needs).
import type { Context } from 'hono';
import type { Kit } from '../kit.ts';
import type { AppEnv } from '../types.ts';
import { registerAccount } from './account.tsx';
import { registerDashboard } from './dashboard.tsx';
import { registerLogin } from './login.tsx';

export function registerConsole(kit: Kit, opts: { https: (c: Context<AppEnv>) => boolean }): void {
  registerLogin(kit, opts);
  registerDashboard(kit);
  registerAccount(kit, opts);
}
