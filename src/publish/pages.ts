// The HTML pages: the index of every feed and a readable preview of one. Semantic, escaped, no JavaScript;
// one small inline stylesheet. Pure functions of their models.
import type { FeedFormat, FeedModel, ItemModel } from './model.ts';
import { escapeAttr, escapeText } from './xml.ts';

export interface IndexRow {
  path: string;
  title: string;
  description?: string;
  count: number;
  lastUpdate?: string;
  view: string;
  feeds: Record<FeedFormat, string>;
}

export interface IndexSection {
  id: string;
  title: string;
  rows: IndexRow[];
}

const TYPES: Record<FeedFormat, [string, string]> = {
  rss: ['application/rss+xml', 'RSS'],
  atom: ['application/atom+xml', 'Atom'],
  json: ['application/feed+json', 'JSON Feed'],
};

// One rule group a line; the page carries it inline.
const STYLE = [
  '',
  ':root{color-scheme:light dark;--fg:#1b1b1b;--muted:#5a5a5a;--line:#ddd;--accent:#0b57d0}',
  '@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--muted:#a8a8a8;--line:#444;--accent:#8ab4f8}}',
  'body{font:16px/1.5 system-ui,sans-serif;color:var(--fg);max-width:62rem;margin:0 auto;padding:1rem 1.25rem 3rem}',
  'a{color:var(--accent)}h1{font-size:1.7rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem}',
  'table{border-collapse:collapse;width:100%}' +
    'th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}',
  'th{font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted,time{color:var(--muted)}',
  'ol.items{list-style:none;padding:0}ol.items>li{border-bottom:1px solid var(--line);padding:.75rem 0}',
  'article h2{font-size:1.1rem;margin:0 0 .25rem}ul.tags{display:inline;list-style:none;padding:0;margin:0}',
  'ul.tags li{display:inline-block;border:1px solid var(--line);border-radius:1rem;' +
    'padding:0 .5rem;margin:0 .25rem .25rem 0;font-size:.85rem}',
  '.feeds a{margin-right:.6rem}nav.crumbs{font-size:.9rem}',
  '',
].join('\n');

function doc(o: { title: string; language: string; head?: string; body: string }): string {
  return `<!doctype html>
<html lang="${escapeAttr(o.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(o.title)}</title>
<style>${STYLE}</style>
${o.head ?? ''}</head>
<body>
${o.body}
</body>
</html>
`;
}

const FORMATS_SHOWN = Object.keys(TYPES) as FeedFormat[];

function formatLinks(feeds: Record<FeedFormat, string>, label: string): string {
  return FORMATS_SHOWN.map((f) => {
    const [type, name] = TYPES[f];
    const aria = escapeAttr(`${label}: ${name}`);
    return `<a href="${escapeAttr(feeds[f])}" type="${type}" aria-label="${aria}">${name}</a>`;
  }).join(' ');
}

/** `<link rel="alternate">` for each format of a feed: autodiscovery for feed readers. */
function alternateLinks(title: string, feeds: Record<FeedFormat, string>): string[] {
  return FORMATS_SHOWN.map((f) => {
    const [type, name] = TYPES[f];
    const label = escapeAttr(`${title} (${name})`);
    return `<link rel="alternate" type="${type}" title="${label}" href="${escapeAttr(feeds[f])}">`;
  });
}

function when(iso: string | undefined): string {
  if (!iso) return '<span class="muted">—</span>';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '<span class="muted">—</span>';
  const shown = escapeText(d.toISOString().slice(0, 16).replace('T', ' '));
  return `<time datetime="${escapeAttr(d.toISOString())}">${shown} UTC</time>`;
}

const INDEX_HEAD =
  '<thead><tr><th scope="col">Feed</th><th scope="col" class="n">Items</th><th scope="col">Last update</th>' +
  '<th scope="col">Subscribe</th></tr></thead>';

