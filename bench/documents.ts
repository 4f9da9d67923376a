// Generated news documents for the ingest benches and the tests that need realistic feeds: news-site RSS (description
// + content:encoded in CDATA, dc:creator, categories, enclosures) and Atom (escaped HTML content, summary, authors,
// categories), 2-3 KB of HTML per item with links carrying tracking parameters, images, entities, and the odd
// script/iframe for the sanitizer. Apart from bench/ingest.ts, which loads the compiled pipeline, so that importing
// them loads nothing else.
import { prng } from '../tests/helpers/prng.ts';

const WORDS = (
  'government minister congress election protest strike president court ruling economy inflation mining ' +
  'copper water drought police union teachers farmers region capital border trade exports talks agreement ' +
  'report official statement opposition party vote reform constitution budget health hospital schools road ' +
  'bridge flood rains season harvest market prices fuel energy company investment workers wages crisis ' +
  'Lima Cusco Arequipa Puno Santiago Bogotá Quito La Paz Brasília Buenos Aires Caracas Montevideo Asunción ' +
  'said would could after before during while against between about across through under without'
).split(/\s+/);
const CATS = [
  'Politics',
  'Economy',
  'Peru',
  'Latin America',
  'Mining',
  'Protests',
  'Elections',
  'Environment',
  'Health',
  'Justice',
];
const AUTHORS = ['María Quispe', 'José Huamán', 'Ana Torres', 'Luis Mendoza', 'Rosa Flores', 'Carlos Rojas'];

