// Console pages: admin (to be filled in).
import type { Kit } from '../kit.ts';

export function registerAdminPages(_kit: Kit): void {}
