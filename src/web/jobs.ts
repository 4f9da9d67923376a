// The worker's background jobs, as the web stage sees them: absent under `wireroom serve` (read-only).
export type { JobKind, JobParams, JobRecord, JobRunner } from '../worker/index.ts';
