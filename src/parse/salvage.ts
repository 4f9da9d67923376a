// Second pass for documents the strict parser rejects. Each repair is reported so editors see what was wrong.
import { parseDocument, DomUtils } from 'htmlparser2';
import { fixNamedEntities } from './entities.ts';
import { maskSections, unmask } from './sections.ts';

// Characters XML 1.0 forbids outright (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const INVALID_XML_CHARS =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface Repaired {
  text: string;
  fixes: string[];
}

// Anything outside the characters XML allows, plus every surrogate: a superset of the pattern above that needs no
// look-around. Most documents have none of it and are let through after this one quick scan (the pattern above took
// four times as long to find nothing); a document with an emoji (a surrogate pair) takes the exact pattern.
const MAYBE_INVALID = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/;

/** sax accepts control characters that XML forbids; they would then leak into what we republish. */
export function stripInvalidXmlChars(input: string): { text: string; removed: number } {
  if (!MAYBE_INVALID.test(input)) return { text: input, removed: 0 };
  const removed = input.match(INVALID_XML_CHARS)?.length ?? 0;
  return { text: removed ? input.replace(INVALID_XML_CHARS, '') : input, removed };
}

/** Textual repairs that keep the document's structure: entity references and bare ampersands. */
export function repairText(input: string): Repaired {
  const fixes: string[] = [];
  // Text inside CDATA sections and comments is not markup: its "&" and "&name;" stay as written.
  const masked = maskSections(input);
  let text = masked.text;
  const ent = fixNamedEntities(text);
  text = ent.text;
  if (ent.html) fixes.push(`${ent.html} HTML entity reference(s) not defined in XML`);
  if (ent.unknown.length)
    fixes.push(
      `undefined entities kept as text: ${ent.unknown
        .slice(0, 5)
        .map((n) => `&${n};`)
        .join(' ')}`,
    );
  let bare = 0;
  text = text.replace(/&(?!#\d+;|#x[0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)/g, () => {
    bare++;
    return '&amp;';
  });
  if (bare) fixes.push(`${bare} unescaped "&" escaped`);
  return { text: unmask(text, masked.sections), fixes };
}

/** Deeper than this, no feed is real: the forgiving rebuild would take minutes and overflow the stack. */
export const MAX_NESTING = 1000;

/** The deepest element nesting of a document, read in one pass (unclosed elements count as open). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const m of text.matchAll(/<(\/?)[A-Za-z_][\w.:-]*[^<>]*?(\/?)>/g)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[2]) max = Math.max(max, ++depth);
  }
  return max;
}

/**
 * Rebuilds a well-formed document with a forgiving tokenizer: closes unclosed and truncated elements,
 * drops stray end tags. Only used after repairText, so entities are already XML-safe.
 */
export function rebuildXml(text: string): string {
  const doc = parseDocument(text, { xmlMode: true, recognizeCDATA: true, decodeEntities: true });
  return DomUtils.getOuterHTML(doc.children, { xmlMode: true, decodeEntities: true });
}

/** "Unexpected close tag\nLine: 3\nColumn: 10\nChar: >" -> "malformed XML at line 4: unexpected close tag" */
export function describeXmlError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const first = (msg.split('\n')[0] ?? msg).trim();
  const line = /Line:\s*(\d+)/.exec(msg)?.[1];
  const reason = first.charAt(0).toLowerCase() + first.slice(1);
  return line !== undefined ? `malformed XML at line ${Number(line) + 1}: ${reason}` : `malformed XML: ${reason}`;
}
