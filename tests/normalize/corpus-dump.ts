// `node --import tsx tests/normalize/corpus-dump.ts OUT [--root CHECKOUT]`: every feed document of ../shared/corpus
// and the ingest bench's generated documents through a checkout's parse and normalize stages (sanitizing included),
// with a fixed clock, one JSON line per document with every entry as it would be stored. Run it on two commits and
// `cmp` the files to show that a speed change of those stages leaves what is stored byte-identical (only the stages
// are run: other helpers' work in tagging or storage does not show in the diff).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkoutArgs, corpusFeedDocuments } from '../helpers/checkout-script.ts';

const { root, out } = checkoutArgs('node --import tsx tests/normalize/corpus-dump.ts OUT [--root CHECKOUT]');
const { corpus, files } = corpusFeedDocuments();

const load = (rel: string) => import(pathToFileURL(path.join(root, rel)).href);
const { parseFeed } = (await load('src/parse/index.ts')) as typeof import('../../src/parse/index.ts');
const { normalizeFeed } = (await load('src/normalize/index.ts')) as typeof import('../../src/normalize/index.ts');

// Older checkouts kept the generator in bench/ingest.ts.
const generator = existsSync(path.join(root, 'bench/documents.ts')) ? 'bench/documents.ts' : 'bench/ingest.ts';
const { generateDocuments } = (await load(generator)) as typeof import('../../bench/documents.ts');

// The corpus, then the ingest bench's generated documents (long articles with trackers, iframes and scripts).
const inputs = [
  ...files.map((file) => ({
    file,
    url: pathToFileURL(path.join(corpus, file)).href,
    body: () => readFileSync(path.join(corpus, file)),
  })),
  ...generateDocuments(50).map((d) => ({ file: d.name, url: `https://bench.example/${d.name}`, body: () => d.body })),
];
const now = new Date('2026-01-01T00:00:00Z');
const lines: string[] = [];
let entries = 0;
for (const { file, url, body } of inputs) {
  const source = { id: 'c', url } as Parameters<typeof normalizeFeed>[1];
  try {
    const parsed = await parseFeed(body(), { url });
    const list = normalizeFeed(parsed, source, { now, feedUrl: url });
    entries += list.length;
    lines.push(JSON.stringify({ file, warnings: parsed.warnings, entries: list }));
  } catch (err) {
    lines.push(JSON.stringify({ file, error: String((err as Error).message) }));
  }
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${inputs.length} documents, ${entries} entries -> ${out}`);
