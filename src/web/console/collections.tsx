// Console pages: collections (to be filled in).
import type { Kit } from '../kit.ts';

export function registerCollectionsPages(_kit: Kit): void {}
