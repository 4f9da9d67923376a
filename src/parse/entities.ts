// Entity handling without a DTD: we never expand declared entities (billion laughs, XXE).
import { decodeHTMLStrict } from 'entities';

const XML_PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

export interface DoctypeResult {
  text: string;
  /** Set when the DOCTYPE declared its own entities or an external DTD that we ignored. */
  note?: string;
}

/**
 * Removes the DOCTYPE, internal subset included, so no parser ever sees an entity declaration or a
 * SYSTEM/PUBLIC identifier it could fetch.
 */
export function stripDoctype(text: string): DoctypeResult {
  // [^[<>]: a declaration never holds a bare '<' outside its subset, so an unclosed one is not rescanned to the end.
  const m = /<!DOCTYPE(?:[^[<>]|\[(?:[^\]"']|"[^"]*"|'[^']*')*\])*>/i.exec(text);
  if (!m) return { text };
  const decl = m[0];
  const note = /<!ENTITY/i.test(decl) ? 'DOCTYPE entity declarations ignored (not expanded)' : undefined;
  return { text: text.slice(0, m.index) + text.slice(m.index + decl.length), note };
}

/**
 * Rewrites named references an XML parser does not know: HTML names become numeric references,
 * unknown names become literal text. Returns what it changed so the caller can warn.
 */
export function fixNamedEntities(text: string): { text: string; html: number; unknown: string[] } {
  let html = 0;
  const unknown = new Set<string>();
  const out = text.replace(/&([A-Za-z][A-Za-z0-9]*);/g, (whole, name: string) => {
    if (XML_PREDEFINED.has(name)) return whole;
    const decoded = decodeHTMLStrict(whole);
    if (decoded !== whole) {
      html++;
      return Array.from(decoded, (ch) => `&#${ch.codePointAt(0)};`).join('');
    }
    unknown.add(name);
    return `&amp;${name};`;
  });
  return { text: out, html, unknown: [...unknown] };
}
