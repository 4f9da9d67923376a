// Whether each topic's keywords cover the inflections news writers use, per language: for every one-word keyword
// listed without a wildcard, the words of the read sets (the labelled set, topics-dev2..6, dev5/7/8/9/10/11/12-set; never the
// held-apart set or a set still blind) in that language that are its plural or another ending (es/pt/fr: -s, -es; de: -s, -es, -n,
// -en, -e; en: -s, -es, -ed, -ing) and that no keyword of the topic matches. A list to read, not a rule: "votos" beside
// "voto" is covered, "kriegsrechts" beside "kriegsrecht" was not.
// `node --import tsx tests/eval/topic-inflections.ts`
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTaxonomy } from '../../src/tag/index.ts';
import { fold } from '../../src/tag/text.ts';
import { EVAL_SET, loadEvalSet } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const FILES = [
  EVAL_SET,
  ...[2, 3, 4, 5, 6].map((n) => path.join(here, `topics-dev${n}.jsonl`)),
  ...[5, 7, 8, 9, 10, 11, 12].map((n) => path.join(here, `dev${n}-set.jsonl`)),
];
const ENDINGS: Record<string, string[]> = {
  en: ['s', 'es', 'ed', 'ing'],
  es: ['s', 'es'],
  pt: ['s', 'es'],
  fr: ['s', 'es', 'e', 'x'],
  de: ['s', 'es', 'n', 'en', 'e'],
};

/** Folded words of the read sets per language, with how many items use each. */
function wordsByLanguage(): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const file of FILES)
    for (const item of loadEvalSet(file)) {
      const words = out.get(item.language) ?? new Map<string, number>();
      out.set(item.language, words);
      const seen = new Set(
        `${item.title} ${item.summary}`
          .split(/[^\p{L}\p{M}\p{N}]+/u)
          .filter(Boolean)
          .map(fold),
      );
      for (const w of seen) words.set(w, (words.get(w) ?? 0) + 1);
    }
  return out;
}

/** Whether a folded word is matched by a (folded) keyword word, wildcards included. */
function matches(word: string, key: string): boolean {
  if (key.endsWith('*')) return word.startsWith(key.slice(0, -1));
  if (key.startsWith('*')) return word.endsWith(key.slice(1));
  return word === key;
}

/** A keyword as the matcher reads it: folded, its wildcard kept. */
function foldKey(k: string): string {
  if (k.startsWith('*')) return `*${fold(k.slice(1))}`;
  if (k.endsWith('*')) return `${fold(k.slice(0, -1))}*`;
  return fold(k);
}

const taxonomy = loadTaxonomy(path.join(here, '../../config'));
const words = wordsByLanguage();
for (const topic of taxonomy.topics) {
  for (const [lang, endings] of Object.entries(ENDINGS)) {
    const listed = [...(topic.keywords[lang] ?? []), ...(topic.weak[lang] ?? [])].filter((k) => !k.includes(' '));
    const keys = listed.map(foldKey);
    const excluded = new Set(topic.exclude.map(fold));
    const found: string[] = [];
    for (const k of keys) {
      if (k.includes('*')) continue;
      for (const e of endings) {
        const variant = k + e;
        const n = words.get(lang)?.get(variant) ?? 0;
        if (n && !keys.some((key) => matches(variant, key)) && !excluded.has(variant))
          found.push(`${variant} (${n}, from ${k})`);
      }
    }
    if (found.length) console.log(`${topic.slug} ${lang}: ${found.join(', ')}`);
  }
}
