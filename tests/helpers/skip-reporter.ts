// Lists every skipped test with its full name (which says what it needs), and under CI fails the run:
// .ci/run provides everything the tests need, so a skip there means a missing install step.
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        if (t.result().state === 'skipped')
          skipped.push(`${m.moduleId.replace(process.cwd() + '/', '')} > ${t.fullName}`);
      }
    }
    if (skipped.length === 0) return;
    const lines = [`\n${skipped.length} test(s) skipped:`, ...skipped.map((s) => `  - ${s}`)];
    if (process.env.CI) {
      lines.push('CI provides everything the tests need, so nothing may skip here: failing the run.');
      process.exitCode = 1;
    }
    console.log(lines.join('\n'));
  }
}
