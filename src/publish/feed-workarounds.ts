// The one place for what the `feed` 6.0.0 package gets wrong in the RSS it writes (see
// ../shared/notes/dependency-facts.md); tests/publish/feed-workarounds.test.ts shows each bug on `feed` itself,
// so an upgrade that fixes one makes its test fail and the workaround can go.

/**
 * xml-js, under `feed`, escapes only `"` in attribute values (and `&` only in URLs it sanitizes): values handed to
 * it raw are escaped here first.
 */
export function xmlJsAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `feed`'s CDATA writer splits only the first "]]>" of a text, so a second one ends the section early. Every one is
 * broken before `feed` sees the text: in HTML "]]&gt;" still reads "]]>"; in plain text a zero-width space does.
 */
export const cdataHtml = (s: string): string => s.replace(/]]>/g, ']]&gt;');
export const cdataText = (s: string): string => s.replace(/]]>/g, ']]\u200B>');

/**
 * `feed` writes an RSS <author> as a bare name (RSS wants an e-mail there) and never dc:creator: authors go out as
 * dc:creator item extensions instead, and this declares the dc namespace, which `feed` adds only together with
 * content:encoded.
 */
export function withDcNamespace(xml: string): string {
  if (xml.includes('xmlns:dc=')) return xml;
  return xml.replace('<rss version="2.0"', '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"');
}
