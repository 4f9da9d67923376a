// Loaded with `node --import` into a bench child: as the process exits, writes its VmHWM (peak resident set as
// the kernel counts it, every thread included, in kB) to the file WIREROOM_BENCH_HWM_FILE names.
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.WIREROOM_BENCH_HWM_FILE;
// Not inherited by anything this process starts: the figure is this process's own.
delete process.env.WIREROOM_BENCH_HWM_FILE;
if (out) {
  process.on('exit', () => {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    writeFileSync(out, m ? m[1] : '');
  });
}
