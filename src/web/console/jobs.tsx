// Console pages: jobs (to be filled in).
import type { Kit } from '../kit.ts';

export function registerJobsPages(_kit: Kit): void {}
