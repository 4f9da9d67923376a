// Shared printing and measuring helpers for the benchmarks: every figure is printed beside a baseline
// measured in the same run, as a ratio, with its target and whether it was met.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
  return (r.target.op === '>=' ? x >= r.target.value : x <= r.target.value) ? 'pass' : 'miss';
}

export function num(n: number | undefined, unit = ''): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  const a = Math.abs(n);
  const s = a >= 100 ? Math.round(n).toLocaleString('en-US') : a >= 10 ? n.toFixed(1) : a >= 1 ? n.toFixed(2) : n.toFixed(3);
  return unit ? `${s} ${unit}` : s;
}

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

/** A plain-text table: columns sized to their content, numbers right-aligned. */
export function table(head: string[], rows: string[][], rightAligned: boolean[] = []): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, rightAligned[i])).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
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
        r.baseline === undefined ? '' : `${num(r.baseline, r.unit)}${r.baselineLabel ? ` (${r.baselineLabel})` : ''}`,
        r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`,
        r.target ? `${r.target.op} ${r.target.value}${r.ratio !== undefined ? 'x' : ''}` : '',
        verdict(r),
      ]),
      [false, false, true, true, true, false, false],
    ),
  );
  const notes = rows.filter((r) => r.note);
  for (const r of notes) console.log(`  note (${r.bench} / ${r.figure}): ${r.note}`);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface MemoryPeak {
  rss: number;
  heapUsed: number;
}

/**
 * Samples process.memoryUsage() every `everyMs` (only while the event loop turns; call sample() from
 * synchronous stretches too). Peaks are in bytes.
 */
export function memorySampler(everyMs = 25): { sample(): void; stop(): MemoryPeak } {
  const peak: MemoryPeak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak.rss = m.rss;
    if (m.heapUsed > peak.heapUsed) peak.heapUsed = m.heapUsed;
  };
  sample();
  const t = setInterval(sample, everyMs);
  t.unref();
  return {
    sample,
    stop() {
      clearInterval(t);
      sample();
      return { ...peak };
    },
  };
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
