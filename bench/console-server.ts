// One arm of the console bench (bench/console.ts): the HTTP server with the console and API over a config folder,
// wired as `wireroom run` wires it (src/cli/serving.ts listen), in a process of its own so its peak memory is its own.
// Writes {url, pid} to PORTFILE once listening; on SIGTERM closes the server and the store and exits (the VmHWM
// preload and --cpu-prof write their files on that exit).
//
//   node --import tsx bench/console-server.ts CONFIG_DIR PORTFILE
import { renameSync, writeFileSync } from 'node:fs';
import { editorStoreFor, listen } from '../src/cli/serving.ts';
import { loadConfig } from '../src/config/index.ts';
import { openStore } from '../src/store/index.ts';

const [configDir, portFile] = process.argv.slice(2);
if (!configDir || !portFile) {
  console.error('usage: console-server.ts CONFIG_DIR PORTFILE');
  process.exit(2);
}
const config = loadConfig(configDir);
const store = openStore(config.databasePath);
const warnings: string[] = [];
const server = await listen(store, config, 0, {
  editor: await editorStoreFor(store),
  log: {
    info: () => {},
    warn: (obj, msg) => {
      if (warnings.length < 20) warnings.push(`${msg} ${JSON.stringify(obj)}`);
    },
  },
});
writeFileSync(`${portFile}.tmp`, JSON.stringify({ url: server.url, pid: process.pid }));
renameSync(`${portFile}.tmp`, portFile);

process.once('SIGTERM', () => {
  void server.close().then(() => {
    store.close();
    console.log(JSON.stringify({ warnings }));
    process.exit(0);
  });
});
