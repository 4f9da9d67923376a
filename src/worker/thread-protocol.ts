// What the main thread and a prepare thread say to each other (threads.ts and thread.ts). Kept apart from the pool so
// that a thread loads only what it runs: the pool's module imports the taxonomy loader, with zod and YAML.
import type { RetagScope, Taxonomy } from '../tag/index.ts';
import type { Entry, SourceConfig, Tag } from '../types.ts';
import type { PrepareInput, PreparedDocument } from './prepare.ts';

/** How many taggers a thread keeps: a config reload brings a new taxonomy, and a test process runs several. */
export const THREAD_TAXONOMIES = 4;

/** A stored entry to tag again (retag), with its source's priors: the thread calls tagEntry as ingest does. */
export interface TagJobEntry {
  entry: Entry;
  source?: Pick<SourceConfig, 'country' | 'topics'>;
  /** In a job with a scope: whether the entry's stored tags hold a changed topic (RetagScope.topics). */
  taggedWith?: boolean;
}

/**
 * What a thread is sent: a fetched document to prepare, or entries to tag: all of them, or, with an edit's `scope`,
 * only those in it (src/tag/scope.ts: the thread tests each one). The taxonomy travels once per thread and
 * fingerprint; the thread keeps its tagger. A scope is a few sets of words, sent with each job.
 */
export type ThreadJob = { id: number; taxonomyKey?: string; taxonomy?: Taxonomy } & (
  { input: PrepareInput } | { tag: TagJobEntry[]; scope?: RetagScope }
);

export type ThreadReply =
  { id: number; ok: PreparedDocument } | { id: number; tags: PackedTags } | { id: number; error: string };

/** What a thread starts with: the tagger's city table, shared, when the pool tags (see sharedTaggerData). */
export interface ThreadData {
  taggerData?: SharedArrayBuffer;
}

/**
 * Tag lists as a thread sends them back (retag): one flat array holding, per entry, its number of tags and then seven
 * values per tag: kind, value, score, role, rule, match, field (null where a tag has none), the fields a stored set
 * keeps. Cloned as nested Tag objects (two objects per tag), the lists cost both sides about twice as much. An entry
 * left untagged (out of a job's scope: null) is a count of -1 and no tags.
 */
export type PackedTags = (string | number | null)[];

const PACKED_FIELDS = 7;
const UNTAGGED = -1;

export function packTags(lists: readonly (readonly Tag[] | null)[]): PackedTags {
  const out: PackedTags = [];
  for (const tags of lists) {
    if (!tags) {
      out.push(UNTAGGED);
      continue;
    }
    out.push(tags.length);
    for (const t of tags)
      out.push(t.kind, t.value, t.score, t.role ?? null, t.reason.rule, t.reason.match ?? null, t.reason.field ?? null);
  }
  return out;
}

/** The lists packTags packed: null for an entry left untagged. */
export function unpackTags(packed: PackedTags): (Tag[] | null)[] {
  const lists: (Tag[] | null)[] = [];
  let i = 0;
  while (i < packed.length) {
    const count = packed[i++] as number;
    if (count === UNTAGGED) {
      lists.push(null);
      continue;
    }
    const tags: Tag[] = [];
    for (let k = 0; k < count; k++) {
      tags.push(unpackTag(packed, i));
      i += PACKED_FIELDS;
    }
    lists.push(tags);
  }
  return lists;
}

/** The tag whose seven values start at `i`; optional fields left out where null, as the tagger leaves them. */
function unpackTag(packed: PackedTags, i: number): Tag {
  const reason: Tag['reason'] = { rule: packed[i + 4] as string };
  const match = packed[i + 5];
  const field = packed[i + 6];
  if (match != null) reason.match = match as string;
  if (field != null) reason.field = field as NonNullable<Tag['reason']['field']>;
  const tag: Tag = {
    kind: packed[i] as Tag['kind'],
    value: packed[i + 1] as string,
    score: packed[i + 2] as number,
    reason,
  };
  const role = packed[i + 3];
  if (role != null) tag.role = role as NonNullable<Tag['role']>;
  return tag;
}
