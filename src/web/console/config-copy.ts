// How the console names a config file to an editor. (Previews and dry runs edit a throwaway copy of the folder:
// src/editor withConfigCopy.)
import path from 'node:path';

/** A problem's file as an editor knows it: relative to the project folder (config/collections.yaml). */
export function shownFile(configDir: string, file: string): string {
  const rel = path.relative(path.dirname(path.resolve(configDir)), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}
