// file: sources: trusted only, capped, and cheap when unchanged (mtime as Last-Modified).
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.ts';
import { RSS, testSettings } from './server.ts';

let dir: string;
let feedUrl: string;
const settings = testSettings();

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-fetch-'));
  const feed = path.join(dir, 'feed.xml');
  writeFileSync(feed, RSS);
  utimesSync(feed, new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'));
  feedUrl = pathToFileURL(feed).href;
  writeFileSync(path.join(dir, 'empty.xml'), '');
  writeFileSync(path.join(dir, 'big.xml'), Buffer.alloc(settings.maxBodyBytes + 1, 97));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file: URLs', () => {
  it('are refused for untrusted sources', async () => {
    const r = await fetchFeed(feedUrl, {}, settings);
    expect(r).toMatchObject({ kind: 'error', code: 'blocked' });
    expect(r.kind === 'error' && r.reason).toContain(feedUrl);
  });

  it('are read for trusted sources, with mtime as Last-Modified', async () => {
    const r = await fetchFeed(feedUrl, {}, settings, { trusted: true });
    expect(r).toMatchObject({
      kind: 'ok',
      status: 200,
      finalUrl: feedUrl,
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
    });
    expect(r.kind === 'ok' && r.body.toString()).toBe(RSS);
  });

  it('honour If-Modified-Since: unchanged is not-modified, touched is re-read', async () => {
    const again = await fetchFeed(feedUrl, { lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' }, settings, {
      trusted: true,
    });
    expect(again).toMatchObject({ kind: 'not-modified', status: 304 });
    const older = await fetchFeed(feedUrl, { lastModified: 'Tue, 31 Dec 2024 00:00:00 GMT' }, settings, {
      trusted: true,
    });
    expect(older.kind).toBe('ok');
  });

  it('missing, empty, oversized and directory files give clear errors', async () => {
    const missing = await fetchFeed(pathToFileURL(path.join(dir, 'nope.xml')).href, {}, settings, { trusted: true });
    expect(missing).toMatchObject({ kind: 'error', code: 'not-found' });
    const empty = await fetchFeed(pathToFileURL(path.join(dir, 'empty.xml')).href, {}, settings, { trusted: true });
    expect(empty).toMatchObject({ kind: 'error', code: 'empty' });
    const big = await fetchFeed(pathToFileURL(path.join(dir, 'big.xml')).href, {}, settings, { trusted: true });
    expect(big).toMatchObject({ kind: 'error', code: 'too-large' });
    const folder = await fetchFeed(pathToFileURL(dir).href, {}, settings, { trusted: true });
    expect(folder).toMatchObject({ kind: 'error', code: 'io' });
    const device = await fetchFeed('file:///dev/zero', {}, settings, { trusted: true });
    expect(device).toMatchObject({ kind: 'error', code: 'io' });
  });

  it('invalid URLs are reported, not thrown', async () => {
    expect(await fetchFeed('not a url', {}, settings)).toMatchObject({ kind: 'error', code: 'invalid-url' });
  });
});
