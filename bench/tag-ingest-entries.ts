// Tagging alone on the ingest bench's generated entries (parse, normalize and keys done once beforehand): the µs per
// entry that the ingest stage breakdown calls "tags", without the rest of ingest around it. For profiling:
//
//   node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/tag-ingest-entries.ts [--rounds N]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignKeys } from '../src/dedup/index.ts';
import { normalizeFeed } from '../src/normalize/index.ts';
import { parseFeed } from '../src/parse/index.ts';
import { createTagger, loadTaxonomy, tagEntry } from '../src/tag/index.ts';
import type { Entry, SourceConfig } from '../src/types.ts';
import { generateDocuments } from './documents.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The ingest bench's 50 generated documents as keyed entries, with the file: source each came from. */
export async function ingestEntries(): Promise<{ entry: Entry; source: SourceConfig }[]> {
  const out: { entry: Entry; source: SourceConfig }[] = [];
  const now = new Date();
  for (const [i, d] of generateDocuments(50).entries()) {
    const source: SourceConfig = {
      id: `doc-${i}`,
      url: `file:///bench/${i}.xml`,
      enabled: true,
      topics: [],
      trusted: true,
    };
    const parsed = await parseFeed(d.body, { url: source.url });
    const keyed = assignKeys(normalizeFeed(parsed, source, { now, feedUrl: source.url }), { guidReuse: false });
    for (const entry of keyed.entries) out.push({ entry, source });
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--rounds');
  const rounds = i > 0 ? Number(process.argv[i + 1]) : 5;
  const entries = await ingestEntries();
  const t0 = performance.now();
  const tagger = createTagger(loadTaxonomy(path.join(ROOT, 'config')));
  console.log(`tagger built in ${(performance.now() - t0).toFixed(0)} ms`);
  for (const { entry, source } of entries) tagEntry(tagger, entry, source); // warm-up
  // Wall time and this process's CPU time (user + system): on a busy machine the CPU time is the steadier figure.
  const per: number[] = [];
  const cpu: number[] = [];
  let tags = 0;
  for (let r = 0; r < rounds; r++) {
    const a = performance.now();
    const c = process.cpuUsage();
    for (const { entry, source } of entries) tags += tagEntry(tagger, entry, source).length;
    const used = process.cpuUsage(c);
    per.push(((performance.now() - a) * 1000) / entries.length);
    cpu.push((used.user + used.system) / entries.length);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `${entries.length} entries, ${(tags / rounds / entries.length).toFixed(1)} tags each; µs per entry: ` +
      `wall median ${med(per).toFixed(0)}, min ${Math.min(...per).toFixed(0)}; CPU median ${med(cpu).toFixed(0)}, min ${Math.min(...cpu).toFixed(0)}`,
  );
}
