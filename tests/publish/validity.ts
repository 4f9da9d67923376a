// Feed checks of our own that mirror the W3C Feed Validation Service's main rules: well-formed XML by a strict
// XML 1.0 parser (saxes rejects control characters and bad attributes), required elements, date formats,
// RSS authors as dc:creator, Atom category term.
import { SaxesParser } from 'saxes';

export interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

/** Parses strictly; throws with the parser's message on any well-formedness error. */
export function parseXml(xml: string): Node {
  const p = new SaxesParser({ xmlns: false, position: true });
  const root: Node = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: Node[] = [root];
  let error: Error | undefined;
  p.on('error', (e) => {
    error ??= e;
  });
  p.on('opentag', (t) => {
    const n: Node = {
      name: t.name,
      attrs: Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [k, String(v)])),
      children: [],
      text: '',
    };
    stack[stack.length - 1]!.children.push(n);
    stack.push(n);
  });
  p.on('text', (t) => (stack[stack.length - 1]!.text += t));
  p.on('cdata', (t) => (stack[stack.length - 1]!.text += t));
  p.on('closetag', () => void stack.pop());
  p.write(xml).close();
  if (error) throw error;
  return root.children[0]!;
}

export const kids = (n: Node, name: string) => n.children.filter((c) => c.name === name);
export const kid = (n: Node, name: string) => n.children.find((c) => c.name === name);

const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;
const isUri = (s: string) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s);

export function checkRss(xml: string): string[] {
  const problems: string[] = [];
  if (CONTROL.test(xml)) problems.push('control character in document');
  const rss = parseXml(xml);
  if (rss.name !== 'rss' || rss.attrs.version !== '2.0') problems.push('root is not <rss version="2.0">');
  const ch = kid(rss, 'channel');
  if (!ch) return [...problems, 'no channel'];
  for (const req of ['title', 'link', 'description']) if (!kid(ch, req)) problems.push(`channel lacks <${req}>`);
  const self = kids(ch, 'atom:link').find((l) => l.attrs.rel === 'self');
  if (!self) problems.push('channel lacks atom:link rel=self');
  if (rss.attrs['xmlns:atom'] !== 'http://www.w3.org/2005/Atom') problems.push('atom namespace not declared');
  for (const d of ['lastBuildDate', 'pubDate']) {
    const n = kid(ch, d);
    if (n && !RFC822.test(n.text)) problems.push(`channel ${d} not RFC 822: ${n.text}`);
  }
  kids(ch, 'item').forEach((it, i) => {
    if (!kid(it, 'title') && !kid(it, 'description')) problems.push(`item ${i}: needs title or description`);
    const guid = kid(it, 'guid');
    if (!guid) problems.push(`item ${i}: no guid`);
    else if (guid.attrs.isPermaLink !== 'false' && !/^https?:/.test(guid.text))
      problems.push(`item ${i}: guid is not a permalink but isPermaLink is not false`);
    const pub = kid(it, 'pubDate');
    if (!pub || !RFC822.test(pub.text)) problems.push(`item ${i}: pubDate missing or not RFC 822`);
    for (const a of kids(it, 'author'))
      if (!/^\S+@\S+/.test(a.text)) problems.push(`item ${i}: <author> is not an e-mail address`);
    if (!kids(it, 'dc:creator').length) problems.push(`item ${i}: no dc:creator`);
    if (kids(it, 'dc:creator').length && rss.attrs['xmlns:dc'] !== 'http://purl.org/dc/elements/1.1/')
      problems.push('dc namespace not declared');
    for (const c of kids(it, 'category')) if (!c.text.trim()) problems.push(`item ${i}: empty category`);
    const src = kid(it, 'source');
    if (src && !/^https?:/.test(src.attrs.url ?? '')) problems.push(`item ${i}: source lacks an http url`);
    const enc = kid(it, 'enclosure');
    if (enc && !(enc.attrs.url && enc.attrs.type && /^\d+$/.test(enc.attrs.length ?? '')))
      problems.push(`item ${i}: enclosure needs url, type and length`);
  });
  return problems;
}

export function checkAtom(xml: string): string[] {
  const problems: string[] = [];
  if (CONTROL.test(xml)) problems.push('control character in document');
  const feed = parseXml(xml);
  if (feed.name !== 'feed' || feed.attrs.xmlns !== 'http://www.w3.org/2005/Atom')
    problems.push('root is not an Atom <feed>');
  const need = (n: Node, what: string, names: string[]) => {
    for (const name of names) if (kids(n, name).length !== 1) problems.push(`${what}: needs exactly one <${name}>`);
  };
  need(feed, 'feed', ['id', 'title', 'updated']);
  const feedHasAuthor = kids(feed, 'author').length > 0;
  if (!kids(feed, 'link').some((l) => l.attrs.rel === 'self')) problems.push('feed lacks link rel=self');
  const check = (n: Node, what: string) => {
    const id = kid(n, 'id');
    if (id && !isUri(id.text)) problems.push(`${what}: id is not an IRI: ${id.text}`);
    for (const d of ['updated', 'published']) {
      const x = kid(n, d);
      if (x && !RFC3339.test(x.text)) problems.push(`${what}: ${d} not RFC 3339: ${x.text}`);
    }
    for (const c of kids(n, 'category')) if (!c.attrs.term) problems.push(`${what}: category without term`);
    for (const l of kids(n, 'link')) if (!l.attrs.href) problems.push(`${what}: link without href`);
    for (const a of kids(n, 'author')) if (!kid(a, 'name')?.text.trim()) problems.push(`${what}: author without name`);
    const alternates = kids(n, 'link')
      .filter((l) => (l.attrs.rel ?? 'alternate') === 'alternate')
      .map((l) => `${l.attrs.type}|${l.attrs.hreflang ?? ''}`);
    if (new Set(alternates).size !== alternates.length)
      problems.push(`${what}: duplicate alternate link with the same type`);
  };
  check(feed, 'feed');
  const ids = new Set<string>();
  kids(feed, 'entry').forEach((e, i) => {
    need(e, `entry ${i}`, ['id', 'title', 'updated']);
    if (!feedHasAuthor && !kids(e, 'author').length) problems.push(`entry ${i}: no author`);
    if (!kid(e, 'content') && !kids(e, 'link').some((l) => (l.attrs.rel ?? 'alternate') === 'alternate'))
      problems.push(`entry ${i}: needs content or an alternate link`);
    const id = kid(e, 'id')?.text ?? '';
    if (ids.has(id)) problems.push(`entry ${i}: duplicate id ${id}`);
    ids.add(id);
    check(e, `entry ${i}`);
    const src = kid(e, 'source');
    if (src) check(src, `entry ${i} source`);
  });
  return problems;
}
