// A config edit that changes `ingest.threads` (preparerForConfig, used by both workers): the pool the last edit made
// stops when no preparer uses it any more, the caller's own pool keeps running for the caller, and an edit back to
// a thread count in use runs on that pool again. Counted in threads, not time.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type WireroomConfig } from '../../src/config/index.ts';
import { DEFAULT_SKETCH } from '../../src/dedup/index.ts';
import { loadTaxonomy } from '../../src/tag/index.ts';
import { preparerForConfig } from '../../src/worker/deps.ts';
import { createPreparer, sharedPoolThreads, type Preparer } from '../../src/worker/threads.ts';
import { rss, tempDir, writeConfig } from '../helpers/env.ts';

describe('thread pools across config edits', () => {
  const tmp = tempDir('wireroom-edit-pool-');
  const configDir = writeConfig(tmp.dir, {
    main: `database: ${path.join(tmp.dir, 'db.sqlite')}\ningest:\n  threads: 1\n`,
    sources: 'sources:\n  - id: src\n    url: https://news.example/feed\n',
  });
  const config = loadConfig(configDir);
  const edited = (threads: number): WireroomConfig => ({ ...config, ingestThreads: threads });
  const body = Buffer.from(rss([{ guid: 'g-1', title: 'Port strike in Lima, Peru' }]));
  const prepare = (p: Preparer) =>
    p.prepare({
      body,
      url: 'https://news.example/feed',
      source: config.sources[0]!,
      guidReuse: false,
      now: '2025-03-01T12:00:00.000Z',
      sketch: DEFAULT_SKETCH,
    });
  const own = createPreparer({ threads: 1, taxonomy: loadTaxonomy(configDir) });
  afterAll(async () => {
    await own.close();
    tmp.cleanup();
  });

  it('two edits leave only the caller s pool and the current one running', async () => {
    await prepare(own);
    expect(sharedPoolThreads()).toBe(1);
    const two = preparerForConfig(own, edited(2));
    await Promise.all([prepare(two), prepare(two)]);
    expect(sharedPoolThreads()).toBe(3);
    const three = preparerForConfig(two, edited(3));
    // The 2-thread pool is stopped: only the caller's thread is left until the new pool starts one.
    expect(sharedPoolThreads()).toBe(1);
    await prepare(three);
    expect(sharedPoolThreads()).toBe(2);
    // Back to one thread: the caller's pool again, still there for the caller too.
    const one = preparerForConfig(three, edited(1));
    expect(sharedPoolThreads()).toBe(1);
    const [mine, theirs] = await Promise.all([prepare(own), prepare(one)]);
    expect(mine.entries.map((e) => e.title)).toEqual(['Port strike in Lima, Peru']);
    expect(theirs.entries).toHaveLength(1);
    await one.close();
    expect(sharedPoolThreads()).toBe(1);
  });
});
