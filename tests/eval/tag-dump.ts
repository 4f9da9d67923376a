// Every tag the tagger gives on every eval set, plus bench-like entries with HTML bodies, as one JSON file: run it
// before and after a change that should not change what is tagged (a speed-up, a new data layout) and compare.
//
//   node --import tsx tests/eval/tag-dump.ts OUT.json            writes the dump
//   node --import tsx tests/eval/tag-dump.ts OUT.json BEFORE.json  also compares, exit 1 on any difference
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy, type TagInput } from '../../src/tag/index.ts';
import { hasReuters, loadReuters } from './reuters.ts';
import { EVAL_SET, HELDOUT_SET, loadEvalSet } from './tagging.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Named inputs: each eval set as scored, then its items with ~2 KB HTML bodies, with and without a language. */
export function dumpInputs(): [string, TagInput][] {
  const out: [string, TagInput][] = [];
  for (const [name, file] of [
    ['labelled', EVAL_SET],
    ['heldout', HELDOUT_SET],
  ] as const) {
    const items = loadEvalSet(file);
    items.forEach((it, i) => {
      out.push([`${name}#${i}`, { title: it.title, summary: it.summary, language: it.language }]);
      const content = Array.from(
        { length: 9 },
        (_, k) => `<p>${items[(i + k * 37) % items.length]!.summary} <a href="https://example.org/${k}">more</a></p>`,
      ).join('\n');
      out.push([`${name}+body#${i}`, { title: it.title, summary: it.summary, content, language: it.language }]);
      out.push([`${name}+body-nolang#${i}`, { title: it.title, summary: it.summary, content }]);
    });
  }
  if (hasReuters())
    for (const a of loadReuters().articles)
      out.push([`reuters#${a.id}`, { title: a.title, content: a.content, language: 'en' }]);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outFile, beforeFile] = process.argv.slice(2);
  if (!outFile) {
    console.error('usage: tag-dump.ts OUT.json [BEFORE.json]');
    process.exit(2);
  }
  const tagger = createTagger(loadTaxonomy(path.join(repoRoot, 'config')));
  const dump: Record<string, unknown> = {};
  for (const [name, input] of dumpInputs()) dump[name] = tagger.tag(input);
  writeFileSync(outFile, JSON.stringify(dump, null, 1));
  console.log(`${Object.keys(dump).length} inputs tagged -> ${outFile}`);
  if (beforeFile) {
    const before = JSON.parse(readFileSync(beforeFile, 'utf8')) as Record<string, unknown>;
    let diff = 0;
    for (const k of new Set([...Object.keys(before), ...Object.keys(dump)])) {
      const a = JSON.stringify(before[k]);
      const b = JSON.stringify(dump[k]);
      if (a === b) continue;
      if (++diff <= 20) console.log(`differs: ${k}\n  before ${a}\n  after  ${b}`);
    }
    console.log(diff ? `${diff} inputs tagged differently` : 'every input tagged identically');
    if (diff) process.exitCode = 1;
  }
}
