// Builds what a cycle needs from the config: the tagger (taxonomy from the config folder) and the story detector.
import type { WireroomConfig } from '../config/index.ts';
import { createStoryDetector, storySettings } from '../dedup/index.ts';
import type { Store } from '../store/index.ts';
import { createTagger, loadTaxonomy, tagEntry } from '../tag/index.ts';
import type { Logger, WorkerDeps } from './types.ts';

export function createWorkerDeps(config: WireroomConfig, store: Store, log?: Logger): WorkerDeps {
  const tagger = createTagger(loadTaxonomy(config.dir));
  return {
    config,
    store,
    log,
    tagger: { tagEntry: (entry, source) => tagEntry(tagger, entry, source) },
    stories: createStoryDetector(store, storySettings(config.sources)),
  };
}
