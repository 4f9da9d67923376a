// Open review findings: failing tests that show a defect left to its owner (see the reviewer's report). They are not
// *.test.ts so that the suite stays green until the owner fixes them; run them with
//   npx vitest run --config tests/review/vitest.open.config.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  test: { include: ['tests/review/**/*.open.ts'], testTimeout: 60_000, pool: 'forks' },
});
