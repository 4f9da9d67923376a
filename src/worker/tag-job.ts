// What a retag's tag job does, on a prepare thread (thread.ts) or inline with no threads (threads.ts): tags every
// entry, or, given an edit's scope, tests each entry's scope first (src/tag/scope.ts: tokenizing its text, as costly
// as a good part of tagging it) and tags only those in it. An entry out of the scope is left untagged (null): its
// stored tags cannot change, and nothing is written for it.
import { inScope, type RetagScope } from '../tag/scope.ts';
import { tagEntry, type Tagger } from '../tag/tagger.ts';
import type { Tag } from '../types.ts';
import type { TagJobEntry } from './thread-protocol.ts';

export function runTagJob(tagger: Tagger, entries: readonly TagJobEntry[], scope?: RetagScope): (Tag[] | null)[] {
  // Every entry's scope first, then the tagging of those in it.
  const due = entries.map((e) => !scope || inScope(scope, e.entry, e.taggedWith === true));
  return entries.map((e, i) => (due[i] ? tagEntry(tagger, e.entry, e.source) : null));
}
