// Vitest global setup. Tests that start wireroom as a child process (bin/wireroom.js) run the compiled and bundled
// dist/bundle/, as users do, so the suite first brings dist/ up to date with src/: `npm run build` (an incremental tsc,
// then the bundle), skipped when nothing under src/ changed since the last one. The benches that run wireroom call it
// too. In-process tests import src/ directly and need none of this.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'dist');
/** tsc's incremental state, written by every build (npm install's too); set here to the time the build started. */
const STAMP = path.join(DIST, '.tsbuildinfo');
/** Several test runs in one checkout build one at a time. */
const LOCK = path.join(DIST, '.build-lock');

function unlock(): void {
  try {
    rmdirSync(LOCK);
  } catch {
    // Taken over and removed by another run.
  }
}

/** Newest mtime of src/ and everything in it; a folder's own mtime moves when a file is added, removed or renamed. */
function newestUnder(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestUnder(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The bundle bin/wireroom.js runs, written after tsc by scripts/bundle-cli.mjs: older than the stamp is stale. */
const BUNDLE_META = path.join(DIST, 'bundle/meta.json');

const fresh = () =>
  existsSync(STAMP) &&
  newestUnder(path.join(ROOT, 'src')) <= statSync(STAMP).mtimeMs &&
  existsSync(BUNDLE_META) &&
  statSync(BUNDLE_META).mtimeMs >= statSync(STAMP).mtimeMs;

async function locked<T>(fn: () => T): Promise<T> {
  mkdirSync(DIST, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a run that was killed mid-build is taken over after five minutes.
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) unlock();
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return fn();
  } finally {
    unlock();
  }
}

export default async function buildDist(): Promise<void> {
  if (fresh()) return;
  await locked(() => {
    if (fresh()) return;
    const started = new Date();
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    if (!existsSync(path.join(DIST, 'cli/main.js')))
      throw new Error(`npm run build wrote no dist/cli/main.js:\n${r.stdout}${r.stderr}`);
    // Type errors still emit; the type check (npm run typecheck) is where they fail.
    if (r.status !== 0)
      process.stderr.write(`build-dist: tsc reported errors, dist/ holds what it emitted:\n${r.stdout}`);
    // Anything under src/ newer than this is not in dist/ (an unchanged build may leave the file as it was).
    if (existsSync(STAMP)) utimesSync(STAMP, started, started);
    const bundle = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bundle-cli.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (bundle.status !== 0) throw new Error(`scripts/bundle-cli.mjs failed:\n${bundle.stdout}${bundle.stderr}`);
  });
}
