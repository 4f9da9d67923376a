// Tagging throughput on realistic entries (the labelled headlines with summaries and ~2 KB of HTML body),
// beside what merely tokenizing the same text costs, plus a retag of stored entries in a temp SQLite file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { retag } from '../src/worker/index.ts';
import { openStore } from '../src/store/index.ts';
import { createTagger, loadTaxonomy, type TagInput } from '../src/tag/index.ts';
import { htmlToText, tokenize } from '../src/tag/text.ts';
import type { Entry, SourceConfig } from '../src/types.ts';
import { row, type BenchResult, type WorkCheck } from './report.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface TaggingFigure {
  label: string;
  value: number;
  unit: string;
  baseline: number;
  baselineLabel: string;
  ratio: number;
  note?: string;
}

function realisticInputs(): TagInput[] {
  const items = readFileSync(path.join(ROOT, 'tests/eval/tagging-set.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { title: string; summary: string; language: string });
  // Body: this item's summary plus eight others, as paragraphs with links, about 2 KB like a feed's content.
  return items.map((it, i) => ({
    title: it.title,
    summary: it.summary,
    language: it.language,
    content: Array.from(
      { length: 9 },
      (_, k) => `<p>${items[(i + k * 37) % items.length]!.summary} <a href="https://example.org/${k}">more</a></p>`,
    ).join('\n'),
  }));
}

/** Calls per second of fn over inputs 0..n-1, after a warm-up; `done` counts the timed calls (the work check). */
function perSecond(n: number, fn: (i: number) => void): { rate: number; done: number } {
  for (let i = 0; i < Math.min(n, 200); i++) fn(i); // warm-up
  let done = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    fn(i);
    done++;
  }
  return { rate: done / ((performance.now() - t0) / 1000), done };
}

export async function benchTagging(
  opts: { log?: (line: string) => void; entries?: number } = {},
): Promise<{ figures: TaggingFigure[]; work: WorkCheck[] }> {
  const log = opts.log ?? (() => {});
  const n = opts.entries ?? 20_000;
  const t0 = performance.now();
  const tagger = createTagger(loadTaxonomy(path.join(ROOT, 'config')));
  const buildMs = performance.now() - t0;
  const inputs = realisticInputs();
  const pick = (i: number) => inputs[i % inputs.length]!;

  const tokenized = perSecond(n, (i) => {
    const x = pick(i);
    tokenize(x.title);
    tokenize(x.summary ?? '');
    tokenize(htmlToText(x.content ?? ''));
  });
  const tagged = perSecond(n, (i) => void tagger.tag(pick(i)));
  const tokenizeRate = tokenized.rate;
  const tagRate = tagged.rate;
  log(
    `tagging: ${Math.round(tagRate)} entries/s (${(1e6 / tagRate).toFixed(0)} µs/entry), tokenizing alone ${Math.round(tokenizeRate)} entries/s; tagger built in ${buildMs.toFixed(0)} ms (${tagger.gazetteerSize} gazetteer phrases)`,
  );

  // Retag: read, tag and rewrite every entry's tags in batched transactions on a real SQLite file.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-tag-'));
  let retagRate: number;
  let retagged: number;
  let stored: number;
  try {
    const store = openStore(path.join(dir, 'bench.sqlite'));
    const source: SourceConfig = {
      id: 'bench',
      url: 'https://bench.example/feed',
      enabled: true,
      topics: [],
      trusted: true,
    };
    store.sources.sync([source], new Date().toISOString());
    const count = Math.min(n, 10_000);
    const entries: Entry[] = Array.from({ length: count }, (_, i) => {
      const x = pick(i);
      return {
        sourceId: 'bench',
        key: `k${i}`,
        title: x.title,
        summary: x.summary ?? '',
        contentHtml: x.content ?? '',
        authors: [],
        categories: [],
        enclosures: [],
        publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
        dateFlags: [],
      };
    });
    store.transaction(() => store.entries.upsert(entries, new Date().toISOString()));
    const r = retag(store, tagger, new Map([[source.id, source]]));
    retagRate = r.perSecond;
    retagged = r.entries;
    stored = count;
    store.close();
    log(
      `retag: ${r.entries} stored entries in ${r.seconds.toFixed(2)} s (${Math.round(r.perSecond)} entries/s; 100k would take ~${(100_000 / r.perSecond).toFixed(0)} s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const inputs_ = `labelled eval headlines + ~2 KB bodies, ${inputs.length} distinct, cycled`;
  const figures: TaggingFigure[] = [
    {
      label: `tagger.tag entries/s (${inputs_})`,
      value: tagRate,
      unit: 'entries/s',
      baseline: tokenizeRate,
      baselineLabel: 'tokenizing the same text only',
      ratio: tagRate / tokenizeRate,
      note: `${(1e6 / tagRate).toFixed(0)} µs per entry; not the ingest share (see the ingest stage breakdown)`,
    },
    {
      label: 'retag of stored entries (read, tag, rewrite tags in SQLite), entries/s',
      value: retagRate,
      unit: 'entries/s',
      baseline: tagRate,
      baselineLabel: 'tagger.tag alone',
      ratio: retagRate / tagRate,
      note: `100k entries ≈ ${(100_000 / retagRate).toFixed(0)} s`,
    },
  ];
  const work: WorkCheck[] = [
    {
      bench: 'tagging',
      comparison: 'tagger.tag vs tokenizing',
      unit: 'entries processed',
      expected: n,
      arms: [
        { arm: 'tagger.tag', done: tagged.done },
        { arm: 'tokenize', done: tokenized.done },
      ],
    },
    {
      bench: 'tagging',
      comparison: 'retag vs tagger.tag',
      unit: 'stored entries retagged',
      expected: stored,
      arms: [{ arm: 'retag', done: retagged }],
    },
  ];
  return { figures, work };
}

/** What bench/index.ts calls. */
export async function runTaggingBench(opts: { log?: (line: string) => void } = {}): Promise<BenchResult> {
  const { figures, work } = await benchTagging(opts);
  const rows = figures.map((f) =>
    row({
      bench: 'tagging',
      figure: f.label,
      value: f.value,
      unit: f.unit,
      baseline: f.baseline,
      baselineLabel: f.baselineLabel,
      note: f.note,
    }),
  );
  return { rows, work };
}

// Run directly (`node --import tsx bench/tagging.ts`): print the figures.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of (await benchTagging({ log: console.log })).figures) {
    console.log(
      `${f.label}: ${Math.round(f.value)} ${f.unit} (${f.note}) vs ${Math.round(f.baseline)} ${f.baselineLabel}, ratio ${f.ratio.toFixed(2)}`,
    );
  }
}
