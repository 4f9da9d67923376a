// http: the server that publishes curated feeds and their pages.
export { startServer, chooseEncoding, type ServerOptions, type RunningServer } from './server.ts';
export { openMetrics, createMetrics, type Metrics, type MetricsEndpoint, type CycleObservation } from './metrics.ts';
export { healthSettings, scheduleIntervalMs, checkHealth, type HealthReport, type HealthSettings } from './health.ts';
