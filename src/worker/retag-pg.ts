// Retag on PostgreSQL (issue #15): retagOnThreads's pipeline over the PostgreSQL store (retagDue). Pages are read by
// keyset on id, tagged on the prepare threads while the batch before them is written, and each batch written in one
// transaction (src/store/pg/retag.ts: overrides on top, unchanged sets not written, entries edited meanwhile tagged
// again). As on SQLite, only the entries the edits since the recorded tagging versions can change are tagged
// (retag-scope.ts), the threads telling which.
import type { StoredEntry } from '../store/index.ts';
import type { PgStore } from '../store/index.ts';
import { taggingVersion, type TaggingVersion, type Taxonomy } from '../tag/index.ts';
import type { SourceConfig } from '../types.ts';
import {
  retagDue,
  retagInScope,
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
  const size = opts.batch ?? 1000;
  const r = await retagInScope(pgRecords(pg), version, opts, (due) =>
    retagDue(due, {
      pages: pagesOf(pg, opts.since, size),
      tagger: createEntryTagger({ threads: opts.threads, taxonomy }),
      sources,
      size,
      signal: opts.signal,
      onProgress: opts.onProgress,
      // Entries a worker edited after they were read are tagged again in full: their new text may be in any scope.
      async write(batch, tags, tagAgain) {
        const w = await pg.retagBatch(batch, tags, tagAgain);
        out.written += w.written;
        out.reread += w.reread;
      },
    }),
  );
  return { ...r, ...out };
}
