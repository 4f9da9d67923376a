// Backup and restore beside a live worker: `wireroom run --no-server` runs as a real child process on a per-second
// schedule, ingesting loopback sources that grow at every fetch, while backups are taken; restore is refused while
// the worker runs and checks what it is given before replacing anything.
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, openStore } from '../../src/store/index.ts';
import { cli, fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { madeUpWord, until } from '../helpers/polling.ts';
import { spawnCli } from '../helpers/worker-process.ts';

const SOURCES = ['alpha', 'beta', 'gamma'];

/** Item `seq` of a source: its own words, its own link, published a minute after the one before. */
function item(base: string, source: string, seq: number, sourceIndex: number) {
  const n = (sourceIndex * 1000 + seq) * 6;
  return {
    guid: `${source}-${seq}`,
    title: [0, 1, 2, 3, 4].map((i) => madeUpWord(n + i)).join(' '),
    link: `${base}/${source}/${seq}`,
    description: `${madeUpWord(n + 5)} ${madeUpWord(n + 2)} ${madeUpWord(n + 4)}`,
    pubDate: new Date(Date.UTC(2026, 0, 1) + (sourceIndex * 1000 + seq) * 60_000).toUTCString(),
  };
}

/** Loopback sources that return `step` more items at each fetch while `growing`. */
async function growingSources(step: number) {
  const served: Record<string, number> = Object.fromEntries(SOURCES.map((s) => [s, 0]));
  const state = { growing: true };
  const srv = await fixtureServer({});
  const base = srv.url('').replace(/\/$/, '');
  SOURCES.forEach((source, i) => {
    srv.routes[`/${source}.xml`] = (_req, res) => {
      if (state.growing) served[source] = (served[source] ?? 0) + step;
      const n = served[source] ?? 0;
      const items = Array.from({ length: n }, (_, k) => item(base, source, n - k, i));
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(rss(items));
    };
  });
  return { srv, state, served };
}

function projectConfig(root: string, srvUrl: (p: string) => string): string {
  return writeConfig(root, {
    main:
      'schedule:\n  cron: "* * * * * *"\n  run_on_start: true\n' +
      'fetch:\n  timeout_seconds: 20\n  connect_timeout_seconds: 10\n  allow_private: ["127.0.0.1"]\n' +
      'ingest:\n  threads: 0\n',
    sources:
      'sources:\n' + SOURCES.map((s) => `  - { id: ${s}, url: "${srvUrl(`/${s}.xml`)}", interval: 0.01 }\n`).join(''),
  });
}

/** `wireroom run --no-server` as a child process, through bin/wireroom.js. */
function spawnWorker(configDir: string, dbFile: string) {
  return spawnCli(['--config', configDir, '--db', dbFile, 'run', '--no-server']);
}

/** Reads a database file on a connection of its own (read-only), closed before returning. */
function read<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return fn(db);
  } finally {
    db.close();
  }
}

const entryKeys = (db: Database.Database): string[] =>
  (
    db.prepare('SELECT source_id, key FROM entries ORDER BY source_id, key').all() as {
      source_id: string;
      key: string;
    }[]
  ).map((r) => `${r.source_id} ${r.key}`);

