// The plain-shape reader of sources.yaml (src/web/api/sources-listing.ts) gives exactly what the yaml library's
// document gives, or gives up: checked on the shipped file, a generated one of 10,000 sources, and files written to
// trip it (quotes, comments, flow lists, numbers, nested blocks, anchors, block scalars, odd indentation).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readPlainSourcesList } from '../../src/web/api/sources-listing.ts';
import { REPO_ROOT } from '../helpers/env.ts';

const library = (text: string) => {
  const doc = parseDocument(text);
  const listed = (doc.toJS() as { sources?: unknown } | null)?.sources;
  return { errors: doc.errors.length, sources: Array.isArray(listed) ? listed : [] };
};

/** Either the same list as the library (on a file it reads without errors), or undefined. */
function agrees(text: string): 'same' | 'gave up' {
  const fast = readPlainSourcesList(text);
  if (fast === undefined) return 'gave up';
  const lib = library(text);
  expect(lib.errors, text).toBe(0);
  expect(fast, text).toEqual(lib.sources);
  return 'same';
}

const wrap = (items: string) => `# the sources\nsources:\n${items}\n`;

describe('reading sources.yaml without the document model', () => {
  it('reads the shipped file and a generated 10,000-source file exactly as the library does', () => {
    expect(agrees(readFileSync(path.join(REPO_ROOT, 'config/sources.yaml'), 'utf8'))).toBe('same');
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`  - id: src${i}`, `    url: https://src${i}.example/feed.xml?a=1&b=2#x`, `    title: Source ${i}`);
      if (i % 7 === 0) lines.push(`    country: ${i % 2 ? 'PE' : 'latin-america'}`, '    topics: [labour, elections]');
      if (i % 25 === 24) lines.push('    enabled: false', '    interval: 30m', '    priority: 10');
    }
    expect(agrees(wrap(lines.join('\n')))).toBe('same');
  });

  it.each([
    ['quoted values and comments', `  - id: "a"  # the first\n    title: 'It''s here'\n    url: x # note\n`],
    ['C# is not a comment', '  - id: a\n    title: C# weekly\n    url: https://a.example/#top'],
    ['numbers, booleans and nulls', '  - id: a\n    priority: -3\n    enabled: False\n    title: ~\n    country:\n'],
    ['strings that look like other things', '  - id: a\n    title: yes\n    interval: 1_000\n    country: 2024-01-01'],
    ['a dash that starts a word', '  - id: -a\n    title: -x'],
    ['a no-break space is content, not white space', '  - id: a\n    title: \u00a0x\u00a0#1\u00a0'],
    ['flow lists', '  - id: a\n    topics: [a, "b c", \'d\']\n  - id: b\n    topics: []'],
    ['items at column 0', '- id: a\n  url: x\n- id: b\n  url: y'],
    ['blank and comment lines between items', '  - id: a\n\n    # inside\n    url: x\n# outside\n  - id: b'],
    ['an id that is a number', '  - id: 42\n    url: x'],
    ['CRLF line ends', '  - id: a\r\n    url: x\r\n'],
  ])('%s: the same as the library', (_name, items) => {
    expect(agrees(wrap(items))).toBe('same');
  });

  it.each([
    ['a nested block list', '  - id: a\n    topics:\n      - x\n      - y'],
    ['a block scalar', '  - id: a\n    title: |\n      two\n      lines'],
    ['an anchor and alias', '  - id: &x a\n    title: *x'],
    ['a tag', '  - id: a\n    title: !!str 12'],
    ['an escape in double quotes', '  - id: a\n    title: "tab\\there"'],
    ['a float', '  - id: a\n    priority: 1.5'],
    ['a hex number', '  - id: a\n    priority: 0x10'],
    ['a flow map item', '  - { id: a, url: x }'],
    ['a value with ": " inside', '  - id: a\n    title: Peru: news'],
    ['a continued plain scalar', '  - id: a\n    title: one\n      two'],
    ['uneven item indentation', '  - id: a\n   - id: b'],
    ['a repeated key', '  - id: a\n    id: b'],
    ['a tab', '  - id: a\n    title:\tx'],
    ['a second top-level key', '  - id: a\nother: 1'],
    ['a document marker', '  - id: a\n---\nsources: []'],
    ['a scalar item', '  - just-a-string'],
    ['a trailing comma in a flow list', '  - id: a\n    topics: [a, b,]'],
    ['a quoted key', '  - "id": a'],
    ['a # inside a flow list', '  - id: a\n    topics: [a, b] # fine\n  - id: b\n    topics: ["x #y"]'],
  ])('%s: gives up, so the library reads it', (_name, items) => {
    const text = wrap(items);
    const result = agrees(text);
    // Giving up is always safe; here each one must, since each is outside the plain shape.
    expect(result, text).toBe('gave up');
  });
});
