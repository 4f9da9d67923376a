// Atom 1.0, written directly rather than through `feed` 6.0.0's atom1(), which passes entry ids through
// `new URL()`, writes category attributes unescaped and without the required `term`, guesses enclosure types from
// the file name, and has no per-entry extension point for atom:source or link rel=related. Everything here goes
// through escapeText/escapeAttr.
import type { FeedModel, ItemModel } from './model.ts';
import { sourceUrn, TAG_SCHEME } from './ids.ts';
import { el, textEl } from './xml.ts';

const ATOM = 'application/atom+xml';

function entry(i: ItemModel): string {
  const parts: string[] = [
    textEl('id', i.id),
    textEl('title', i.title, { type: 'text' }),
    textEl('published', i.published.toISOString()),
    textEl('updated', i.updated.toISOString()),
  ];
  for (const a of i.authors)
    parts.push(
      el(
        'author',
        {},
        textEl('name', a.name),
        a.email ? textEl('email', a.email) : '',
        a.url ? textEl('uri', a.url) : '',
      ),
    );
  if (i.url) parts.push(el('link', { rel: 'alternate', type: 'text/html', href: i.url }));
  for (const a of i.also)
    if (a.url)
      parts.push(el('link', { rel: 'related', type: 'text/html', href: a.url, title: `${a.sourceTitle}: ${a.title}` }));
  for (const e of i.enclosures)
    parts.push(el('link', { rel: 'enclosure', type: e.type, href: e.url, length: e.length }));
  for (const t of i.tags) parts.push(el('category', { term: t.value, scheme: TAG_SCHEME[t.kind], label: t.label }));
  if (i.summary) parts.push(textEl('summary', i.summary, { type: 'text' }));
  parts.push(textEl('content', i.contentHtml, { type: 'html' }));
  parts.push(
    el(
      'source',
      {},
      textEl('id', sourceUrn(i.source.id)),
      textEl('title', i.source.title),
      textEl('updated', i.updated.toISOString()),
      i.source.feedUrl.startsWith('http') ? el('link', { rel: 'self', href: i.source.feedUrl }) : '',
      i.source.siteUrl ? el('link', { rel: 'alternate', type: 'text/html', href: i.source.siteUrl }) : '',
    ),
  );
  return el('entry', i.language ? { 'xml:lang': i.language } : {}, ...parts.map((p) => `\n    ${p}`), '\n  ');
}

/** A feed model as an Atom 1.0 document: pure, so the same model always gives the same bytes (and ETag). */
export function renderAtom(m: FeedModel): string {
  const head: string[] = [
    textEl('id', m.id),
    textEl('title', m.title, { type: 'text' }),
    m.description ? textEl('subtitle', m.description, { type: 'text' }) : '',
    textEl('updated', m.updated.toISOString()),
    el('author', {}, textEl('name', m.author.name), textEl('uri', m.author.url)),
    el('link', { rel: 'self', type: ATOM, href: m.self.atom }),
    el('link', { rel: 'alternate', type: 'text/html', href: m.homeUrl }),
    el('link', { rel: 'alternate', type: 'application/rss+xml', href: m.self.rss }),
    el('link', { rel: 'alternate', type: 'application/feed+json', href: m.self.json }),
    m.hub ? el('link', { rel: 'hub', href: m.hub }) : '',
    m.first ? el('link', { rel: 'first', type: ATOM, href: m.first.atom }) : '',
    m.next ? el('link', { rel: 'next', type: ATOM, href: m.next.atom }) : '',
    textEl('generator', 'wireroom'),
  ].filter(Boolean);
  const body = [...head.map((h) => `\n  ${h}`), ...m.items.map((i) => `\n  ${entry(i)}`)].join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${m.language.replace(/[^\w-]/g, '')}">${body}\n</feed>\n`;
}
