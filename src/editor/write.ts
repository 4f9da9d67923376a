// The one way the editor writes a config file: checked against the version the editor read, applied to a copy of
// the config folder and validated there like `wireroom check`, then swapped in atomically after a last version check.
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, type ConfigProblem } from '../config/index.ts';
import { checkConfigDir } from './check.ts';
import { ABSENT_VERSION, assertVersion, readBytes, StaleFileError, versionOf } from './version.ts';

/** What an edit did, for the caller's response and for an audit log row. */
export interface FileEdit<T = undefined> {
  /** The file written (absolute). */
  file: string;
  /** Its version after the write: the next edit's If-Match. */
  version: string;
  /** Audit log action and target, e.g. `sources.update` on `source:bbc-world`. */
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  /** What the operation returns besides (ids added, ...). */
  result: T;
}

/** The summary an edit returns besides the write itself. */
export interface EditOutcome<T> {
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  result: T;
}

/** A config file's text and version, for an editor that shows the file itself (and sends the version back). */
export function readConfigFile(configDir: string, fileName: string): { file: string; text: string; version: string } {
  const file = path.join(path.resolve(configDir), path.basename(fileName));
  const bytes = readBytes(file);
  return {
    file,
    text: bytes === undefined ? '' : bytes.toString('utf8'),
    version: bytes === undefined ? ABSENT_VERSION : versionOf(bytes),
  };
}

/** The thing an edit names does not exist (HTTP 404): no source, collection, topic or alias by that name. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A copy of the folder's config files (top-level files only: samples and the like are not read by the checks). */
export function copyConfigDir(configDir: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-edit-'));
  try {
    for (const name of readdirSync(configDir)) {
      const from = path.join(configDir, name);
      if (statSync(from).isFile()) copyFileSync(from, path.join(dir, name));
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `fn` on a throwaway copy of the folder (a preview, a dry run) and removes the copy afterwards. */
export function withConfigCopy<T>(configDir: string, fn: (copyDir: string) => T): T {
  const copy = copyConfigDir(configDir);
  try {
    return fn(copy.dir);
  } finally {
    copy.cleanup();
  }
}

/** Problems found in a copy, pointed back at the real folder's files. */
export function inRealDir(problems: ConfigProblem[], copyDir: string, configDir: string): ConfigProblem[] {
  return problems.map((p) => {
    const rel = path.relative(copyDir, p.file);
    const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    return inside ? { ...p, file: path.join(configDir, rel) } : p;
  });
}

// Field paths hold list indices that an edit shifts (sources[4] becomes sources[3]), so problems are compared by
// file and reason: an edit is refused when some reason occurs more often after it than before.
const problemKey = (p: ConfigProblem) => `${path.basename(p.file)}\u0000${p.reason}`;

/** The problems of `after` that `before` did not have. */
export function addedProblems(before: ConfigProblem[], after: ConfigProblem[]): ConfigProblem[] {
  const left = new Map<string, number>();
  for (const p of before) left.set(problemKey(p), (left.get(problemKey(p)) ?? 0) + 1);
  return after.filter((p) => {
    const n = left.get(problemKey(p)) ?? 0;
    if (n > 0) left.set(problemKey(p), n - 1);
    return n === 0;
  });
}

// The folder's problems before an edit, by the versions of its files: a run of edits in the console validates the
// unchanged folder once instead of before every save. Only reasons and file names are compared, so the copy's
// temporary paths in the cached problems do not matter.
const problemsByFolder = new Map<string, ConfigProblem[]>();

function knownProblems(copyDir: string): ConfigProblem[] {
  const key = readdirSync(copyDir)
    .sort()
    .map((name) => `${name}=${versionOf(readBytes(path.join(copyDir, name)) ?? '')}`)
    .join('\n');
  const cached = problemsByFolder.get(key);
  if (cached) return cached;
  const problems = checkConfigDir(copyDir);
  if (problemsByFolder.size >= 8) problemsByFolder.clear();
  problemsByFolder.set(key, problems);
  return problems;
}

/** Writes beside the file, then renames over it if it is still at `version`: never half-written, never lost. */
export function replaceFileIfUnchanged(file: string, text: string | Buffer, version: string): string {
  const tmp = `${file}.tmp-${process.pid}-${Date.now().toString(36)}`;
  writeFileSync(tmp, text);
  try {
    const now = readBytes(file);
    const current = now === undefined ? ABSENT_VERSION : versionOf(now);
    if (current !== version) throw new StaleFileError(file, version, current);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or never written
    }
    throw err;
  }
  return versionOf(text);
}

/**
 * Applies `apply` to the copy of `fileName` in a temporary copy of the config folder (it gets the copy's folder and
 * file, and may edit the file with any of the comment-keeping editors), validates the copy like `wireroom check`,
 * and puts the edited file in place. Refused with StaleFileError when the file is not at `expect` (If-Match; `*` or
 * undefined: any version) or changes during the edit; with ConfigError naming file, line and field when the edit
 * adds problems. The real file is untouched unless everything passes.
 */
export function editConfigFile<T>(
  configDir: string,
  fileName: string,
  expect: string | undefined,
  apply: (copyDir: string, copyFile: string) => EditOutcome<T>,
): FileEdit<T> {
  const dir = path.resolve(configDir);
  const file = path.join(dir, fileName);
  const bytes = readBytes(file);
  const version = bytes === undefined ? ABSENT_VERSION : versionOf(bytes);
  assertVersion(file, expect, version);
  const copy = copyConfigDir(dir);
  try {
    const before = knownProblems(copy.dir);
    const copyFile = path.join(copy.dir, fileName);
    const outcome = apply(copy.dir, copyFile);
    const text = readBytes(copyFile);
    if (text === undefined) throw new Error(`${fileName}: the edit left no file`);
    const added = addedProblems(before, checkConfigDir(copy.dir));
    if (added.length) throw new ConfigError(inRealDir(added, copy.dir, dir));
    const written = replaceFileIfUnchanged(file, text, version);
    return { file, version: written, ...outcome };
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(inRealDir(err.problems, copy.dir, dir));
    throw err;
  } finally {
    copy.cleanup();
  }
}
