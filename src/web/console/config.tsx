// Console pages: config (to be filled in).
import type { Kit } from '../kit.ts';

export function registerConfigPages(_kit: Kit): void {}
