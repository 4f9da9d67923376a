// Micro precision/recall/F1 of the tagger against the hand-labelled set: focus countries and topics (and
// directly labelled regions, reported but not gated). `loadEvalSet(HELDOUT_SET)` serves the held-apart set, whose
// figures `npm run eval` reports and nothing gates or tunes on.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tagger } from '../../src/tag/index.ts';

export interface LabelledItem {
  title: string;
  summary: string;
  /** The article's body (HTML), in sets of full articles (tests/eval/articles-set.jsonl). */
  content?: string;
  language: string;
  countries: string[];
  regions?: string[];
  topics: string[];
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface TaggingEval {
  items: number;
  countries: Prf;
  topics: Prf;
  regions: Prf;
  /** Per item, what the tagger got wrong: for reading, never for special-casing. */
  errors: { title: string; kind: 'country' | 'topic' | 'region'; missing: string[]; extra: string[] }[];
}

export const EVAL_SET = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tagging-set.jsonl');

/**
 * The held-apart set: written like the labelled set (wire and news-site style, traps in each language) without reading
 * the tagger's rules, and kept apart from it. Its figures are REPORTED by `npm run eval` and never gated or tuned on:
 * no baseline, no test, no rule changed to move them, no misses listed.
 */
export const HELDOUT_SET = path.join(path.dirname(fileURLToPath(import.meta.url)), 'heldout-set.jsonl');

/** sha256 of the eval file's bytes: the baseline is pinned to exactly the items it was measured on. */
export function evalSetHash(file = EVAL_SET): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function loadEvalSet(file = EVAL_SET): LabelledItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledItem);
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const r = (x: number) => Math.round(x * 10000) / 10000;
  return { precision: r(precision), recall: r(recall), f1: r(f1), tp, fp, fn };
}

export function evaluateTagging(tagger: Tagger, items: LabelledItem[] = loadEvalSet()): TaggingEval {
  const counts = { country: [0, 0, 0], topic: [0, 0, 0], region: [0, 0, 0] };
  const errors: TaggingEval['errors'] = [];
  for (const item of items) {
    const tags = tagger.tag({
      title: item.title,
      summary: item.summary,
      content: item.content,
      language: item.language,
    });
    const got = {
      country: new Set(tags.filter((t) => t.kind === 'country' && t.role === 'focus').map((t) => t.value)),
      topic: new Set(tags.filter((t) => t.kind === 'topic').map((t) => t.value)),
      // Only regions the item names are labelled; derived ones are judged through its countries.
      region: new Set(tags.filter((t) => t.kind === 'region' && t.reason.rule === 'region.name').map((t) => t.value)),
    };
    const want = { country: new Set(item.countries), topic: new Set(item.topics), region: new Set(item.regions ?? []) };
    for (const kind of ['country', 'topic', 'region'] as const) {
      if (kind === 'region' && !item.regions) continue;
      const missing = [...want[kind]].filter((v) => !got[kind].has(v));
      const extra = [...got[kind]].filter((v) => !want[kind].has(v));
      counts[kind][0] += want[kind].size - missing.length;
      counts[kind][1] += extra.length;
      counts[kind][2] += missing.length;
      if (missing.length || extra.length) errors.push({ title: item.title, kind, missing, extra });
    }
  }
  const [c, t, r] = [counts.country, counts.topic, counts.region];
  return {
    items: items.length,
    countries: prf(c[0]!, c[1]!, c[2]!),
    topics: prf(t[0]!, t[1]!, t[2]!),
    regions: prf(r[0]!, r[1]!, r[2]!),
    errors,
  };
}

export const LANGUAGES = ['en', 'es', 'pt', 'fr', 'de'] as const;

interface CountryNames {
  cca2: string;
  name: { common: string; official: string };
  translations: Record<string, { common: string; official: string }>;
  demonyms?: Record<string, { f: string; m: string }>;
}

let nameIndex: { code: string; pattern: RegExp }[] | undefined;

/** Country names, translations and demonyms from world-countries: a list the tagger under test does not own. */
function countryNames(): { code: string; pattern: RegExp }[] {
  if (nameIndex) return nameIndex;
  const data = createRequire(import.meta.url)('world-countries/countries.json') as CountryNames[];
  const langs = ['spa', 'por', 'fra', 'deu'];
  nameIndex = data.map((c) => {
    const names = new Set([c.name.common, ...langs.map((l) => c.translations[l]?.common ?? '')]);
    for (const d of Object.values(c.demonyms ?? {})) names.add(d.m).add(d.f);
    const alternatives = [...names]
      .filter((n) => n.length > 3)
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|');
    return { code: c.cca2, pattern: new RegExp(`(?<![\\p{L}])(?:${alternatives})(?![\\p{L}])`, 'u') };
  });
  return nameIndex;
}

/**
 * Trap items, judged from the data alone: labelled with no country, or naming a country (by name, translation or
 * demonym) that is not among their labels. They test that a tagger does not tag every country it reads.
 */
export function isTrap(item: LabelledItem): boolean {
  if (item.countries.length === 0) return true;
  const text = `${item.title} ${item.summary}`;
  return countryNames().some((c) => !item.countries.includes(c.code) && c.pattern.test(text));
}

export interface GatedFigures {
  items: number;
  sha256: string;
  countries: Prf;
  topics: Prf;
  regions: Prf;
  /** Focus-country figures on the trap items only. */
  traps: Prf & { items: number };
  languages: Record<string, { items: number; traps: number; countries: Prf; topics: Prf }>;
}

/** Every figure the eval test gates and `npm run eval -- --record` writes to tagging-baseline.json. */
export function gatedFigures(tagger: Tagger, file = EVAL_SET): GatedFigures {
  const items = loadEvalSet(file);
  const all = evaluateTagging(tagger, items);
  const trapItems = items.filter(isTrap);
  const languages: GatedFigures['languages'] = {};
  for (const lang of LANGUAGES) {
    const sub = items.filter((i) => i.language === lang);
    const r = evaluateTagging(tagger, sub);
    languages[lang] = { items: sub.length, traps: sub.filter(isTrap).length, countries: r.countries, topics: r.topics };
  }
  return {
    items: items.length,
    sha256: evalSetHash(file),
    countries: all.countries,
    topics: all.topics,
    regions: all.regions,
    traps: { ...evaluateTagging(tagger, trapItems).countries, items: trapItems.length },
    languages,
  };
}
