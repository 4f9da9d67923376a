// A real PostgreSQL server for one test file: initdb into a temp folder, started on a Unix socket in that folder only
// (no TCP port), fsync off unless asked for, stopped and removed at the end. The server refuses to run as root, so under root (CI,
// this machine) initdb and pg_ctl run as the `postgres` OS user, who owns the folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The newest installed PostgreSQL's bin folder (Debian's layout), or undefined. */
function findBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && path.join(root, versions[0], 'bin');
}

const BIN = findBin();
const asRoot = process.getuid?.() === 0;

/** The `postgres` OS user's uid and gid, when there is one. */
function postgresUser(): { uid: number; gid: number } | undefined {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return undefined;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

const owner = asRoot ? postgresUser() : undefined;

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
function missing(): string | undefined {
  if (!BIN)
    return 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; Debian: apt-get install postgresql)';
  if (asRoot && !owner) return 'running as root and there is no `postgres` OS user to run the server as';
  return undefined;
}
export const postgresMissing = missing();

/** A test name suffix that says why it skips, so the skip list (tests/helpers/skip-reporter.ts) explains itself. */
export const needsPostgres = postgresMissing ? ` [skipped: ${postgresMissing}]` : '';

export interface TestPostgres {
  /** The folder holding the data directory, the log and the server's Unix socket. */
  dir: string;
  /** A connection string for `database` on this server (pg reads the socket folder from `host`). */
  url(database?: string): string;
  /** Creates an empty database and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

/** Runs a PostgreSQL program as the server's owner. */
function run(program: string, args: string[]): string {
  if (!BIN) throw new Error(postgresMissing);
  const file = path.join(BIN, program);
  try {
    return asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { encoding: 'utf8', stdio: 'pipe' })
      : execFileSync(file, args, { encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${program} ${args.join(' ')}: ${e.stderr || e.message}`, { cause: err });
  }
}

/**
 * Starts a fresh server with one database, `wireroom`. `durable`: every commit flushed to disk as a production server
 * does (fsync and synchronous commit on), for a bench whose figure is about what commits cost.
 */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<TestPostgres> {
  if (postgresMissing) throw new Error(postgresMissing);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  // Unix socket only, in our folder: nothing listens on a port, and two test files never collide.
  const flush = opts.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const options = `-k ${dir} -c listen_addresses=''${flush}`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Not running (it failed to start, or was stopped from outside): the folder goes anyway.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that dies without its afterAll still leaves no server behind.
  process.on('exit', stop);
  try {
    run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
  } catch (err) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
    stop();
    throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${serverLog}`, { cause: err });
  }
  const url = (database = 'postgres') => `postgresql://postgres@/${database}?host=${encodeURIComponent(dir)}`;
  const server: TestPostgres = {
    dir,
    url,
    async createDatabase(name) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
  };
  await server.createDatabase('wireroom');
  return server;
}
