// RSS 2.0 through the `feed` package; what it gets wrong is mended in feed-workarounds.ts. Beyond `feed`'s own
// output: categories carry a domain naming the tag kind, <source url> names the original feed, and atom:link
// self/hub/next/first go in one channel extension, which replaces `feed`'s own self link.
import { Feed, type Item } from 'feed';
import { cdataHtml, cdataText, withDcNamespace, xmlJsAttr } from './feed-workarounds.ts';
import { TAG_SCHEME } from './ids.ts';
import type { FeedModel, ItemModel } from './model.ts';

const RSS = 'application/rss+xml';

function item(i: ItemModel): Item {
  const creators = i.authors.map((a) => ({ _cdata: cdataText(a.name) }));
  const source = { _attributes: { url: xmlJsAttr(i.source.feedUrl) }, _cdata: cdataText(i.source.title) };
  const enc = i.enclosures[0];
  return {
    title: cdataText(i.title),
    id: i.id,
    // feed's Item type wants a link; it only writes <link> when one is given.
    link: i.url as string,
    date: i.updated,
    published: i.published,
    description: i.summary ? cdataHtml(i.summary.replace(/&/g, '&amp;').replace(/</g, '&lt;')) : undefined,
    content: cdataHtml(i.contentHtml),
    category: i.tags.map((t) => ({ name: t.label, domain: TAG_SCHEME[t.kind] })),
    // RSS allows one enclosure and requires its length (0 = unknown).
    enclosure: enc ? { url: enc.url, type: enc.type, length: enc.length ?? 0 } : undefined,
    extensions: [
      { name: 'dc:creator', objects: creators as unknown as Record<string, unknown> },
      { name: 'source', objects: source },
    ],
  };
}

/** A feed model as an RSS 2.0 document: pure, so the same model always gives the same bytes (and ETag). */
export function renderRss(m: FeedModel): string {
  const f = new Feed({
    id: m.id,
    title: m.title,
    description: m.description || m.title,
    link: m.homeUrl,
    language: m.language,
    updated: m.updated,
    generator: 'wireroom',
    feedLinks: { rss: m.self.rss, atom: m.self.atom, json: m.self.json },
  });
  const link = (rel: string, href: string, type?: string) => ({ _attributes: { href: xmlJsAttr(href), rel, type } });
  const links = [link('self', m.self.rss, RSS)];
  if (m.hub) links.push(link('hub', m.hub));
  if (m.first) links.push(link('first', m.first.rss, RSS));
  if (m.next) links.push(link('next', m.next.rss, RSS));
  f.addExtension({ name: 'atom:link', objects: links as unknown as Record<string, unknown> });
  for (const i of m.items) f.addItem(item(i));
  return withDcNamespace(f.rss2());
}
