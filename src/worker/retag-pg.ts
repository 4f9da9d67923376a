// Retag on PostgreSQL (issue #15): retagOnThreads's pipeline over the PostgreSQL store. Batches are read by keyset on
// id, tagged on the prepare threads while the previous batch is written, and each written in one transaction
// (src/store/pg/retag.ts: overrides on top, unchanged sets not written, entries edited meanwhile tagged again).
import type { StoredEntry } from '../store/index.ts';
import type { PgStore } from '../store/index.ts';
import type { Taxonomy } from '../tag/index.ts';
import type { SourceConfig, Tag } from '../types.ts';
import type { RetagProgressOptions, RetagResult } from './retag-scope.ts';
import { createEntryTagger } from './threads.ts';

export interface PgRetagResult extends RetagResult {
  stopped: boolean;
  /** Entries whose stored tag set changed. */
  written: number;
  /** Entries a worker edited between the read and the write of their batch, tagged again from the stored text. */
  reread: number;
}

export async function retagOnPostgres(
  pg: PgStore,
  taxonomy: Taxonomy,
  sources: Map<string, SourceConfig>,
  opts: RetagProgressOptions & { threads: number },
): Promise<PgRetagResult> {
  const start = performance.now();
  const tagger = createEntryTagger({ threads: opts.threads, taxonomy });
  const size = opts.batch ?? 1000;
  const chunk = Math.ceil(size / tagger.parallel);
  const tagAll = async (entries: StoredEntry[]): Promise<Tag[][]> => {
    const jobs = [];
    for (let i = 0; i < entries.length; i += chunk)
      jobs.push(
        tagger.tag(entries.slice(i, i + chunk).map((entry) => ({ entry, source: sources.get(entry.sourceId) }))),
      );
    return (await Promise.all(jobs)).flat();
  };
  let inFlight: { batch: StoredEntry[]; tags: Promise<Tag[][]> } | undefined;
  const out = { entries: 0, written: 0, reread: 0 };
  const writeInFlight = async () => {
    const next = inFlight;
    inFlight = undefined;
    if (!next) return;
    const w = await pg.retagBatch(next.batch, await next.tags, tagAll);
    out.entries += next.batch.length;
    out.written += w.written;
    out.reread += w.reread;
    opts.onProgress?.(out.entries);
  };
  try {
    // The next batch is read and tagged while the one before it is written.
    let after = 0;
    for (;;) {
      if (opts.signal?.aborted) break;
      const batch = await pg.entriesAfter(after, opts.since, size);
      const last = batch[batch.length - 1];
      if (!last) break;
      after = last.id;
      const tags = tagAll(batch);
      // Settled by writeInFlight, unless a write before it fails.
      tags.catch(() => {});
      await writeInFlight();
      inFlight = { batch, tags };
    }
    await writeInFlight();
  } finally {
    inFlight?.tags.catch(() => {});
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    ...out,
    seconds,
    perSecond: seconds > 0 ? out.entries / seconds : out.entries,
    stopped: opts.signal?.aborted ?? false,
  };
}
