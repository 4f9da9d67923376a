// Edits config/sources.yaml in place through the YAML document model, so editors' comments and order stay.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { ConfigError } from './errors.ts';
import { resolveSourceUrl } from './index.ts';
import { SOURCE_ID, sourceSchema } from './schema.ts';
import { fieldName } from './yaml.ts';

export interface NewSource {
  id?: string;
  url: string;
  title?: string;
  country?: string;
  topics?: string[];
  interval?: string;
  enabled?: boolean;
}

function load(file: string): Document {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : 'sources:\n';
  const doc = parseDocument(text);
  if (doc.errors.length)
    throw new ConfigError(
      doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0]?.line,
        field: '(syntax)',
        reason: e.message.split('\n')[0]!,
      })),
    );
  if (!isMap(doc.contents)) doc.contents = doc.createNode({ sources: [] }) as never;
  if (!isSeq(doc.get('sources', true))) doc.set('sources', new YAMLSeq());
  return doc;
}

function save(file: string, doc: Document): void {
  // Write then rename: an editor's file is never left half-written.
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, String(doc));
  renameSync(tmp, file);
}

function ids(doc: Document): string[] {
  const seq = doc.get('sources', true) as YAMLSeq;
  return seq.items.map((item) => (isMap(item) ? String(item.get('id') ?? '') : ''));
}

/** A readable, unique id from the URL: bbc-co-uk-news-world */
export function suggestId(url: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let base: string;
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^(www|feeds?|rss)\./, '');
    const pathPart = u.pathname
      .replace(/\.(xml|rss|atom|json|php|htm|html)$/i, '')
      .replace(/\b(feeds?|rss|atom|index)\b/gi, '');
    base = `${host}-${pathPart}`;
  } catch {
    base = url;
  }
  base =
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'source';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Adds sources at the end of the list; returns their ids. Validates each like `wireroom check` would. */
export function addSources(file: string, configDir: string, sources: NewSource[]): string[] {
  const doc = load(file);
  const seq = doc.get('sources', true) as YAMLSeq;
  const taken = new Set(ids(doc));
  const takenUrls = new Set(seq.items.map((i) => (isMap(i) ? String(i.get('url') ?? '') : '')));
  const added: string[] = [];
  for (const s of sources) {
    if (takenUrls.has(s.url)) throw new ConfigError([{ file, field: 'url', reason: `${s.url} is already listed` }]);
    const id = s.id ?? suggestId(s.url, taken);
    if (taken.has(id)) throw new ConfigError([{ file, field: 'id', reason: `duplicate id "${id}"` }]);
    if (!SOURCE_ID.test(id))
      throw new ConfigError([
        { file, field: 'id', reason: `invalid id "${id}": lower-case letters, digits, ".", "_" or "-"` },
      ]);
    const plain: Record<string, unknown> = { id, url: s.url };
    if (s.title) plain.title = s.title;
    if (s.enabled === false) plain.enabled = false;
    if (s.country) plain.country = s.country;
    if (s.topics?.length) plain.topics = s.topics;
    if (s.interval) plain.interval = s.interval;
    const check = sourceSchema.safeParse(plain);
    if (!check.success) {
      throw new ConfigError(check.error.issues.map((i) => ({ file, field: fieldName(i.path), reason: i.message })));
    }
    try {
      resolveSourceUrl(s.url, configDir);
    } catch (err) {
      throw new ConfigError([{ file, field: 'url', reason: `invalid URL "${s.url}": ${(err as Error).message}` }]);
    }
    seq.items.push(doc.createNode(plain) as YAMLMap);
    taken.add(id);
    takenUrls.add(s.url);
    added.push(id);
  }
  save(file, doc);
  return added;
}

/** Comment lines as the yaml library keeps them: one string, "" for a blank line. */
const commentLines = (c: string | null | undefined): string[] => (c ? c.split('\n') : []);
const joinComment = (lines: string[]): string | undefined => (lines.length ? lines.join('\n') : undefined);

/**
 * Removes one source by id; false if it was not listed.
 *
 * Which comment lines above the item leave with it: lines directly above it (no blank line between) are its
 * own. Lines that a blank line separates from it head a group and stay. One exception: when the item opens a
 * group (first in the list or after a blank line), has no separate header, and the next item directly follows
 * it, its comment heads the group and stays too. What stays moves above the next item (or after the list).
 */
export function removeSource(file: string, id: string): boolean {
  const doc = load(file);
  const seq = doc.get('sources', true) as YAMLSeq;
  const index = ids(doc).indexOf(id);
  if (index < 0) return false;
  const item = seq.items[index] as YAMLMap;
  const next = seq.items[index + 1] as YAMLMap | undefined;
  // The yaml library hangs the first item's comment (and the blank line above it) on the sequence itself.
  const first = index === 0;
  const block = [...commentLines(first ? seq.commentBefore : undefined), ...commentLines(item.commentBefore)];
  const blankAbove = first ? !!seq.spaceBefore : !!item.spaceBefore;
  const split = block.lastIndexOf('') + 1;
  const headsGroup =
    split === 0 && (first || blankAbove) && next !== undefined && !next.spaceBefore && !next.commentBefore;
  const kept = headsGroup ? block : block.slice(0, split);
  seq.delete(index);
  if (first) seq.commentBefore = undefined;

  if (!next) {
    // Last item: a group header it leaves behind stays, after the list.
    if (kept.at(-1) === '') kept.pop();
    if (kept.length) seq.comment = joinComment([...(blankAbove ? [''] : []), ...kept, ...commentLines(seq.comment)]);
  } else {
    // A blank line that stood between the two items now separates the kept lines from the next item's own.
    const gap = next.spaceBefore && kept.length && kept.at(-1) !== '' ? [''] : [];
    const merged = joinComment([...kept, ...gap, ...commentLines(next.commentBefore)]);
    if (first) {
      seq.commentBefore = merged;
      next.commentBefore = undefined;
      next.spaceBefore = undefined;
    } else {
      next.commentBefore = merged;
      next.spaceBefore = (kept.length ? blankAbove : blankAbove || next.spaceBefore) || undefined;
    }
  }
  save(file, doc);
  return true;
}
