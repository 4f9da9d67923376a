// Review of issue #15 (the console jobs on PostgreSQL): a job left running by a process that died is marked
// interrupted even when it was not yet stale at the moment the surviving (or restarted) runner started. On SQLite a
// restart marks every unfinished job at once; on PostgreSQL the starting runner must leave fresh jobs alone (another
// live process may run them), so without a later sweep a process killed and restarted within the stale window left
// its job "running" for ever. Real parts: a real PostgreSQL server, the fleet's job host, a fixture config.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INTERRUPTED_MESSAGE, JobRunner } from '../../src/worker/index.ts';
import { cycleStores } from '../helpers/cycle-on-store.ts';
import { tempDir, writeConfig } from '../helpers/env.ts';
import { until } from '../helpers/polling.ts';

const arm = cycleStores().find((a) => a.kind === 'postgres');
if (!arm) throw new Error('no PostgreSQL arm in cycleStores()');

describe.skipIf(arm.missing)(`a job its dead runner left running, on PostgreSQL${arm.skip}`, () => {
  const tmp = tempDir('wireroom-review-jobs-');
  const runners: JobRunner[] = [];
  afterAll(async () => {
    for (const r of runners) await r.stop();
    await arm.close();
    tmp.cleanup();
  });

  it('is marked interrupted once its heartbeat goes stale, by a runner that started while it was fresh', async () => {
    const root = path.join(tmp.dir, 'stale');
    const configDir = writeConfig(root, {
      main: 'schedule:\n  run_on_start: false\ningest:\n  threads: 0\n',
      sources: 'sources:\n  - { id: a, url: "http://127.0.0.1:9/a.xml" }\n',
    });
    writeFileSync(path.join(configDir, 'topics.yaml'), 'topics: []\n');
    const p = await arm.project(root, 'review_jobs_stale');
    const clock = { now: new Date('2030-01-01T00:00:00.000Z') };
    const host = { ...p.jobHost(), now: () => clock.now };

    // A process killed a moment ago: its fetch job is running, its last heartbeat now.
    const at = clock.now.toISOString();
    const orphan = await host.jobs.add({ kind: 'fetch', params: {}, createdBy: 'alice', origin: 'console', at });
    await host.jobs.start(orphan.id, at, 1);

    // The restarted process's runner: the job is fresh, so it may belong to a live process, and is left alone.
    const runner = new JobRunner(host, { heartbeatMs: 20 });
    runners.push(runner);
    expect(await runner.ready).toBe(0);
    expect(await runner.get(orphan.id)).toMatchObject({ state: 'running' });

    // Ten minutes on (five times the stale window) nobody has beaten for it: the running runner marks it.
    clock.now = new Date(clock.now.getTime() + 10 * 60_000);
    await until(async () => (await runner.get(orphan.id))?.state !== 'running', 'the orphaned job to end', 5_000).catch(
      () => undefined,
    );
    expect(await runner.get(orphan.id)).toMatchObject({ state: 'failed', message: INTERRUPTED_MESSAGE });
  });
});
