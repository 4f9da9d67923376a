// The config folder as it is now: reloaded when a file in it changes (an editor at the CLI or in the console),
// so a long-running process sees new sources without a restart. A folder that stops validating keeps the last
// good config in use, and the caller hears why once per change.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type WireroomConfig } from './index.ts';

/**
 * A fingerprint of the folder's YAML files and the model weights beside them (`npm run train:topics` and
 * `train:countries` write JSON): names, sizes and modification times.
 */
function stamp(dir: string): string {
  try {
    return readdirSync(dir)
      .filter((f) => /\.(?:ya?ml|json)$/.test(f))
      .sort()
      .map((f) => {
        const st = statSync(path.join(dir, f));
        return `${f}:${st.size}:${st.mtimeMs}`;
      })
      .join('|');
  } catch {
    return '';
  }
}

export function liveConfig(
  initial: WireroomConfig,
  onError: (err: Error) => void,
  overrides: { db?: string } = {},
): () => WireroomConfig {
  let current = initial;
  let seen = stamp(initial.dir);
  return () => {
    const now = stamp(initial.dir);
    if (now === seen) return current;
    seen = now;
    try {
      // The database and the served address are fixed for the life of the process.
      const fresh = loadConfig(initial.dir, { db: overrides.db ?? initial.databasePath });
      current = { ...fresh, site: initial.site, server: initial.server, databasePath: initial.databasePath };
    } catch (err) {
      onError(err as Error);
    }
    return current;
  };
}
