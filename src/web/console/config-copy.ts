// A throwaway copy of the config folder: what a preview or a dry run edits instead of the real files, so the
// candidate is checked and queried by the same code as a saved one while nothing the editor sees is written.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConfigProblem } from '../../config/index.ts';

/** Runs `fn` on a copy of the folder's top-level files and removes the copy afterwards. */
export function withConfigCopy<T>(configDir: string, fn: (copyDir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-candidate-'));
  try {
    for (const name of readdirSync(configDir)) {
      const from = path.join(configDir, name);
      if (statSync(from).isFile()) copyFileSync(from, path.join(dir, name));
    }
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Problems found in a copy, named by the real folder's files. */
export function inRealFolder(problems: ConfigProblem[], copyDir: string, configDir: string): ConfigProblem[] {
  return problems.map((p) =>
    p.file.startsWith(copyDir) ? { ...p, file: path.join(configDir, path.relative(copyDir, p.file)) } : p,
  );
}

/** A problem's file as an editor knows it: relative to the project folder (config/collections.yaml). */
export function shownFile(configDir: string, file: string): string {
  const rel = path.relative(path.dirname(path.resolve(configDir)), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}
