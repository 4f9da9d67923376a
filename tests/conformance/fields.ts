// Maps a feedparser result path (entries[0]['title'], ...) to the matching value in our pipeline output.
import type { Entry, ParsedFeed } from '../../src/types.ts';
import { parseDate } from '../../src/normalize/index.ts';

export interface Run {
  parsed?: ParsedFeed;
  entries: Entry[];
  /** First item's summary (or content) HTML through the sanitizer, as feedparser's `summary`. */
  summaryHtml?: string;
  error?: unknown;
}

export type Field =
  | { kind: 'text' | 'html' | 'url'; value: string }
  | { kind: 'raw'; value: string | number }
  | { kind: 'date'; value: Date };

const some = <T extends Field>(f: T, present: unknown): T | undefined =>
  present === undefined || present === '' ? undefined : f;

export function resolveField(p: Array<string | number>, r: Run): Field | 'n/a' | undefined {
  if (p[0] === 'feed') {
    const f = r.parsed;
    if (p.length !== 2) return 'n/a';
    if (p[1] === 'title') return some({ kind: 'text', value: f?.title ?? '' }, f?.title);
    if (p[1] === 'link') return some({ kind: 'url', value: f?.link ?? '' }, f?.link);
    if (p[1] === 'language') return some({ kind: 'raw', value: f?.language ?? '' }, f?.language);
    return 'n/a';
  }
  if (p[0] !== 'entries' || p[1] !== 0) return 'n/a';
  const e = r.entries[0];
  const item = r.parsed?.items[0];
  const [, , name, i, sub] = p;
  if (!e || !item) return undefined;
  switch (name) {
    case 'title':
      return p.length === 3 ? some({ kind: 'text', value: e.title }, item.title) : 'n/a';
    case 'link':
      return p.length === 3 ? some({ kind: 'url', value: e.url ?? '' }, e.url) : 'n/a';
    case 'links':
      return i === 0 && sub === 'href' ? some({ kind: 'url', value: e.url ?? '' }, e.url) : 'n/a';
    case 'id':
    case 'guid':
      return p.length === 3 ? some({ kind: 'raw', value: e.guid ?? '' }, e.guid) : 'n/a';
    case 'summary':
    case 'description':
      if (p.length !== 3) return 'n/a';
      return some({ kind: 'html', value: r.summaryHtml ?? '' }, item.summaryHtml ?? item.contentHtml);
    case 'content':
      if (i !== 0 || sub !== 'value') return 'n/a';
      return some({ kind: 'html', value: e.contentHtml }, item.contentHtml ?? item.summaryHtml);
    case 'author': {
      if (p.length !== 3) return 'n/a';
      const a = e.authors[0];
      if (!a) return undefined;
      const v = a.name && a.email ? `${a.name} (${a.email})` : (a.name ?? a.email ?? '');
      return some({ kind: 'text', value: v }, v);
    }
    case 'author_detail': {
      const a = e.authors[0];
      const key = i === 'href' ? 'url' : i;
      if (p.length !== 4 || (key !== 'name' && key !== 'email' && key !== 'url')) return 'n/a';
      return some({ kind: key === 'url' ? 'url' : 'raw', value: a?.[key] ?? '' }, a?.[key]);
    }
    case 'tags':
      if (typeof i !== 'number' || sub !== 'term') return 'n/a';
      return some({ kind: 'raw', value: e.categories[i] ?? '' }, e.categories[i]);
    case 'enclosures': {
      if (typeof i !== 'number' || p.length !== 5) return 'n/a';
      const enc = e.enclosures[i];
      if (sub === 'href') return some({ kind: 'url', value: enc?.url ?? '' }, enc?.url);
      if (sub === 'type') return some({ kind: 'raw', value: enc?.type ?? '' }, enc?.type);
      if (sub === 'length') return some({ kind: 'raw', value: enc?.length ?? '' }, enc?.length);
      return 'n/a';
    }
    case 'language':
      return p.length === 3 ? some({ kind: 'raw', value: e.language ?? '' }, e.language) : 'n/a';
    case 'published_parsed':
    case 'issued_parsed':
    case 'created_parsed': {
      const d = parseDate(item.published);
      return d ? { kind: 'date', value: d } : undefined;
    }
    case 'updated_parsed':
    case 'modified_parsed':
    case 'date_parsed': {
      const d = parseDate(item.updated ?? item.published);
      return d ? { kind: 'date', value: d } : undefined;
    }
    default:
      return 'n/a';
  }
}
