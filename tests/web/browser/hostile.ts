// Hostile fixtures for the console's XSS test: feeds (RSS, Atom, JSON Feed) whose titles, authors, categories,
// links and content carry script; sources whose servers answer with hostile errors; an OPML file with hostile
// titles; a collection and a topic with hostile names. Every payload that runs sets window.__pwned and asks for a
// URL under the beacon, so the test can tell whether anything executed.
import type { Handler } from '../../helpers/env.ts';

/** The text every payload contains (its code): the test also checks it is shown, escaped, where expected. */
export const MARK = '__pwned';

export interface Payloads {
  script: string;
  img: string;
  svg: string;
  attrDouble: string;
  attrSingle: string;
  closeScript: string;
  closeOthers: string;
  jsUrl: string;
  all: string[];
}

export function payloads(beacon: string): Payloads {
  const run = (tag: string) => `window.__pwned=1;new Image().src='${beacon}/${tag}'`;
  const p = {
    script: `<script>${run('script')}</script>`,
    img: `<img src=x onerror="${run('img')}">`,
    svg: `<svg/onload="${run('svg')}">`,
    attrDouble: `"><script>${run('attr2')}</script><x a="`,
    attrSingle: `'><img src=x onerror=${run('attr1').replace(/'/g, '')}><x a='`,
    closeScript: `</script><script>${run('close')}</script>`,
    closeOthers: `</title></textarea></style></noscript><script>${run('others')}</script>`,
    jsUrl: `javascript:${run('jsurl')}`,
  };
  return { ...p, all: Object.values(p) };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const html = xml;

/** An RSS 2.0 feed: script in the channel and item titles (once escaped and twice), authors, categories, links. */
export function hostileRss(p: Payloads, beacon: string, sharedLink: string): string {
  const content = `<p>Body ${p.img} ${p.script} <a href="${p.jsUrl}">click</a> <iframe src="${p.jsUrl}"></iframe>
<img src="${beacon.replace(/\/beacon$/, '/pixel')}/content-img"> <form action="${p.jsUrl}"><button>go</button></form>
<a href="${beacon}/link" onclick="${p.jsUrl}">beacon</a> <object data="${beacon}/object"></object></p>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${xml(`${p.script} Hostile Wire`)}</title><link>https://hostile.example/</link>
<description>${xml(p.img)}</description>
<item><guid isPermaLink="false">rss-1</guid><title>${xml(`${p.script} Strike in Lima zorbling`)}</title>
<link>${xml(sharedLink)}</link><description>${xml(content)}</description>
<content:encoded><![CDATA[${content}]]></content:encoded>
<dc:creator>${xml(p.closeScript)}</dc:creator><category>${xml(p.closeScript)}</category>
<category>${xml(p.attrDouble)}</category><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>
<item><guid isPermaLink="false">rss-2</guid><title>${xml(`${html(p.script)} ${html(p.img)} twice escaped in Peru`)}</title>
<link>${xml(p.jsUrl)}</link><description>${xml(p.svg)}</description>
<author>${xml(`x@example.org (${p.closeScript})`)}</author><category>${xml(p.attrSingle)}</category>
<pubDate>Mon, 02 Nov 2026 11:00:00 GMT</pubDate></item>
<item><guid isPermaLink="false">rss-3</guid><title>${xml(`${p.img}${p.attrSingle}${p.closeOthers} Cusco`)}</title>
<link>https://hostile.example/three?x=${encodeURIComponent(p.attrDouble)}</link>
<description>${xml(`${p.attrDouble} ${p.closeOthers}`)}</description>
<dc:creator>${xml(p.attrDouble)}</dc:creator><category>${xml(p.closeOthers)}</category>
<pubDate>Mon, 02 Nov 2026 12:00:00 GMT</pubDate></item>
</channel></rss>`;
}

/** An Atom feed: an html-typed title (so markup survives the XML), author names, category terms and labels. */
export function hostileAtom(p: Payloads, sharedLink: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">${xml(html(p.script) + ' Atom of doom')}</title>
<id>urn:hostile:atom</id><updated>2026-11-02T10:00:00Z</updated>
<author><name>${xml(p.closeScript)}</name><uri>${xml(p.jsUrl)}</uri></author>
<entry><id>urn:hostile:atom:1</id><title type="html">${xml(html(p.script) + ' Strike in Lima zorbling')}</title>
<link rel="alternate" href="${xml(sharedLink)}"/><updated>2026-11-02T10:30:00Z</updated>
<author><name>${xml(p.closeScript)}</name><email>${xml(p.attrDouble)}</email></author>
<category term="${xml(p.closeScript)}" label="${xml(p.attrDouble)}"/>
<summary type="html">${xml(p.img)}</summary><content type="html">${xml(`${p.script}<p>Atom body ${p.svg}</p>`)}</content></entry>
<entry><id>urn:hostile:atom:2</id><title type="text">${xml(`${p.svg} Protest in Bolivia`)}</title>
<link rel="alternate" href="${xml(p.jsUrl)}"/><updated>2026-11-02T11:30:00Z</updated>
<category term="${xml(p.attrSingle)}"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p onclick="${xml(p.jsUrl)}">xhtml</p></div></content></entry>
</feed>`;
}

/** A JSON Feed: script in titles, authors, tags and urls. */
export function hostileJson(p: Payloads): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: `${p.closeScript} JSON of doom`,
    home_page_url: p.jsUrl,
    authors: [{ name: p.closeScript, url: p.jsUrl }],
    items: [
      {
        id: 'json-1',
        url: p.jsUrl,
        external_url: p.jsUrl,
        title: `${p.attrDouble} Election in Chile`,
        content_html: `${p.script}${p.img}<a href="${p.jsUrl}">x</a>`,
        summary: p.svg,
        authors: [{ name: p.attrSingle, url: p.jsUrl, avatar: p.jsUrl }],
        tags: [p.closeScript, p.attrDouble],
        date_published: '2026-11-02T09:00:00Z',
      },
    ],
  });
}

/** An OPML file: hostile titles and texts, a javascript: feed URL (invalid) and a hostile html URL. */
export function hostileOpml(p: Payloads, feedUrl: (path: string) => string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>${xml(p.script)}</title></head><body>
<outline text="${xml(p.closeScript)}" title="${xml(p.script)}">
  <outline type="rss" text="${xml(p.img)}" title="${xml(`${p.attrDouble} OPML one`)}" xmlUrl="${xml(feedUrl('/opml-one.xml'))}" htmlUrl="${xml(p.jsUrl)}"/>
  <outline type="rss" text="${xml(p.svg)}" title="${xml(p.attrSingle)}" xmlUrl="${xml(p.jsUrl)}"/>
  <outline type="rss" text="${xml(p.closeOthers)}" xmlUrl="${xml(feedUrl('/opml-two.xml') + '?q=' + encodeURIComponent(p.script))}"/>
</outline></body></opml>`;
}

/** The fixture server's routes: the hostile feeds, and sources that fail with hostile answers. */
export function hostileRoutes(p: Payloads, beacon: string, sharedLink: string): Record<string, Handler> {
  const ok =
    (type: string, body: () => string): Handler =>
    (_q, res) =>
      void res.writeHead(200, { 'content-type': type }).end(body());
  return {
    '/hostile.rss': ok('application/rss+xml', () => hostileRss(p, beacon, sharedLink)),
    '/hostile.atom': ok('application/atom+xml', () => hostileAtom(p, sharedLink)),
    '/hostile.json': ok('application/feed+json', () => hostileJson(p)),
    // Status text and body both hostile.
    '/error500.xml': (_q, res) =>
      void res
        .writeHead(500, `Boom <script>window.__pwned=1</script>`, { 'content-type': 'text/html' })
        .end(`<h1>${p.script}</h1>`),
    // A page that is no feed: the parser's error quotes how the document starts.
    '/notfeed.xml': (_q, res) =>
      void res.writeHead(200, { 'content-type': 'text/plain' }).end(`oops<script>window.__pwned=1</script>${p.img}`),
    '/badjson.json': (_q, res) =>
      void res.writeHead(200, { 'content-type': 'application/feed+json' }).end(`{"title": "${p.closeScript}`),
    // A permanent redirect to an address with a quote in it, which becomes the source's "moved to".
    '/moving.xml': (_q, res) =>
      void res.writeHead(301, { location: `/moved.rss?'onmouseover='window.__pwned=1'` }).end(),
    '/moved.rss': ok('application/rss+xml', () => hostileRss(p, beacon, `${sharedLink}-moved`)),
    '/opml-one.xml': ok('application/rss+xml', () => hostileRss(p, beacon, `${sharedLink}-opml`)),
    '/opml-two.xml': ok('application/rss+xml', () => hostileRss(p, beacon, `${sharedLink}-opml2`)),
  };
}

/** sources.yaml entries for the hostile sources (one with a hostile title of its own). */
export function hostileSources(feedUrl: (path: string) => string, p: Payloads): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    `  - id: hostile-rss\n    url: ${feedUrl('/hostile.rss')}\n    country: PE`,
    `  - id: hostile-atom\n    url: ${feedUrl('/hostile.atom')}\n    title: ${q(p.svg + ' Atom source')}`,
    `  - id: hostile-json\n    url: ${feedUrl('/hostile.json')}`,
    `  - id: hostile-500\n    url: ${feedUrl('/error500.xml')}\n    title: ${q(p.attrDouble)}`,
    `  - id: hostile-notfeed\n    url: ${feedUrl('/notfeed.xml')}`,
    `  - id: hostile-badjson\n    url: ${feedUrl('/badjson.json')}`,
    `  - id: hostile-moving\n    url: ${feedUrl('/moving.xml')}`,
  ].join('\n');
}

/** A collection and a topic whose names are hostile (an editor's words are escaped like a feed's). */
export function hostileCollection(p: Payloads): string {
  return `
  - slug: hostile
    title: ${JSON.stringify(`${p.script} Hostile collection`)}
    description: ${JSON.stringify(p.img)}
    filter:
      countries: [PE, BO, CL]
      q: ${JSON.stringify('lima')}
    limit: 10
`;
}

export function hostileTopic(p: Payloads): string {
  return `
  - slug: zorbling
    label: ${JSON.stringify(`${p.script} Zorbling`)}
    keywords:
      en: ["zorbling*"]
`;
}
