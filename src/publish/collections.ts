// Named collections from config/collections.yaml: an editor's curated feed with a filter and a default limit.
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, lineOf, loadConfig, loadYamlFile, type ConfigProblem } from '../config/index.ts';
import { ftsQuery, type FeedFilter, type TermSet } from '../store/index.ts';
import { loadTagNames, placeNames } from './names.ts';

export const COLLECTIONS_FILE = 'collections.yaml';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a lower-case slug (letters, digits, "-")');
const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')
  .transform((s) => s.toUpperCase());
const terms = {
  countries: z.array(country).default([]),
  regions: z.array(slug).default([]),
  topics: z.array(slug).default([]),
  sources: z.array(z.string().min(1)).default([]),
  q: z.string().optional(),
};

const collectionSchema = z
  .object({
    slug,
    title: z.string().min(1),
    description: z.string().default(''),
    filter: z
      .object({ ...terms, exclude: z.object(terms).strict().prefault({}) })
      .strict()
      .prefault({}),
    limit: z.int().min(1).optional(),
  })
  .strict();

const fileSchema = z.object({ collections: z.array(collectionSchema).nullable().default([]) }).strict();

export interface Collection {
  slug: string;
  title: string;
  description: string;
  filter: FeedFilter;
  limit?: number;
}

/** Countries and regions are one geographic choice (either matches); topics and sources narrow it further. */
export function filterFromTerms(t: TermSet & { q?: string }, ex?: TermSet & { q?: string }): FeedFilter {
  const require: TermSet[] = [];
  if (t.countries?.length || t.regions?.length) require.push({ countries: t.countries, regions: t.regions });
  if (t.topics?.length) require.push({ topics: t.topics });
  if (t.sources?.length) require.push({ sources: t.sources });
  return {
    require,
    q: t.q ? [t.q] : [],
    exclude: ex
      ? { countries: ex.countries, regions: ex.regions, topics: ex.topics, sources: ex.sources, q: ex.q ? [ex.q] : [] }
      : undefined,
  };
}

interface Loaded {
  collections: Collection[];
  problems: ConfigProblem[];
}

/** Topic slugs, or undefined when topics.yaml is broken (that is reported on its own). */
function knownTopics(configDir: string): Set<string> | undefined {
  try {
    return new Set(loadTagNames(configDir).topics.keys());
  } catch {
    return undefined;
  }
}

/** Source ids, or undefined when the source list is broken (that is reported on its own). */
function knownSources(configDir: string): Set<string> | undefined {
  try {
    return new Set(loadConfig(configDir).sources.map((s) => s.id));
  } catch {
    return undefined;
  }
}

function load(configDir: string): Loaded {
  const file = path.join(configDir, COLLECTIONS_FILE);
  const loaded = loadYamlFile(file, fileSchema, { collections: [] });
  const problems: ConfigProblem[] = [];
  // Only place names here: topics.yaml problems are reported once, by the tagging stage's own check.
  const known = placeNames();
  const topics = knownTopics(configDir);
  const sources = knownSources(configDir);
  const seen = new Map<string, number>();
  const collections: Collection[] = [];
  (loaded.value.collections ?? []).forEach((c, i) => {
    const at = (...p: (string | number)[]) => lineOf(loaded.doc, loaded.lines, ['collections', i, ...p]);
    if (seen.has(c.slug)) {
      problems.push({
        file,
        line: at('slug'),
        field: `collections[${i}].slug`,
        reason: `duplicate slug "${c.slug}" (first at collections[${seen.get(c.slug)}])`,
      });
      return;
    }
    seen.set(c.slug, i);
    for (const [part, t] of [
      ['filter', c.filter],
      ['filter.exclude', c.filter.exclude],
    ] as const) {
      const unknown = (
        list: string[],
        kind: 'countries' | 'regions' | 'topics' | 'sources',
        isKnown: (v: string) => boolean,
        what: string,
      ) =>
        list.forEach((v, j) => {
          if (!isKnown(v))
            problems.push({
              file,
              line: at(...part.split('.'), kind, j),
              field: `collections[${i}].${part}.${kind}[${j}]`,
              reason: `unknown ${what} "${v}"`,
            });
        });
      unknown(t.countries, 'countries', (v) => known.countries.has(v), 'country code');
      unknown(t.regions, 'regions', (v) => known.regions.has(v), 'region');
      if (topics) unknown(t.topics, 'topics', (v) => topics.has(v), 'topic (not in topics.yaml)');
      if (sources) unknown(t.sources, 'sources', (v) => sources.has(v), 'source (not in sources.yaml)');
      // A control character (U+0000 above all) breaks the full-text query on either store: refused, as a feed's q is.
      const badQ = t.q === undefined ? undefined : qProblem(t.q);
      if (badQ) {
        problems.push({
          file,
          line: at(...part.split('.'), 'q'),
          field: `collections[${i}].${part}.q`,
          reason: badQ,
        });
      }
    }
    collections.push({
      slug: c.slug,
      title: c.title,
      description: c.description,
      filter: filterFromTerms(c.filter, c.filter.exclude),
      limit: c.limit,
    });
  });
  return { collections, problems };
}

/** Loads config/collections.yaml (absent = no collections); throws ConfigError naming file:line for each problem. */
export function loadCollections(configDir: string): Collection[] {
  const { collections, problems } = load(configDir);
  if (problems.length) throw new ConfigError(problems);
  return collections;
}

/** For `wireroom check`: every problem in collections.yaml, none thrown. */
export function checkCollections(configDir: string): ConfigProblem[] {
  try {
    return load(configDir).problems;
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

/** Why a collection's full-text query cannot run, or undefined. Whitespace controls (tab, newline) only separate. */
function qProblem(q: string): string | undefined {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(q)) return 'contains control characters';
  return ftsQuery(q) ? undefined : 'has no word to search for';
}
