// JSON Feed 1.1, written directly: `feed` 6.0.0's json1() writes version 1 with a 1.0 `author` (upstream issue
// #246), so nothing of its output would be kept. Members are in the order readers and our snapshots expect, plus
// the `_wireroom` extension (countries, regions, topics, source, also_reported_by).
import type { FeedModel, ItemModel } from './model.ts';

const EXTENSION_DOCS = 'https://github.com/wireroom/wireroom#json-feed-extension';

function extension(i: ItemModel): Record<string, unknown> {
  const of = (kind: string) => i.tags.filter((t) => t.kind === kind).map((t) => t.value);
  const { id, title, feedUrl, siteUrl } = i.source;
  return {
    about: EXTENSION_DOCS,
    countries: of('country'),
    regions: of('region'),
    topics: of('topic'),
    source: { id, title, feed_url: feedUrl, ...(siteUrl ? { home_page_url: siteUrl } : {}) },
    also_reported_by: i.also.map((a) => ({
      source: a.sourceId,
      source_title: a.sourceTitle,
      title: a.title,
      ...(a.url ? { url: a.url } : {}),
    })),
  };
}

function item(i: ItemModel): Record<string, unknown> {
  const attachments = i.enclosures.map((e) => ({
    url: e.url,
    mime_type: e.type,
    ...(e.length ? { size_in_bytes: e.length } : {}),
  }));
  return {
    id: i.id,
    content_html: i.contentHtml,
    ...(i.url ? { url: i.url } : {}),
    title: i.title,
    ...(i.summary ? { summary: i.summary } : {}),
    date_modified: i.updated.toISOString(),
    date_published: i.published.toISOString(),
    tags: i.tags.map((t) => t.label),
    authors: i.authors.map((a) => ({ name: a.name, ...(a.url ? { url: a.url } : {}) })),
    ...(i.language ? { language: i.language } : {}),
    ...(attachments.length ? { attachments } : {}),
    _wireroom: extension(i),
  };
}

/** A feed model as a JSON Feed 1.1 document: pure, so the same model always gives the same bytes (and ETag). */
export function renderJsonFeed(m: FeedModel): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: m.title,
    home_page_url: m.homeUrl,
    feed_url: m.self.json,
    ...(m.description ? { description: m.description } : {}),
    ...(m.next ? { next_url: m.next.json } : {}),
    authors: [{ name: m.author.name, url: m.author.url }],
    language: m.language,
    ...(m.hub ? { hubs: [{ type: 'WebSub', url: m.hub }] } : {}),
    items: m.items.map(item),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
