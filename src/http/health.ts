// /healthz: is the database usable, and is ingest keeping up? The worker's last cycle is read from the database
// (worker_cycles), so a read-only `wireroom serve` with no worker inside answers the same way as `wireroom run`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import cron from 'node-cron';
import type { WireroomConfig } from '../config/index.ts';
import type { CycleRecord, FeedReader, StoreHealth } from '../store/index.ts';

export interface HealthSettings {
  /** The longest wait between two scheduled cycles. */
  scheduleIntervalMs: number;
  /** The worker is recent while its last cycle finished at most this long ago. */
  recentWithinMs: number;
  /** The configured sources, for the overdue count. */
  sources: readonly { id: string; enabled: boolean }[];
}

export type HealthStatus = 'ok' | 'no cycle yet' | 'stale' | 'database unwritable' | 'database unavailable';

/** What the store says of its database (FeedReader.health). */
export type DatabaseHealth = StoreHealth;

export interface HealthReport {
  status: HealthStatus;
  database: DatabaseHealth;
  worker: {
    /** When the last cycle finished (ISO), or null before the first. */
    lastCycleAt: string | null;
    /** How long the last cycle took. */
    lastCycleSeconds: number | null;
    /** How long ago it finished. */
    ageSeconds: number | null;
    recent: boolean;
    recentWithinSeconds: number;
  };
  /** The last cycle's figures, as its log line gave them. */
  lastCycle: Record<string, number> | null;
  sources: { enabled: number; overdue: number };
}

/** From the config: the schedule's longest interval times server.health.stale_after_intervals. */
export function healthSettings(config: WireroomConfig): HealthSettings {
  const scheduleMs = scheduleIntervalMs(config.schedule);
  return {
    scheduleIntervalMs: scheduleMs,
    recentWithinMs: scheduleMs * config.server.health.stale_after_intervals,
    sources: config.sources,
  };
}

/**
 * The longest wait between two runs of the schedule over its next 200 runs (a week-day schedule waits a weekend):
 * how long a healthy worker may go between cycles.
 */
export function scheduleIntervalMs(schedule: { cron: string; timezone: string }): number {
  // A task never started only answers when it would run; destroying it takes it out of node-cron's registry.
  const probe = cron.createTask(schedule.cron, () => undefined, { timezone: schedule.timezone });
  try {
    const runs = probe.getNextRuns(200).map((d) => d.getTime());
    let longest = 0;
    for (let i = 1; i < runs.length; i++) longest = Math.max(longest, (runs[i] ?? 0) - (runs[i - 1] ?? 0));
    return longest;
  } finally {
    void probe.destroy();
  }
}

/** Reads the database and judges; 200 when healthy, 503 otherwise. */
export async function checkHealth(
  store: FeedReader,
  settings: HealthSettings,
  now = new Date(),
): Promise<{ httpStatus: 200 | 503; report: HealthReport }> {
  const database = await store.health();
  const read = database.readable ? await readWorker(store, settings, now).catch(() => undefined) : undefined;
  const report = judgeHealth(database, read?.last, read?.overdue ?? 0, settings, now);
  return { httpStatus: report.status === 'ok' ? 200 : 503, report };
}

/** The pure half: what the database state and the last cycle mean. */
export function judgeHealth(
  database: DatabaseHealth,
  last: CycleRecord | undefined,
  overdue: number,
  settings: HealthSettings,
  now: Date,
): HealthReport {
  const ageMs = last ? now.getTime() - Date.parse(last.finishedAt) : undefined;
  const recent = ageMs !== undefined && ageMs <= settings.recentWithinMs;
  return {
    status: statusOf(database, last, recent),
    database,
    worker: {
      lastCycleAt: last?.finishedAt ?? null,
      lastCycleSeconds: last ? last.durationMs / 1000 : null,
      ageSeconds: ageMs === undefined ? null : Math.max(0, Math.round(ageMs / 1000)),
      recent,
      recentWithinSeconds: Math.round(settings.recentWithinMs / 1000),
    },
    lastCycle: last?.figures ?? null,
    sources: { enabled: settings.sources.filter((s) => s.enabled).length, overdue },
  };
}

function statusOf(database: DatabaseHealth, last: CycleRecord | undefined, recent: boolean): HealthStatus {
  if (!database.readable) return 'database unavailable';
  if (!database.writable && !database.readOnly) return 'database unwritable';
  if (!last) return 'no cycle yet';
  return recent ? 'ok' : 'stale';
}

async function readWorker(
  store: FeedReader,
  settings: HealthSettings,
  now: Date,
): Promise<{ last: CycleRecord | undefined; overdue: number }> {
  return { last: await store.lastCycle(), overdue: await overdueSources(store, settings, now) };
}

/**
 * Enabled sources due longer ago than the worker may go without a cycle: later than a healthy worker leaves them.
 * Gone sources are never fetched again, and one never fetched yet has no due time: neither is counted.
 */
export async function overdueSources(store: FeedReader, settings: HealthSettings, now = new Date()): Promise<number> {
  const enabled = new Set(settings.sources.filter((s) => s.enabled).map((s) => s.id));
  const limit = now.getTime() - settings.recentWithinMs;
  return (await store.sources()).filter(
    (s) => enabled.has(s.id) && s.status !== 'gone' && Date.parse(s.nextFetchAt ?? '') < limit,
  ).length;
}

/** GET /healthz: the report as JSON, never cached. */
export async function sendHealth(
  req: IncomingMessage,
  res: ServerResponse,
  store: FeedReader,
  settings: HealthSettings,
): Promise<void> {
  const { httpStatus, report } = await checkHealth(store, settings);
  const body = `${JSON.stringify(report)}\n`;
  res.writeHead(httpStatus, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
