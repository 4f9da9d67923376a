// What the main thread and a prepare thread say to each other (threads.ts and thread.ts). Kept apart from the pool so
// that a thread loads only what it runs: the pool's module imports the taxonomy loader, with zod and YAML.
import type { Taxonomy } from '../tag/index.ts';
import type { Entry, SourceConfig, Tag } from '../types.ts';
import type { PrepareInput, PreparedDocument } from './prepare.ts';

/** How many taggers a thread keeps: a config reload brings a new taxonomy, and a test process runs several. */
export const THREAD_TAXONOMIES = 4;

/** A stored entry to tag again (retag), with its source's priors: the thread calls tagEntry as ingest does. */
export interface TagJobEntry {
  entry: Entry;
  source?: Pick<SourceConfig, 'country' | 'topics'>;
}

/**
 * What a thread is sent: a fetched document to prepare, or entries to tag. The taxonomy travels once per thread
 * and fingerprint; the thread keeps its tagger.
 */
export type ThreadJob = { id: number; taxonomyKey?: string; taxonomy?: Taxonomy } & (
  { input: PrepareInput } | { tag: TagJobEntry[] }
);

export type ThreadReply =
  { id: number; ok: PreparedDocument } | { id: number; tags: Tag[][] } | { id: number; error: string };

/** What a thread starts with: the tagger's city table, shared, when the pool tags (see sharedTaggerData). */
export interface ThreadData {
  taggerData?: SharedArrayBuffer;
}
