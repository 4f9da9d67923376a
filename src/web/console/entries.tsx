// Console pages: entries (to be filled in).
import type { Kit } from '../kit.ts';

export function registerEntriesPages(_kit: Kit): void {}
