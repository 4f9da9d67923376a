// Comparison helpers: HTML compared by structure, text by content, and the safety checks for sanitize tests.
import { parseDocument } from 'htmlparser2';
import type { ChildNode } from 'domhandler';
import { htmlToText } from '../../src/sanitize/index.ts';

// Attributes our sanitizer adds on purpose (feedparser does not).
const ADDED = new Set(['rel', 'target', 'sandbox', 'referrerpolicy']);

function canon(nodes: ChildNode[]): string {
  return nodes
    .map((n) => {
      if (n.type === 'text') return n.data.replace(/\s+/g, ' ');
      if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        const attrs = Object.entries(n.attribs)
          .filter(([k]) => !ADDED.has(k))
          .map(([k, v]) => `${k}=${k === 'style' ? v.replace(/\s+/g, '').replace(/;$/, '') : v.trim()}`)
          .sort()
          .join(' ');
        return `<${n.name}${attrs ? ` ${attrs}` : ''}>${canon(n.children)}</${n.name}>`;
      }
      return '';
    })
    .join('');
}

export function canonicalHtml(html: string): string {
  return canon(parseDocument(html, { decodeEntities: true, lowerCaseTags: true }).children).trim();
}

export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();
  return norm(a) === norm(b);
}

const NEVER = ['object', 'embed', 'form', 'applet', 'meta', 'link', 'base', 'frame', 'frameset'];

/** What must never survive sanitizing, as a list of findings (empty when safe). */
export function dangers(html: string): string[] {
  const found: string[] = [];
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === 'script' || n.type === 'style') found.push(`<${n.name}>`);
      if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        if (NEVER.includes(n.name)) found.push(`<${n.name}>`);
        for (const [k, v] of Object.entries(n.attribs)) {
          if (/^on/i.test(k)) found.push(`${k}=`);
          const compact = v.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
          const scriptUrl = /^(?:javascript|vbscript|livescript):/.test(compact);
          if (scriptUrl || /(?:^|,)(?:javascript|vbscript):/.test(compact)) found.push(`${k}=${v}`);
          const imageData = n.name === 'img' && /^data:image\/(?!svg)/.test(compact);
          if (/^data:/.test(compact) && !imageData) found.push(`${k}=data:`);
          if (k === 'style' && /url\(|expression|behavior|-moz-binding|javascript/i.test(v)) found.push(`style=${v}`);
        }
        walk(n.children);
      }
    }
  };
  walk(doc.children);
  const scriptInText = /<script/i.test(htmlToText(html));
  if (scriptInText && /<script/i.test(html.replace(/&lt;script/gi, ''))) found.push('<script text');
  return found;
}

/** Text inside script/style elements of an HTML fragment. */
export function scriptText(html: string): string {
  const out: string[] = [];
  const walk = (nodes: ChildNode[], inside: boolean) => {
    for (const n of nodes) {
      if (n.type === 'text' && inside) out.push(n.data);
      if (n.type === 'tag' || n.type === 'script' || n.type === 'style') walk(n.children, inside || n.type !== 'tag');
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children, false);
  return out.join(' ');
}
