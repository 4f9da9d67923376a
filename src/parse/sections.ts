// CDATA sections and comments hold text, not markup: every pattern edit of raw XML must see past them.
// A CDATA section whose text is "<!DOCTYPE" once let the DOCTYPE stripper eat the items after it.

// NUL cannot occur in the text by now (stripInvalidXmlChars removed it), so a marker never collides.
const MARK = /\u0000(\d+)\u0000/g;
const KINDS = [
  { open: '<![CDATA[', close: ']]>' },
  { open: '<!--', close: '-->' },
] as const;

export interface Masked {
  text: string;
  sections: string[];
}

/**
 * Replaces each CDATA section and comment by a marker that no markup pattern matches. One forward scan with
 * indexOf: an opener that is never closed ends the search for its kind (a lazy regex would rescan to the end of
 * the document from every such opener, which a hostile feed can make quadratic).
 */
export function maskSections(text: string): Masked {
  const sections: string[] = [];
  const next = KINDS.map((k) => text.indexOf(k.open));
  let out = '';
  let pos = 0;
  for (;;) {
    let kind = -1;
    for (let k = 0; k < KINDS.length; k++) {
      const at = next[k] ?? -1;
      if (at !== -1 && (kind === -1 || at < (next[kind] ?? -1))) kind = k;
    }
    const spec = KINDS[kind];
    const start = next[kind];
    if (!spec || start === undefined) break;
    const end = text.indexOf(spec.close, start + spec.open.length);
    if (end === -1) {
      next[kind] = -1;
      continue;
    }
    const stop = end + spec.close.length;
    out += `${text.slice(pos, start)}\u0000${sections.push(text.slice(start, stop)) - 1}\u0000`;
    pos = stop;
    // Openers inside the section just masked are part of it.
    for (let k = 0; k < KINDS.length; k++) {
      const at = next[k] ?? -1;
      if (at !== -1 && at < stop) next[k] = text.indexOf(KINDS[k]?.open ?? '', stop);
    }
  }
  return { text: out + text.slice(pos), sections };
}

/** Puts the sections back as they were. */
export function unmask(text: string, sections: readonly string[]): string {
  return text.replace(MARK, (m, i: string) => sections[Number(i)] ?? m);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cdataText = (s: string) => s.slice('<![CDATA['.length, -']]>'.length);

/**
 * Puts the sections back inside XHTML markup that is about to become an HTML string: there a CDATA section's text
 * is text (escaped), a comment goes.
 */
export function sectionsAsHtml(text: string, sections: readonly string[]): string {
  return text.replace(MARK, (m, i: string) => {
    const s = sections[Number(i)];
    if (s === undefined) return m;
    return s.startsWith('<!--') ? '' : escapeHtml(cdataText(s));
  });
}

/** The same inside an RSS description, where a CDATA section holds HTML by convention: its text stays markup. */
export function sectionsAsMarkup(text: string, sections: readonly string[]): string {
  return text.replace(MARK, (m, i: string) => {
    const s = sections[Number(i)];
    if (s === undefined) return m;
    return s.startsWith('<!--') ? '' : cdataText(s);
  });
}
