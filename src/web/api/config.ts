// API routes: config (to be filled in).
import type { Kit } from '../kit.ts';
import type { Api } from './index.ts';

export function registerConfigApi(_api: Api, _kit: Kit): void {}
