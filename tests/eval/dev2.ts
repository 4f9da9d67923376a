// Country development sets, written the way wires and news sites write (datelines, agencies, national institutions,
// cities that share a name, groups of states, currencies, people named like countries), each before the country
// rules it was then used on were changed, to show whether a rule carries beyond the items it was written from.
// Labels are focus countries; topics are labelled in dev5 and every set after it (TOPIC_DEV_SETS, scored by
// topics-dev2.ts).
// - dev2 (tests/eval/dev2-set.jsonl, 152 items): written before the country rules of issue #13's first round.
// - dev3 (tests/eval/dev3-set.jsonl, 216 items, 43-44 a language): written before the second round, committed
//   before any rule was changed.
// - dev4 (tests/eval/dev4-set.jsonl, 200 items, es/pt/fr/de heavy): written from the policy in dev4-policy.md before
//   the third round, committed before the tagger was first run on it.
// - dev5 (tests/eval/dev5-set.jsonl, 250 items, 50 a language, countries and topics): written from both labelling
//   policies by a writer who read no rule, set or tagger code, committed before the tagger was first run on it.
// - dev7 (tests/eval/dev7-set.jsonl, 250 items, 50 a language, countries and topics): written the same way by another
//   writer a round later (issue #13), to measure the tagger blind once more; its first run is in the commit adding it here.
// - dev8 (tests/eval/dev8-set.jsonl, 250 items, 50 a language, countries and topics): the same again by a third
//   writer, committed before the tagger was first run on it; its first run is in the commit adding it here.
// - dev9 (tests/eval/dev9-set.jsonl, 250 items, 50 a language, countries and topics): the same by a fourth writer a
//   round later, committed before the tagger was first run on it; its first run is in the commit adding it here.
// - dev10 (tests/eval/dev10-set.jsonl, 250 items, 50 a language, countries and topics): the same by a fifth writer a
//   round later, with more regional news, Asia and Eastern Europe; committed before the tagger was first run on it; its
//   first run is in the commit adding it here.
// - dev11 (tests/eval/dev11-set.jsonl, 250 items, 50 a language, countries and topics): the same by a sixth writer a
//   round later, 135 countries, datelines filed from abroad, regional groups acting; committed before the tagger was
//   first run on it; its first run is in the commit adding it here.
// - dev12 (tests/eval/dev12-set.jsonl, 250 items, 50 a language, countries and topics): the same by a seventh writer a
//   round later, 136 countries, regional and local outlets' styles, quotes and questions in headlines; committed
//   before the tagger was first run on it; its first run is in the commit adding it here.
// - dev13 (tests/eval/dev13-set.jsonl, 250 items, 50 a language, countries and topics): the same by an eighth writer a
//   round later, 143 countries; committed before the tagger was first run on it; its first run is in the commit adding
//   it here.
// - dev14 (tests/eval/dev14-set.jsonl, 250 items, 50 a language, countries and topics): the same by a ninth writer a
//   round later, 128 countries, topics named without their most obvious word; committed before the tagger was first
//   run on it; its first run is in the commit adding it here.
// - dev15 (tests/eval/dev15-set.jsonl, 250 items, 50 a language, countries and topics): the same by a tenth writer a
//   round later, 121 countries, weighted to what unseen copy finds hard (Spanish of every region, a country only in a
//   dateline or an institution, several countries with one or two in focus); committed before the tagger was first
//   run on it; its first run is in the commit adding it here.
// - dev16 (tests/eval/dev16-set.jsonl, 250 items, 50 a language, countries and topics): the same by an eleventh writer
//   a round later, 121 countries, 40% wire datelines, the policy's hard cases in every language (names that look like
//   places, places inside company names, shared city names, institutions, seat cities); committed before the tagger was
//   first run on it; its first run is in the commit adding it here.
// - dev17 (tests/eval/dev17-set.jsonl, 250 items, 50 a language, countries and topics): the same by a twelfth writer,
//   126 countries, with business, crime, accident, sport and culture stories whose words look like a topic's in another
//   sense (a bird strike, a drug seizure, a production record, a carnival); committed before the tagger was first run on
//   it; its first run is in the commit adding it here.
// - dev18 (tests/eval/dev18-set.jsonl, 250 items, 50 a language, countries and topics): the same by a thirteenth writer,
//   148 countries, weighted to the focus decision (several countries named, one or two in focus; stories placed only by a
//   mid-size city, a region or an institution); committed before the tagger was first run on it; its first run is in the
//   commit adding it here.
// - dev19 (tests/eval/dev19-set.jsonl, 250 items, 50 a language, countries and topics): the same by a fourteenth
//   writer, 148 countries, weighted to topics (every topic in at least four items, half named without their obvious word;
//   stories outside political news with a topic's words; topics only as cause or background). Its writer, printing each
//   topic's opening comment, also saw the English keywords of eight topics, and says it did not write from them.
//   Committed before the tagger was first run on it; its first run is in the commit adding it here.
// - dev20 (tests/eval/dev20-set.jsonl, 250 items, 50 a language, countries and topics): the same by a fifteenth
//   writer, 139 countries, half regional and local copy of several countries per language (places named by town,
//   district, region or institution), half wire copy about other countries; committed before the tagger was first run
//   on it; its first run is in the commit adding it here.
// - dev21 (tests/eval/dev21-set.jsonl, 250 items, 50 a language, countries and topics): the same by a sixteenth
//   writer, 124 countries, 62% wire datelines, many naming small towns or towns whose names other countries share,
//   stories naming three or more countries with one or two in focus; committed before the tagger was first run on it;
//   its first run is in the commit adding it here.
// - dev22 (tests/eval/dev22-set.jsonl, 250 items, 50 a language, countries and topics): the same by a seventeenth
//   writer, news-site copy without datelines, half of it placing the story only by a region, town, institution,
//   politician or party, half of its topic items told without the topic's obvious word; committed before the tagger
//   was first run on it; its first run is in the commit adding it here.
// - dev23 (tests/eval/dev23-set.jsonl, 250 items, 50 a language, countries and topics): the same by an eighteenth
//   writer, 130 countries, weighted to topics (each at least twelve times, a third told only through what happens,
//   the varied words of briefs, analysis, broadcasters and press releases; decoys); committed before the tagger was
//   first run on it; its first run is in the commit adding it here.
// - dev24 (tests/eval/dev24-set.jsonl, 250 items, 50 a language, countries and topics): the same by a nineteenth
//   writer, 153 countries, a general news site's everyday mix in its proportions (many items without a topic),
//   headlines of every style, places often only a town, region or institution; committed before the tagger was first
//   run on it; its first run is in the commit adding it here.
// - dev25 (tests/eval/dev25-set.jsonl, 250 items, 50 a language, countries and topics): the same by a twentieth
//   writer, 147 countries, half of it Africa, South and Central Asia, Eastern Europe and the Caucasus, a third with
//   wire datelines; committed before the tagger was first run on it; its first run is in the commit adding it here.
// - dev26 (tests/eval/dev26-set.jsonl, 250 items, 50 a language, countries and topics): the same by a twenty-first
//   writer, 143 countries, half of it the Americas, Western Europe, the Middle East, East Asia and Oceania, 37% wire
//   datelines; committed before the tagger was first run on it; its first run is in the commit adding it here.
// - dev27 (tests/eval/dev27-set.jsonl, 250 items, 50 a language, countries and topics): the same by a twenty-second
//   writer, 80 countries, a third of it a country's own news in its own language (towns, regions, institutions);
//   committed (c0e3ad8) before the tagger was first run on it. First run, countries: 0.882 at the session's start
//   (54f80d4), 0.897 after its town rules (6be2cc1; 7 items better, none worse); topics 0.906 at both.
// - dev29 (tests/eval/dev29-set.jsonl, 250 items, 50 a language, countries and topics): the same by a twenty-third
//   writer, 82 countries; committed (3136863) before the tagger was first run on it, at the end of the round. First
//   run, countries: 0.891 at the session's start (54f80d4), 0.903 at the round's end (3136863; 6 items better, none
//   worse); topics 0.902 at both.
// - dev28 (tests/eval/dev28-set.jsonl, 250 items, 50 a language, countries and topics): the same by a twenty-fourth
//   writer; committed (56b0110) unread and first run at the next session's start (5193531), then scored (never read)
//   after each change of that round. Countries 0.942 at 5193531, 0.946 at the round's end (2 items better, none
//   worse); topics 0.928 at both.
// - dev30 (tests/eval/dev30-set.jsonl, 250 items): the same by a twenty-fifth writer, committed unread (e822e92) at
//   the round's end and first run then: countries 0.944 at 5193531, 0.944 at the round's end (2 items better, 1 worse:
//   Wimbledon read below the title, which then moved to the events, d14e9b8), 0.956 after the changes made from its
//   errors (af352f7, 8042abd, 64c2626); topics 0.948 at both.
// - dev31 (tests/eval/dev31-set.jsonl, 250 items), written beside dev30 (committed unread in e822e92, 0.931 at both
//   ends of that round), was scored unread through the next round: countries 0.931 at its start (5968d72), 0.935 at
//   its end (1 item better, none worse: Heathrow, f200bdb); topics 0.956 at both. Read after that.
// - dev32 (tests/eval/dev32-set.jsonl, 200 items, 40 a language, mostly about topics: about 30 political items a
//   language, every topic at least twice, and 10 traps outside political news, asked for the varied wording of the
//   national and regional press): committed (5968d72) and first run on b1eb4bb's tagger: countries 0.949, topics
//   0.940; read for that round (0.954 and 0.957 after it). dev33, written beside it by another writer for the wires,
//   is committed unread (countries 0.945, topics 0.949 at both ends of the round) and left for the next one.
// - dev33 and dev34 (tests/eval/dev33-set.jsonl, 200 items by the wires' writer; dev34-set.jsonl, 250 items, the usual
//   mix, committed unread in 0df88d1): first run at the next round's start (0df88d1's tagger): dev33 countries 0.948,
//   topics 0.957; dev34 countries 0.925, topics 0.898. Both read for that round.
// - dev36 (tests/eval/dev36-set.jsonl, 200 items, 40 a language, mostly topics, regional outlets and social topics):
//   committed (6c9e0d0) before its first run and scored unread through the first part of that round: countries 0.919
//   -> 0.922, topics 0.932 -> 0.935 (1 item better and none worse each); read after that.
// - dev35 (tests/eval/dev35-set.jsonl, 250 items, the usual mix): committed (3e3b327) before its first run, which
//   judged the second round unread (countries 0.915, topics 0.923, unchanged by either round); read after that.
//   dev37 (250 items, the usual mix), committed unread (a6614c6), judged all three rounds of that session (countries
//   0.954 -> 0.958, 2 items better, none worse; topics 0.932 at both ends) and is left unread for the next one.
// - dev37 (tests/eval/dev37-set.jsonl): read at the next round's start (countries 0.958, topics 0.932). dev38
//   (250 items leaning to the less-covered regions, committed unread in d27531b): first run at that round's start
//   (countries 0.945, topics 0.916), scored unread through it (unchanged), then read for the round after it, which
//   dev39 and dev40 (written beside it, committed unread in 1d09a13) judged.
// - dev39 (tests/eval/dev39-set.jsonl, 200 items, mostly topics, regional outlets and social topics): judged that
//   round and the one before unread (countries 0.922, topics 0.913 -> 0.915), then read for the next (0.944 and
//   0.931 after it), which dev40 (250 items, the usual mix, still unread) judged: 0.926 / 0.924 at both ends.
//   dev41 (250 items leaning to the less-covered regions, committed unread in 8dadfd4 at that round's end) scored
//   0.937 / 0.904 on the code of the round's start and on its end alike; left unread, with dev40, for the next one.
// - dev40 (tests/eval/dev40-set.jsonl): read at the next round's start (countries 0.926, topics 0.924; 0.949 and
//   0.940 after it). That round was judged by dev41 (countries 0.937 at both ends; topics 0.904 -> 0.907, the
//   retrained model) and by dev42 (250 items leaning in es and fr to the Spanish- and French-speaking world and to
//   topics, committed unread in 1f8e138 before its first run: countries 0.930 -> 0.932, topics 0.915 -> 0.922);
//   both are left unread for the next round. dev43 (250 items with more business and economy news, committed unread
//   in 5ca5e32 at that round's end) scored 0.921 / 0.912 on the round's start code and 0.923 / 0.915 on its end.
// - dev41 and dev42 (tests/eval/dev41-set.jsonl, dev42-set.jsonl): read at the next round's start (dev41 countries
//   0.937, topics 0.907; dev42 0.932, 0.922), which dev43 and dev44 (250 items, more political and social news with
//   topic-word traps, committed unread in c04df16 before its first run) judged unread.
// - dev43 (tests/eval/dev43-set.jsonl): read two rounds after it was written (countries 0.926, topics 0.915 on
//   cb4679d), which dev44 judged unread (docs/tagging.md, "Companies in company news, filing places and German
//   regions").
// - dev44 and dev46 (tests/eval/dev44-set.jsonl, dev46-set.jsonl): read in session 37 after judging two rounds unread
//   (dev44 countries 0.955, topics 0.938; dev46 0.933, 0.945 on b1da858), when dev48 (committed unread in 42dac59)
//   joined dev47 as a judge; dev49 (committed unread in a6f3ce0) judges from the next round.
// - dev47 and dev48 (tests/eval/dev47-set.jsonl, dev48-set.jsonl): read in session 38 after judging a round unread
//   (dev47 countries 0.956, topics 0.902; dev48 0.995, 0.974 on b9b0982), when dev50 (committed unread in 4062ca2)
//   joined dev49 as a judge.
// - dev49 and dev50 (tests/eval/dev49-set.jsonl, dev50-set.jsonl): read in session 39 after judging unread (dev49
//   countries 0.967, topics 0.961; dev50 0.905, 0.950 on 92e8ab6), when dev51 (committed unread in dd7a4ec: 100 items,
//   most of them political and social news in Spanish and French) became the judge.
// - dev51 (tests/eval/dev51-set.jsonl): read in session 40 after judging a round unread (countries 0.966, topics 0.951
//   on c3b2a08), when dev52 (committed unread in dfc1e6e: 150 short items, 30 in each language, written like feed
//   teasers) became the judge.
// - dev52 (tests/eval/dev52-set.jsonl): read in session 41 after judging a round unread (countries 0.918, topics 0.921
//   on 88e03c2), when dev53 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev53 (tests/eval/dev53-set.jsonl): read in session 42 after judging a round unread (countries 0.932, topics 0.935
//   on c232eb2), when dev54 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev54 (tests/eval/dev54-set.jsonl): read in session 43 after judging a round unread (countries 0.945, topics 0.954
//   on c24090e), when dev55 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev55 (tests/eval/dev55-set.jsonl): read in session 44 after judging a round unread (countries 0.846, topics 0.940
//   on c24090e; its items were seen once at that round's end, in a review diff), when dev56 (committed unread: 150
//   short items, 30 in each language, written like feed teasers) became the judge.
// - dev56 (tests/eval/dev56-set.jsonl): read in session 45 after judging a round unread (countries 0.906, topics 0.961
//   on 7c9cfb4), when dev57 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev57 (tests/eval/dev57-set.jsonl): read in session 46 after judging a round unread (countries 0.928, topics 0.922
//   on 8031780), when dev58 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev58 (tests/eval/dev58-set.jsonl): read in session 47 after judging a round unread (countries 0.914, topics 0.971
//   on 3c696a5), when dev59 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev59 (tests/eval/dev59-set.jsonl): read in session 48 after judging a round unread (countries 0.915, topics 0.959
//   on 7fc7a26), when dev60 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev60 (tests/eval/dev60-set.jsonl): read in session 49 after judging a round unread (countries 0.954, topics 0.952
//   on a2479df), when dev61 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev61 (tests/eval/dev61-set.jsonl): read in session 50 after judging a round unread (countries 0.897, topics 0.934
//   on 58197a0), when dev62 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev62 (tests/eval/dev62-set.jsonl): read in session 51 after judging a round unread (countries 0.875, topics 0.958
//   on 17d7304), when dev63 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev63 (tests/eval/dev63-set.jsonl): read in session 52 after judging a round unread (countries 0.942, topics 0.949
//   on cd79d61), when dev64 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev64 (tests/eval/dev64-set.jsonl): read in session 52 after judging a round unread (countries 0.907, topics 0.943
//   on b3b7f92), when dev65 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev65 (tests/eval/dev65-set.jsonl): read in session 53 after judging a round unread (countries 0.902, topics 0.957
//   on 29f1a91), when dev66 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev66 (tests/eval/dev66-set.jsonl): read in session 53 after judging a round unread (countries 0.947, topics 0.962
//   on c2efa64), when dev67 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev67 (tests/eval/dev67-set.jsonl): read in session 55 after judging a round unread (countries 0.918, topics 0.943
//   on a355f5f), when dev68 (committed unread: 150 short items, 30 in each language, written like feed teasers)
//   became the judge.
// - dev68 (tests/eval/dev68-set.jsonl): read in session 56 after judging a round unread (countries 0.969, topics 0.955
//   on a37cff1; 0.969 / 0.956 at that round's end), when dev69 (committed unread: 150 short items, 30 in each
//   language, written like feed teasers) became the judge.
// - dev69 (tests/eval/dev69-set.jsonl): read in session 57 after judging a round unread (countries 0.969, topics 0.955
//   on a8781e1; 0.972 / 0.955 at that round's end), when dev70 (committed unread: 150 short items, 30 in each
//   language, written like feed teasers) became the judge.
// - dev70 (tests/eval/dev70-set.jsonl): read in session 57 after judging a round unread (countries 0.957, topics 0.975
//   on 69f32b7, unchanged at that round's end), when dev71 (committed unread: 150 short items, 30 in each language,
//   written like feed teasers) became the judge.
// - dev71 (tests/eval/dev71-set.jsonl): read in session 58 after judging a round unread (countries 0.963, topics 0.939
//   on c625598, unchanged at that round's end), when dev72 (committed unread: 150 short items, 30 in each language,
//   written like feed teasers) became the judge.
// - dev72 (tests/eval/dev72-set.jsonl): read in session 58 after judging a round unread (countries 0.984, topics 0.972
//   on 238e090, unchanged at that round's end), when dev73 (committed unread: 150 short items, 30 in each language,
//   written like feed teasers) became the judge.
// `node --import tsx tests/eval/dev2.ts [--errors] [dev2|dev3|...|dev35 | --set dev5]` prints their country figures
// (`npm run eval` too).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTagger, loadTaxonomy, type Tagger } from '../../src/tag/index.ts';
import { evaluateTagging, LANGUAGES, loadEvalSet, type Prf } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Every development set by name, in the order they were written; the file is tests/eval/NAME-set.jsonl. */
const DEV_SET_NAMES = [
  'dev2',
  'dev3',
  'dev4',
  'dev5',
  'dev7',
  'dev8',
  'dev9',
  'dev10',
  'dev11',
  'dev12',
  'dev13',
  'dev14',
  'dev15',
  'dev16',
  'dev17',
  'dev18',
  'dev19',
  'dev20',
  'dev21',
  'dev22',
  'dev23',
  'dev24',
  'dev25',
  'dev26',
  'dev27',
  'dev29',
  'dev28',
  'dev30',
  'dev31',
  'dev32',
  'dev33',
  'dev34',
  'dev36',
  'dev35',
  'dev37',
  'dev38',
  'dev39',
  'dev40',
  'dev41',
  'dev42',
  'dev43',
  'dev44',
  'dev46',
  'dev47',
  'dev48',
  'dev49',
  'dev50',
  'dev51',
  'dev52',
  'dev53',
  'dev54',
  'dev55',
  'dev56',
  'dev57',
  'dev58',
  'dev59',
  'dev60',
  'dev61',
  'dev62',
  'dev63',
  'dev64',
  'dev65',
  'dev66',
  'dev67',
  'dev68',
  'dev69',
  'dev70',
  'dev71',
  'dev72',
] as const;
export const DEV_SETS = Object.fromEntries(DEV_SET_NAMES.map((n) => [n, path.join(here, `${n}-set.jsonl`)])) as Record<
  (typeof DEV_SET_NAMES)[number],
  string
