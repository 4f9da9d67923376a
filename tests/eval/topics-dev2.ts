// Topic figures on the topic development sets beside the labelled set: tests/eval/topics-dev2.jsonl (150 items),
// topics-dev3.jsonl (162 wire-style items) and topics-dev4.jsonl (165 items in regional and varied wording: Latin
// American and Iberian Spanish, Brazilian and European Portuguese, African and Canadian French, Swiss and Austrian
// German) and topics-dev5.jsonl (172 items, mostly es and fr, written from the labelling policy and the topic
// labels alone, before its writer read the keywords or the tagger) and topics-dev6.jsonl (153 items, es/fr/pt heavy, news-site
// and wire copy with second topics named only in the summary and traps), each in en, es, pt, fr, de, dev3 to dev5 labelled before the tagger was run on them, all the way an
// editor would (the main topic or topics only; sport, culture, business and disasters without a political angle get
// none). tests/eval/dev5-set.jsonl and every development set after it (250 items each, countries and topics, see
// dev2.ts: TOPIC_DEV_SETS) are scored here too.
// `node --import tsx tests/eval/topics-dev2.ts [--errors] [--set dev4 | --set dev5-set | ... | --set dev26-set]`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { DEV_SETS, TOPIC_DEV_SETS } from './dev2.ts';
import { evaluateTagging, EVAL_SET, LANGUAGES, loadEvalSet, type Prf } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TOPICS_DEV2 = path.join(here, 'topics-dev2.jsonl');
export const TOPICS_DEV3 = path.join(here, 'topics-dev3.jsonl');
export const TOPICS_DEV4 = path.join(here, 'topics-dev4.jsonl');
export const TOPICS_DEV5 = path.join(here, 'topics-dev5.jsonl');
export const TOPICS_DEV6 = path.join(here, 'topics-dev6.jsonl');

const fmt = (p: Prf) =>
  `P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  F1 ${p.f1.toFixed(3)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;

const SETS = [
  ['labelled set', EVAL_SET],
  ['topics dev2', TOPICS_DEV2],
  ['topics dev3', TOPICS_DEV3],
  ['topics dev4', TOPICS_DEV4],
  ['topics dev5', TOPICS_DEV5],
  ['topics dev6', TOPICS_DEV6],
  ...TOPIC_DEV_SETS.map((n) => [`countries-and-topics ${n}-set`, DEV_SETS[n]] as const),
] as const;
const only = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : undefined;

const tagger = createTagger(loadTaxonomy(path.join(here, '../../config')));
for (const [name, file] of SETS) {
  if (only && !name.endsWith(only)) continue;
  const items = loadEvalSet(file);
  const all = evaluateTagging(tagger, items);
  const labels = items.reduce((n, i) => n + i.topics.length, 0) / items.length;
  const tagged = (all.topics.tp + all.topics.fp) / items.length;
  console.log(
    `${name}: ${items.length} items, ${labels.toFixed(2)} topics labelled an item, ${tagged.toFixed(2)} tagged`,
  );
  console.log(`  topics    ${fmt(all.topics)}`);
  for (const lang of LANGUAGES) {
    const sub = items.filter((i) => i.language === lang);
    if (sub.length) console.log(`  ${lang} (${sub.length})  ${fmt(evaluateTagging(tagger, sub).topics)}`);
  }
  if (process.argv.includes('--errors') && file !== EVAL_SET)
    for (const e of all.errors.filter((x) => x.kind === 'topic'))
      console.log(`  -${e.missing.join(',')} +${e.extra.join(',')}  ${e.title}`);
}