function sentence(rnd: () => number, min = 8, max = 22): string {
  const n = min + Math.floor(rnd() * (max - min));
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(WORDS[Math.floor(rnd() * WORDS.length)]!);
  const s = w.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

function itemHtml(rnd: () => number, site: string, n: number): string {
  const parts: string[] = [];
  parts.push(`<p><strong>${sentence(rnd, 5, 9)}</strong> ${sentence(rnd)} ${sentence(rnd)}</p>`);
  parts.push(
    `<figure><img src="/media/${n}/photo.jpg" alt="${sentence(rnd, 3, 6)}" width="800" height="450" loading="lazy"><figcaption>${sentence(rnd, 5, 10)} &copy; Agencia</figcaption></figure>`,
  );
  // ~2-3 KB in all.
  const target = 1800 + Math.floor(rnd() * 900);
  let size = parts.join('').length;
  while (size < target) {
    const r = rnd();
    let p: string;
    if (r < 0.15)
      p = `<p>${sentence(rnd)} <a href="https://${site}/news/${n}-${Math.floor(rnd() * 1e6)}?utm_source=rss&amp;utm_medium=feed&amp;fbclid=IwAR${Math.floor(rnd() * 1e9)}">${sentence(rnd, 3, 6)}</a> ${sentence(rnd)}</p>`;
    else if (r < 0.22)
      p = `<blockquote><p>&ldquo;${sentence(rnd)}&rdquo; &mdash; ${AUTHORS[Math.floor(rnd() * AUTHORS.length)]}</p></blockquote>`;
    else if (r < 0.27)
      p = `<ul><li>${sentence(rnd, 4, 8)}</li><li>${sentence(rnd, 4, 8)}</li><li>${sentence(rnd, 4, 8)}</li></ul>`;
    else if (r < 0.29) p = `<p onclick="track()">${sentence(rnd)}</p><script>window.ads && ads.push(${n});</script>`;
    else if (r < 0.31)
      p = `<iframe src="https://www.youtube.com/embed/v${n}x" width="560" height="315" allowfullscreen></iframe>`;
    else if (r < 0.33) p = `<img src="https://pixel.${site}/t.gif?id=${n}" width="1" height="1">`;
    else p = `<p>${sentence(rnd)} ${sentence(rnd)} ${sentence(rnd, 4, 12)}</p>`;
    parts.push(p);
    size += p.length;
  }
  return parts.join('\n');
}

const escXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface GeneratedDoc {
  name: string;
  format: 'rss' | 'atom';
  items: number;
  body: Buffer;
}

/**
 * One document of `items` items. `seed` makes it distinct (guids, links, titles): sources never share entries.
 * Dates are spread over the ten days before `now` so nothing is held back as "future" and nothing is pruned.
 */
export function generateDocument(seed: number, format: 'rss' | 'atom', items: number, now = Date.now()): GeneratedDoc {
  const rnd = prng(seed * 7919 + 17);
  const site = `news${seed % 97}.example.com`;
  const entries = Array.from({ length: items }, (_, i) => {
    const n = seed * 1000 + i;
    const when = new Date(now - Math.floor(i * 3_600_000 + rnd() * 3_000_000));
    return {
      n,
      title: `${sentence(rnd, 6, 12).slice(0, -1)} (${n})`,
      link: `https://${site}/${when.getUTCFullYear()}/${n}/story-${n}.html?utm_source=rss&utm_campaign=feed`,
      guid: `https://${site}/?p=${n}`,
      summary: `${sentence(rnd)} ${sentence(rnd)}`,
      html: itemHtml(rnd, site, n),
      author: AUTHORS[Math.floor(rnd() * AUTHORS.length)]!,
      cats: [CATS[Math.floor(rnd() * CATS.length)]!, CATS[Math.floor(rnd() * CATS.length)]!],
      when,
      enclosure: rnd() < 0.3 ? `https://cdn.${site}/img/${n}.jpg` : undefined,
    };
  });
  let xml: string;
  if (format === 'rss') {
    xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>News ${seed} &#8211; Politics</title>
<link>https://${site}/</link>
<atom:link href="https://${site}/feed/" rel="self" type="application/rss+xml"/>
<description>Latest political news</description>
<language>es-PE</language>
<lastBuildDate>${new Date(now).toUTCString()}</lastBuildDate>
<ttl>15</ttl>
${entries
  .map(
    (e) => `<item>
<title>${escXml(e.title)}</title>
<link>${escXml(e.link)}</link>
<dc:creator><![CDATA[${e.author}]]></dc:creator>
<pubDate>${e.when.toUTCString().replace('GMT', '+0000')}</pubDate>
${e.cats.map((c) => `<category><![CDATA[${c}]]></category>`).join('')}
<guid isPermaLink="false">${escXml(e.guid)}</guid>
<description><![CDATA[<p>${e.summary}</p>]]></description>
<content:encoded><![CDATA[${e.html}]]></content:encoded>
${e.enclosure ? `<enclosure url="${e.enclosure}" length="123456" type="image/jpeg"/>` : ''}
</item>`,
  )
  .join('\n')}
</channel>
</rss>
`;
  } else {
    xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">
<title type="text">News ${seed}</title>
<id>tag:${site},2024:feed</id>
<link rel="alternate" type="text/html" href="https://${site}/"/>
<link rel="self" type="application/atom+xml" href="https://${site}/atom.xml"/>
<updated>${new Date(now).toISOString()}</updated>
${entries
  .map(
    (e) => `<entry>
<title type="html">${escXml(e.title)}</title>
<link rel="alternate" type="text/html" href="${escXml(e.link)}"/>
${e.enclosure ? `<link rel="enclosure" type="image/jpeg" length="123456" href="${e.enclosure}"/>` : ''}
<id>tag:${site},2024:${e.n}</id>
<published>${e.when.toISOString()}</published>
<updated>${e.when.toISOString()}</updated>
<author><name>${e.author}</name></author>
${e.cats.map((c) => `<category term="${escXml(c)}"/>`).join('')}
<summary type="text">${escXml(e.summary)}</summary>
<content type="html">${escXml(e.html)}</content>
</entry>`,
  )
  .join('\n')}
</feed>
`;
  }
  return { name: `gen-${format}-${seed}.xml`, format, items, body: Buffer.from(xml) };
}

/** ~50 documents of 20-100 items, alternating RSS and Atom (RSS twice as often, as on the web). */
export function generateDocuments(count = 50, seed = 1): GeneratedDoc[] {
  const rnd = prng(seed);
  return Array.from({ length: count }, (_, i) =>
    generateDocument(seed * 10_000 + i, i % 3 === 2 ? 'atom' : 'rss', 20 + Math.floor(rnd() * 81)),
  );
}
