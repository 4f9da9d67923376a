// RSS 2.0 through the `feed` package, with the fixes it needs (see shared/notes/dependency-facts.md):
// - no <author> (RSS wants an e-mail there): names go to dc:creator through item extensions;
// - xml-js, under feed, escapes only `"` in attributes: attribute values we hand it are pre-escaped;
// - its CDATA writer splits only the first "]]>": we break every one before it sees the text;
// - categories carry a domain naming the tag kind; <source url> names the original feed;
// - atom:link self/hub/next/first are written as one channel extension so feed's own self link is replaced.
import { Feed, type Item } from 'feed';
import type { FeedModel, ItemModel } from './model.ts';

const KIND_DOMAIN = { country: 'urn:wireroom:country', region: 'urn:wireroom:region', topic: 'urn:wireroom:topic' } as const;

/** For attribute values passed to feed/xml-js raw (it escapes `"` itself, and `&` only in URLs it sanitizes). */
function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** In HTML, "]]&gt;" reads as "]]>"; in plain text a zero-width space keeps the CDATA section intact. */
const cdataHtml = (s: string) => s.replace(/]]>/g, ']]&gt;');
const cdataText = (s: string) => s.replace(/]]>/g, ']]\u200B>');

function item(i: ItemModel): Item {
  const extensions: Item['extensions'] = [
    { name: 'dc:creator', objects: i.authors.map((a) => ({ _cdata: cdataText(a.name) })) as unknown as Record<string, unknown> },
    { name: 'source', objects: { _attributes: { url: attr(i.source.feedUrl) }, _cdata: cdataText(i.source.title) } },
  ];
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
    category: i.tags.map((t) => ({ name: t.label, domain: KIND_DOMAIN[t.kind] })),
    // RSS allows one enclosure and requires its length (0 = unknown).
    enclosure: enc ? { url: enc.url, type: enc.type, length: enc.length ?? 0 } : undefined,
    extensions,
  };
}

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
  const links = [{ _attributes: { href: attr(m.self.rss), rel: 'self', type: 'application/rss+xml' } }];
  if (m.hub) links.push({ _attributes: { href: attr(m.hub), rel: 'hub', type: undefined as unknown as string } });
  if (m.first) links.push({ _attributes: { href: attr(m.first.rss), rel: 'first', type: 'application/rss+xml' } });
  if (m.next) links.push({ _attributes: { href: attr(m.next.rss), rel: 'next', type: 'application/rss+xml' } });
  f.addExtension({ name: 'atom:link', objects: links as unknown as Record<string, unknown> });
  for (const i of m.items) f.addItem(item(i));
  let xml = f.rss2();
  // feed declares dc only together with content:encoded; every item has content, but keep the guarantee.
  if (!xml.includes('xmlns:dc=')) xml = xml.replace('<rss version="2.0"', '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"');
  return xml;
}
