// The worker's background jobs, as the web stage sees them: absent under `wireroom serve` (read-only).
export type { JobRecord, JobRunner } from '../worker/index.ts';
