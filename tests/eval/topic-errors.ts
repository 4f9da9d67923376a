// Topic errors on the blind-origin sets whose first runs are recorded (dev5-set, dev7-set, dev8-set, dev9-set, dev10-set, dev11-set, dev12-set), for
// classifying them by cause, and per-language recall and precision per topic pooled over those sets: whether each
// topic's keywords are as complete in es / pt / fr / de as in en. Never the held-apart set or a set still blind.
// `node --import tsx tests/eval/topic-errors.ts [--errors] [--by-language] [--set dev9]` (--set: any read set)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { LANGUAGES, loadEvalSet, type LabelledItem } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BLIND_ORIGIN = ['dev5', 'dev7', 'dev8', 'dev9', 'dev10', 'dev11', 'dev12'] as const;
const only = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : undefined;
if (only !== undefined && !/^dev\d+$/.test(only))
  throw new Error(`--set takes a read set's name (dev5, dev25), not "${only}"`);
/** The sets to read: --set names any read set (dev25), else the blind-origin ones pooled. */
const SETS: readonly string[] = only ? [only] : BLIND_ORIGIN;
const tagger = createTagger(loadTaxonomy(path.join(here, '../../config')));

interface Count {
  tp: number;
  fp: number;
  fn: number;
}
const counts = new Map<string, Count>();
const bump = (key: string, k: keyof Count) => {
  const c = counts.get(key) ?? { tp: 0, fp: 0, fn: 0 };
  c[k]++;
  counts.set(key, c);
};

function topicsOf(item: LabelledItem) {
  return tagger
    .tag({ title: item.title, summary: item.summary, language: item.language })
    .filter((t) => t.kind === 'topic');
}

for (const set of SETS) {
  for (const item of loadEvalSet(path.join(here, `${set}-set.jsonl`))) {
    const tags = topicsOf(item);
    const given = new Set(tags.map((t) => t.value));
    const missing = item.topics.filter((t) => !given.has(t));
    const extra = tags.filter((t) => !item.topics.includes(t.value));
    for (const t of item.topics) bump(`${t} ${item.language}`, given.has(t) ? 'tp' : 'fn');
    for (const t of extra) bump(`${t.value} ${item.language}`, 'fp');
    if (!process.argv.includes('--errors') || (!missing.length && !extra.length)) continue;
    const why = tags.map((t) => `${t.value} ${t.score} ${t.reason.rule}@${t.reason.field} "${t.reason.match}"`);
    console.log(`${set} ${item.language} -${missing.join(',')} +${extra.map((t) => t.value).join(',')}`);
    console.log(
      `  T: ${item.title}\n  S: ${item.summary}\n  labelled: ${item.topics.join(',')}  tagged: ${why.join('; ')}`,
    );
  }
}

if (process.argv.includes('--by-language')) {
  const topics = [...new Set([...counts.keys()].map((k) => k.split(' ')[0] ?? ''))].sort();
  const cell = (c: Count | undefined) => (c ? `${c.tp}/${c.tp + c.fn} +${c.fp}` : '-');
  console.log(`recall as found/labelled, +false; ${BLIND_ORIGIN.join('+')} pooled`);
  console.log(['topic'.padEnd(15), ...LANGUAGES.map((l) => l.padEnd(12))].join(''));
  for (const t of topics)
    console.log([t.padEnd(15), ...LANGUAGES.map((l) => cell(counts.get(`${t} ${l}`)).padEnd(12))].join(''));
}

// The pooled figure each change is kept by: every set's topic counts summed.
const pooled = [...counts.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), {
  tp: 0,
  fp: 0,
  fn: 0,
});
const p = pooled.tp / (pooled.tp + pooled.fp);
const r = pooled.tp / (pooled.tp + pooled.fn);
console.log(
  `pooled ${only ?? BLIND_ORIGIN.join('+')} topics  P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${((2 * p * r) / (p + r)).toFixed(4)}  (tp ${pooled.tp}, fp ${pooled.fp}, fn ${pooled.fn})`,
);
