// Raw XML rewrites before the XML parser runs (on text whose CDATA sections and comments are masked). Every scan
// here is linear in the document: openers are found by patterns that cannot cross a '<', closers with indexOf, and
// an element whose closer is missing is never searched for again (lazy regexes rescanned to the end from every
// unclosed opener, which a hostile feed could make take hours).

/** Attributes of the root element, plus __root = its local name (feed, rss, RDF). */
export function rootAttributes(text: string): { attrs: Record<string, string>; prefix?: string } {
  const m = /<(?:([\w.-]+):)?(rss|RDF|feed)\b([^<>]*)>/.exec(text);
  if (!m?.[2]) return { attrs: {} };
  const attrs: Record<string, string> = { __root: m[2] };
  for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (a[1]) attrs[a[1]] = a[2] ?? a[3] ?? '';
  }
  return { attrs, prefix: m[2] === 'feed' ? m[1] : undefined };
}

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface ElementMatch {
  tag: string;
  /** The opener's attributes as written, with their leading space ('' when none). */
  attrs: string;
  inner: string;
}

/**
 * Rewrites every element `<tag attrs>inner</tag>` whose opener `opener` finds (a global pattern that captures the
 * tag name and the attributes and cannot cross '<'). `rewrite` returns the new text, or undefined to leave the
 * opener alone and look inside it.
 */
function rewriteElements(text: string, opener: RegExp, rewrite: (m: ElementMatch) => string | undefined): string {
  const unclosed = new Set<string>();
  let out = '';
  let pos = 0;
  opener.lastIndex = 0;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    const tag = m[1] ?? '';
    const openEnd = m.index + m[0].length;
    const closeAt = unclosed.has(tag) ? -1 : closerOf(text, tag, openEnd);
    if (closeAt === -1) {
      unclosed.add(tag);
      continue;
    }
    const replaced = rewrite({ tag, attrs: m[2] ?? '', inner: text.slice(openEnd, closeAt) });
    if (replaced === undefined) continue;
    const closeEnd = text.indexOf('>', closeAt) + 1;
    out += text.slice(pos, m.index) + replaced;
    pos = closeEnd;
    opener.lastIndex = closeEnd;
  }
  return out + text.slice(pos);
}

/** Where `</tag>` (whitespace allowed before '>') starts at or after `from`, or -1. */
function closerOf(text: string, tag: string, from: number): number {
  const close = `</${tag}`;
  for (let at = text.indexOf(close, from); at !== -1; at = text.indexOf(close, at + close.length)) {
    let i = at + close.length;
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
    if (text.charAt(i) === '>') return at;
  }
  return -1;
}

const XHTML_TYPE = /(?:type\s*=\s*["'](?:xhtml|application\/xhtml\+xml)["']|mode\s*=\s*["']xml["'])/;

/**
 * Atom type="xhtml" (and 0.3 mode="xml") content arrives as child elements, which xml2js flattens and
 * reorders. Turning it into escaped type="html" before parsing keeps the markup as written. Runs on masked text;
 * `asHtml` turns the masked sections inside the markup back into HTML text.
 */
export function inlineXhtml(text: string, asHtml: (masked: string) => string = (t) => t): string {
  const constructs = /<((?:[\w-]+:)?(?:content|summary|title|subtitle|rights|tagline|info|copyright))(\s[^<>]*)>/g;
  const inlined = rewriteElements(text, constructs, ({ tag, attrs, inner }) => {
    if (!XHTML_TYPE.test(attrs)) return undefined;
    let body = inner.trim();
    const wrap = /^<(?:[\w-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w-]+:)?div>$/.exec(body);
    if (wrap?.[1] !== undefined) body = wrap[1];
    body = asHtml(body)
      .replace(/<(\/?)[\w-]+:/g, '<$1')
      .replace(/\sxmlns(?::[\w-]+)?\s*=\s*("[^"]*"|'[^']*')/g, '');
    const newAttrs = attrs.replace(/(type|mode)\s*=\s*["'][^"']*["']/g, (_m, k: string) =>
      k === 'type' ? 'type="html"' : 'mode="escaped"',
    );
    const typed = /type\s*=/.test(newAttrs) ? newAttrs : `${newAttrs} type="html"`;
    return `<${tag}${typed}>${escapeMarkup(body)}</${tag}>`;
  });
  // RSS items carrying a whole XHTML <body>: keep its markup as escaped HTML.
  return rewriteElements(inlined, /<((?:xhtml:)?body)(\s[^<>]*)?>/g, ({ tag, inner }) => {
    const html = asHtml(inner)
      .replace(/<(\/?)[\w-]+:/g, '<$1')
      .trim();
    return `<${tag}>${escapeMarkup(html)}</${tag}>`;
  });
}

/**
 * An RSS <description> should hold escaped HTML, but some feeds put well-formed XHTML elements in it, which the
 * XML parser would take apart. Such markup is escaped first, so the item keeps it as HTML. Runs on masked text
 * (see sections.ts); `asMarkup` turns the masked sections inside back into markup (CDATA there holds HTML).
 */
export function escapeRawDescriptions(text: string, asMarkup: (masked: string) => string): string {
  return rewriteElements(text, /<(description)(\s[^<>]*)?>/g, ({ attrs, inner }) =>
    /<[A-Za-z]/.test(inner) ? `<description${attrs}>${escapeMarkup(asMarkup(inner).trim())}</description>` : undefined,
  );
}
