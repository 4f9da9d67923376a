// JSON Feed 1.0 and 1.1 (rss-parser has no JSON support). https://www.jsonfeed.org/version/1.1/
import type { Author, Enclosure, ParsedFeed, ParsedItem } from '../types.ts';
import { FeedParseError } from './errors.ts';

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function author(v: unknown): Author | undefined {
  const a = obj(v);
  if (!a) return str(v) ? { name: str(v) } : undefined;
  const out: Author = {};
  if (str(a.name)) out.name = str(a.name);
  if (str(a.url)) out.url = str(a.url);
  if (str(a.email)) out.email = str(a.email);
  return Object.keys(out).length ? out : undefined;
}

/** 1.1 has `authors` (array); 1.0 has `author` (object). Accept both, prefer the newer. */
function authors(rec: Json): Author[] {
  let list: unknown[] = [];
  if (Array.isArray(rec.authors)) list = rec.authors;
  else if (rec.author !== undefined) list = [rec.author];
  return list.map(author).filter((a): a is Author => a !== undefined);
}

const mapDefined = <T, U>(v: T | undefined, f: (v: T) => U): U | undefined => (v === undefined ? undefined : f(v));

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function item(raw: unknown, feedAuthors: Author[]): ParsedItem | undefined {
  const it = obj(raw);
  if (!it) return undefined;
  const enclosures: Enclosure[] = [];
  for (const a of arr(it.attachments)) {
    const at = obj(a);
    const url = str(at?.url);
    if (!at || !url) continue;
    const e: Enclosure = { url };
    if (str(at.mime_type)) e.type = str(at.mime_type);
    if (typeof at.size_in_bytes === 'number' && at.size_in_bytes >= 0) e.length = at.size_in_bytes;
    enclosures.push(e);
  }
  const text = str(it.content_text);
  const own = authors(it);
  const id = it.id === undefined || it.id === null ? undefined : String(it.id);
  const out: ParsedItem = {
    guid: id && id.trim() !== '' ? id : undefined,
    link: str(it.url) ?? str(it.external_url),
    title: str(it.title),
    titleIsHtml: false,
    summaryHtml: mapDefined(str(it.summary), escapeHtml),
    contentHtml:
      str(it.content_html) ??
      (text !== undefined
        ? `<p>${escapeHtml(text)
            .replace(/\n{2,}/g, '</p><p>')
            .replace(/\n/g, '<br>')}</p>`
        : undefined),
    authors: own.length ? own : feedAuthors,
    categories: arr(it.tags).filter((t): t is string => typeof t === 'string'),
    enclosures,
    published: str(it.date_published),
    updated: str(it.date_modified),
    language: str(it.language),
  };
  return out;
}

export function parseJsonFeed(text: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new FeedParseError(`malformed JSON Feed: ${(err as Error).message}`);
  }
  const feed = obj(doc);
  if (!feed) throw new FeedParseError('not a feed: JSON document is not an object');
  const warnings: string[] = [];
  const version = str(feed.version);
  if (!version) warnings.push('JSON Feed without "version"');
  else if (!/jsonfeed\.org\/version\/1(\.1)?\/?$/.test(version))
    warnings.push(`JSON Feed with unexpected version "${version}"`);
  if (!Array.isArray(feed.items)) throw new FeedParseError('malformed JSON Feed: "items" is not an array');
  const feedAuthors = authors(feed);
  const items = feed.items.map((i) => item(i, feedAuthors)).filter((i): i is ParsedItem => i !== undefined);
  if (items.length < feed.items.length)
    warnings.push(`${feed.items.length - items.length} JSON Feed item(s) were not objects and were skipped`);
  return {
    format: 'json',
    title: str(feed.title),
    link: str(feed.home_page_url),
    language: str(feed.language),
    items,
    warnings,
  };
}
