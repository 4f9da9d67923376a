// What the before/after scripts (tests/publish/snapshot.ts, tests/normalize/corpus-dump.ts) share: their arguments
// (`OUT [--root CHECKOUT]`, the checkout to run, this one by default) and the corpus feed documents they feed it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** OUT and the checkout's root from the command line; prints `usage` and exits 2 without OUT. */
export function checkoutArgs(usage: string): { root: string; out: string } {
  const args = process.argv.slice(2);
  const rootFlag = args.indexOf('--root');
  const root = path.resolve(rootFlag >= 0 ? (args[rootFlag + 1] ?? '.') : REPO);
  const out = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--root');
  if (!out) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return { root, out };
}

/** ../shared/corpus and its feed documents (not the expected outputs or schemas), sorted. */
export function corpusFeedDocuments(): { corpus: string; files: string[] } {
  const corpus = path.resolve(REPO, '../shared/corpus');
  const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as {
    file: string;
    format: string;
  }[];
  const files = manifest
    .filter((m) => !/json-expected-output|json-schema/.test(m.format) && !m.file.endsWith('.expected'))
    .map((m) => m.file)
    .sort();
  return { corpus, files };
}
