// The web stage: the editors' console (/console/) and the JSON API (/api/v1/), mounted by the HTTP shell.
export { createWeb, type WebApp } from './app.ts';
export type { WebDeps, WebLogger } from './types.ts';
export type { JobRecord, JobRunner } from './jobs.ts';
export type { RouteEntry } from './routes.ts';
