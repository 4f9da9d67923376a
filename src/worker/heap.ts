// How far a heap may grow past what it holds, for a process that ingests. V8 lets a heap grow to between 1.1x and 4x
// its live objects after a full collection, more the faster the program allocates; a cycle allocates fast (bodies,
// parsed documents, sanitized HTML, tags), so each of its heaps (the main thread's, every prepare thread's) grew to two
// or three times its live objects, and the process's peak RSS with them: 2.9x the naive aggregator's at 1,000 sources,
// 4.2x at 3,000 (#14). A fixed 1.6x collects sooner at the same speed (bench/cycle.ts, --base against the previous
// commit: 1.3x cost a tenth more time at 3,000 sources for little more memory; `--optimize-for-size` a third more).
import v8 from 'node:v8';

/** Each full collection lets the heap grow to this much more than it kept, as a percentage. */
export const HEAP_GROWING_PERCENT = 60;

let set = false;

/**
 * Caps how far this process's heaps grow past their live objects, from now on. Called before the first prepare
 * thread starts, so that threads' heaps run under it too; once per process (a V8 flag is process-wide).
 */
export function boundHeapGrowth(): void {
  if (set) return;
  set = true;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
