// Shared printing and measuring helpers for the benchmarks: every figure is printed beside a baseline
// measured in the same run, as a ratio, with its target and whether it was met.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

export type Target = { op: '>=' | '<='; value: number };

export interface Row {
  /** Which bench it came from (ingest, cycle, tagging, ...). */
  bench: string;
  figure: string;
  value: number;
  unit: string;
  /** What the figure is compared with, measured in the same run. */
  baseline?: number;
  baselineLabel?: string;
  /** value / baseline unless given (for times, lower is better; for rates, higher is better). */
  ratio?: number;
  target?: Target;
  note?: string;
}

export function row(r: Row): Row {
  const out = { ...r };
  if (out.ratio === undefined && out.baseline !== undefined && out.baseline > 0) out.ratio = out.value / out.baseline;
  return out;
}

export function verdict(r: Row): 'pass' | 'miss' | '' {
  if (!r.target) return '';
  const x = r.ratio ?? r.value;
  const met = r.target.op === '>=' ? x >= r.target.value : x <= r.target.value;
  return met ? 'pass' : 'miss';
}

export function num(n: number | undefined, unit = ''): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  const a = Math.abs(n);
  let s = n.toFixed(3);
  if (a >= 100) s = Math.round(n).toLocaleString('en-US');
  else if (a >= 10) s = n.toFixed(1);
  else if (a >= 1) s = n.toFixed(2);
  return unit ? `${s} ${unit}` : s;
}

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

/** A plain-text table: columns sized to their content, numbers right-aligned. */
export function table(head: string[], rows: string[][], rightAligned: boolean[] = []): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, rightAligned[i]))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function baselineCell(r: Row): string {
  if (r.baseline === undefined) return '';
  return r.baselineLabel ? `${num(r.baseline, r.unit)} (${r.baselineLabel})` : num(r.baseline, r.unit);
}

/** Two decimals, or two significant digits below 0.1 (so 0.0044x does not print as 0.00x). */
function ratioText(x: number): string {
  return `${x !== 0 && Math.abs(x) < 0.1 ? x.toPrecision(2) : x.toFixed(2)}x`;
}

export function printRows(rows: Row[], title?: string): void {
  if (title) console.log(`\n${title}`);
  console.log(
    table(
      ['bench', 'figure', 'value', 'baseline', 'ratio', 'target', 'result'],
      rows.map((r) => [
        r.bench,
        r.figure,
        num(r.value, r.unit),
        baselineCell(r),
        r.ratio === undefined ? '' : ratioText(r.ratio),
        r.target ? `${r.target.op} ${r.target.value}${r.ratio !== undefined ? 'x' : ''}` : '',
        verdict(r),
      ]),
      [false, false, true, true, true, false, false],
    ),
  );
  const notes = rows.filter((r) => r.note);
  for (const r of notes) console.log(`  note (${r.bench} / ${r.figure}): ${r.note}`);
}

/**
 * Leading `NAME=VALUE` words of a command line (a shebang's `env -S` string, an npm script) as an environment, and the
 * words after them: `MALLOC_ARENA_MAX=2 node --flag x` -> {MALLOC_ARENA_MAX: '2'}, [node, --flag, x].
 */
