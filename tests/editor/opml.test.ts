// OPML import preview on a temp copy of config/: each outline classified as new, duplicate or invalid without
// writing; then only the chosen new rows are imported, and the export lists them.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import {
  exportOpml,
  fileVersion,
  importOpml,
  normalizeFeedUrl,
  OpmlError,
  previewOpml,
  StaleFileError,
} from '../../src/editor/index.ts';
import { bytes, commentLines, configCopy } from './fixture.ts';

let cfg: ReturnType<typeof configCopy>;
beforeEach(() => {
  cfg = configCopy();
});
afterEach(() => cfg.cleanup());

const OPML = `<?xml version="1.0"?>
<opml version="2.0"><head><title>Someone's feeds</title></head><body>
  <outline text="News">
    <outline text="BBC" xmlUrl="http://feeds.bbci.co.uk/news/world/rss.xml#top"/>
    <outline text="Guardian" xmlUrl="https://theguardian.com/world/americas/rss/"/>
  </outline>
  <outline text="New one" xmlUrl="https://new.example/feed"/>
  <outline text="New one again" xmlUrl="https://www.new.example/feed/"/>
  <outline text="Local file" xmlUrl="file:///etc/passwd"/>
  <outline text="Not a URL" xmlUrl="not a url"/>
  <outline text="Second new &lt;b&gt;" xmlUrl="https://other.example/rss.xml"/>
</body></opml>`;

describe('OPML import preview', () => {
  it('classifies each outline as new, duplicate (of a listed source or an earlier row) or invalid', () => {
    const file = cfg.file('sources.yaml');
    const before = bytes(file);
    const rows = previewOpml(cfg.dir, OPML);
    expect(rows.map((r) => [r.index, r.status, r.existingId])).toEqual([
      [0, 'duplicate', 'bbc-world'],
      [1, 'duplicate', 'guardian-americas'],
      [2, 'new', undefined],
      [3, 'duplicate', undefined],
      [4, 'invalid', undefined],
      [5, 'invalid', undefined],
      [6, 'new', undefined],
    ]);
    expect(rows[3]?.reason).toBe('same feed as row 3');
    expect(rows[4]?.reason).toMatch(/only http\(s\) feeds/);
    expect(rows[0]?.folders).toEqual(['News']);
    expect(rows[6]?.title).toBe('Second new <b>');
    expect(bytes(file).equals(before)).toBe(true);
  });

  it('imports only the chosen new rows, keeping comments; a chosen duplicate is skipped and reported', () => {
    const file = cfg.file('sources.yaml');
    const comments = commentLines(file);
    const edit = importOpml(cfg.dir, OPML, { rows: [0, 6], country: 'PE' }, fileVersion(file));
    expect(edit.result.ids).toEqual(['other-example']);
    expect(edit.result.skipped.map((r) => r.index)).toEqual([0]);
    expect(edit.version).toBe(fileVersion(file));
    expect(commentLines(file)).toEqual(comments);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('url: https://other.example/rss.xml');
    expect(text).not.toContain('new.example');
    const added = loadConfig(cfg.dir).sources.find((s) => s.id === 'other-example');
    expect(added).toMatchObject({ country: 'PE', title: 'Second new <b>' });
    // Now listed: the same file previews it as a duplicate.
    expect(previewOpml(cfg.dir, OPML)[6]).toMatchObject({ status: 'duplicate', existingId: 'other-example' });
    expect(exportOpml(loadConfig(cfg.dir))).toContain('xmlUrl="https://other.example/rss.xml"');
    expect(exportOpml(loadConfig(cfg.dir))).toContain('title="Second new &lt;b&gt;"');
  });

  it('an import against a stale version is refused; a document that is not OPML is OpmlError', () => {
    const file = cfg.file('sources.yaml');
    const read = fileVersion(file);
    importOpml(cfg.dir, OPML, { rows: [2] });
    const after = bytes(file);
    expect(() => importOpml(cfg.dir, OPML, { rows: [6] }, read)).toThrow(StaleFileError);
    expect(bytes(file).equals(after)).toBe(true);
    expect(() => previewOpml(cfg.dir, '<html><body>no</body></html>')).toThrow(OpmlError);
  });

  it('normalizes feed URLs for comparison only: scheme, www, fragment and trailing slash', () => {
    expect(normalizeFeedUrl('HTTP://WWW.Example.org/a/b/#x')).toBe(normalizeFeedUrl('https://example.org/a/b'));
    expect(normalizeFeedUrl('https://example.org/a?x=1')).not.toBe(normalizeFeedUrl('https://example.org/a?x=2'));
    expect(normalizeFeedUrl('https://example.org/a')).not.toBe(normalizeFeedUrl('https://example.org/b'));
  });
});
