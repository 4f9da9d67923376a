// JSON Feed 1.1. feed 6.0.0's json1() writes version 1 with a 1.0 `author`; we take its output and bring it to
// 1.1: version URL, `authors` and `language` at feed and item level, attachments, paging, hubs, and the
// `_wireroom` extension (countries, regions, topics, source, also_reported_by).
import { Feed } from 'feed';
import type { FeedModel, ItemModel } from './model.ts';

interface JsonItem {
  id: string;
  [k: string]: unknown;
}

function extension(i: ItemModel): Record<string, unknown> {
  const of = (kind: string) => i.tags.filter((t) => t.kind === kind).map((t) => t.value);
  return {
    about: 'https://github.com/wireroom/wireroom#json-feed-extension',
    countries: of('country'),
    regions: of('region'),
    topics: of('topic'),
    source: { id: i.source.id, title: i.source.title, feed_url: i.source.feedUrl, ...(i.source.siteUrl ? { home_page_url: i.source.siteUrl } : {}) },
    also_reported_by: i.also.map((a) => ({ source: a.sourceId, source_title: a.sourceTitle, title: a.title, ...(a.url ? { url: a.url } : {}) })),
  };
}

export function renderJsonFeed(m: FeedModel): string {
  const f = new Feed({ id: m.id, title: m.title, description: m.description || undefined, link: m.homeUrl, feedLinks: { json: m.self.json } });
  for (const i of m.items) {
    f.addItem({
      id: i.id,
      title: i.title,
      link: i.url as string,
      date: i.updated,
      published: i.published,
      description: i.summary || undefined,
      content: i.contentHtml,
      category: i.tags.map((t) => ({ name: t.label })),
    });
  }
  const feed = JSON.parse(f.json1()) as Record<string, unknown> & { items: JsonItem[] };
  const byId = new Map(m.items.map((i) => [i.id, i]));
  const items = feed.items.map((raw) => {
    const i = byId.get(raw.id)!;
    const { author: _author, ...rest } = raw;
    return {
      ...rest,
      ...(i.url ? { url: i.url } : {}),
      authors: i.authors.map((a) => ({ name: a.name, ...(a.url ? { url: a.url } : {}) })),
      ...(i.language ? { language: i.language } : {}),
      ...(i.enclosures.length
        ? { attachments: i.enclosures.map((e) => ({ url: e.url, mime_type: e.type, ...(e.length ? { size_in_bytes: e.length } : {}) })) }
        : {}),
      _wireroom: extension(i),
    };
  });
  const out: Record<string, unknown> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: m.homeUrl,
    feed_url: m.self.json,
    ...(m.description ? { description: m.description } : {}),
    ...(m.next ? { next_url: m.next.json } : {}),
    authors: [{ name: m.author.name, url: m.author.url }],
    language: m.language,
    ...(m.hub ? { hubs: [{ type: 'WebSub', url: m.hub }] } : {}),
    items,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