export function leadingEnv(words: readonly string[]): { env: Record<string, string>; rest: string[] } {
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i] ?? ''); i++) {
    const word = words[i] ?? '';
    env[word.slice(0, word.indexOf('='))] = word.slice(word.indexOf('=') + 1);
  }
  return { env, rest: words.slice(i) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const MB = 1024 * 1024;

export function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(0)} MB`;
}

/** Lets the GC settle between phases so one phase's garbage is not charged to the next . */
export function settle(): void {
  gc();
}

// `npm run bench` starts node without --expose-gc; this is the documented way to reach gc() anyway.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** True when `metaUrl` is the script node was started with (so a bench file can run on its own). */
export function isMain(metaUrl: string): boolean {
  const arg = process.argv[1];
  return !!arg && pathToFileURL(path.resolve(arg)).href === metaUrl;
}

// ---------------------------------------------------------------------------------------------------------
// Work checks: a comparison means something only if its arms did the same work. Each bench reports, per
// comparison, what every arm did (entries stored, documents fetched, bytes served, ...); an arm given less work
// (or more) makes the bench print MISMATCH and exit non-zero instead of reporting a flattering ratio.

export interface WorkArm {
  arm: string;
  done: number;
}

export interface WorkCheck {
  bench: string;
  /** Which comparison (the figure whose arms these are). */
  comparison: string;
  /** What is counted: "entries stored", "documents fetched (200)", ... */
  unit: string;
  arms: WorkArm[];
  /** The work every arm was given, when the bench knows it (catches every arm doing less alike). */
  expected?: number;
  /** Allowed relative difference (0 = exact); for counts that legitimately vary a little (e.g. response sizes). */
  tolerance?: number;
  /** Instead of equality: every arm must have done at least this much (work that must not be skipped). */
  atLeast?: number;
}

export interface BenchResult {
  rows: Row[];
  work: WorkCheck[];
}

/** The failed checks, one line each (empty when every comparison's arms did the same work). */
export function workMismatches(checks: WorkCheck[]): string[] {
  const out: string[] = [];
  for (const c of checks) {
    const floor = c.atLeast;
    if (floor !== undefined) {
      const short = c.arms.filter((a) => a.done < floor);
      if (short.length === 0 && c.arms.length > 0) continue;
      const arms = c.arms.map((a) => `${a.arm} ${a.done.toLocaleString('en-US')}`).join(', ');
      out.push(`MISMATCH ${c.bench} / ${c.comparison}: ${c.unit}: ${arms || 'no arms'} (want at least ${floor})`);
      continue;
    }
    const ref = c.expected ?? c.arms[0]?.done ?? 0;
    const tol = c.tolerance ?? 0;
    const off = c.arms.filter((a) => Math.abs(a.done - ref) > tol * Math.abs(ref));
    if (off.length === 0 && c.arms.length > 0) continue;
    const arms = c.arms.map((a) => `${a.arm} ${a.done.toLocaleString('en-US')}`).join(', ');
    const want = c.expected === undefined ? 'equal' : `${c.expected.toLocaleString('en-US')} each`;
    out.push(
      `MISMATCH ${c.bench} / ${c.comparison}: ${c.unit}: ${arms || 'no arms'} ` +
        `(want ${want}${tol ? `, within ${(tol * 100).toFixed(1)}%` : ''})`,
    );
  }
  return out;
}

/** Prints the work checks; returns false (and shouts) when an arm did other work than its comparison's others. */
export function reportWork(checks: WorkCheck[]): boolean {
  const bad = workMismatches(checks);
  console.log(`
work checks: ${checks.length - bad.length} of ${checks.length} comparisons had arms doing the same work`);
  for (const line of bad) console.log(`!!! ${line}`);
  if (bad.length) console.log('!!! the figures of a MISMATCH comparison are not like for like: do not read them');
  return bad.length === 0;
}

// ---------------------------------------------------------------------------------------------------------
// Child processes whose peak memory the OS reports: every arm that is compared on memory runs in its own process.

const HWM_PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hwm-preload.mjs');

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Spawn to exit, including node's start-up. */
  wallMs: number;
  /** VmHWM from /proc/<pid>/status read by the child itself just before it exits (kB); 0 if it did not say. */
  peakRssKb: number;
}

/**
 * Runs `node [nodeArgs] script args` with bench/hwm-preload.mjs loaded first, so the child reports its own VmHWM
 * (the kernel's peak resident set of the whole process, every thread included) as it exits.
 */
export async function runNodeChild(
  nodeArgs: string[],
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ChildRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-hwm-'));
  const hwmFile = path.join(dir, 'hwm');
  const t0 = performance.now();
  try {
    const child = spawn(process.execPath, ['--import', pathToFileURL(HWM_PRELOAD).href, ...nodeArgs, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env, WIREROOM_BENCH_HWM_FILE: hwmFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    });
    const wallMs = performance.now() - t0;
    let peakRssKb = 0;
    try {
      peakRssKb = Number(readFileSync(hwmFile, 'utf8')) || 0;
    } catch {
      peakRssKb = 0;
    }
    return {
      code,
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
      wallMs,
      peakRssKb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
