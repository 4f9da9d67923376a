// Retag on PostgreSQL (issue #15): retagOnThreads's pipeline over the PostgreSQL store. Batches are read by keyset on
// id, tagged on the prepare threads while the previous batch is written, and each written in one transaction
// (src/store/pg/retag.ts: overrides on top, unchanged sets not written, entries edited meanwhile tagged again). As on
// SQLite, only the entries the edits since the recorded tagging versions can change are tagged (retag-scope.ts).
import type { StoredEntry } from '../store/index.ts';
import type { PgStore } from '../store/index.ts';
import { taggingVersion, type TaggingVersion, type Taxonomy } from '../tag/index.ts';
import type { SourceConfig, Tag } from '../types.ts';
import {
  retagInScope,
  sendDue,
  type RetagProgressOptions,
  type RetagRecords,
  type ScopedRetagResult,
} from './retag-scope.ts';
import { createEntryTagger } from './threads.ts';

export interface PgRetagResult extends ScopedRetagResult {
  /** Entries whose stored tag set changed. */
  written: number;
  /** Entries a worker edited between the read and the write of their batch, tagged again from the stored text. */
  reread: number;
}

/** The PostgreSQL store's tagging versions and topic lookup, as retagInScope reads and keeps them. */
function pgRecords(pg: PgStore): RetagRecords {
  return {
    versions: () => pg.tagVersions.list<TaggingVersion>(),
    record: (v) => pg.tagVersions.record(v),
    forgetBefore: (v, since) => pg.tagVersions.forgetBefore(v, since),
    withTopics: (slugs) => pg.tags.withTopics(slugs),
  };
}

/** Stored entries published since `since`, `size` to a page, in id order. */
async function* pagesOf(pg: PgStore, since: string | undefined, size: number): AsyncGenerator<StoredEntry[]> {
  for (let after = 0; ;) {
    const page = await pg.entriesAfter(after, since, size);
    const last = page[page.length - 1];
    if (!last) return;
    after = last.id;
    yield page;
  }
}

export async function retagOnPostgres(
  pg: PgStore,
  taxonomy: Taxonomy,
  sources: Map<string, SourceConfig>,
  opts: RetagProgressOptions & { threads: number },
): Promise<PgRetagResult> {
  const out = { written: 0, reread: 0 };
  const version = taggingVersion(taxonomy, [...sources.values()]);
  const r = await retagInScope(pgRecords(pg), version, opts, async (due) => {
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
    let inFlight: { batch: StoredEntry[]; read: number; tags: Promise<Tag[][]> } | undefined;
    let entries = 0;
    const writeInFlight = async () => {
      const next = inFlight;
      inFlight = undefined;
      if (!next) return;
      const w = await pg.retagBatch(next.batch, await next.tags, tagAll);
      entries += next.batch.length;
      out.written += w.written;
      out.reread += w.reread;
      opts.onProgress?.(next.read);
    };
    // The next batch is read and tagged while the one before it is written.
    const send = async (batch: StoredEntry[], read: number) => {
      const tags = tagAll(batch);
      // Settled by writeInFlight, unless a write before it fails.
      tags.catch(() => {});
      await writeInFlight();
      inFlight = { batch, read, tags };
    };
    try {
      const examined = await sendDue(pagesOf(pg, opts.since, size), due, { size, signal: opts.signal }, send);
      await writeInFlight();
      return { entries, examined };
    } finally {
      inFlight?.tags.catch(() => {});
    }
  });
  return { ...r, ...out };
}