const countEntries = (db: Database.Database): number =>
  (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;

/** Entries stored so far; 0 while the worker has not created the database yet. */
function stored(file: string): number {
  try {
    return read(file, countEntries);
  } catch {
    return 0;
  }
}

/** Each source's stored entries beside the new entries its fetch log reports: equal in any committed state. */
function perSourceBalance(db: Database.Database): { source: string; entries: number; logged: number }[] {
  return db
    .prepare(
      `SELECT s.id AS source,
              (SELECT count(*) FROM entries e WHERE e.source_id = s.id) AS entries,
              (SELECT coalesce(sum(new_count), 0) FROM fetch_log f WHERE f.source_id = s.id) AS logged
         FROM sources s ORDER BY s.id`,
    )
    .all() as { source: string; entries: number; logged: number }[];
}

// Each test waits on the worker with generous deadlines: room beyond the default 60 s on a loaded machine.
describe('backup while the worker runs, restore with it stopped', { timeout: 240_000 }, () => {
  const tmp = tempDir('wireroom-backup-');
  let sources: Awaited<ReturnType<typeof growingSources>>;
  let configDir: string;
  let dbFile: string;
  const backupFile = () => path.join(tmp.dir, 'backups', 'mid-cycle.sqlite');
  let worker: ReturnType<typeof spawnWorker> | undefined;
  /** Every worker started, so that none outlives the tests, even when one fails halfway. */
  const spawned: ReturnType<typeof spawnWorker>[] = [];
  const startWorker = () => {
    worker = spawnWorker(configDir, dbFile);
    spawned.push(worker);
    return worker;
  };

  beforeAll(async () => {
    sources = await growingSources(2);
    configDir = projectConfig(path.join(tmp.dir, 'project'), sources.srv.url);
    dbFile = path.join(tmp.dir, 'project', 'db', 'wireroom.sqlite');
  });
  afterAll(async () => {
    for (const w of spawned) if (w.running()) w.child.kill('SIGKILL');
    await Promise.all(spawned.map((w) => w.exited));
    await sources?.srv.close();
    tmp.cleanup();
  });

  it('a backup taken while the worker commits opens, passes integrity_check and holds every earlier entry', async () => {
    const w = startWorker();
    await until(() => !w.running() || stored(dbFile) >= 12, 'a first ingest');
    expect(w.running(), w.log()).toBe(true);

    const committedBefore = read(dbFile, entryKeys);
    // The copy goes one page a step, and waits after its first step until the worker has committed again: the
    // backup is in progress while the live database changes under it.
    let atStart = -1;
    let sawCommitDuring = false;
    const r = await backupDatabase(dbFile, path.join(tmp.dir, 'first.sqlite'), {
      progress: () => {
        if (atStart < 0) atStart = read(dbFile, countEntries);
        if (!sawCommitDuring) sawCommitDuring = read(dbFile, countEntries) > atStart;
        return sawCommitDuring ? 1 : 0;
      },
    });
    expect(sawCommitDuring).toBe(true);
    const liveAfter = read(dbFile, countEntries);

    read(r.file, (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
      const keys = new Set(entryKeys(db));
      expect(committedBefore.filter((k) => !keys.has(k))).toEqual([]);
      expect(keys.size).toBe(r.entries);
      // One point in time: the commit made during the copy is not in it, and no source is caught half-stored.
      expect(keys.size).toBeLessThan(liveAfter);
      for (const b of perSourceBalance(db)) expect(b.entries, b.source).toBe(b.logged);
    });
    expect(existsSync(`${r.file}-wal`) || existsSync(`${r.file}-journal`)).toBe(false);
    expect(readdirSync(path.dirname(r.file)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('`wireroom backup FILE` through the CLI while the worker runs, and its usage errors', async () => {
    const w = worker;
    if (!w) throw new Error('the worker of the first test is not running');
    expect(w.running(), w.log()).toBe(true);
    const before = read(dbFile, entryKeys);
    const args = ['--config', configDir, '--db', dbFile];
    const missingDir = await cli([...args, 'backup', path.join(tmp.dir, 'backups', 'x.sqlite')]);
    expect(missingDir.code).toBe(2);
    expect(missingDir.err).toMatch(/x\.sqlite: no folder .*backups/);

    mkdirSync(path.dirname(backupFile()));
    const ok = await cli([...args, 'backup', backupFile()]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^backed up .*wireroom\.sqlite to .*mid-cycle\.sqlite: \d+ entries, schema version \d+/);
    const stored = read(backupFile(), (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const b of perSourceBalance(db)) expect(b.entries, b.source).toBe(b.logged);
      return new Set(entryKeys(db));
    });
    expect(before.filter((k) => !stored.has(k))).toEqual([]);

    const again = await cli([...args, 'backup', backupFile()]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/mid-cycle\.sqlite: already exists \(--force replaces it\)/);
    const itself = await cli([...args, 'backup', dbFile]);
    expect(itself.code).toBe(2);
    expect(itself.err).toMatch(/that is the database itself/);
  });

  it('restore is refused while the worker runs, checks the backup, then replaces the database whole', async () => {
    const w = worker;
    if (!w) throw new Error('the worker of the first test is not running');
    const args = ['--config', configDir, '--db', dbFile];
    const inUse = await cli([...args, 'restore', backupFile()]);
    expect(inUse.code).toBe(1);
    expect(inUse.err).toMatch(/wireroom\.sqlite: in use by another process .*stop it, then restore/);
    expect(w.running(), w.log()).toBe(true);

    // The worker ingests more than the backup holds, then dies without closing: its commits sit in the -wal.
    const inBackup = read(backupFile(), entryKeys);
    await until(() => read(dbFile, countEntries) > inBackup.length + 6, 'more entries than the backup holds');
    w.child.kill('SIGKILL');
    await w.exited;
    expect(existsSync(`${dbFile}-wal`) && statSync(`${dbFile}-wal`).size > 0).toBe(true);
    const liveBefore = read(dbFile, entryKeys);
    expect(liveBefore.length).toBeGreaterThan(inBackup.length);

    // Refusals name the file and the reason, exit 3, and leave the database alone.
    const garbage = path.join(tmp.dir, 'garbage.sqlite');
    writeFileSync(garbage, 'this is not a database, just text long enough to have a header'.repeat(20));
    const notDb = await cli([...args, 'restore', garbage]);
    expect(notDb.code).toBe(3);
    expect(notDb.err).toMatch(/garbage\.sqlite: not a SQLite database/);

    const foreign = path.join(tmp.dir, 'foreign.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)');
    f.close();
    const notOurs = await cli([...args, 'restore', foreign]);
    expect(notOurs.code).toBe(3);
    expect(notOurs.err).toMatch(/foreign\.sqlite: not a wireroom database/);

    // A backup with a damaged page in its middle (an index page: the file still opens and reads).
    const damaged = path.join(tmp.dir, 'damaged.sqlite');
    copyFileSync(backupFile(), damaged);
    const pageSize = read(damaged, (db) => db.pragma('page_size', { simple: true }) as number);
    const rootPage = read(
      damaged,
      (db) =>
        (
          db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'entries_published'").get() as {
            rootpage: number;
          }
        ).rootpage,
    );
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootPage - 1) * pageSize);
    closeSync(fd);
    const bad = await cli([...args, 'restore', damaged]);
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/damaged\.sqlite: .*(integrity check failed|malformed)/);

    const missing = await cli([...args, 'restore', path.join(tmp.dir, 'nope.sqlite')]);
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/nope\.sqlite: no such file/);
    expect(read(dbFile, entryKeys)).toEqual(liveBefore);

    const ok = await cli([...args, 'restore', backupFile()]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(
      new RegExp(`restored .*wireroom\\.sqlite from .*mid-cycle\\.sqlite: ${inBackup.length} entries`),
    );
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    expect(readdirSync(path.dirname(dbFile)).sort()).toEqual(['wireroom.sqlite']);
    read(dbFile, (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(entryKeys(db)).toEqual(inBackup);
    });
    // The restored database is the worker's again: a command opens it read-write and lists what it holds.
    const items = await cli([...args, 'items', '--json', '--limit', '1000']);
    expect(items.code).toBe(0);
    expect((JSON.parse(items.out) as unknown[]).length).toBe(inBackup.length);
  });

  it('restore replaces a crashed database whose main file is damaged, and one SQLite cannot read at all', async () => {
    // A crashed worker's -wal beside a main file whose header is destroyed.
    const w = startWorker();
    const inBackup = read(backupFile(), entryKeys);
    await until(() => !w.running() || stored(dbFile) > inBackup.length + 4, 'the worker to ingest again');
    w.child.kill('SIGKILL');
    await w.exited;
    expect(existsSync(`${dbFile}-wal`) && statSync(`${dbFile}-wal`).size > 0).toBe(true);
    const fd = openSync(dbFile, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x20), 0, 100, 0);
    closeSync(fd);
    const args = ['--config', configDir, '--db', dbFile];
    const crashed = await cli([...args, 'restore', backupFile()]);
    expect(crashed.code).toBe(0);
    expect(readdirSync(path.dirname(dbFile)).sort()).toEqual(['wireroom.sqlite']);
    read(dbFile, (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(entryKeys(db)).toEqual(inBackup);
    });

    // Not SQLite at all: nothing can be asked of it, which restore says, and replaces it.
    writeFileSync(dbFile, 'lost '.repeat(5000));
    const text = await cli([...args, 'restore', backupFile()]);
    expect(text.code).toBe(0);
    expect(text.err).toMatch(/wireroom\.sqlite: could not check whether another process uses it .*replaced it anyway/);
    read(dbFile, (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(entryKeys(db)).toEqual(inBackup);
    });
  });
});

