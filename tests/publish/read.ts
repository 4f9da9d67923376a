// Reads one page of a feed in any of the three formats back into what the paging and ordering tests compare.
import type { FeedFormat } from '../../src/publish/index.ts';
import { kid, kids, parseXml } from './validity.ts';

export interface ReadPage {
  ids: string[];
  /** Per item, as the format shows it: RSS pubDate, Atom published, JSON Feed date_published (ms). */
  published: number[];
  /** Atom updated, JSON Feed date_modified; RSS has none. */
  updated: number[];
  next?: string;
  first?: string;
  self?: string;
}

export function readPage(text: string, format: FeedFormat): ReadPage {
  if (format === 'json') {
    const doc = JSON.parse(text) as {
      feed_url: string;
      next_url?: string;
      items: { id: string; date_published: string; date_modified: string }[];
    };
    return {
      ids: doc.items.map((i) => i.id),
      published: doc.items.map((i) => Date.parse(i.date_published)),
      updated: doc.items.map((i) => Date.parse(i.date_modified)),
      next: doc.next_url,
      self: doc.feed_url,
    };
  }
  const root = parseXml(text);
  if (format === 'atom') {
    const entries = kids(root, 'entry');
    const link = (rel: string) => kids(root, 'link').find((l) => l.attrs.rel === rel)?.attrs.href;
    return {
      ids: entries.map((e) => kid(e, 'id')!.text),
      published: entries.map((e) => Date.parse(kid(e, 'published')!.text)),
      updated: entries.map((e) => Date.parse(kid(e, 'updated')!.text)),
      next: link('next'),
      first: link('first'),
      self: link('self'),
    };
  }
  const channel = kid(root, 'channel')!;
  const items = kids(channel, 'item');
  const link = (rel: string) => kids(channel, 'atom:link').find((l) => l.attrs.rel === rel)?.attrs.href;
  return {
    ids: items.map((i) => kid(i, 'guid')!.text),
    published: items.map((i) => Date.parse(kid(i, 'pubDate')!.text)),
    updated: [],
    next: link('next'),
    first: link('first'),
    self: link('self'),
  };
}

/** True when no value is greater than the one before it. */
export function nonIncreasing(xs: number[]): boolean {
  return xs.every((x, i) => i === 0 || x <= xs[i - 1]!);
}
