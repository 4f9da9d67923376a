// Maps rss-parser output (plus our raw customFields) to ParsedFeed/ParsedItem.
import type { Author, Enclosure, SourceFormat, ParsedFeed, ParsedItem } from '../types.ts';
import { attr, child, firstText, isObj, list, resolveUrl, text, type XNode } from './nodes.ts';

/** The parts of rss-parser's result we use; wr* are our customFields (raw xml2js nodes). */
export interface RawItem {
  [field: string]: unknown;
  guid?: unknown;
  'rdf:about'?: string;
}
export interface RawFeed {
  [field: string]: unknown;
  items: RawItem[];
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Atom/RSS text constructs: type text (and Atom 0.3 text/plain) becomes escaped HTML. */
function htmlOf(n: XNode | undefined, defaultHtml: boolean): string | undefined {
  if (n === undefined) return undefined;
  let value = text(n) ?? (isObj(n) ? '' : undefined);
  if (value === undefined) return undefined;
  if (attr(n, 'mode') === 'base64') value = Buffer.from(value, 'base64').toString('utf8'); // Atom 0.3
  const type = (attr(n, 'type') ?? '').toLowerCase();
  const isHtml = type === '' ? defaultHtml : /html|xhtml/.test(type);
  if (!isHtml && type !== '' && !/^text(\/plain)?$/.test(type)) return undefined; // base64 or other media
  return isHtml ? value : escapeHtml(value);
}

/** Media RSS descriptions are plain text unless type="html"; YouTube's Atom feeds keep an entry's only text here. */
function mediaDescriptionOf(item: RawItem): string | undefined {
  const groups = list(item.wrMediaGroups).flatMap((g) => list(isObj(g) ? g['media:description'] : undefined));
  const node = list(item.wrMediaDescription)[0] ?? groups[0];
  const value = text(node)?.trim();
  if (!value) return undefined;
  return attr(node, 'type') === 'html' ? value : escapeHtml(value).replace(/\r?\n/g, '<br>');
}

/** "jane@example.com (Jane Doe)" and "Jane Doe <jane@example.com>" are both common in RSS. */
export function parseAuthorString(s: string): Author | undefined {
  const v = s.trim();
  if (!v) return undefined;
  let m = /^([^\s()<>]+@[^\s()<>]+)\s*\((.+)\)$/.exec(v);
  if (m?.[2]) return { name: m[2].trim(), email: m[1] };
  m = /^(.+?)\s*<([^\s<>]+@[^\s<>]+)>$/.exec(v);
  if (m?.[1]) return { name: m[1].trim(), email: m[2] };
  m = /^(.+?)\s*\(([^\s()<>]+@[^\s()<>]+)\)$/.exec(v);
  if (m?.[1]) return { name: m[1].trim(), email: m[2] };
  if (/^[^\s@]+@[^\s@]+$/.test(v)) return { email: v };
  return { name: v };
}

function authorOf(n: XNode): Author | undefined {
  if (typeof n === 'string' || (isObj(n) && typeof n._ === 'string' && !child(n, 'name')))
    return parseAuthorString(text(n) ?? '');
  const out: Author = {};
  const name = firstText(isObj(n) ? n.name : undefined);
  const email = firstText(isObj(n) ? n.email : undefined);
  const uri = firstText(isObj(n) ? (n.uri ?? n.url) : undefined);
  if (name) out.name = name;
  if (email) out.email = email;
  if (uri) out.url = uri;
  return Object.keys(out).length ? out : undefined;
}

function categoriesOf(item: RawItem): string[] {
  const out: string[] = [];
  for (const c of list(item.wrCategories)) {
    const v = attr(c, 'term') ?? attr(c, 'label') ?? text(c);
    if (v && v.trim()) out.push(v.trim());
  }
  for (const s of list(item.wrSubjects)) {
    const v = text(s)?.trim();
    if (v) out.push(v);
  }
  return out;
}

function enclosuresOf(item: RawItem, links: XNode[], base: string | undefined): Enclosure[] {
  const out: Enclosure[] = [];
  const add = (url: string | undefined, type: string | undefined, length: string | undefined) => {
    const href = url?.trim();
    if (!href || out.some((e) => e.url === href)) return;
    const e: Enclosure = { url: resolveUrl(href, base) ?? href };
    if (type) e.type = type;
    const n = length !== undefined ? Number(length) : NaN;
    if (Number.isFinite(n) && n >= 0) e.length = n;
    out.push(e);
  };
  for (const e of list(item.wrEnclosures)) add(attr(e, 'url'), attr(e, 'type'), attr(e, 'length'));
  for (const l of links) if (attr(l, 'rel') === 'enclosure') add(attr(l, 'href'), attr(l, 'type'), attr(l, 'length'));
  const media = [
    ...list(item.wrMedia),
    ...list(item.wrMediaGroups).flatMap((g) => list(isObj(g) ? g['media:content'] : undefined)),
  ];
  for (const m of media) add(attr(m, 'url'), attr(m, 'type'), attr(m, 'fileSize'));
  return out;
}

/** Atom: rel=alternate (or no rel) wins; RSS: the element text. Link-level xml:base applies to its href. */
function linkOf(links: XNode[], base: string | undefined): string | undefined {
  let fallback: string | undefined;
  for (const l of links) {
    const href = attr(l, 'href');
    if (href === undefined) {
      const t = text(l)?.trim();
      if (t) return resolveUrl(t, resolveUrl(attr(l, 'xml:base'), base));
      continue;
    }
    const rel = attr(l, 'rel') ?? 'alternate';
    const abs = resolveUrl(href.trim(), resolveUrl(attr(l, 'xml:base'), base));
    if (rel === 'alternate') return abs;
    if (rel !== 'enclosure' && rel !== 'self' && fallback === undefined) fallback = abs;
  }
  return fallback;
}

function mapItem(item: RawItem, feedBase: string | undefined, isAtom: boolean): ParsedItem {
  const base = resolveUrl(attr({ $: item.wrAttrs as Record<string, string> | undefined }, 'xml:base'), feedBase);
  const links = list(item.wrLinks);
  const titleNode = list(item.wrTitle)[0] ?? list(item.wrDcTitle)[0];
  const titleType = (attr(titleNode, 'type') ?? '').toLowerCase();
  const guidNode = list(item.wrGuid)[0] ?? list(item.wrId)[0];
  const permalink =
    guidNode !== undefined && attr(guidNode, 'isPermaLink') !== 'false' ? text(guidNode)?.trim() : undefined;
  const contentNode = list(item.wrContent)[0];
  const encoded = list(item.wrEncoded)[0] ?? list(item.wrBody)[0] ?? list(item.wrFullitem)[0];
  const summaryNode = list(item.wrSummary)[0];
  const description = list(item.wrDescription)[0];
  const authors = [...list(item.wrAuthors), ...list(item.wrCreators), ...list(item.wrDcAuthors)]
    .map(authorOf)
    .filter((a): a is Author => a !== undefined);
  const attrs = isObj(item.wrAttrs) ? (item.wrAttrs as Record<string, string>) : undefined;

  const out: ParsedItem = {
    guid: text(guidNode)?.trim() || item['rdf:about'] || undefined,
    link:
      linkOf(links, base) ??
      linkOf(list(item.wrAtomLinks), base) ??
      (permalink && /^https?:/i.test(permalink) ? permalink : undefined),
    title: text(titleNode),
    titleIsHtml: isAtom ? /html/.test(titleType) : true,
    summaryHtml:
      htmlOf(summaryNode, !isAtom) ??
      htmlOf(description, true) ??
      htmlOf(list(item.wrDcDescription)[0], true) ??
      mediaDescriptionOf(item),
    contentHtml: htmlOf(encoded, true) ?? (isAtom ? htmlOf(contentNode, false) : undefined),
    authors,
    categories: categoriesOf(item),
    enclosures: enclosuresOf(item, links, base),
    published:
      firstText(item.wrPubDate) ??
      firstText(item.wrPublished) ??
      firstText(item.wrDcDate) ??
      firstText(item.wrIssued) ??
      firstText(item.wrCreated) ??
      firstText(item.wrDctIssued) ??
      firstText(item.wrDctCreated),
    updated: firstText(item.wrUpdated) ?? firstText(item.wrModified) ?? firstText(item.wrDctModified),
    language: attrs?.['xml:lang'] || firstText(item.wrDcLanguage),
    baseUrl: base,
  };
  const canonical = canonicalOf(item, links, base, out.link, permalink);
  if (canonical) out.canonicalUrl = canonical;
  if (!out.title) delete out.title;
  return out;
}

/**
 * The publisher's own name for the article when the item says so: FeedBurner's origLink (the link is a redirect),
 * an Atom link rel="canonical", or a permalink guid that differs from the link. Story detection matches on it.
 */
function canonicalOf(
  item: RawItem,
  links: XNode[],
  base: string | undefined,
  link: string | undefined,
  permalink: string | undefined,
): string | undefined {
  const orig = firstText(item.wrOrigLink)?.trim();
  if (orig) return resolveUrl(orig, base);
  for (const l of [...links, ...list(item.wrAtomLinks)]) {
    const href = attr(l, 'href');
    if (href && attr(l, 'rel') === 'canonical') return resolveUrl(href.trim(), resolveUrl(attr(l, 'xml:base'), base));
  }
  if (permalink && /^https?:\/\//i.test(permalink) && permalink !== link) return permalink;
  return undefined;
}

export function mapFeed(
  raw: RawFeed,
  url: string,
  rootAttrs: Record<string, string>,
): ParsedFeed & { format: Exclude<SourceFormat, 'json'> } {
  const feedAttrs = (raw.wrAttrs as Record<string, string> | undefined) ?? {};
  const isAtom = raw.wrLinks !== undefined && list(raw.wrLinks).some((l) => attr(l, 'href') !== undefined);
  const atom = isAtom || rootAttrs['__root'] === 'feed';
  // Only an explicit xml:base goes into baseUrl; otherwise the normalizer falls back to feed link, then URL.
  const rootBase = feedAttrs['xml:base'] ?? rootAttrs['xml:base'];
  const feedBase = rootBase !== undefined ? resolveUrl(rootBase, url) : undefined;
  const ttl = Number(firstText(raw.wrTtl));
  const warnings: string[] = [];
  const items = (raw.items ?? []).map((i) => withSafeLink(mapItem(i, feedBase, atom), warnings));
  const title = list(raw.wrTitle)[0] ?? list(raw.wrDcTitle)[0];
  return {
    format: formatOf(atom, rootAttrs['__root']),
    title: text(title)?.trim() || undefined,
    link: linkOf(list(raw.wrLinks), feedBase),
    language:
      firstText(raw.wrLanguage) ?? firstText(raw.wrDcLanguage) ?? feedAttrs['xml:lang'] ?? rootAttrs['xml:lang'],
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    items,
    warnings,
  };
}

function formatOf(atom: boolean, root: string | undefined): Exclude<SourceFormat, 'json'> {
  if (atom) return 'atom';
  return root === 'RDF' ? 'rdf' : 'rss';
}

/** Only http(s) links name an article a reader can open; javascript:, data: and the like are dropped and reported. */
function withSafeLink(item: ParsedItem, warnings: string[]): ParsedItem {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(item.link ?? '')?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === 'http' || scheme === 'https') return item;
  const name = item.title ? `"${item.title.trim().slice(0, 80)}"` : (item.guid ?? 'an item');
  warnings.push(`${name}: link with scheme ${scheme}: dropped (only http and https links are kept)`);
  const { link: _dropped, ...rest } = item;
  return rest;
}
