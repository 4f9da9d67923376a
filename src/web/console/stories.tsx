// Console pages: stories (to be filled in).
import type { Kit } from '../kit.ts';

export function registerStoriesPages(_kit: Kit): void {}
