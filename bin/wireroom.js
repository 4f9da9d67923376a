#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=2
// Entry point for `npx wireroom` and `npm start`: runs the compiled CLI, bundled in dist/bundle/, which `npm install`
// builds (the `prepare` script; `npm run build` after editing src/). A checkout that was never built runs src/
// through tsx.
// The first line's flag: V8 lets the main thread's young generation grow to 32 MB, mostly dead objects, which a
// cycle's peak RSS carried (#14); 4 MB semi-spaces cost a little more collecting (`npm start` passes 2 for `run`).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

// `wireroom items | head`: a reader that stops reading is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const compiled = new URL('../dist/bundle/main.js', import.meta.url);
let main;
if (existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  process.stderr.write('wireroom: no dist/ (run `npm run build`); running the TypeScript in src/ through tsx\n');
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
