// Console pages: sources (to be filled in).
import type { Kit } from '../kit.ts';

export function registerSourcesPages(_kit: Kit): void {}
