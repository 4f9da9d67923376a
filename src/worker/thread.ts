// A prepare thread: takes documents from the main thread, returns them parsed, normalized, keyed and tagged.
import { parentPort } from 'node:worker_threads';
import { createTagger, type Tagger } from '../tag/index.ts';
import { prepareDocument } from './prepare.ts';
import { THREAD_TAXONOMIES, type ThreadJob, type ThreadReply } from './threads.ts';

const taggers = new Map<string, Tagger>();

parentPort!.on('message', (job: ThreadJob) => {
  let tagger: Tagger | undefined;
  try {
    if (job.taxonomyKey) {
      tagger = taggers.get(job.taxonomyKey);
      if (!tagger && job.taxonomy) {
        // Oldest out first, as the main thread assumes when it decides whether to send the taxonomy again.
        if (taggers.size >= THREAD_TAXONOMIES) taggers.delete(taggers.keys().next().value!);
        taggers.set(job.taxonomyKey, (tagger = createTagger(job.taxonomy)));
      }
      // Entries must never go untagged quietly: a taxonomy that failed to load fails every document loudly.
      if (!tagger) throw new Error('taxonomy not loaded in this thread');
    }
  } catch (err) {
    return reply({ id: job.id, error: `tagger: ${(err as Error).message}` });
  }
  prepareDocument(job.input, tagger).then(
    (ok) => reply({ id: job.id, ok }),
    (err: Error) => reply({ id: job.id, error: err.message }),
  );
});

function reply(r: ThreadReply): void {
  parentPort!.postMessage(r);
}
