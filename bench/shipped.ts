// The compiled modules (dist/, what `npm install` builds and users run), typed as their sources, for the benches
// that run the pipeline in their own process. Run from src/ under tsx, esbuild's keepNames wraps every named
// closure in a __name call that tsc never emits: ~10% of tagging's CPU that no user pays (#14).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import buildDist from '../tests/helpers/build-dist.ts';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

await buildDist();
const load = <T>(file: string): Promise<T> => import(pathToFileURL(path.join(DIST, file)).href) as Promise<T>;

export const { loadConfig } = await load<typeof import('../src/config/index.ts')>('config/index.js');
export const {
  assignKeys,
  assignStory,
  createFounderOnlyAssigner,
  createStoryDetector,
  DEFAULT_STORY_SETTINGS,
  encodeSketchKey,
  RecentBuckets,
  sketch,
  storySettings,
  storyUrl,
} = await load<typeof import('../src/dedup/index.ts')>('dedup/index.js');
export const { normalizeFeed } = await load<typeof import('../src/normalize/index.ts')>('normalize/index.js');
export const { parseFeed } = await load<typeof import('../src/parse/index.ts')>('parse/index.js');
export const { openStore } = await load<typeof import('../src/store/index.ts')>('store/index.js');
export const { sanitizeHtml } = await load<typeof import('../src/sanitize/index.ts')>('sanitize/index.js');
export const { createTagger, loadTaxonomy, tagEntry } =
  await load<typeof import('../src/tag/index.ts')>('tag/index.js');
export const { createWorkerDeps } = await load<typeof import('../src/worker/deps.ts')>('worker/deps.js');
export const { retag, retagOnThreads } = await load<typeof import('../src/worker/retag.ts')>('worker/retag.js');
export const { createPreparer, ingestSource, runCycle } =
  await load<typeof import('../src/worker/index.ts')>('worker/index.js');
