// The HTML pages: the index of every feed and a readable preview of one. Semantic, escaped, no JavaScript;
// one small inline stylesheet. Pure functions of their models.
import type { FeedFormat, FeedModel, ItemModel } from './model.ts';
import { escapeAttr as a, escapeText as t } from './xml.ts';

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

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1b1b;--muted:#5a5a5a;--line:#ddd;--accent:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--muted:#a8a8a8;--line:#444;--accent:#8ab4f8}}
body{font:16px/1.5 system-ui,sans-serif;color:var(--fg);max-width:62rem;margin:0 auto;padding:1rem 1.25rem 3rem}
a{color:var(--accent)}h1{font-size:1.7rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted,time{color:var(--muted)}
ol.items{list-style:none;padding:0}ol.items>li{border-bottom:1px solid var(--line);padding:.75rem 0}
article h2{font-size:1.1rem;margin:0 0 .25rem}ul.tags{display:inline;list-style:none;padding:0;margin:0}
ul.tags li{display:inline-block;border:1px solid var(--line);border-radius:1rem;padding:0 .5rem;margin:0 .25rem .25rem 0;font-size:.85rem}
.feeds a{margin-right:.6rem}nav.crumbs{font-size:.9rem}
`;

function doc(o: { title: string; language: string; head?: string; body: string }): string {
  return `<!doctype html>
<html lang="${a(o.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(o.title)}</title>
<style>${STYLE}</style>
${o.head ?? ''}</head>
<body>
${o.body}
</body>
</html>
`;
}

function formatLinks(feeds: Record<FeedFormat, string>, label: string): string {
  return (Object.keys(TYPES) as FeedFormat[])
    .map(
      (f) =>
        `<a href="${a(feeds[f])}" type="${TYPES[f][0]}" aria-label="${a(`${label}: ${TYPES[f][1]}`)}">${TYPES[f][1]}</a>`,
    )
    .join(' ');
}

function when(iso: string | undefined): string {
  if (!iso) return '<span class="muted">—</span>';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '<span class="muted">—</span>';
  return `<time datetime="${a(d.toISOString())}">${t(d.toISOString().slice(0, 16).replace('T', ' '))} UTC</time>`;
}

export function renderIndexPage(o: {
  siteTitle: string;
  description: string;
  language: string;
  sections: IndexSection[];
}): string {
  const alternates = o.sections
    .flatMap((s) => s.rows)
    .flatMap((r) =>
      (Object.keys(TYPES) as FeedFormat[]).map(
        (f) =>
          `<link rel="alternate" type="${TYPES[f][0]}" title="${a(`${r.title} (${TYPES[f][1]})`)}" href="${a(r.feeds[f])}">`,
      ),
    )
    .join('\n');
  const sections = o.sections
    .map((s) => {
      const rows = s.rows.length
        ? `<table>
<thead><tr><th scope="col">Feed</th><th scope="col" class="n">Items</th><th scope="col">Last update</th><th scope="col">Subscribe</th></tr></thead>
<tbody>
${s.rows
  .map(
    (r) =>
      `<tr><th scope="row"><a href="${a(r.view)}">${t(r.title)}</a>${r.description ? `<br><span class="muted">${t(r.description)}</span>` : ''}</th><td class="n">${r.count >= 1000 && s.id === 'collections' ? '1000+' : r.count}</td><td>${when(r.lastUpdate)}</td><td class="feeds">${formatLinks(r.feeds, r.title)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`
        : '<p class="muted">None yet.</p>';
      return `<section aria-labelledby="h-${a(s.id)}">\n<h2 id="h-${a(s.id)}">${t(s.title)}</h2>\n${rows}\n</section>`;
    })
    .join('\n');
  return doc({
    title: o.siteTitle,
    language: o.language,
    head: `${alternates}\n`,
    body: `<header>\n<h1>${t(o.siteTitle)}</h1>\n<p>${t(o.description)}</p>\n</header>\n<main>\n${sections}\n</main>`,
  });
}

function itemHtml(i: ItemModel): string {
  const title = i.url ? `<a href="${a(i.url)}">${t(i.title)}</a>` : t(i.title);
  const tags = i.tags.length
    ? ` <ul class="tags" aria-label="Tags">${i.tags.map((x) => `<li>${t(x.label)}</li>`).join('')}</ul>`
    : '';
  const also = i.also.length
    ? `\n<p>Also reported by: ${i.also.map((x) => (x.url ? `<a href="${a(x.url)}">${t(x.sourceTitle)}</a>` : t(x.sourceTitle))).join(', ')}</p>`
    : '';
  return `<li><article>
<h2>${title}</h2>
<p class="meta"><span class="source">${t(i.source.title)}</span> · ${when(i.published.toISOString())}${tags}</p>
${i.summary ? `<p>${t(i.summary)}</p>` : ''}${also}
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
  const head = (Object.keys(TYPES) as FeedFormat[])
    .map(
      (f) =>
        `<link rel="alternate" type="${TYPES[f][0]}" title="${a(`${m.title} (${TYPES[f][1]})`)}" href="${a(m.self[f])}">`,
    )
    .join('\n');
  const items = m.items.length
    ? `<ol class="items">\n${m.items.map(itemHtml).join('\n')}\n</ol>`
    : '<p class="muted">No stories yet.</p>';
  return doc({
    title: m.title,
    language: o.language,
    head: `${head}\n`,
    body: `<header>
<nav class="crumbs" aria-label="Breadcrumb"><a href="${a(o.indexUrl)}">${t(o.siteTitle)}</a></nav>
<h1>${t(m.title)}</h1>
${m.description ? `<p>${t(m.description)}</p>` : ''}
<p class="feeds">Subscribe: ${formatLinks(m.self, m.title)}</p>
</header>
<main>
${items}
${o.next ? `<nav aria-label="Pages"><a rel="next" href="${a(o.next)}">Older stories</a></nav>` : ''}
</main>`,
  });
}
