// Raw XML rewrites before the XML parser runs (on text whose CDATA sections and comments are masked).

/** Attributes of the root element, plus __root = its local name (feed, rss, RDF). */
export function rootAttributes(text: string): { attrs: Record<string, string>; prefix?: string } {
  const m = /<(?:([\w.-]+):)?(rss|RDF|feed)\b([^>]*)>/.exec(text);
  if (!m?.[2]) return { attrs: {} };
  const attrs: Record<string, string> = { __root: m[2] };
  for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (a[1]) attrs[a[1]] = a[2] ?? a[3] ?? '';
  }
  return { attrs, prefix: m[2] === 'feed' ? m[1] : undefined };
}

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Atom type="xhtml" (and 0.3 mode="xml") content arrives as child elements, which xml2js flattens and
 * reorders. Turning it into escaped type="html" before parsing keeps the markup as written. Runs on masked text;
 * `asHtml` turns the masked sections inside the markup back into HTML text.
 */
export function inlineXhtml(text: string, asHtml: (masked: string) => string = (t) => t): string {
  const re =
    /<((?:[\w-]+:)?(?:content|summary|title|subtitle|rights|tagline|info|copyright))(\s[^>]*?(?:type\s*=\s*["'](?:xhtml|application\/xhtml\+xml)["']|mode\s*=\s*["']xml["'])[^>]*)>([\s\S]*?)<\/\1\s*>/g;
  return text
    .replace(re, (_whole, tag: string, attrs: string, inner: string) => {
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
    })
    .replace(
      /<((?:xhtml:)?body)(\s[^>]*)?>([\s\S]*?)<\/\1\s*>/g,
      (_whole, tag: string, _attrs: string, inner: string) =>
        // RSS items carrying a whole XHTML <body>: keep its markup as escaped HTML.
        `<${tag}>${escapeMarkup(
          asHtml(inner)
            .replace(/<(\/?)[\w-]+:/g, '<$1')
            .trim(),
        )}</${tag}>`,
    );
}

/**
 * An RSS <description> should hold escaped HTML, but some feeds put well-formed XHTML elements in it, which the
 * XML parser would take apart. Such markup is escaped first, so the item keeps it as HTML. Runs on masked text
 * (see sections.ts); `asHtml` turns the masked sections inside back into HTML text.
 */
export function escapeRawDescriptions(text: string, asHtml: (masked: string) => string): string {
  return text.replace(/<description(\s[^>]*)?>([\s\S]*?)<\/description\s*>/g, (whole, attrs = '', inner: string) =>
    /<[A-Za-z]/.test(inner) ? `<description${attrs}>${escapeMarkup(asHtml(inner).trim())}</description>` : whole,
  );
}
