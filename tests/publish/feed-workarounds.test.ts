// Each bug of the `feed` 6.0.0 package that src/publish works around, shown on `feed` itself. When an upgrade fixes
// one, its test here fails: then the workaround in feed-workarounds.ts (or the hand-written writer) can go.
import { Feed } from 'feed';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { cdataHtml, cdataText, withDcNamespace, xmlJsAttr } from '../../src/publish/feed-workarounds.ts';

function wellFormed(xml: string): string | undefined {
  const p = new SaxesParser({ xmlns: false });
  let error: string | undefined;
  p.on('error', (e) => {
    error ??= e.message;
  });
  p.write(xml).close();
  return error;
}

const base = () =>
  new Feed({ id: 'urn:x:feed', title: 'T', link: 'https://example.org/', copyright: '', updated: new Date(0) });
const item = { id: 'urn:x:1', title: 'One', link: 'https://example.org/1', date: new Date(0) };

describe('feed 6.0.0 bugs and their workarounds', () => {
  it('RSS attribute values are written without escaping < and &', () => {
    const f = base();
    f.addItem({ ...item, category: [{ name: 'c', domain: 'urn:a<b&c' }] });
    expect(wellFormed(f.rss2())).toBeDefined();
    const fixed = base();
    fixed.addItem({ ...item, category: [{ name: 'c', domain: xmlJsAttr('urn:a<b&c') }] });
    expect(wellFormed(fixed.rss2())).toBeUndefined();
  });

  it('its CDATA writer splits only the first "]]>"', () => {
    const title = 'a ]]> b ]]> <c>';
    const f = base();
    f.addItem({ ...item, title });
    expect(wellFormed(f.rss2())).toBeDefined();
    const fixed = base();
    fixed.addItem({ ...item, title: cdataText(title), content: cdataHtml('<p>x ]]> y ]]> z</p>') });
    expect(wellFormed(fixed.rss2())).toBeUndefined();
  });

  it('RSS <author> is a bare name, and dc is declared only with content:encoded', () => {
    const f = base();
    f.addItem({ ...item, author: [{ name: 'Jane Doe' }] });
    expect(f.rss2()).toContain('<author>Jane Doe</author>');
    const g = base();
    g.addItem({ ...item, extensions: [{ name: 'dc:creator', objects: { _cdata: 'Jane Doe' } }] });
    const xml = g.rss2();
    expect(xml).not.toContain('xmlns:dc=');
    expect(withDcNamespace(xml)).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
  });

  it('json1() writes JSON Feed version 1 with a 1.0 author, so JSON Feed 1.1 is written directly', () => {
    const f = base();
    f.addItem({ ...item, author: [{ name: 'Jane Doe' }] });
    const json = JSON.parse(f.json1()) as { version: string; items: Record<string, unknown>[] };
    expect(json.version).toBe('https://jsonfeed.org/version/1');
    expect(json.items[0]).toHaveProperty('author');
    expect(json.items[0]).not.toHaveProperty('authors');
  });

  it('atom1() breaks on non-URL ids, unescaped categories and guessed enclosure types, so Atom is written directly', () => {
    const bareId = base();
    bareId.addItem({ ...item, id: 'abc123' });
    expect(() => bareId.atom1()).toThrow();
    const f = new Feed({ ...base().options, author: { name: 'A' } });
    f.addItem({
      ...item,
      category: [{ name: 'a<b', term: 'a<b' }],
      enclosure: { url: 'https://e.org/x.mp3', type: 'audio/mpeg' },
    });
    const atom = f.atom1();
    expect(wellFormed(atom)).toBeDefined();
    expect(atom).toContain('image/mp3');
  });
});
