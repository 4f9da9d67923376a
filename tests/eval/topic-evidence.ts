// Precision of the topics the tagger gives, per kind of evidence, on the sets whose items may be read (the labelled
// set, topics-dev2..6, and dev5-set, dev7-set and dev8-set, which were blind at their first runs). Never dev9-set or
// the held-apart set. For every topic tagged on an item it records what gave it, read from the tag and from tagging
// the title alone, and whether the item is labelled with it:
//   - place: the item's lead topic (highest score) or a topic beside a stronger one;
//   - source: the title alone gives it ("title"), or only with the summary ("summary");
//   - score band, the best reason's rule, and whether the summary names a background or subordinate word before it.
// `node --import tsx tests/eval/topic-evidence.ts [--by KEY,KEY]`: KEY one of place, source, band, rule, long, n, rank,
// topic;
// `--f1`: topic P / R / F1 per set and pooled over dev5+7+8.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import type { Tag } from '../../src/types.ts';
import { EVAL_SET, evaluateTagging, loadEvalSet, type LabelledItem } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Blind-origin sets weigh more in the pooled figures: their first runs were estimates for unseen news. */
const SETS: readonly { name: string; file: string; weight: number }[] = [
  { name: 'labelled', file: EVAL_SET, weight: 1 },
  ...[2, 3, 4, 5, 6].map((n) => ({ name: `tdev${n}`, file: path.join(here, `topics-dev${n}.jsonl`), weight: 1 })),
  ...[5, 7, 8].map((n) => ({ name: `dev${n}`, file: path.join(here, `dev${n}-set.jsonl`), weight: 3 })),
];

export interface TopicEvidence {
  set: string;
  right: boolean;
  place: 'lead' | 'beside';
  source: 'title' | 'summary';
  band: string;
  rule: string;
  /** Words in the summary. */
  long: 'short' | 'long';
  /** Topics tagged on the item. */
  n: number;
  /** Its place by score among them: 1 the lead, 3 the third (ties share the higher place). */
  rank: number;
  topic: string;
}

const tagger = createTagger(loadTaxonomy(path.join(here, '../../config')));
const topicTags = (tags: Tag[]) => tags.filter((t) => t.kind === 'topic');

function band(score: number): string {
  if (score < 1.5) return '<1.5';
  if (score < 2) return '1.5-2';
  if (score < 3) return '2-3';
  return '3+';
}

function evidenceOf(set: string, item: LabelledItem): TopicEvidence[] {
  const tags = topicTags(tagger.tag({ title: item.title, summary: item.summary, language: item.language }));
  const fromTitle = new Set(topicTags(tagger.tag({ title: item.title, language: item.language })).map((t) => t.value));
  const lead = Math.max(0, ...tags.map((t) => t.score));
  const words = item.summary.split(/\s+/).length;
  return tags.map((t) => ({
    set,
    right: item.topics.includes(t.value),
    place: t.score >= lead ? 'lead' : 'beside',
    source: fromTitle.has(t.value) ? 'title' : 'summary',
    band: band(t.score),
    rule: `${t.reason.rule.replace('topic.', '')}@${t.reason.field}`,
    long: words > 40 ? 'long' : 'short',
    n: tags.length,
    rank: 1 + tags.filter((o) => o.score > t.score).length,
    topic: t.value,
  }));
}

export function collect(): TopicEvidence[] {
  return SETS.flatMap(({ name, file }) => loadEvalSet(file).flatMap((item) => evidenceOf(name, item)));
}

function table(rows: TopicEvidence[], keys: (keyof TopicEvidence)[]): void {
  const weightOf = new Map(SETS.map((s) => [s.name, s.weight]));
  const groups = new Map<string, TopicEvidence[]>();
  for (const r of rows) {
    const k = keys.map((key) => String(r[key])).join(' ');
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const blind = ['dev5', 'dev7', 'dev8'];
  console.log(
    `${keys.join(' ').padEnd(34)} ${'n'.padStart(5)}  pooledP  weightedP  ${blind.map((b) => b.padStart(10)).join('')}  devsP`,
  );
  for (const [k, g] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    const p = (xs: TopicEvidence[]) => (xs.length ? (xs.filter((x) => x.right).length / xs.length).toFixed(2) : '  - ');
    let wr = 0;
    let wn = 0;
    for (const x of g) {
      const w = weightOf.get(x.set) ?? 1;
      wn += w;
      if (x.right) wr += w;
    }
    const perBlind = blind.map((b) => {
      const xs = g.filter((x) => x.set === b);
      return `${p(xs)}/${xs.length}`.padStart(10);
    });
    const devs = g.filter((x) => !blind.includes(x.set));
    console.log(
      `${k.padEnd(34)} ${String(g.length).padStart(5)}  ${p(g).padStart(7)}  ${(wr / wn).toFixed(2).padStart(9)}  ${perBlind.join('')}  ${p(devs)}/${devs.length}`,
    );
  }
}

/** Topic F1 per set, and pooled over the blind-origin sets (dev5, dev7, dev8): what a change is kept by. */
function f1s(): void {
  const pooled = [0, 0, 0];
  for (const { name, file, weight } of SETS) {
    const e = evaluateTagging(tagger, loadEvalSet(file)).topics;
    if (weight > 1) [e.tp, e.fp, e.fn].forEach((x, i) => (pooled[i] = (pooled[i] ?? 0) + x));
    console.log(`${name.padEnd(9)} P ${e.precision.toFixed(3)}  R ${e.recall.toFixed(3)}  F1 ${e.f1.toFixed(3)}`);
  }
  const [tp = 0, fp = 0, fn = 0] = pooled;
  const p = tp / (tp + fp);
  const r = tp / (tp + fn);
  console.log(`dev5+7+8  P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${((2 * p * r) / (p + r)).toFixed(3)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--f1')) f1s();
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const by = process.argv.includes('--by') ? process.argv[process.argv.indexOf('--by') + 1] : undefined;
  const rows = collect();
  const views = by
    ? [by.split(',')]
    : [['place'], ['source'], ['place', 'source'], ['place', 'source', 'band'], ['rule']];
  for (const v of views) {
    table(rows, v as (keyof TopicEvidence)[]);
    console.log();
  }
}
