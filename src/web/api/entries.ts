// API routes: entries (to be filled in).
import type { Kit } from '../kit.ts';
import type { Api } from './index.ts';

export function registerEntriesApi(_api: Api, _kit: Kit): void {}
