// sanitize stage: allowlist HTML sanitizer for republished content (sanitize-html underneath).
import sanitize from 'sanitize-html';
import { collapse, htmlToText, textEvents } from './text.ts';
import { isPixel, isTrackerUrl } from './trackers.ts';
import { absolutize, isSafeDataImage, rewriteSrcset } from './urls.ts';

export { htmlToText } from './text.ts';
export { isTrackerUrl } from './trackers.ts';

// sanitize-html looks a tag up with indexOf, on every opening tag and every text node: the tags feeds use most come
// first (counted over the corpus), then the rest in alphabetical order.
const TAGS = [
  'a',
  'span',
  'p',
  'br',
  'li',
  'img',
  'div',
  'strong',
  'em',
  'b',
  'i',
  'code',
  'ul',
  'ol',
  'td',
  'tr',
  'table',
  'tbody',
  'pre',
  'h2',
  'h3',
  'h4',
  'figure',
  'figcaption',
  'blockquote',
  'font',
  's',
  'hr',
  'th',
  'sup',
  'sub',
  'u',
  'small',
  'h1',
  'h5',
  'h6',
  'abbr',
  'acronym',
  'address',
  'article',
  'aside',
  'bdi',
  'bdo',
  'big',
  'caption',
  'center',
  'cite',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'dl',
  'dt',
  'footer',
  'header',
  'ins',
  'kbd',
  'mark',
  'picture',
  'q',
  'rp',
  'rt',
  'ruby',
  'samp',
  'section',
  'source',
  'strike',
  'summary',
  'tfoot',
  'thead',
  'time',
  'tt',
  'var',
  'wbr',
  'audio',
  'video',
  'track',
  'iframe',
];

const URL_ATTRS = ['href', 'src', 'poster', 'cite'];

