// Static export only ever replaces a folder it wrote itself: never a file, never someone's folder.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_MARKER, writeStaticSite } from '../../src/publish/index.ts';
import { tempDir } from '../helpers/env.ts';
import { makeFixture, standardEntries, type Fixture } from './seed.ts';
import { siteOf } from './site.ts';

describe('publish --out safety', () => {
  let f: Fixture;
  const tmp = tempDir();
  beforeAll(() => {
    f = makeFixture(standardEntries());
  });
  afterAll(() => {
    f?.cleanup();
    tmp.cleanup();
  });

  it('refuses a file, a folder with other content, and a missing parent, and leaves them as they were', () => {
    const file = path.join(tmp.dir, 'notes.txt');
    writeFileSync(file, 'mine');
    expect(() => writeStaticSite(siteOf(f, { paging: false }), file)).toThrow(/is a file/);
    expect(readFileSync(file, 'utf8')).toBe('mine');

    const folder = path.join(tmp.dir, 'project');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'keep.txt'), 'keep');
    expect(() => writeStaticSite(siteOf(f, { paging: false }), folder)).toThrow(/not written by `wireroom publish`/);
    expect(readFileSync(path.join(folder, 'keep.txt'), 'utf8')).toBe('keep');

    expect(() => writeStaticSite(siteOf(f, { paging: false }), path.join(tmp.dir, 'no', 'such', 'out'))).toThrow(/does not exist/);
  });

  it('writes a new or empty folder, and replaces its own earlier export', () => {
    const out = path.join(tmp.dir, 'site');
    const first = writeStaticSite(siteOf(f, { paging: false }), out);
    expect(first.files).toBeGreaterThan(10);
    expect(existsSync(path.join(out, EXPORT_MARKER))).toBe(true);
    expect(existsSync(path.join(out, 'feeds', 'all.rss'))).toBe(true);
    const second = writeStaticSite(siteOf(f, { paging: false }), out);
    expect(second.files).toBe(first.files);
    const empty = path.join(tmp.dir, 'empty');
    mkdirSync(empty);
    expect(writeStaticSite(siteOf(f, { paging: false }), empty).files).toBe(first.files);
  });
});