// A restored database must stay checkable: a `serve` started on it (read-only, so it never switches the journal
// mode itself) has to make the next restore refuse, as it does on a database the worker has opened.
describe('restore onto a database a server has open', { timeout: 120_000 }, () => {
  const tmp = tempDir('wireroom-restore-serve-');
  const spawned: ReturnType<typeof spawnServe>[] = [];
  afterAll(async () => {
    for (const s of spawned) if (s.running()) s.child.kill('SIGKILL');
    await Promise.all(spawned.map((s) => s.exited));
    tmp.cleanup();
  });

  /** `wireroom serve` (read-only connection) on any free port, once it listens. */
  function spawnServe(args: string[]) {
    return spawnCli([...args, 'serve']);
  }
  async function startServe(args: string[]) {
    const s = spawnServe(args);
    spawned.push(s);
    await until(() => {
      if (!s.running()) throw new Error(`serve exited: ${s.log()}`);
      return /"url":"http:\/\/127\.0\.0\.1:\d+\/"/.test(s.log());
    }, 'serve to listen');
    return s;
  }
  const journalMode = (file: string) => read(file, (db) => db.pragma('journal_mode', { simple: true }));

  it('a restored database is in WAL mode, and a serve on it makes the next restore refuse', async () => {
    const configDir = writeConfig(path.join(tmp.dir, 'project'), {
      main: 'schedule:\n  run_on_start: false\nserver:\n  port: 0\n',
      sources: 'sources: []\n',
    });
    const dbFile = path.join(tmp.dir, 'project', 'db', 'wireroom.sqlite');
    openStore(dbFile).close();
    const b1 = path.join(tmp.dir, 'b1.sqlite');
    const b2 = path.join(tmp.dir, 'b2.sqlite');
    await backupDatabase(dbFile, b1);
    await backupDatabase(dbFile, b2);
    const args = ['--config', configDir, '--db', dbFile];

    const first = await cli([...args, 'restore', b1]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(readdirSync(path.dirname(dbFile)).sort()).toEqual(['wireroom.sqlite']);
    expect(journalMode(dbFile)).toBe('wal');

    const serve = await startServe(args);
    const inUse = await cli([...args, 'restore', b2]);
    expect(inUse.code).toBe(1);
    expect(inUse.err).toMatch(/wireroom\.sqlite: in use by another process .*stop it, then restore/);
    expect(serve.running(), serve.log()).toBe(true);
    serve.child.kill('SIGTERM');
    await serve.exited;

    const second = await cli([...args, 'restore', b2]);
    expect(second.err).toBe('');
    expect(second.code).toBe(0);
    expect(journalMode(dbFile)).toBe('wal');
  });

  it('a database left in rollback-journal mode (by an older restore) is not taken for unused', async () => {
    const configDir = path.join(tmp.dir, 'project', 'config');
    const dbFile = path.join(tmp.dir, 'project', 'db', 'wireroom.sqlite');
    const b1 = path.join(tmp.dir, 'b1.sqlite');
    const args = ['--config', configDir, '--db', dbFile];
    const db = new Database(dbFile);
    expect(db.pragma('journal_mode = DELETE', { simple: true })).toBe('delete');
    db.close();

    const serve = await startServe(args);
    const unsure = await cli([...args, 'restore', b1]);
    expect(unsure.code).toBe(1);
    expect(unsure.err).toMatch(/wireroom\.sqlite: .*rollback-journal mode.*cannot tell whether another process/);
    expect(serve.running(), serve.log()).toBe(true);
    serve.child.kill('SIGTERM');
    await serve.exited;
    // Switched to WAL mode by the refusal: with the server stopped, the next restore can check, and goes ahead.
    expect(journalMode(dbFile)).toBe('wal');
    const ok = await cli([...args, 'restore', b1]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(journalMode(dbFile)).toBe('wal');
  });
});
