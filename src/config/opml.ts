// OPML in and out: the usual way editors move source lists between feed tools.
import { Parser } from 'htmlparser2';

export interface OpmlOutline {
  url: string;
  title?: string;
  /** Titles of the enclosing outlines (folders), outermost first. */
  folders: string[];
}

/** Every outline with an xmlUrl, in document order. Throws with a reason when the file is not OPML. */
export function parseOpml(text: string): OpmlOutline[] {
  const out: OpmlOutline[] = [];
  const stack: { folder?: string }[] = [];
  let sawOpml = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const tag = name.toLowerCase();
        if (tag === 'opml') sawOpml = true;
        if (tag !== 'outline') return;
        const url = attrs.xmlUrl ?? attrs.xmlurl;
        const title = attrs.title ?? attrs.text;
        if (url)
          out.push({
            url: url.trim(),
            title: title?.trim() || undefined,
            folders: stack.map((s) => s.folder).filter((f): f is string => !!f),
          });
        stack.push({ folder: url ? undefined : title });
      },
      onclosetag(name) {
        if (name.toLowerCase() === 'outline') stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  if (!sawOpml) throw new Error('not an OPML document (no <opml> element)');
  return out;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function toOpml(
  title: string,
  sources: { id: string; url: string; title?: string; siteUrl?: string }[],
  now = new Date(),
): string {
  const lines = sources.map((s) => {
    const t = esc(s.title ?? s.id);
    const html = s.siteUrl ? ` htmlUrl="${esc(s.siteUrl)}"` : '';
    return `    <outline type="rss" text="${t}" title="${t}" xmlUrl="${esc(s.url)}"${html}/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>${esc(title)}</title>
    <dateCreated>${now.toUTCString()}</dateCreated>
  </head>
  <body>
${lines.join('\n')}
  </body>
</opml>
`;
}
