// Builds what a cycle needs from the config: the store, the tagger, the story detector and a logger.
import type { WireroomConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import type { Logger, WorkerDeps } from './types.ts';

export function createWorkerDeps(config: WireroomConfig, store: Store, log?: Logger): WorkerDeps {
  return { config, store, log };
}
