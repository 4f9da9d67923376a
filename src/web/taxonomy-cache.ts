// What the console and API read from the taxonomy files (display names, a tagger to try text with), loaded once
// per change of topics.yaml or countries.yaml: parsing the taxonomy takes a quarter of a second.
import { statSync } from 'node:fs';
import path from 'node:path';
import { COUNTRIES_FILE, createTagger, loadTaxonomy, TOPICS_FILE, type Tagger } from '../tag/index.ts';
import { loadTagNames, type TagNames } from '../publish/index.ts';

let namesMemo: { key: string; names: TagNames } | undefined;
let taggerMemo: { key: string; tagger: Tagger } | undefined;

function filesKey(configDir: string): string {
  return [
    configDir,
    ...[TOPICS_FILE, COUNTRIES_FILE].map((f) => statSync(path.join(configDir, f), { throwIfNoEntry: false })?.mtimeMs),
  ].join('|');
}

/**
 * The taxonomy's names (loading them parses the whole taxonomy: a quarter of a second), kept until topics.yaml or
 * countries.yaml changes; undefined while they do not load (`wireroom check` says why).
 */
export function tagNames(configDir: string): TagNames | undefined {
  const key = filesKey(configDir);
  if (namesMemo?.key === key) return namesMemo.names;
  try {
    namesMemo = { key, names: loadTagNames(configDir) };
    return namesMemo.names;
  } catch (err) {
    if ((err as Error).name === 'ConfigError') return undefined;
    throw err;
  }
}

/** The tagger of the taxonomy as it is now (a ConfigError when it does not load). */
export function taggerFor(configDir: string): Tagger {
  const key = filesKey(configDir);
  if (taggerMemo?.key !== key) taggerMemo = { key, tagger: createTagger(loadTaxonomy(configDir)) };
  return taggerMemo.tagger;
}
