// A full disk, a read-only disk, a locked database: a clear error that names the file, and no corruption.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { openStore, StoreError } from '../../src/store/index.ts';
import { createWorkerDeps } from '../../src/worker/deps.ts';
import { runCycle } from '../../src/worker/index.ts';
import { cli, fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';

/** A tiny tmpfs of our own: the only honest way to fill a disk or make it read-only. Needs root. */
function tryMount(dir: string, size: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mountPoint = path.join(os.tmpdir(), `wireroom-disk-${process.pid}`);
const canMount = tryMount(mountPoint, '512k');
if (canMount) execFileSync('umount', [mountPoint]);
if (!canMount) console.warn('disk tests skipped: cannot mount a tmpfs here (needs root)');

let itemSeq = 0;
const bigFeed = () =>
  rss(
    Array.from({ length: 40 }, () => ({
      guid: `g${itemSeq++}`,
      title: `Item ${itemSeq}`,
      link: `https://example.org/${itemSeq}`,
      description: `<p>${'Long text. '.repeat(300)}</p>`,
    })),
  );

describe.skipIf(!canMount)('full and read-only disks (needs root to mount a tmpfs)', () => {
  let srv: Awaited<ReturnType<typeof fixtureServer>>;
  const tmp = tempDir();
  let configDir: string;
  beforeAll(async () => {
    srv = await fixtureServer({
      '/big.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'text/xml' }).end(bigFeed()),
    });
    configDir = writeConfig(tmp.dir, { sources: `sources:\n  - { id: big, url: "${srv.url('/big.xml')}" }\n` });
    // Room for the first cycles (a database holds a tagging version of about 220 KB from its first write, in the
    // WAL and then the file: src/tag/version.ts), not for 40 of them.
    tryMount(mountPoint, '2m');
  });
  afterAll(async () => {
    try {
      execFileSync('umount', [mountPoint]);
    } catch {
      /* already unmounted */
    }
    rmSync(mountPoint, { recursive: true, force: true });
    await srv?.close();
    tmp.cleanup();
  });

  it('a full disk fails the source with a clear reason and keeps what was committed', async () => {
    const dbFile = path.join(mountPoint, 'wireroom.sqlite');
    const store = openStore(dbFile);
    const deps = createWorkerDeps(loadConfig(configDir, { db: dbFile }), store);
    let stored = 0;
    let failure: string | undefined;
    for (let i = 0; i < 40 && !failure; i++) {
      const r = await runCycle(deps, { force: true });
      const s = r.sources[0]!;
      if (s.status === 'error') failure = s.error;
      else stored += s.new;
    }
    store.close();
    expect(stored).toBeGreaterThan(0);
    expect(failure).toMatch(/big: .*(full|disk)/i);
    // Free some room: what was committed is intact and the database is consistent.
    const db = new Database(dbFile, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n).toBe(stored);
    db.close();
  });

  it('a read-only disk gives a clear error naming the database (exit 3)', async () => {
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const dbFile = path.join(mountPoint, 'wireroom.sqlite');
    expect(() => openStore(dbFile)).toThrow(StoreError);
    const r = await cli(['--config', configDir, '--db', dbFile, 'fetch']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/wireroom\.sqlite: .*(read-?only|readonly)/i);
    const r2 = await cli(['--config', configDir, '--db', path.join(mountPoint, 'new.sqlite'), 'items']);
    expect(r2.code).toBe(3);
    expect(r2.err).toMatch(/new\.sqlite/);
  });
});

describe('a locked database', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('a writer blocked past the busy timeout reports "locked" for that source, and the next cycle works', async () => {
    const srv = await fixtureServer({
      '/f.xml': (_q, res) => void res.writeHead(200).end(rss([{ guid: 'x', title: 'X' }])),
    });
    try {
      const configDir = writeConfig(tmp.dir, { sources: `sources:\n  - { id: f, url: "${srv.url('/f.xml')}" }\n` });
      const dbFile = path.join(tmp.dir, 'db.sqlite');
      const store = openStore(dbFile);
      store.db.pragma('busy_timeout = 200');
      const deps = createWorkerDeps(loadConfig(configDir, { db: dbFile }), store);
      // Another process-like connection holds the write lock.
      const other = new Database(dbFile);
      other.exec('BEGIN IMMEDIATE');
      const r = await runCycle(deps, { force: true }).catch((e: Error) => ({
        sources: [{ status: 'error', error: e.message }],
      }));
      expect(r.sources[0]).toMatchObject({ status: 'error' });
      expect(r.sources[0]!.error).toMatch(/locked|busy/i);
      other.exec('ROLLBACK');
      other.close();
      const ok = await runCycle(deps, { force: true });
      expect(ok.sources[0]).toMatchObject({ status: 'ok', new: 1 });
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      store.close();
    } finally {
      await srv.close();
    }
  });
});
