// parse stage: bytes -> ParsedFeed. Decodes, sniffs the format, parses strictly, salvages when it must.
import type { ParsedFeed } from '../types.ts';
import { decodeBody } from './charset.ts';
import { detectFormat } from './detect.ts';
import { stripDoctype } from './entities.ts';
import { FeedParseError } from './errors.ts';
import { parseJsonFeed } from './jsonfeed.ts';
import { escapeRawDescriptions, inlineXhtml, rootAttributes } from './rewrite.ts';
import {
  describeXmlError,
  MAX_NESTING,
  nestingDepth,
  rebuildXml,
  repairText,
  stripInvalidXmlChars,
} from './salvage.ts';
import { maskSections, sectionsAsHtml, sectionsAsMarkup, unmask } from './sections.ts';
import { parseXmlFeed } from './xml.ts';

export { FeedParseError } from './errors.ts';
export { decodeBody } from './charset.ts';
export { detectFormat } from './detect.ts';

export interface ParseOptions {
  contentType?: string;
  /** URL the document came from: the base for relative links and xml:base. */
  url: string;
}

export async function parseFeed(body: Buffer, opts: ParseOptions): Promise<ParsedFeed> {
  const decoded = decodeBody(body, opts.contentType);
  const detected = detectFormat(decoded.text);
  if (detected.kind === 'json') {
    const feed = parseJsonFeed(decoded.text);
    return { ...feed, warnings: [...decoded.warnings, ...feed.warnings] };
  }
  const warnings = [...decoded.warnings];
  const clean = stripInvalidXmlChars(decoded.text);
  if (clean.removed) warnings.push(`${clean.removed} character(s) not allowed in XML removed`);
  // Pattern edits below see markup only: CDATA sections and comments are masked until they are done.
  const masked = maskSections(clean.text);
  const doctype = stripDoctype(masked.text);
  if (doctype.note) warnings.push(doctype.note);
  const asHtml = (t: string) => sectionsAsHtml(t, masked.sections);
  const asMarkup = (t: string) => sectionsAsMarkup(t, masked.sections);
  const edited = escapeRawDescriptions(inlineXhtml(doctype.text, asHtml), asMarkup);
  const root = rootAttributes(edited);
  // Unmasking text no edit changed gives back what was masked: most documents skip that pass over the whole text.
  const text = edited === masked.text ? clean.text : unmask(edited, masked.sections);
  const run = (t: string) => parseXmlFeed({ text: t, atomPrefix: root.prefix, rootAttrs: root.attrs }, opts.url);

  let strictError: unknown;
  try {
    const feed = await run(text);
    return { ...feed, warnings: [...warnings, ...feed.warnings] };
  } catch (err) {
    strictError = err;
  }
  const problem = describeXmlError(strictError);
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) throw new FeedParseError(`${problem}; not salvaged: elements nested ${depth} deep`);
  const repaired = repairText(text);
  const attempts: Array<{ text: string; how: string }> = [
    { text: repaired.text, how: repaired.fixes.join(', ') || 'repaired' },
    { text: rebuildXml(repaired.text), how: [...repaired.fixes, 'rebuilt with a forgiving parser'].join(', ') },
  ];
  for (const attempt of attempts) {
    let feed: ParsedFeed;
    try {
      feed = await run(attempt.text);
    } catch {
      continue;
    }
    // A "feed" with nothing in it after repair is garbage, not a salvage.
    if (feed.items.length === 0 && !feed.title) break;
    return { ...feed, warnings: [...warnings, `${problem}; salvaged (${attempt.how})`, ...feed.warnings] };
  }
  throw new FeedParseError(problem);
}
