// Editing config/sources.yaml: add, update, enable or disable, remove. Each edit goes through editConfigFile
// (version check, validation on a copy, atomic swap) and keeps the file's comments and order.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import {
  appendSourceToFile,
  appendSourcesToFile,
  ConfigError,
  dropSourceFromFile,
  SOURCES_FILE,
  sourcesFileIn,
  type NewSource,
} from '../config/index.ts';
import { fileVersion } from './version.ts';
import { editConfigFile, NotFoundError, type FileEdit } from './write.ts';
import { indexBy, loadListDoc, plain, saveDoc } from './yaml-doc.ts';

/** A source as listed in sources.yaml (unresolved: `url` as written, `interval` as written). */
export interface ListedSource {
  id: string;
  url: string;
  title?: string;
  enabled?: boolean;
  country?: string;
  topics?: string[];
  interval?: string | number;
  priority?: number;
}

/** Fields to change on a source; `null` removes an optional field (the default applies again). */
export interface SourcePatch {
  url?: string;
  title?: string | null;
  country?: string | null;
  topics?: string[] | null;
  interval?: string | number | null;
  enabled?: boolean;
}

/** The sources as written in sources.yaml, and the file's version (for If-Match on the next edit). */
export function listSources(configDir: string): { version: string; sources: ListedSource[] } {
  const file = sourcesFileIn(configDir);
  const version = fileVersion(file);
  if (!existsSync(file)) return { version, sources: [] };
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const listed = (doc.toJS() as { sources?: unknown } | null)?.sources;
  const sources = Array.isArray(listed)
    ? listed.filter((s): s is ListedSource => !!s && typeof s === 'object' && typeof s.id === 'string')
    : [];
  return { version, sources };
}

/** `wireroom sources add` as an edit: appends the source, validated, and returns its id. */
export function addSource(configDir: string, source: NewSource, expect?: string): FileEdit<{ id: string }> {
  return editConfigFile(configDir, SOURCES_FILE, expect, (copyDir, copyFile) => {
    const id = appendSourceToFile(copyFile, copyDir, source);
    const after = listedSource(copyFile, id);
    return { action: 'sources.add', target: `source:${id}`, before: undefined, after, result: { id } };
  });
}

/** Adds several sources at once (an OPML import); nothing is written unless all are valid. */
export function addSources(configDir: string, sources: NewSource[], expect?: string): FileEdit<{ ids: string[] }> {
  return editConfigFile(configDir, SOURCES_FILE, expect, (copyDir, copyFile) => {
    const ids = appendSourcesToFile(copyFile, copyDir, sources);
    return {
      action: 'sources.import',
      target: 'sources',
      before: undefined,
      after: { ids },
      result: { ids },
    };
  });
}

function listedSource(file: string, id: string): unknown {
  const { list } = loadListDoc(file, 'sources');
  return plain(list.items[indexBy(list, 'id', id)]);
}

function setOrDelete(item: YAMLMap, key: string, value: unknown): void {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) item.delete(key);
  else item.set(key, value);
}

/** Changes fields of the source `id`; a field not in the patch stays as written. */
export function updateSource(configDir: string, id: string, patch: SourcePatch, expect?: string): FileEdit {
  return editConfigFile(configDir, SOURCES_FILE, expect, (_copyDir, copyFile) => {
    const { doc, list } = loadListDoc(copyFile, 'sources');
    const index = indexBy(list, 'id', id);
    const item = list.items[index];
    if (index < 0 || !isMap(item))
      throw new NotFoundError(`no source "${id}" in ${sourcesFileIn(path.resolve(configDir))}`);
    const before = plain(item);
    if (patch.url !== undefined && patch.url !== item.get('url')) {
      const taken = list.items.some((other) => other !== item && isMap(other) && other.get('url') === patch.url);
      if (taken)
        throw new ConfigError([
          { file: copyFile, field: `sources[${index}].url`, reason: `${patch.url} is already listed` },
        ]);
      item.set('url', patch.url);
    }
    if (patch.title !== undefined) setOrDelete(item, 'title', patch.title);
    if (patch.country !== undefined) setOrDelete(item, 'country', patch.country);
    if (patch.topics !== undefined) setOrDelete(item, 'topics', patch.topics ? doc.createNode(patch.topics) : null);
    if (patch.interval !== undefined) setOrDelete(item, 'interval', patch.interval);
    // enabled: true is the default, so it is not written out.
    if (patch.enabled !== undefined) setOrDelete(item, 'enabled', patch.enabled ? null : false);
    saveDoc(copyFile, doc);
    return { action: 'sources.update', target: `source:${id}`, before, after: plain(item), result: undefined };
  });
}

/** Enables or disables the source `id` (a disabled source stays listed but is not fetched). */
export function setSourceEnabled(configDir: string, id: string, enabled: boolean, expect?: string): FileEdit {
  const edit = updateSource(configDir, id, { enabled }, expect);
  return { ...edit, action: enabled ? 'sources.enable' : 'sources.disable' };
}

/** Takes the source `id` out of the list with the comment lines that are its own; stored entries stay. */
export function removeSource(configDir: string, id: string, expect?: string): FileEdit {
  return editConfigFile(configDir, SOURCES_FILE, expect, (_copyDir, copyFile) => {
    const { list } = loadListDoc(copyFile, 'sources');
    const before = plain(list.items[indexBy(list, 'id', id)]);
    if (!dropSourceFromFile(copyFile, id))
      throw new NotFoundError(`no source "${id}" in ${sourcesFileIn(path.resolve(configDir))}`);
    return { action: 'sources.remove', target: `source:${id}`, before, after: undefined, result: undefined };
  });
}
