// Child process for lazy-load.test.ts: uses the SQLite store (and, when asked, tries a PostgreSQL connection), then
// says whether the pg driver was loaded. pg is CommonJS, so once loaded it sits in the CommonJS module cache.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadPostgresStore, openStore } from '../../src/store/index.ts';

const require = createRequire(import.meta.url);
const store = openStore(path.join(process.argv[2] ?? os.tmpdir(), 'lazy.sqlite'));
store.sources.list();
store.close();
if (process.argv[3] === 'postgres') {
  const pg = await loadPostgresStore();
  // Nothing listens there: the connection fails, after the driver was loaded to try it.
  await pg.openPgStore('postgresql://nobody@/none?host=/nonexistent-socket-folder').catch(() => {});
}
process.stdout.write(
  JSON.stringify(Object.keys(require.cache).some((k) => k.includes(`${path.sep}node_modules${path.sep}pg${path.sep}`))),
);
