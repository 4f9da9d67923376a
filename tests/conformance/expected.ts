// The gofeed, feed-rs and rss-parser expected outputs compared with our pipeline output, one case per field
// per document (`<input file>#<field>`). What is compared and what is out of scope: see corpus.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanUrl } from '../../src/normalize/index.ts';
import { htmlToText } from '../../src/sanitize/index.ts';
import type { Author, Entry } from '../../src/types.ts';
import type { Case } from './cases.ts';
import type { Run } from './fields.ts';
import { CORPUS, urlOf, type ManifestEntry } from './run.ts';

/** One expected entry, only with what the suite states (undefined = the suite says nothing). */
interface Want {
  title?: string;
  link?: string;
  id?: string;
  published?: string;
  updated?: string;
  authors?: Array<{ name?: string; email?: string }>;
  content?: string;
  summary?: string;
  /** The suite rebuilt mixed content out of order (rss-parser via xml2js): compare the text's characters only. */
  unordered?: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function person(v: unknown): { name?: string; email?: string } {
  const p = obj(v);
  const out: { name?: string; email?: string } = {};
  const name = str(p.name);
  const email = str(p.email);
  if (name) out.name = name;
  if (email) out.email = email;
  return out;
}

const people = (list: unknown[]): Want['authors'] => {
  const out = list.map(person).filter((p) => p.name !== undefined || p.email !== undefined);
  return out.length ? out : undefined;
};

/** gofeed: its universal model (translator, extensions), or its JSON Feed model (parser/json `*_expected`). */
function gofeedWants(doc: Json): Want[] {
  return arr(doc.items).map((v) => {
    const i = obj(v);
    const isJsonFeedModel = ['content_html', 'content_text', 'date_published', 'date_modified', 'url'].some(
      (k) => k in i,
    );
    if (isJsonFeedModel) {
      return {
        title: str(i.title),
        link: str(i.url),
        id: str(i.id),
        published: str(i.date_published),
        updated: str(i.date_modified),
        authors: people(i.authors ? arr(i.authors) : [i.author]),
        content: str(i.content_html) ?? str(i.content_text),
        summary: str(i.summary),
      };
    }
    return {
      title: str(i.title),
      link: str(i.link),
      id: str(i.guid),
      published: str(i.publishedParsed),
      updated: str(i.updatedParsed),
      authors: people(i.authors ? arr(i.authors) : [i.author]),
      content: str(i.content),
      summary: str(i.description),
    };
  });
}

/** feed-rs: entries with text constructs ({content}), links [{href, rel}], and ids it may have made up. */
function feedRsWants(doc: Json, e: ManifestEntry, raw: string): Want[] {
  const rss = /^rss/.test(e.format);
  return arr(doc.entries).map((v) => {
    const i = obj(v);
    const links = arr(i.links).map(obj);
    const alternate = links.find((l) => l.rel === null || l.rel === undefined || l.rel === 'alternate');
    const id = str(i.id);
    return {
      title: str(obj(i.title).content),
      link: str(alternate?.href),
      // feed-rs makes an id (a hash) for entries without one: only an id written in the document is compared.
      id: id && documentHas(raw, id) ? id : undefined,
      published: str(i.published),
      // feed-rs fills an RSS entry's `updated` with its pubDate (Atom requires one); we do not invent it.
      updated: rss ? undefined : str(i.updated),
      authors: people(arr(i.authors).map((a) => (rss ? rawRssAuthor(a) : a))),
      content: str(obj(i.content).body),
      summary: str(obj(i.summary).content),
    };
  });
}

/** feed-rs keeps an RSS `<author>` whole, as {name: 'author', email: <the raw string>}: compare the raw string. */
function rawRssAuthor(a: unknown): unknown {
  const p = obj(a);
  return p.name === 'author' && typeof p.email === 'string' ? { name: p.email } : a;
}

/** rss-parser: raw strings. RSS `content` is the description, Atom `content` the content element. */
function rssParserWants(doc: Json, e: ManifestEntry): Want[] {
  const atom = /^atom/.test(e.format);
  // xml2js's emptyTag option (xml2js-options.rss) writes a marker for empty elements: that is no value.
  const emptyTag = obj(obj(e.parser_options).xml2js).emptyTag;
  const value = (v: unknown) => (v === emptyTag ? undefined : str(v));
  return arr(obj(doc.feed).items).map((v) => {
    const i = obj(v);
    const author = value(i.creator) ?? value(i.author);
    return {
      title: value(i.title),
      link: value(i.link),
      id: atom ? value(i.id) : value(i.guid),
      published: value(i.isoDate),
      authors: author ? [{ name: author }] : undefined,
      content: atom ? value(i.content) : value(i['content:encoded']),
      summary: atom ? value(i.summary) : value(i.content),
      unordered: true,
    };
  });
}

function documentHas(raw: string, s: string): boolean {
  const escaped = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return raw.includes(s) || raw.includes(escaped);
}

// ---- comparing ----

const norm = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

/** Text equal after whitespace folding; the expectation may be HTML (decoded to text) or already text. */
function sameText(ours: string, want: string): boolean {
  return norm(ours) === norm(want) || norm(ours) === norm(htmlToText(want));
}

/** Our summary is plain text bounded to 500 characters at a word, with an ellipsis: a cut one is a prefix. */
function sameSummary(ours: string, want: string): boolean {
  if (sameText(ours, want)) return true;
  if (!ours.endsWith('…')) return false;
  const head = norm(ours.slice(0, -1));
  return [want, htmlToText(want)].some((w) => norm(w).startsWith(head));
}

/** Non-space characters, counted. */
function charCounts(s: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of s.normalize('NFC').replace(/[\s\u00a0]+/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

/**
 * xml2js puts an element's text runs before its child elements and glues them together ("submitted byto<a>..."),
 * so rss-parser's inline XHTML is out of order: the same characters, as many of each (fewer when ours was cut).
 */
function sameCharacters(ours: string, want: string): boolean {
  const cut = ours.endsWith('…');
  const a = charCounts(cut ? ours.slice(0, -1) : ours);
  const b = charCounts(htmlToText(want));
  if (!cut && a.size !== b.size) return false;
  return [...a].every(([ch, n]) => (cut ? n <= (b.get(ch) ?? 0) : n === b.get(ch)));
}

/** Links: absolute (resolved against the document's URL) and cleaned of tracking parameters, as we store them. */
function sameLink(ours: string | undefined, want: string, docUrl: string): boolean {
  if (ours === undefined) return false;
  const w = want.trim();
  let abs: string;
  try {
    abs = new URL(w, docUrl).href;
  } catch {
    return ours === w;
  }
  if (ours === cleanUrl(abs)) return true;
  // A relative expectation may resolve against an xml:base we honour and the suite does not: same tail, encoded.
  if (/^[a-z][a-z0-9+.-]*:/i.test(w)) return false;
  const probe = 'http://relative.invalid/';
  const tail = new URL(w, probe).href.slice(probe.length);
  return ours.endsWith(tail) || ours.endsWith(w);
}

/** Dates to the second (suites differ on fractions). */
function sameInstant(ours: string | undefined, want: string): boolean {
  const w = Date.parse(want);
  if (ours === undefined || Number.isNaN(w)) return false;
  return Math.floor(Date.parse(ours) / 1000) === Math.floor(w / 1000);
}

/** How our Author may be written by a suite that keeps the raw string (`Name (email)`, `email (Name)`). */
function renderings(a: Author): string[] {
  const out = [a.name, a.email];
  if (a.name && a.email) out.push(`${a.name} (${a.email})`, `${a.email} (${a.name})`, `${a.name} <${a.email}>`);
  return out.filter((x): x is string => x !== undefined).map(norm);
}

function sameAuthors(ours: Author[], want: NonNullable<Want['authors']>): boolean {
  if (ours.length !== want.length) return false;
  return want.every((w, i) => {
    const a = ours[i];
    if (!a) return false;
    const nameOk = w.name === undefined || renderings(a).includes(norm(w.name));
    const emailOk = w.email === undefined || (a.email !== undefined && norm(a.email) === norm(w.email));
    return nameOk && emailOk;
  });
}

/** Our `updated`: a lone updated date (no published) is folded into publishedAt by normalize. */
function updatedOf(entry: Entry, r: Run, i: number): string | undefined {
  if (entry.updatedAt) return entry.updatedAt;
  return r.parsed?.items[i]?.published === undefined ? entry.publishedAt : undefined;
}

type FieldName = Exclude<keyof Want, 'unordered'>;

function fieldHolds(field: FieldName, w: Want, entry: Entry, r: Run, i: number, docUrl: string): boolean {
  switch (field) {
    case 'title':
      return w.title !== undefined && sameText(entry.title, w.title);
    case 'link':
      return w.link !== undefined && sameLink(entry.url, w.link, docUrl);
    case 'id':
      return w.id !== undefined && entry.guid !== undefined && norm(entry.guid) === norm(w.id);
    case 'published':
      return w.published !== undefined && sameInstant(entry.publishedAt, w.published);
    case 'updated':
      return w.updated !== undefined && sameInstant(updatedOf(entry, r, i), w.updated);
    case 'authors':
      return w.authors !== undefined && sameAuthors(entry.authors, w.authors);
    case 'content': {
      if (w.content === undefined) return false;
      const text = htmlToText(entry.contentHtml);
      return sameText(text, w.content) || (w.unordered === true && sameCharacters(text, w.content));
    }
    case 'summary': {
      if (w.summary === undefined) return false;
      const text = entry.summary;
      return sameSummary(text, w.summary) || (w.unordered === true && sameCharacters(text, w.summary));
    }
  }
}

function wantsOf(e: ManifestEntry, expectedFile: string): Want[] {
  const input = path.join(CORPUS, e.file);
  // rss-parser's encoding test reads both its input and its expected JSON as latin1 (see the manifest notes).
  const latin1 = /expected JSON is read as latin1/.test(e.notes ?? '');
  const doc = obj(JSON.parse(readFileSync(path.join(CORPUS, expectedFile), latin1 ? 'latin1' : 'utf8')));
  const suite = e.file.split('/')[0];
  if (suite === 'gofeed') return gofeedWants(doc);
  if (suite === 'feed-rs') return feedRsWants(doc, e, readFileSync(input, 'utf8'));
  if (suite === 'rss-parser') return rssParserWants(doc, e);
  return [];
}

/** Cases for one input document that has an expected-output file. */
export function expectedCases(e: ManifestEntry, r: Run): Case[] {
  if (!e.expected_output) return [];
  const suite = e.file.split('/')[0] ?? '';
  const wants = wantsOf(e, e.expected_output);
  const docUrl = urlOf(e);
  const out: Case[] = [];
  const failure = r.error ? `not parsed: ${String(r.error)}` : '';
  out.push({
    id: `${e.file}#entry-count`,
    group: `${suite} expected entry-count`,
    held: !r.error && r.entries.length === wants.length,
    note: failure || `${r.entries.length} entries, expected ${wants.length}`,
  });
  const fields: FieldName[] = ['title', 'link', 'id', 'published', 'updated', 'authors', 'content', 'summary'];
  for (const field of fields) {
    const stated = wants.map((w, i) => ({ w, i })).filter(({ w }) => w[field] !== undefined);
    if (stated.length === 0) continue;
    const bad = stated.filter(({ w, i }) => {
      const entry = r.entries[i];
      return entry === undefined || !fieldHolds(field, w, entry, r, i, docUrl);
    });
    const first = bad[0];
    const note = first
      ? `${bad.length}/${stated.length} entries differ; entry ${first.i}: ours ${show(field, r.entries[first.i])} ` +
        `expected ${JSON.stringify(first.w[field]).slice(0, 200)}`
      : '';
    out.push({ id: `${e.file}#${field}`, group: `${suite} expected ${field}`, held: bad.length === 0, note });
  }
  return out;
}

function show(field: FieldName, entry: Entry | undefined): string {
  if (!entry) return '(no entry)';
  const ours: Record<FieldName, unknown> = {
    title: entry.title,
    link: entry.url,
    id: entry.guid,
    published: entry.publishedAt,
    updated: entry.updatedAt,
    authors: entry.authors,
    content: htmlToText(entry.contentHtml),
    summary: entry.summary,
  };
  return (JSON.stringify(ours[field]) ?? 'undefined').slice(0, 200);
}
