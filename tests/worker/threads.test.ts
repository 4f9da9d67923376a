// Prepare threads: the same documents prepared on a thread and inline give the same entries and tags; a failure
// names its reason; a stopped thread fails only what it was doing; idle threads never keep the process alive.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SKETCH } from '../../src/dedup/index.ts';
import { loadTaxonomy } from '../../src/tag/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import { createPreparer, PrepareError, type PrepareInput } from '../../src/worker/index.ts';
import { realDocuments as documents } from '../helpers/documents.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';
import { generateDocument } from '../../bench/documents.ts';

const source: SourceConfig = {
  id: 'src',
  url: 'https://news.example/feed',
  enabled: true,
  topics: [],
  trusted: false,
  country: 'PE',
};
const taxonomy = loadTaxonomy(path.join(REPO_ROOT, 'config'));

function input(body: Buffer | string, url = 'https://news.example/feed'): PrepareInput {
  return {
    body: typeof body === 'string' ? Buffer.from(body) : body,
    url,
    source,
    guidReuse: false,
    now: '2025-03-01T12:00:00.000Z',
    sketch: DEFAULT_SKETCH,
  };
}

describe('prepare threads', () => {
  const threaded = createPreparer({ threads: 1, taxonomy });
  const inline = createPreparer({ threads: 0, taxonomy });
  afterAll(() => threaded.close());

  it('give the same entries and tags as preparing inline', async () => {
    const docs = documents();
    let tagged = 0;
    for (const d of docs) {
      // Each its own copy: a thread takes the body it is given (see the next test).
      const [a, b] = await Promise.allSettled([
        threaded.prepare(input(Buffer.from(d.body))),
        inline.prepare(input(Buffer.from(d.body))),
      ]);
      expect(a.status, d.name).toBe(b.status);
      if (a.status === 'fulfilled' && b.status === 'fulfilled') {
        expect(a.value, d.name).toEqual(b.value);
        tagged += Object.values(a.value.tags ?? {}).filter((t) => t.length).length;
        // Sketches cross the thread boundary intact (typed arrays included) for every entry.
        expect(Object.keys(a.value.sketches ?? {}).sort(), d.name).toEqual(a.value.entries.map((e) => e.key).sort());
      } else if (a.status === 'rejected' && b.status === 'rejected') {
        expect((a.reason as Error).message, d.name).toBe((b.reason as Error).message);
      }
    }
    // The seed sample alone has ten items, each about Peru or Latin America.
    expect(tagged).toBeGreaterThanOrEqual(10);
  });

  it('move a body that owns its memory to the thread, and copy one that shares a larger buffer', async () => {
    const sample = readFileSync(path.join(REPO_ROOT, 'config/samples/peru-sample.rss'));
    const own = Buffer.from(sample);
    const moved = await threaded.prepare(input(own));
    expect(moved.entries).toHaveLength(10);
    // Moved, not cloned: this side kept no copy.
    expect(own.byteLength).toBe(0);
    // A view into a larger buffer (as Node pools small Buffers): its bytes are sent, its neighbours stay readable.
    const shared = Buffer.alloc(sample.length + 8, 0x20);
    sample.copy(shared, 4);
    const view = shared.subarray(4, 4 + sample.length);
    const copied = await threaded.prepare(input(view));
    expect(copied).toEqual(moved);
    expect(view.equals(sample)).toBe(true);
    expect(shared.subarray(0, 4).toString()).toBe('    ');
  });

  it('report a document that is not a feed with the parser reason', async () => {
    const err = await threaded
      .prepare(input('<!DOCTYPE html><html><body>hello</body></html>'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrepareError);
    expect((err as Error).message).toMatch(/HTML page/);
    expect((err as PrepareError).failed).toBe('document');
  });

  it('a stopped thread fails only the documents it held; the next document gets a new thread', async () => {
    // A document big enough to still be in the thread when it stops (about a second of work).
    const held = threaded.prepare(input(generateDocument(3, 'rss', 2000).body));
    await threaded.close();
    const err = await held.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrepareError);
    expect((err as Error).message).toMatch(/prepare thread stopped/);
    expect((err as PrepareError).failed).toBe('thread');
    const again = await threaded.prepare(input(readFileSync(path.join(REPO_ROOT, 'config/samples/peru-sample.rss'))));
    expect(again.entries).toHaveLength(10);
  });

  it('idle threads do not keep a process alive', () => {
    const tmp = tempDir();
    try {
      const script = path.join(tmp.dir, 'once.mts');
      writeFileSync(
        script,
        `import { createPreparer } from ${JSON.stringify(path.join(REPO_ROOT, 'src/worker/threads.ts'))};
const p = createPreparer({ threads: 1 });
const d = await p.prepare({ body: Buffer.from('<rss version="2.0"><channel><title>t</title><item><title>One</title><guid>1</guid></item></channel></rss>'), url: 'https://x.example/', source: { id: 's', url: 'https://x.example/', enabled: true, topics: [], trusted: false }, guidReuse: false, now: new Date().toISOString() });
console.log(d.entries.length);`,
      );
      const r = spawnSync(process.execPath, ['--import', 'tsx', script], {
        cwd: REPO_ROOT,
        timeout: 45_000,
        encoding: 'utf8',
      });
      expect(r.error).toBeUndefined();
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('1');
      expect(r.status).toBe(0);
    } finally {
      tmp.cleanup();
    }
  });
});
