// Console pages: taxonomy (to be filled in).
import type { Kit } from '../kit.ts';

export function registerTaxonomyPages(_kit: Kit): void {}
