// Editing config/collections.yaml: list, create, update, delete one collection, keeping the file's comments.
// What a collection may hold is publish's schema (checkCollections), applied to the edited copy before the swap.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { ConfigError } from '../config/index.ts';
import { COLLECTIONS_FILE } from '../publish/index.ts';
import { fileVersion } from './version.ts';
import { editConfigFile, NotFoundError, type FileEdit } from './write.ts';
import { deleteKeepingComments, indexBy, loadListDoc, plain, saveDoc } from './yaml-doc.ts';

/** The terms of a collection's filter (and of its `exclude`), as written in collections.yaml. */
export interface CollectionTerms {
  countries?: string[];
  regions?: string[];
  topics?: string[];
  sources?: string[];
  q?: string;
}

/** A collection as written in collections.yaml. */
export interface CollectionSpec {
  slug: string;
  title: string;
  description?: string;
  filter?: CollectionTerms & { exclude?: CollectionTerms };
  limit?: number;
}

const INITIAL = 'collections:\n';

/** The collections as written, and the file's version (for If-Match on the next edit). */
export function listCollections(configDir: string): { version: string; collections: CollectionSpec[] } {
  const file = path.join(configDir, COLLECTIONS_FILE);
  const version = fileVersion(file);
  if (!existsSync(file)) return { version, collections: [] };
  const listed = (parseDocument(readFileSync(file, 'utf8')).toJS() as { collections?: unknown } | null)?.collections;
  const collections = Array.isArray(listed)
    ? listed.filter((c): c is CollectionSpec => !!c && typeof c === 'object' && typeof c.slug === 'string')
    : [];
  return { version, collections };
}

/** The spec without empty lists and strings, in the file's usual key order. */
function tidy(spec: CollectionSpec): Record<string, unknown> {
  const terms = (t: CollectionTerms | undefined): Record<string, unknown> | undefined => {
    if (!t) return undefined;
    const out: Record<string, unknown> = {};
    for (const key of ['regions', 'countries', 'topics', 'sources'] as const) if (t[key]?.length) out[key] = t[key];
    if (t.q) out.q = t.q;
    return Object.keys(out).length ? out : undefined;
  };
  const filter = terms(spec.filter) ?? {};
  const exclude = terms(spec.filter?.exclude);
  if (exclude) filter.exclude = exclude;
  const out: Record<string, unknown> = { slug: spec.slug, title: spec.title };
  if (spec.description) out.description = spec.description;
  if (Object.keys(filter).length) out.filter = filter;
  if (spec.limit !== undefined) out.limit = spec.limit;
  return out;
}

function notFound(configDir: string, slug: string): NotFoundError {
  return new NotFoundError(`no collection "${slug}" in ${path.join(path.resolve(configDir), COLLECTIONS_FILE)}`);
}

/** Adds a collection at the end of the file; its slug must be new. */
export function createCollection(configDir: string, spec: CollectionSpec, expect?: string): FileEdit {
  return editConfigFile(configDir, COLLECTIONS_FILE, expect, (_copyDir, copyFile) => {
    const { doc, list } = loadListDoc(copyFile, 'collections', INITIAL);
    if (indexBy(list, 'slug', spec.slug) >= 0)
      throw new ConfigError([
        { file: copyFile, field: `collections[${list.items.length}].slug`, reason: `duplicate slug "${spec.slug}"` },
      ]);
    const node = doc.createNode(tidy(spec));
    // A blank line between collections, as the shipped file has them.
    if (list.items.length) node.spaceBefore = true;
    list.items.push(node);
    saveDoc(copyFile, doc);
    return {
      action: 'collections.create',
      target: `collection:${spec.slug}`,
      before: undefined,
      after: tidy(spec),
      result: undefined,
    };
  });
}

/**
 * Replaces the collection `slug` with `spec` (which may rename it): title, description, filter and limit are the
 * spec's; the comments above and inside the collection's entry stay where the keys stay.
 */
export function updateCollection(configDir: string, slug: string, spec: CollectionSpec, expect?: string): FileEdit {
  return editConfigFile(configDir, COLLECTIONS_FILE, expect, (_copyDir, copyFile) => {
    const { doc, list } = loadListDoc(copyFile, 'collections', INITIAL);
    const index = indexBy(list, 'slug', slug);
    const item = list.items[index];
    if (index < 0 || !isMap(item)) throw notFound(configDir, slug);
    if (spec.slug !== slug && indexBy(list, 'slug', spec.slug) >= 0)
      throw new ConfigError([
        { file: copyFile, field: `collections[${index}].slug`, reason: `duplicate slug "${spec.slug}"` },
      ]);
    const before = plain(item);
    const next = tidy(spec);
    // Key by key, so a key that keeps its place keeps its comments.
    for (const key of ['slug', 'title', 'description', 'filter', 'limit']) {
      if (next[key] === undefined) item.delete(key);
      else if (JSON.stringify(plain(item.get(key, true))) !== JSON.stringify(next[key]))
        item.set(key, doc.createNode(next[key]));
    }
    saveDoc(copyFile, doc);
    return { action: 'collections.update', target: `collection:${slug}`, before, after: next, result: undefined };
  });
}

/** Deletes the collection `slug` (its feed URLs answer 404 from then on). */
export function deleteCollection(configDir: string, slug: string, expect?: string): FileEdit {
  return editConfigFile(configDir, COLLECTIONS_FILE, expect, (_copyDir, copyFile) => {
    const { doc, list } = loadListDoc(copyFile, 'collections', INITIAL);
    const index = indexBy(list, 'slug', slug);
    if (index < 0) throw notFound(configDir, slug);
    const before = plain(list.items[index]);
    deleteKeepingComments(list, index);
    saveDoc(copyFile, doc);
    return { action: 'collections.delete', target: `collection:${slug}`, before, after: undefined, result: undefined };
  });
}