function indexRow(r: IndexRow, sectionId: string): string {
  const description = r.description ? `<br><span class="muted">${escapeText(r.description)}</span>` : '';
  const feed = `<a href="${escapeAttr(r.view)}">${escapeText(r.title)}</a>${description}`;
  // A collection's count stops at 1000: counting further would walk the whole index.
  const count = r.count >= 1000 && sectionId === 'collections' ? '1000+' : r.count;
  return (
    `<tr><th scope="row">${feed}</th><td class="n">${count}</td><td>${when(r.lastUpdate)}</td>` +
    `<td class="feeds">${formatLinks(r.feeds, r.title)}</td></tr>`
  );
}

function indexSection(s: IndexSection): string {
  const rows = s.rows.length
    ? `<table>\n${INDEX_HEAD}\n<tbody>\n${s.rows.map((r) => indexRow(r, s.id)).join('\n')}\n</tbody>\n</table>`
    : '<p class="muted">None yet.</p>';
  const id = escapeAttr(s.id);
  return `<section aria-labelledby="h-${id}">\n<h2 id="h-${id}">${escapeText(s.title)}</h2>\n${rows}\n</section>`;
}

export function renderIndexPage(o: {
  siteTitle: string;
  description: string;
  language: string;
  sections: IndexSection[];
}): string {
  const alternates = o.sections.flatMap((s) => s.rows).flatMap((r) => alternateLinks(r.title, r.feeds));
  const header = `<header>\n<h1>${escapeText(o.siteTitle)}</h1>\n<p>${escapeText(o.description)}</p>\n</header>`;
  return doc({
    title: o.siteTitle,
    language: o.language,
    head: `${alternates.join('\n')}\n`,
    body: `${header}\n<main>\n${o.sections.map(indexSection).join('\n')}\n</main>`,
  });
}

function itemHtml(i: ItemModel): string {
  const title = i.url ? `<a href="${escapeAttr(i.url)}">${escapeText(i.title)}</a>` : escapeText(i.title);
  const tags = i.tags.length
    ? ` <ul class="tags" aria-label="Tags">${i.tags.map((x) => `<li>${escapeText(x.label)}</li>`).join('')}</ul>`
    : '';
  const source = (x: ItemModel['also'][number]) =>
    x.url ? `<a href="${escapeAttr(x.url)}">${escapeText(x.sourceTitle)}</a>` : escapeText(x.sourceTitle);
  const also = i.also.length ? `\n<p>Also reported by: ${i.also.map(source).join(', ')}</p>` : '';
  const published = when(i.published.toISOString());
  return `<li><article>
<h2>${title}</h2>
<p class="meta"><span class="source">${escapeText(i.source.title)}</span> · ${published}${tags}</p>
${i.summary ? `<p>${escapeText(i.summary)}</p>` : ''}${also}
</article></li>`;
}

export function renderViewPage(o: {
  model: FeedModel;
  siteTitle: string;
  indexUrl: string;
  next?: string;
  language: string;
}): string {
  const m = o.model;
  const head = alternateLinks(m.title, m.self).join('\n');
  const crumb = `<a href="${escapeAttr(o.indexUrl)}">${escapeText(o.siteTitle)}</a>`;
  const items = m.items.length
    ? `<ol class="items">\n${m.items.map(itemHtml).join('\n')}\n</ol>`
    : '<p class="muted">No stories yet.</p>';
  return doc({
    title: m.title,
    language: o.language,
    head: `${head}\n`,
    body: `<header>
<nav class="crumbs" aria-label="Breadcrumb">${crumb}</nav>
<h1>${escapeText(m.title)}</h1>
${m.description ? `<p>${escapeText(m.description)}</p>` : ''}
<p class="feeds">Subscribe: ${formatLinks(m.self, m.title)}</p>
</header>
<main>
${items}
${o.next ? `<nav aria-label="Pages"><a rel="next" href="${escapeAttr(o.next)}">Older stories</a></nav>` : ''}
</main>`,
  });
}
