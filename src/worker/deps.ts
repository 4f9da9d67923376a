// Builds what a cycle needs from the config: the preparer (parse, sanitize, tag, sketch; on threads when
// configured) and the story detector.
import type { WireroomConfig } from '../config/index.ts';
import { createStoryDetector, storySettings } from '../dedup/index.ts';
import type { Store } from '../store/index.ts';
import { loadTaxonomy } from '../tag/index.ts';
import { SeenItems } from './seen-items.ts';
import { createPreparer, type Preparer } from './threads.ts';
import type { Logger, WorkerDeps } from './types.ts';

export function createWorkerDeps(
  config: WireroomConfig,
  store: Store,
  log?: Logger,
  opts: { threads?: number; rememberItems?: boolean } = {},
): WorkerDeps {
  const deps: WorkerDeps = {
    config,
    store,
    log,
    preparer: createPreparer({ threads: opts.threads ?? config.ingestThreads, taxonomy: loadTaxonomy(config.dir) }),
    stories: createStoryDetector(store, storySettings(config.sources)),
  };
  if (opts.rememberItems) deps.seen = new SeenItems();
  return deps;
}

/**
 * The preparer for an edited config folder. The thread pool is shared, so a new preparer only hands the threads the
 * new taxonomy. A taxonomy that no longer loads keeps the running one.
 */
export function preparerForConfig(running: Preparer, config: WireroomConfig, log?: Logger): Preparer {
  let next: Preparer;
  try {
    next = createPreparer({ threads: config.ingestThreads, taxonomy: loadTaxonomy(config.dir) });
  } catch (err) {
    log?.warn({ err: (err as Error).message }, 'taxonomy edit not applied');
    return running;
  }
  // The one an earlier edit made is ours to close (called between cycles: nothing runs on it). Its pool stops only
  // if no other preparer uses it; the caller's own preparer is the caller's to close.
  if (fromEdit.has(running)) void running.close();
  fromEdit.add(next);
  return next;
}

/** Preparers made here for an edit, as opposed to the one the caller made and closes. */
const fromEdit = new WeakSet<Preparer>();

/** The deps for an edited config folder: its sources, settings and taxonomy. */
export function depsForConfig(deps: WorkerDeps, config: WireroomConfig): WorkerDeps {
  const preparer = preparerForConfig(deps.preparer, config, deps.log);
  deps.seen?.keepOnly(new Set(config.sources.map((s) => s.id)));
  return { ...deps, config, preparer, stories: createStoryDetector(deps.store, storySettings(config.sources)) };
}