>;
export type DevSetName = keyof typeof DEV_SETS;
/** The sets labelled with topics too (every set from dev5 on), which topics-dev2.ts scores. */
export const TOPIC_DEV_SETS: readonly DevSetName[] = DEV_SET_NAMES.filter((n) => !['dev2', 'dev3', 'dev4'].includes(n));

/**
 * The sets the topic model is trained on: every one up to the last whose first run has measured it. The sets after it
 * measure the shipped model unseen (docs/topic-labelling.md) and join at the next retraining.
 */
export const TRAINING_DEV_SETS: readonly DevSetName[] = DEV_SET_NAMES.slice(0, DEV_SET_NAMES.indexOf('dev67') + 1);

/**
 * The sets the focus model (off by default) was last trained on, which config/country-model.json lists. It was not
 * retrained when the topic model was (docs/topic-labelling.md): it is off, and a retraining is judged on its own.
 */
export const FOCUS_TRAINING_DEV_SETS: readonly DevSetName[] = DEV_SET_NAMES.slice(
  0,
  DEV_SET_NAMES.indexOf('dev24') + 1,
);

/** The sets a command line names (`dev3`, `--set dev4`), or all of them when it names none. */
export function devSetsNamed(argv: string[]): DevSetName[] {
  const all = Object.keys(DEV_SETS) as DevSetName[];
  const named = all.filter((n) => argv.includes(n));
  return named.length ? named : all;
}

