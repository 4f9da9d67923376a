// A temp copy of the shipped config/ folder for editor tests, and the comment lines of a file.
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';

/** A fresh copy of config/ (with its samples) in a temp folder; `file(name)` is a path inside it. */
export function configCopy() {
  const tmp = tempDir('wireroom-editor-');
  const dir = path.join(tmp.dir, 'config');
  cpSync(path.join(REPO_ROOT, 'config'), dir, { recursive: true });
  return { root: tmp.dir, dir, file: (name: string) => path.join(dir, name), cleanup: tmp.cleanup };
}

/** Every comment line of a YAML file, trimmed (what an edit must not lose). */
export function commentLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));
}

export const bytes = (file: string) => readFileSync(file);
