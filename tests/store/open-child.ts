// Child process for concurrency.test.ts: waits for the agreed instant, then opens (and migrates) the store.
import { openStore } from '../../src/store/index.ts';

const [file, at] = [process.argv[2]!, Number(process.argv[3])];
while (Date.now() < at) {
  // spin: all children start opening within the same millisecond
}
try {
  openStore(file).close();
  process.stdout.write('ok\n');
} catch (err) {
  process.stdout.write(`FAIL ${(err as Error).message}\n`);
}