const fmt = (p: Prf) =>
  `P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  F1 ${p.f1.toFixed(3)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;

/** The lines printed for one development set: countries overall and per language, regions, and misses if asked. */
export function formatDevSet(tagger: Tagger, name: DevSetName, errors = false): string[] {
  const items = loadEvalSet(DEV_SETS[name]);
  const all = evaluateTagging(tagger, items);
  const out = [`${name} country set: ${items.length} items (countries; topics scored by topics-dev2.ts)`];
  out.push(`  countries ${fmt(all.countries)}`, `  regions   ${fmt(all.regions)}`);
  for (const lang of LANGUAGES) {
    const sub = items.filter((i) => i.language === lang);
    if (sub.length) out.push(`  ${lang} (${sub.length})  countries ${fmt(evaluateTagging(tagger, sub).countries)}`);
  }
  if (errors)
    for (const e of all.errors.filter((x) => x.kind !== 'topic'))
      out.push(`  ${e.kind.padEnd(7)} -${e.missing.join(',')} +${e.extra.join(',')}  ${e.title}`);
  return out;
}

/** What `npm run eval` prints for the development sets, in the order they were written. */
export function formatDev2(tagger: Tagger, errors = false): string[] {
  return (Object.keys(DEV_SETS) as DevSetName[]).flatMap((name) => formatDevSet(tagger, name, errors));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tagger = createTagger(loadTaxonomy(path.resolve(here, '../../config')));
  const errors = process.argv.includes('--errors');
  for (const name of devSetsNamed(process.argv)) for (const l of formatDevSet(tagger, name, errors)) console.log(l);
}
