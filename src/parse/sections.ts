// CDATA sections and comments hold text, not markup: every pattern edit of raw XML must see past them.
// A CDATA section whose text is "<!DOCTYPE" once let the DOCTYPE stripper eat the items after it.

const SECTION = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;
// NUL cannot occur in the text by now (stripInvalidXmlChars removed it), so a marker never collides.
const MARK = /\u0000(\d+)\u0000/g;

export interface Masked {
  text: string;
  sections: string[];
}

/** Replaces each CDATA section and comment by a marker that no markup pattern matches. */
export function maskSections(text: string): Masked {
  const sections: string[] = [];
  const masked = text.replace(SECTION, (s) => `\u0000${sections.push(s) - 1}\u0000`);
  return { text: masked, sections };
}

/** Puts the sections back as they were. */
export function unmask(text: string, sections: readonly string[]): string {
  return text.replace(MARK, (m, i: string) => sections[Number(i)] ?? m);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Puts the sections back inside markup that is about to become an HTML string: a CDATA section's text becomes
 * escaped HTML text, a comment goes.
 */
export function sectionsAsHtml(text: string, sections: readonly string[]): string {
  return text.replace(MARK, (m, i: string) => {
    const s = sections[Number(i)];
    if (s === undefined) return m;
    return s.startsWith('<!--') ? '' : escapeHtml(s.slice('<![CDATA['.length, -']]>'.length));
  });
}

/** Applies a pattern edit to the text around the sections only. */
export function outsideSections(text: string, edit: (masked: string) => string): string {
  const m = maskSections(text);
  return unmask(edit(m.text), m.sections);
}
