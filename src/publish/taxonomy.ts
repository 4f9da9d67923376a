// Names for countries, regions and topics, and which ones exist. The tagging stage owns the real taxonomy; until
// it is handed to us (startServer's `taxonomy`), this reads config/regions.yaml and config/topics.yaml tolerantly
// and takes country names from the `world-countries` data.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Country } from 'world-countries';
import { parse } from 'yaml';

export interface Taxonomy {
  /** ISO 3166-1 alpha-2 upper case -> English name. */
  countries: Map<string, string>;
  /** slug -> title */
  regions: Map<string, string>;
  topics: Map<string, string>;
}

// The package's typings declare an ES default export its CommonJS entry does not have: load the JSON directly.
const countries = createRequire(import.meta.url)('world-countries/countries.json') as Country[];
const COUNTRY_NAMES = new Map(countries.map((c) => [c.cca2.toUpperCase(), c.name.common]));

/** Reads slug/title pairs from any of the shapes a taxonomy file may take: a list, a map, or either under `key`. */
function readPairs(value: unknown, key: string): Map<string, string> {
  const out = new Map<string, string>();
  const v = value && typeof value === 'object' && !Array.isArray(value) && key in value ? (value as Record<string, unknown>)[key] : value;
  const title = (o: unknown, fallback: string): string => {
    if (typeof o === 'string') return o;
    if (o && typeof o === 'object') {
      const r = o as Record<string, unknown>;
      for (const k of ['title', 'name', 'label']) if (typeof r[k] === 'string') return r[k] as string;
    }
    return fallback;
  };
  if (Array.isArray(v)) {
    for (const item of v) {
      if (typeof item === 'string') out.set(item, item);
      else if (item && typeof item === 'object') {
        const r = item as Record<string, unknown>;
        const slug = [r.slug, r.id, r.value, r.key].find((x): x is string => typeof x === 'string');
        if (slug) out.set(slug, title(item, slug));
      }
    }
  } else if (v instanceof Map) {
    for (const [k, item] of v as Map<unknown, unknown>) if (typeof k === 'string') out.set(k, title(item, k));
  } else if (v && typeof v === 'object') {
    for (const [k, item] of Object.entries(v)) out.set(k, title(item, k));
  }
  return out;
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // absent or broken: `wireroom check` reports it; feeds still work from stored tags
  }
}

/** `provided` is whatever the tagging stage hands over; anything it lacks comes from the config folder. */
export function loadTaxonomy(configDir: string, provided?: unknown): Taxonomy {
  const p = (provided && typeof provided === 'object' ? provided : {}) as Record<string, unknown>;
  const countriesMap = new Map(COUNTRY_NAMES);
  for (const [k, v] of readPairs(p.countries, 'countries')) if (/^[A-Za-z]{2}$/.test(k)) countriesMap.set(k.toUpperCase(), v);
  const regions = readPairs(readYaml(path.join(configDir, 'regions.yaml')), 'regions');
  for (const [k, v] of readPairs(p.regions, 'regions')) regions.set(k, v);
  const topics = readPairs(readYaml(path.join(configDir, 'topics.yaml')), 'topics');
  for (const [k, v] of readPairs(p.topics, 'topics')) topics.set(k, v);
  return { countries: countriesMap, regions, topics };
}

/** "latin-america" -> "Latin america": a readable title for a slug nobody named. */
export function titleFromSlug(slug: string): string {
  const s = slug.replace(/[-_]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
