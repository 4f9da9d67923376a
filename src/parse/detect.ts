// Format comes from the content, never from the Content-Type header (servers lie).
import type { SourceFormat } from '../types.ts';
import { FeedParseError } from './errors.ts';

export type Detected = { kind: 'json' } | { kind: 'xml'; format: Exclude<SourceFormat, 'json'>; root: string };

/** Skips the XML prolog (declaration, comments, PIs, DOCTYPE) and returns the first element name. */
export function rootElement(text: string): string | undefined {
  const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/i;
  const rest = text.slice(prolog.exec(text)?.[0].length ?? 0);
  return /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1];
}

function classify(name: string): Exclude<SourceFormat, 'json'> | undefined {
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  if (local === 'rss') return 'rss';
  if (local === 'RDF') return 'rdf';
  if (local === 'feed') return 'atom';
  return undefined;
}

export function detectFormat(text: string): Detected {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw new FeedParseError('not a feed: empty document');
  if (start.startsWith('{')) {
    if (looksLikeJsonFeed(start)) return { kind: 'json' };
    throw new FeedParseError('not a feed: JSON document without a JSON Feed version or items');
  }
  if (/^<!DOCTYPE\s+html/i.test(start)) throw new FeedParseError('not a feed: HTML page (<!DOCTYPE html>)');
  const root = rootElement(start);
  if (root) {
    const format = classify(root);
    if (format) return { kind: 'xml', format, root };
    if (/^html$/i.test(root)) throw new FeedParseError('not a feed: HTML page (<html> root)');
  }
  // Junk before the root (PHP warnings, stray text): look for a feed root further in.
  const later = /<((?:[\w-]+:)?(?:rss|RDF|feed))[\s>]/.exec(start.slice(0, 65536));
  const format = later?.[1] ? classify(later[1]) : undefined;
  if (later?.[1] && format) return { kind: 'xml', format, root: later[1] };
  if (/<html[\s>]/i.test(start.slice(0, 4096))) throw new FeedParseError('not a feed: HTML page (<html> root)');
  if (root) throw new FeedParseError(`not a feed: unknown root element <${root}>`);
  throw new FeedParseError(`not a feed: document starts with "${start.slice(0, 40)}"`);
}

function looksLikeJsonFeed(text: string): boolean {
  try {
    const doc: unknown = JSON.parse(text);
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
    const rec = doc as Record<string, unknown>;
    return (typeof rec.version === 'string' && rec.version.includes('jsonfeed')) || Array.isArray(rec.items);
  } catch {
    // Broken JSON that still says it is a JSON Feed: let the JSON parser report the exact problem.
    return /"version"\s*:\s*"https?:\/\/jsonfeed\.org/.test(text);
  }
}
