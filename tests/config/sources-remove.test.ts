// `sources remove` edits config/sources.yaml in place: the removed item's own comment goes with it, a group
// header stays. Real files in a temp folder, through dropSourceFromFile and through the CLI.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSourceFromFile, loadConfig } from '../../src/config/index.ts';
import { cli, tempDir, writeConfig } from '../helpers/env.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let n = 0;
/** Writes `text` as a sources file, removes `id`, returns the file as written. */
function removeFrom(text: string, id: string): string {
  const file = path.join(tmp.dir, `sources-${n++}.yaml`);
  writeFileSync(file, text);
  expect(dropSourceFromFile(file, id)).toBe(true);
  return readFileSync(file, 'utf8');
}

const src = (id: string, extra = '') => `  - id: ${id}${extra}\n    url: https://${id}.example/feed\n`;

describe('sources remove: comments', () => {
  it('takes the comment directly above the item with it', () => {
    const text = `sources:\n${src('a')}  # b: the Lima wire\n${src('b')}${src('c')}`;
    expect(removeFrom(text, 'b')).toBe(`sources:\n${src('a')}${src('c')}`);
  });

  it('leaves a group header that a blank line separates from the item', () => {
    const text = `sources:\n${src('a')}\n  # Chile\n\n  # b: the Santiago wire\n${src('b')}${src('c')}`;
    expect(removeFrom(text, 'b')).toBe(`sources:\n${src('a')}\n  # Chile\n\n${src('c')}`);
  });

  it('leaves the comment above the first item of a group when the next item stays in the group', () => {
    const text = `sources:\n${src('a')}\n  # Chile\n${src('b')}${src('c')}\n  # Peru\n${src('d')}`;
    expect(removeFrom(text, 'b')).toBe(`sources:\n${src('a')}\n  # Chile\n${src('c')}\n  # Peru\n${src('d')}`);
  });

  it('takes the comment of an item that is a group of its own, and keeps the groups apart', () => {
    const text = `sources:\n${src('a')}\n  # b alone\n${src('b')}\n${src('c')}`;
    expect(removeFrom(text, 'b')).toBe(`sources:\n${src('a')}\n${src('c')}`);
  });

  it("first item: a group header stays, the item's own comment goes", () => {
    const header = `# editors: one source per wire\nsources:\n`;
    expect(removeFrom(`${header}  # Peru\n${src('a')}${src('b')}`, 'a')).toBe(`${header}  # Peru\n${src('b')}`);
    expect(removeFrom(`${header}  # Peru\n\n  # a: Lima\n${src('a')}${src('b')}`, 'a')).toBe(
      `${header}  # Peru\n\n${src('b')}`,
    );
    expect(removeFrom(`${header}  # a: Lima\n${src('a')}\n  # b: Cusco\n${src('b')}`, 'a')).toBe(
      `${header}  # b: Cusco\n${src('b')}`,
    );
  });

  it('last item: its own comment goes, a group header stays after the list', () => {
    expect(removeFrom(`sources:\n${src('a')}  # c: Quito\n${src('c')}`, 'c')).toBe(`sources:\n${src('a')}`);
    expect(removeFrom(`sources:\n${src('a')}\n  # Ecuador\n\n  # c: Quito\n${src('c')}`, 'c')).toBe(
      `sources:\n${src('a')}\n  # Ecuador\n`,
    );
  });

  it('inline comments on the item go with it; the neighbours keep theirs', () => {
    const text = `sources:\n${src('a', ' # a inline')}${src('b', ' # b inline')}  # c: own\n${src('c', ' # c inline')}`;
    expect(removeFrom(text, 'b')).toBe(`sources:\n${src('a', ' # a inline')}  # c: own\n${src('c', ' # c inline')}`);
  });

  it('through the CLI, and the result still loads', async () => {
    const root = path.join(tmp.dir, 'project');
    const configDir = writeConfig(root, {
      sources: `sources:\n  # a: Lima\n${src('a')}\n  # Cusco\n${src('b')}${src('c')}`,
    });
    const r = await cli(['--config', configDir, 'sources', 'remove', 'a']);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(configDir, 'sources.yaml'), 'utf8')).toBe(
      `sources:\n  # Cusco\n${src('b')}${src('c')}`,
    );
    expect(loadConfig(configDir).sources.map((s) => s.id)).toEqual(['b', 'c']);
  });
});
