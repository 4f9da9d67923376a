import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Child processes run the compiled dist/ (bin/wireroom.js), as users do: brought up to date once, before the suite.
    globalSetup: ['./tests/helpers/build-dist.ts'],
    // Real servers, real SQLite files and child processes: give them room on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './tests/helpers/skip-reporter.ts'],
  },
});