/** Attributes kept per tag ('*': on every tag). */
const ATTRIBUTES: Record<string, string[]> = {
  '*': ['title', 'lang', 'dir', 'style', 'align'],
  a: ['href', 'name', 'rel', 'target', 'hreflang'],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading'],
  source: ['src', 'srcset', 'sizes', 'type', 'media'],
  video: ['src', 'poster', 'controls', 'width', 'height', 'preload', 'muted', 'loop', 'playsinline'],
  audio: ['src', 'controls', 'preload', 'loop', 'muted'],
  track: ['src', 'kind', 'srclang', 'label', 'default'],
  iframe: ['src', 'width', 'height', 'allowfullscreen', 'sandbox', 'loading', 'referrerpolicy', 'frameborder'],
  td: ['colspan', 'rowspan', 'headers', 'valign'],
  th: ['colspan', 'rowspan', 'headers', 'scope', 'valign'],
  col: ['span', 'width'],
  colgroup: ['span'],
  ol: ['start', 'reversed', 'type'],
  ul: ['type'],
  li: ['value'],
  time: ['datetime'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  abbr: ['title'],
  font: ['color', 'size', 'face'],
  table: ['border', 'cellpadding', 'cellspacing', 'width', 'summary'],
};

// sanitize-html rebuilds its lookup tables from `allowedAttributes` on every call and then searches arrays for each
// attribute, about a sixth of its time on news items. The same allowlist is applied in transform from sets built
// once, and sanitize-html is given allowedAttributes: false; it still checks names, schemes and styles of the rest.
const GLOBAL_ATTRS = new Set(ATTRIBUTES['*']);
const TAG_ATTRS = new Map(Object.entries(ATTRIBUTES).map(([tag, names]) => [tag, new Set(names)]));

function allowedAttribs(tagName: string, attribs: sanitize.Attributes): sanitize.Attributes {
  const own = TAG_ATTRS.get(tagName);
  const out: sanitize.Attributes = {};
  for (const name of Object.keys(attribs)) {
    const value = attribs[name];
    if (value !== undefined && (GLOBAL_ATTRS.has(name) || own?.has(name))) out[name] = value;
  }
  return out;
}

/** Video hosts whose embeds we keep (sandboxed). */
export const IFRAME_HOSTS = [
  'www.youtube.com',
  'youtube.com',
  'www.youtube-nocookie.com',
  'youtube-nocookie.com',
  'player.vimeo.com',
  'www.dailymotion.com',
  'player.twitch.tv',
  'embed.ted.com',
  'w.soundcloud.com',
  'open.spotify.com',
  'bandcamp.com',
  'www.facebook.com',
];

// Values: plain words, numbers with units, colours. Nothing with url(), expression() or escapes.
const WORDS = /^[\w\s,#.%-]+$/;
const COLOR = /^(?:#[0-9a-f]{3,8}|[a-z]+|rgba?\([\d\s,.%]+\)|hsla?\([\d\s,.%deg]+\))$/i;
const LENGTH = /^(?:-?\d+(?:\.\d+)?(?:px|em|rem|%|pt|ex|ch|vw|vh)?\s*){1,4}$/;
const STYLES: Record<string, RegExp[]> = {
  color: [COLOR],
  'background-color': [COLOR],
  'text-align': [/^(?:left|right|center|justify|start|end)$/],
  'font-weight': [/^(?:normal|bold|bolder|lighter|\d{3})$/],
  'font-style': [/^(?:normal|italic|oblique)$/],
  'font-family': [/^[\w\s,"'-]+$/],
  'font-size': [LENGTH, /^(?:small|medium|large|x-large|smaller|larger)$/],
  'text-decoration': [/^[a-z\s-]+$/],
  'vertical-align': [/^[a-z-]+$|^-?\d+(?:px|em|%)?$/],
  margin: [LENGTH],
  padding: [LENGTH],
  width: [LENGTH],
  height: [LENGTH],
  'max-width': [LENGTH],
  border: [WORDS],
  float: [/^(?:left|right|none)$/],
  clear: [/^(?:left|right|both|none)$/],
  'white-space': [/^[a-z-]+$/],
  'line-height': [LENGTH, /^normal$/],
  display: [/^(?:block|inline|inline-block|none)$/],
};

// sanitize-html runs synchronously and the transform below never re-enters it, so the base URL of the call in
// progress can live here; that lets one options object (and its closures) serve every call.
let currentBase: string | undefined;

const OPTIONS: sanitize.IOptions = {
  allowedTags: TAGS,
  disallowedTagsMode: 'discard',
  // Fallback content of object/iframe is meant for readers without plugins: keep it as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'xmp'],
  // Checked in transform against sets built once; sanitize-html still vets the values of those it is given.
  allowedAttributes: false,
  allowedSchemes: ['http', 'https', 'mailto', 'tel', 'ftp'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'], source: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: [
    'href',
    'src',
    'cite',
    'poster',
    'action',
    'background',
    'longdesc',
    'formaction',
  ],
  allowProtocolRelative: true,
  allowedIframeHostnames: IFRAME_HOSTS,
  allowIframeRelativeUrls: false,
  allowedStyles: { '*': STYLES },
  parseStyleAttributes: true,
  transformTags: { '*': (tagName, attribs) => transform(tagName, attribs, currentBase) },
  exclusiveFilter: (frame) =>
    // An image left with nothing to show (no src, and no srcset once trackers are out) goes too.
    (frame.tag === 'img' &&
      ((!frame.attribs.src && !frame.attribs.srcset) ||
        isPixel(frame.attribs) ||
        isTrackerUrl(frame.attribs.src ?? ''))) ||
    (frame.tag === 'source' && !frame.attribs.src && !frame.attribs.srcset) ||
    (frame.tag === 'iframe' && !frame.attribs.src && frame.text.trim() === ''),
};

function isAllowedIframe(src: string | undefined): boolean {
  if (!src) return false;
  try {
    const u = new URL(src);
    return u.protocol === 'https:' && IFRAME_HOSTS.includes(u.hostname.toLowerCase());
  } catch {
    return false;
  }
}

function transform(tagName: string, attribs: sanitize.Attributes, baseUrl: string | undefined): sanitize.Tag {
  const out = allowedAttribs(tagName, attribs);
  for (const name of URL_ATTRS) {
    const v = out[name];
    if (v === undefined) continue;
    if (/^\s*data:/i.test(v) && !((tagName === 'img' || tagName === 'source') && name === 'src' && isSafeDataImage(v)))
      delete out[name];
    else out[name] = absolutize(v, baseUrl);
  }
  if (out.srcset !== undefined) {
    out.srcset = rewriteSrcset(out.srcset, baseUrl);
    if (!out.srcset) delete out.srcset;
  }
  if (tagName === 'a' && out.href !== undefined) {
    out.rel = 'noopener noreferrer';
    if (out.target !== undefined) out.target = '_blank';
  }
  if (tagName === 'iframe' && !isAllowedIframe(out.src)) {
    // The element goes, its fallback text stays, as a bare span: renaming it to a tag outside the allowlist made
    // sanitize-html drop the wrong closing tag (`<iframe></iframe><p>x</p>` came out as `<p>x</wr-dropped>`).
    return { tagName: 'span', attribs: {} };
  }
  if (tagName === 'iframe') {
    // No same-origin + scripts together: the embed may run its player, never reach our page.
    out.sandbox = 'allow-scripts allow-popups allow-presentation';
    out.referrerpolicy = 'no-referrer';
  }
  return { tagName, attribs: out };
}

/** Content HTML safe to republish: allowlisted tags/attributes, safe URLs made absolute against baseUrl. */
export function sanitizeHtml(html: string, baseUrl?: string): string {
  // Only '<' and '&' take the HTML tokenizer out of plain text; in plain text sanitize-html only escapes '>'
  // (tests/sanitize/fast-path.test.ts holds the two ways to the same output).
  if (!html.includes('<') && !html.includes('&')) return html.replace(/>/g, '&gt;').trim();
  return sanitizeMarkup(html, baseUrl);
}

/** sanitizeHtml without its plain-text shortcut: every input through sanitize-html. */
export function sanitizeMarkup(html: string, baseUrl?: string): string {
  currentBase = baseUrl;
  try {
    return sanitize(html, OPTIONS).trim();
  } finally {
    currentBase = undefined;
  }
}

/** Plain text gathered during the sanitizer's pass (sanitizeWithText), as htmlToText would read it. */
interface TextCapture {
  events: ReturnType<typeof textEvents>;
  /** The collapsed text once it is long enough for the caller (htmlToText's `atLeast`). */
  text?: string;
  atLeast: number;
  /** Characters of text gathered (block spaces aside), and the count past which to try collapsing next. */
  raw: number;
  nextCheck: number;
  /** An element whose text sanitize-html drops but htmlToText keeps: the pass cannot give the text. */
  lost: boolean;
}

let capture: TextCapture | undefined;

// sanitize-html drops the text of every nonTextTags element; htmlToText skips only these (SKIP in text.ts).
const TEXT_LOST = new Set(['textarea', 'option', 'xmp']);
const ESCAPED = /&(?:amp|lt|gt);/g;
const UNESCAPE: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

function captureMore(c: TextCapture): void {
  if (c.raw <= c.nextCheck) return;
  // Collapsing only shortens, so it is tried once the raw text is past the mark, then every 256 characters more.
  const text = collapse(c.events.parts.join(''));
  if (text.length > c.atLeast + 1) c.text = text;
  else c.nextCheck = c.raw + 256;
}

// The same options, with sanitize-html's hooks feeding the parser's events to a text capture. textFilter sees every
// text node sanitize-html writes (escaped: &, < and > only, so the escape is undone exactly); onOpenTag and onCloseTag
// see every tag, also inside dropped elements, as htmlToText's parser does.
const TEXT_OPTIONS: sanitize.IOptions = {
  ...OPTIONS,
  onOpenTag(name) {
    const c = capture;
    if (!c || c.text !== undefined) return;
    if (TEXT_LOST.has(name)) c.lost = true;
    c.events.onopentag(name);
  },
  onCloseTag(name) {
    const c = capture;
    if (!c || c.text !== undefined) return;
    c.events.onclosetag(name);
  },
  textFilter(escaped) {
    const c = capture;
    if (!c || c.text !== undefined) return escaped;
    const t = escaped.includes('&') ? escaped.replace(ESCAPED, (e) => UNESCAPE[e] ?? e) : escaped;
    c.events.ontext(t);
    c.raw += t.length;
    captureMore(c);
    return escaped;
  },
};

/**
 * sanitizeHtml, and the plain text htmlToText(html, atLeast) would give, read in the same parse: an item whose summary
 * and content are the same HTML need not be parsed twice. `text` may stop anywhere past `atLeast` + 1 characters (as
 * htmlToText's may); it is htmlToText's own when the sanitizer's pass cannot give it.
 */
export function sanitizeWithText(html: string, baseUrl: string | undefined, atLeast = Infinity): SanitizedText {
  if (!html.includes('<') && !html.includes('&')) return { html: sanitizeHtml(html, baseUrl), text: htmlToText(html) };
  const c: TextCapture = { events: textEvents(), atLeast, raw: 0, nextCheck: atLeast + 1, lost: false };
  currentBase = baseUrl;
  capture = c;
  let out: string;
  try {
    out = sanitize(html, TEXT_OPTIONS).trim();
  } finally {
    currentBase = undefined;
    capture = undefined;
  }
  if (c.lost) return { html: out, text: htmlToText(html, atLeast) };
  return { html: out, text: c.text ?? collapse(c.events.parts.join('')) };
}

export interface SanitizedText {
  html: string;
  text: string;
}
