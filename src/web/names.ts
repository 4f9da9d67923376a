// The taxonomy's display names for console pages and API answers, loaded once per change of its files.
import { statSync } from 'node:fs';
import path from 'node:path';
import { COUNTRIES_FILE, TOPICS_FILE } from '../tag/index.ts';
import { loadTagNames, type TagNames } from '../publish/index.ts';

let namesMemo: { key: string; names: TagNames } | undefined;

/**
 * The taxonomy's names (loading them parses the whole taxonomy: a quarter of a second), kept until topics.yaml or
 * countries.yaml changes; undefined while they do not load (`wireroom check` says why).
 */
export function tagNames(configDir: string): TagNames | undefined {
  const key = [
    configDir,
    ...[TOPICS_FILE, COUNTRIES_FILE].map((f) => statSync(path.join(configDir, f), { throwIfNoEntry: false })?.mtimeMs),
  ].join('|');
  if (namesMemo?.key === key) return namesMemo.names;
  try {
    namesMemo = { key, names: loadTagNames(configDir) };
    return namesMemo.names;
  } catch (err) {
    if ((err as Error).name === 'ConfigError') return undefined;
    throw err;
  }
}
