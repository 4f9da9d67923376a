// The schedule: node-cron runs a cycle on the configured expression, never two at once.
import { setMaxListeners } from 'node:events';
import cron from 'node-cron';
import type { WireroomConfig } from '../config/index.ts';
import { runCycle } from './cycle.ts';
import { depsForConfig } from './deps.ts';
import type { CycleReport, WorkerDeps } from './types.ts';

export interface Worker {
  /** Resolves when the running cycle (if any) has finished; no new cycle starts afterwards. */
  stop(): Promise<void>;
  /** Runs a cycle now unless one is running (then waits for that one). */
  runNow(): Promise<CycleReport | undefined>;
}

export interface WorkerOptions {
  onCycle?: (r: CycleReport) => void;
  /** The config as edited since start (src/config liveConfig): each cycle runs on the sources listed now. */
  config?: () => WireroomConfig;
}

export function startWorker(initial: WorkerDeps, opts: WorkerOptions = {}): Worker {
  // The schedule itself is read once: changing `schedule.cron` takes a restart.
  const { config } = initial;
  let deps = initial;
  const abort = new AbortController();
  // Every in-flight fetch listens on this one signal: hundreds of listeners are expected, not a leak.
  setMaxListeners(0, abort.signal);
  let running: Promise<CycleReport | undefined> | undefined;
  let stopped = false;

  const cycle = (): Promise<CycleReport | undefined> => {
    if (stopped) return Promise.resolve(undefined);
    // A cycle that outlasts the interval is not run twice; the tick is skipped.
    if (running) return running;
    const now = opts.config?.();
    if (now && now !== deps.config) deps = depsForConfig(deps, now);
    running = runCycle(deps, { signal: abort.signal })
      .then((report) => {
        opts.onCycle?.(report);
        return report;
      })
      .catch((err: unknown) => {
        deps.log?.error({ err }, 'cycle failed');
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const task = cron.schedule(config.schedule.cron, () => void cycle(), {
    name: 'wireroom-cycle',
    timezone: config.schedule.timezone,
    noOverlap: true,
  });
  if (config.schedule.run_on_start) void cycle();

  return {
    runNow: cycle,
    async stop() {
      stopped = true;
      await task.stop();
      // Fetches still waiting for a slot are cancelled (their sources stay due); those under way finish and are stored.
      abort.abort();
      await running;
    },
  };
}
