// The gazetteer's readings of real cities, without any eval set: the biggest cities of the countries each language's
// press covers most, each in a headline of that language ("Incendio en Córdoba deja tres heridos"), tagged alone.
// Prints each city read as another country's (a namesake the tagger prefers, or a country's name in one language:
// "Granada" was Grenada in Spanish) and, with --missed N, each city of N people or more read as no country (a
// town that needs other evidence, a namesake left open). For finding gazetteer errors by kind (issue #13); a
// namesake's default is a choice, not always an error.
// `node --import tsx tests/eval/city-probe.ts [--top N] [--missed N]`
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { allCities } from '../../src/tag/data.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
};
const top = arg('--top') ?? 60;
const missedFrom = arg('--missed');

/** Per language: the countries whose press writes it, and a headline naming a city. */
const PLAN: readonly { language: string; countries: readonly string[]; headline: (city: string) => string }[] = [
  {
    language: 'es',
    countries: ['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'BO', 'GT', 'CU', 'DO', 'HN', 'PY', 'UY', 'CR', 'PA'],
    headline: (c) => `Incendio en ${c} deja tres heridos`,
  },
  { language: 'pt', countries: ['BR', 'PT', 'AO', 'MZ'], headline: (c) => `Incêndio em ${c} deixa três feridos` },
  {
    language: 'fr',
    countries: ['FR', 'BE', 'CH', 'SN', 'CI', 'CM', 'MA', 'DZ', 'TN', 'CA'],
    headline: (c) => `Incendie à ${c} : trois blessés`,
  },
  { language: 'de', countries: ['DE', 'AT', 'CH'], headline: (c) => `Brand in ${c}: drei Verletzte` },
  {
    language: 'en',
    countries: ['US', 'GB', 'AU', 'CA', 'IN', 'NG', 'ZA', 'KE', 'PH', 'PK', 'IE', 'NZ'],
    headline: (c) => `Fire in ${c} injures three`,
  },
];

const here = path.dirname(fileURLToPath(import.meta.url));
const tagger = createTagger(loadTaxonomy(path.resolve(here, '../../config')));
const cities = allCities();
let wrong = 0;
let missed = 0;
for (const { language, countries, headline } of PLAN) {
  for (const code of countries) {
    const biggest = cities
      .filter((c) => c.country === code)
      .sort((a, b) => b.population - a.population)
      .slice(0, top);
    for (const city of biggest) {
      const focus = tagger
        .tag({ title: headline(city.name), language })
        .filter((t) => t.kind === 'country' && t.role === 'focus')
        .map((t) => t.value);
      if (focus.length && !focus.includes(code)) {
        wrong++;
        console.log(`${language} ${code} ${city.name} (${city.population}) read as ${focus.join(', ')}`);
      } else if (!focus.length && missedFrom !== undefined && city.population >= missedFrom) {
        missed++;
        console.log(`${language} ${code} ${city.name} (${city.population}) read as no country`);
      }
    }
  }
}
console.log(`${wrong} cities read as another country's${missedFrom !== undefined ? `, ${missed} as none` : ''}`);
