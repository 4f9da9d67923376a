// Config files as yaml Documents: edits go through the document model, so editors' comments, order and styles stay.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, YAMLSeq, type Document } from 'yaml';
import { ConfigError } from '../config/index.ts';

/** The text each loaded document was parsed from: saveDoc writes in its style. */
const originals = new WeakMap<Document, string>();

/** The file as a document whose top level is a map holding a `key` list (created when absent). */
export function loadListDoc(file: string, key: string, initial = `${key}:\n`): { doc: Document; list: YAMLSeq } {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : initial;
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
  if (!isMap(doc.contents)) doc.contents = doc.createNode({ [key]: [] }) as never;
  if (!isSeq(doc.get(key, true))) doc.set(key, new YAMLSeq());
  originals.set(doc, text);
  return { doc, list: doc.get(key, true) as YAMLSeq };
}

// Inside-brace spacing is not kept per node by the yaml library: `{ name: X }` and `[a, b]` may sit in one file.
const unpadded = (line: string) => line.replace(/([{[]) +/g, '$1').replace(/ +([}\]])/g, '$1');

/**
 * The document as text in the style of the file it came from: no line folding, and every line that did not change
 * exactly as it was written (a new line takes the file's usual spacing inside flow maps).
 */
export function stringifyLike(doc: Document, original: string): string {
  const out = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const written = new Map<string, string>();
  for (const line of original.split('\n')) written.set(unpadded(line), line);
  const padMaps = /\{ \S/.test(original);
  return out
    .split('\n')
    .map((line) => {
      const same = written.get(line);
      if (same !== undefined) return same;
      return padMaps ? line.replace(/\{(\S[^{}\n]*\S)\}/g, '{ $1 }') : line;
    })
    .join('\n');
}

/** Writes the document back (into the edit's copy of the config folder: the real file is swapped in later). */
export function saveDoc(file: string, doc: Document): void {
  writeFileSync(file, stringifyLike(doc, originals.get(doc) ?? ''));
}

/** Index of the list item whose `field` is `value`, or -1. */
export function indexBy(list: YAMLSeq, field: string, value: string): number {
  return list.items.findIndex((item) => isMap(item) && String(item.get(field)) === value);
}

/** A plain copy of a node's value (for before/after summaries). */
export function plain(node: unknown): unknown {
  if (node && typeof node === 'object' && 'toJSON' in node) return (node as { toJSON(): unknown }).toJSON();
  return node;
}

/**
 * Deletes a list item; the comment lines above it (a group header such as `# Latin America`) move to the item that
 * follows, or below the list when it was the last, so removing one entry never removes a heading.
 */
export function deleteKeepingComments(list: YAMLSeq, index: number): void {
  const item = list.items[index] as { commentBefore?: string | null; spaceBefore?: boolean } | undefined;
  const next = list.items[index + 1] as { commentBefore?: string | null; spaceBefore?: boolean } | undefined;
  const own = item?.commentBefore;
  list.delete(index);
  if (!own) return;
  if (next) {
    next.commentBefore = next.commentBefore ? `${own}\n${next.commentBefore}` : own;
    next.spaceBefore = next.spaceBefore || item?.spaceBefore;
  } else {
    list.comment = list.comment ? `${own}\n${list.comment}` : own;
  }
}
