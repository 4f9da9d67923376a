// What the console and the API share about the config folder: the problems `wireroom check` reports, the text of
// wireroom.yaml checked like check before it is written (with its file version: 412 when stale), and where a
// static export goes.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../auth/index.ts';
import { MAIN_FILE, type ConfigProblem, type WireroomConfig } from '../../config/index.ts';
import {
  addedProblems,
  checkConfigDir,
  editConfigFile,
  fileVersion,
  type EditorStore,
  type FileEdit,
  inRealDir,
  withConfigCopy,
} from '../../editor/index.ts';
import { shownFile } from './config-copy.ts';

/** A problem as an editor reads it: the file relative to the project folder, and the line check prints. */
export interface ShownProblem {
  file: string;
  line?: number;
  field: string;
  reason: string;
  /** `config/collections.yaml:12: collections[0].filter.topics[0]: unknown topic ...` */
  text: string;
}

export function shownProblems(configDir: string, problems: readonly ConfigProblem[]): ShownProblem[] {
  return problems.map((p) => {
    const file = shownFile(configDir, p.file);
    const at = p.line ? `${file}:${p.line}` : file;
    const shown: ShownProblem = {
      file,
      field: p.field,
      reason: p.reason,
      text: `${at}: ${p.field || '(document)'}: ${p.reason}`,
    };
    if (p.line) shown.line = p.line;
    return shown;
  });
}

/** wireroom.yaml as it is now, and its version (If-Match for the next write). */
export function readMainConfig(configDir: string): { file: string; version: string; text: string } {
  const file = path.join(configDir, MAIN_FILE);
  const version = fileVersion(file);
  return { file: MAIN_FILE, version, text: readFileSync(file, 'utf8') };
}

/** The problems the folder would have with `text` as its wireroom.yaml that it does not have now; nothing written. */
export function checkMainCandidate(configDir: string, text: string): ConfigProblem[] {
  const now = checkConfigDir(configDir);
  return withConfigCopy(configDir, (copy) => {
    writeFileSync(path.join(copy, MAIN_FILE), text);
    return addedProblems(now, inRealDir(checkConfigDir(copy), copy, configDir));
  });
}

/** Lines only one side has: what the audit row keeps of a wireroom.yaml edit. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = new Set(before.split('\n'));
  const b = new Set(after.split('\n'));
  return { removed: [...a].filter((l) => !b.has(l)), added: [...b].filter((l) => !a.has(l)) };
}

/**
 * Replaces wireroom.yaml with `text` if the file is still at `version` and the folder passes check with it (no new
 * problems); writes the audit row. Throws StaleFileError (412) or ConfigError (422) and leaves the file otherwise.
 */
export async function saveMainConfig(
  store: Pick<EditorStore, 'auditFileEdit'>,
  actor: Actor,
  configDir: string,
  text: string,
  version: string | undefined,
): Promise<FileEdit> {
  const done = editConfigFile(configDir, MAIN_FILE, version, (_copyDir, copyFile) => {
    const before = readFileSync(copyFile, 'utf8');
    writeFileSync(copyFile, text);
    return {
      action: 'config.main.update',
      target: `config:${MAIN_FILE}`,
      before: undefined,
      after: changedLines(before, text),
      result: undefined,
    };
  });
  await store.auditFileEdit(actor, done);
  return done;
}

/** The folder a static export writes into (publish.export_dir, relative to the project folder). */
export function exportFolder(config: WireroomConfig): string {
  return path.resolve(config.dir, '..', config.publish.export_dir);
}
