// Topic figures on the topic development sets beside the labelled set: tests/eval/topics-dev2.jsonl (150 items),
// topics-dev3.jsonl (162 wire-style items) and topics-dev4.jsonl (165 items in regional and varied wording: Latin
// American and Iberian Spanish, Brazilian and European Portuguese, African and Canadian French, Swiss and Austrian
// German) and topics-dev5.jsonl (172 items, mostly es and fr, written from the labelling policy and the topic
// labels alone, before its writer read the keywords or the tagger) and topics-dev6.jsonl (153 items, es/fr/pt heavy, news-site
// and wire copy with second topics named only in the summary and traps), each in en, es, pt, fr, de, dev3 to dev5 labelled before the tagger was run on them, all the way an
// editor would (the main topic or topics only; sport, culture, business and disasters without a political angle get
// none). tests/eval/dev5-set.jsonl, dev7-set.jsonl, dev8-set.jsonl, dev9-set.jsonl, dev10-set.jsonl, dev11-set.jsonl, dev12-set.jsonl, dev13-set.jsonl, dev14-set.jsonl, dev15-set.jsonl, dev16-set.jsonl, dev17-set.jsonl, dev18-set.jsonl, dev19-set.jsonl, dev20-set.jsonl, dev21-set.jsonl, dev22-set.jsonl, dev23-set.jsonl and dev24-set.jsonl (250 items each, countries and topics, see dev2.ts) are scored
// here too.
// `node --import tsx tests/eval/topics-dev2.ts [--errors] [--set dev4 | --set dev5-set | --set dev7-set | --set dev8-set | --set dev9-set | --set dev10-set | --set dev11-set | --set dev12-set | --set dev13-set | --set dev14-set | --set dev15-set | --set dev16-set | --set dev17-set | --set dev18-set | --set dev19-set | --set dev20-set | --set dev21-set | --set dev22-set | --set dev23-set | --set dev24-set]`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import {
  DEV5_SET,
  DEV7_SET,
  DEV8_SET,
  DEV9_SET,
  DEV10_SET,
  DEV11_SET,
  DEV12_SET,
  DEV13_SET,
  DEV14_SET,
  DEV15_SET,
  DEV16_SET,
  DEV17_SET,
  DEV18_SET,
  DEV19_SET,
  DEV20_SET,
  DEV21_SET,
  DEV22_SET,
  DEV23_SET,
  DEV24_SET,
} from './dev2.ts';
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
  ['countries-and-topics dev5-set', DEV5_SET],
  ['countries-and-topics dev7-set', DEV7_SET],
  ['countries-and-topics dev8-set', DEV8_SET],
  ['countries-and-topics dev9-set', DEV9_SET],
  ['countries-and-topics dev10-set', DEV10_SET],
  ['countries-and-topics dev11-set', DEV11_SET],
  ['countries-and-topics dev12-set', DEV12_SET],
  ['countries-and-topics dev13-set', DEV13_SET],
  ['countries-and-topics dev14-set', DEV14_SET],
  ['countries-and-topics dev15-set', DEV15_SET],
  ['countries-and-topics dev16-set', DEV16_SET],
  ['countries-and-topics dev17-set', DEV17_SET],
  ['countries-and-topics dev18-set', DEV18_SET],
  ['countries-and-topics dev19-set', DEV19_SET],
  ['countries-and-topics dev20-set', DEV20_SET],
  ['countries-and-topics dev21-set', DEV21_SET],
  ['countries-and-topics dev22-set', DEV22_SET],
  ['countries-and-topics dev23-set', DEV23_SET],
  ['countries-and-topics dev24-set', DEV24_SET],
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
