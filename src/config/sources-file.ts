// Edits config/sources.yaml in place through the YAML document model, so editors' comments and order stay.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { ConfigError } from './errors.ts';
import { SOURCE_ID, sourceSchema } from './schema.ts';
import { resolveSourceUrl } from './source-url.ts';
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
        reason: e.message.split('\n')[0] ?? e.message,
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

/** The ids and URLs already listed: a new source may take neither. */
interface Listed {
  ids: Set<string>;
  urls: Set<string>;
}

/** Validates one source like `wireroom check` would and appends it to the list; returns its id. */
function appendItem(doc: Document, file: string, configDir: string, listed: Listed, s: NewSource): string {
  if (listed.urls.has(s.url)) throw new ConfigError([{ file, field: 'url', reason: `${s.url} is already listed` }]);
  const id = s.id ?? suggestId(s.url, listed.ids);
  if (listed.ids.has(id)) throw new ConfigError([{ file, field: 'id', reason: `duplicate id "${id}"` }]);
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
  (doc.get('sources', true) as YAMLSeq).items.push(doc.createNode(plain) as YAMLMap);
  listed.ids.add(id);
  listed.urls.add(s.url);
  return id;
}

function listed(doc: Document): Listed {
  const seq = doc.get('sources', true) as YAMLSeq;
  return { ids: new Set(ids(doc)), urls: new Set(seq.items.map((i) => (isMap(i) ? String(i.get('url') ?? '') : ''))) };
}

/** Adds sources at the end of the list; returns their ids. Nothing is written unless every one is valid. */
export function appendSourcesToFile(file: string, configDir: string, sources: NewSource[]): string[] {
  const doc = load(file);
  const taken = listed(doc);
  const added = sources.map((s) => appendItem(doc, file, configDir, taken, s));
  save(file, doc);
  return added;
}

/** Adds one source at the end of the list; returns its id. */
export function appendSourceToFile(file: string, configDir: string, source: NewSource): string {
  const doc = load(file);
  const id = appendItem(doc, file, configDir, listed(doc), source);
  save(file, doc);
  return id;
}

/** Comment lines as the yaml library keeps them: one string, "" for a blank line. */
const commentLines = (c: string | null | undefined): string[] => (c ? c.split('\n') : []);
const joinComment = (lines: string[]): string | undefined => (lines.length ? lines.join('\n') : undefined);

/** Removes one source by id, with the comment lines that are its own; false if it was not listed. */
export function dropSourceFromFile(file: string, id: string): boolean {
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
  // Lines directly above the item are its own; lines a blank line separates from it head a group and stay.
  const split = block.lastIndexOf('') + 1;
  // So does the comment of an item that opens a group with no header of its own, when the next item follows it.
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
