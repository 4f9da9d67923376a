// Plain-text fields: titles and bounded summaries.
import { htmlToText } from '../sanitize/index.ts';

// Runs fold to one space; a lone ' ' is left alone rather than replaced by itself (most matches in plain text).
const collapse = (s: string) => s.replace(/[ \t\n\r\f\v\u2028\u2029]{2,}|[\t\n\r\f\v\u2028\u2029]/g, ' ').trim();

/** `atLeast`: the caller keeps at most this many characters, so converting can stop past them. */
export function plainText(value: string | undefined, isHtml: boolean, atLeast?: number): string {
  if (!value) return '';
  return isHtml ? htmlToText(value, atLeast) : collapse(value);
}

/** Cuts at a word boundary (when one is near) and marks the cut with an ellipsis. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const space = room.lastIndexOf(' ');
  const cut = space > max * 0.6 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
