// Names for countries, regions and topics, and which ones exist: regions and topics from the tagging stage (which
// owns config/topics.yaml and the region list), country names from the `world-countries` data.
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { loadTaxonomy as loadTagTaxonomy, REGIONS } from '../tag/index.ts';

export interface TagNames {
  /** ISO 3166-1 alpha-2 upper case -> English name. */
  countries: Map<string, string>;
  /** slug -> title */
  regions: Map<string, string>;
  topics: Map<string, string>;
}

// The package's typings declare an ES default export its CommonJS entry does not have: load the JSON directly.
const countries = createRequire(import.meta.url)('world-countries/countries.json') as Country[];
const COUNTRY_NAMES = new Map(countries.map((c) => [c.cca2.toUpperCase(), c.name.common]));
const REGION_NAMES = new Map([...REGIONS].map(([slug, r]) => [slug, r.label]));

/** Country and region names alone: what collections are checked against, with no config file to read. */
export function placeNames(): { countries: ReadonlyMap<string, string>; regions: ReadonlyMap<string, string> } {
  return { countries: COUNTRY_NAMES, regions: REGION_NAMES };
}

/** The names feeds and pages use; a broken topics.yaml is a ConfigError naming file and line. */
export function loadTagNames(configDir: string): TagNames {
  const topics = new Map(loadTagTaxonomy(configDir).topics.map((t) => [t.slug, t.label]));
  return { countries: new Map(COUNTRY_NAMES), regions: new Map(REGION_NAMES), topics };
}

/** "latin-america" -> "Latin america": a readable title for a slug nobody named. */
export function titleFromSlug(slug: string): string {
  const s = slug.replace(/[-_]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
