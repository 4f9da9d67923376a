// Every console page, registered through the kit (so each is in the route table with what it needs).
import type { Context } from 'hono';
import type { Kit } from '../kit.ts';
import type { AppEnv } from '../types.ts';
import { registerAccount } from './account.tsx';
import { registerDashboard } from './dashboard.tsx';
import { registerClassifyPages } from './classify.tsx';
import { registerLogin } from './login.tsx';
import { registerSourcesPages } from './sources.tsx';
import { registerEntriesPages } from './entries.tsx';
import { registerStoriesPages } from './stories.tsx';
import { registerCollectionsPages } from './collections.tsx';
import { registerTaxonomyPages } from './taxonomy.tsx';
import { registerConfigPages } from './config.tsx';
import { registerJobsPages } from './jobs.tsx';
import { registerAdminPages } from './admin.tsx';

export function registerConsole(kit: Kit, opts: { https: (c: Context<AppEnv>) => boolean }): void {
  registerLogin(kit, opts);
  registerDashboard(kit);
  registerAccount(kit, opts);
  registerClassifyPages(kit);
  registerSourcesPages(kit);
  registerEntriesPages(kit);
  registerStoriesPages(kit);
  registerCollectionsPages(kit);
  registerTaxonomyPages(kit);
  registerConfigPages(kit);
  registerJobsPages(kit);
  registerAdminPages(kit);
}
