// Loads config/topics.yaml and config/countries.yaml: zod for shape, then checks zod cannot express (unique
// slugs, safe patterns, known country codes and regions), every problem as `file:line: field: reason`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
  lineOf,
  loadYamlFile,
  loadYamlInto,
  type ConfigProblem,
  type LoadedYaml,
} from '../config/index.ts';
import { worldCountries } from './data.ts';
import type { Alias, PlaceTable } from './gazetteer.ts';
import { REGIONS } from './regions.ts';
import { ROLES, type RoleTable } from './roles.ts';
import type { WarSide } from './scoring.ts';
import { unsafeRegexReason } from './safe-regex.ts';
import { foldPhrase } from './text.ts';
import { loadTopicModel, type TopicModelData, type TopicModelConfig } from './topic-model.ts';
import type { FocusModelConfig, FocusModelData } from './focus-model.ts';
import { NO_BACKGROUND, type TopicBackground, type TopicDef } from './topics.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

export const TOPICS_FILE = 'topics.yaml';
export const COUNTRIES_FILE = 'countries.yaml';
/** The shipped defaults, used when a config folder has no file of its own. */
export const DEFAULT_CONFIG_DIR = path.join(PACKAGE_ROOT, 'config');

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const words = z.array(z.string().trim().min(1, 'empty keyword'));
const LANGUAGE = z.string().regex(/^[a-z]{2}$/, 'expected a two-letter language code');
const perLanguage = z.record(LANGUAGE, words);

/** Words, each maybe with a trailing * for its endings ("cierr* frontera"): an act between states (topics.ts). */
const actPhrase = z
  .string()
  .trim()
  .refine(
    (p) =>
      p.split(/\s+/).every((w) => {
        const words = foldPhrase(w.replace(/\*$/, '')).length;
        return w.endsWith('*') ? words === 1 : words > 0;
      }),
    'expected words, each one a word or a stem ending in *',
  );

const topicSchema = z
  .object({
    slug: z.string().regex(SLUG, 'expected a lower-case slug such as "strikes"'),
    label: z.string().min(1),
    keywords: perLanguage.default({}),
    weak: perLanguage.default({}),
    exclude: z.union([words, perLanguage.transform((r) => Object.values(r).flat())]).default([]),
    patterns: z.array(z.string().min(1)).default([]),
    categories: words.default([]),
    /** A full keyword anywhere makes it a main topic of the entry, beside a stronger one (see topics.ts). */
    main_when_named: z.boolean().default(false),
    /** Lists of the topic's keywords or weak words that count together as one piece of evidence (see topics.ts). */
    groups: z.array(words.min(2, 'a group needs two words or more')).default([]),
    /** Topics tagged beside this one only when they score more (see topics.ts). */
    absorbs: z.array(z.string()).default([]),
    /** Topics beside which it absorbs none (see topics.ts). */
    absorbs_unless: z.array(z.string()).default([]),
    /** A full keyword or pattern of it in the title makes it absorb whatever they score (see topics.ts). */
    absorbs_when_titled: z.boolean().default(false),
    /** One summary word alone, the title naming none of the topic, does not give it (see topics.ts). */
    not_from_one_summary_word: z.boolean().default(false),
    /** Words of an act between two states the title names (see topics.ts TopicDef.betweenStates). */
    between_states: z.record(LANGUAGE, z.array(actPhrase)).default({}),
  })
  .strict();

/** A word or phrase as the text's words: "sur fond de"; punctuation alone folds to nothing and would match anywhere. */
const phrase = z
  .string()
  .trim()
  .refine((p) => foldPhrase(p).length > 0, 'expected a word or phrase');
/** Compared with one word of the text ("l'" is the word l). */
const oneWord = z
  .string()
  .trim()
  .refine((w) => foldPhrase(w).length === 1, 'expected one word');

/** One word, or a stem with a trailing * for its endings ("condamn*"). */
const oneWordOrStem = z
  .string()
  .trim()
  .refine((w) => foldPhrase(w.replace(/\*$/, '')).length === 1, 'expected one word or a stem ending in *');

/** Words that make a topic word background or say its thing did not happen (TopicBackground in topics.ts). */
const backgroundSchema = z
  .object({
    setting: z.record(LANGUAGE, z.array(phrase)).default({}),
    averting: z.record(LANGUAGE, z.array(oneWord)).default({}),
    // Nouns for works: a topic word in the quoted title after one is the work's name ("l'album 'Lutte des classes'").
    works: z.record(LANGUAGE, z.array(oneWord)).optional(),
    // Nouns for a ship or a racehorse: a place in the name after one, quoted or not, is the ship's or the horse's.
    named: z.record(LANGUAGE, z.array(oneWord)).optional(),
    dating: z
      .object({
        before: z.record(LANGUAGE, z.array(oneWord)).default({}),
        after: z.record(LANGUAGE, z.array(oneWord)).default({}),
      })
      .strict()
      .prefault({}),
    // Kinds of story outside political news (sport, business): per kind, per language, the words that mark one.
    outside: z.record(z.string(), z.record(LANGUAGE, z.array(phrase))).optional(),
    // Topics a full keyword in the title keeps in such a story (people acting or acted on: a strike, an arrest).
    outside_title_keeps: z.array(z.string()).optional(),
    // Per kind of such story, title words of the kept topics that it reads in a second sense ("strike" in sport).
    outside_second_senses: z.record(z.string(), z.array(oneWord)).optional(),
    // Words that open a subordinate clause: a summary's topic word in one is no evidence of a second main topic.
    subordinate: z.record(LANGUAGE, z.array(phrase)).optional(),
    // Per language, its words that another language lists as a topic keyword in another sense ("coup" in French).
    false_friends: z.record(LANGUAGE, z.array(oneWord)).optional(),
    // A protest or a vote named as what people are charged, tried, jailed or executed for (see topics.ts).
    charge: z
      .object({
        acts: z.record(LANGUAGE, z.array(oneWordOrStem)).default({}),
        links: z.record(LANGUAGE, z.array(phrase)).default({}),
        topics: z.array(z.string()).default([]),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The supervised topic model beside the rules (src/tag/topic-model.ts); no section, no model. */
const modelSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** The weights, in the config folder (else the shipped one): `npm run train:topics` writes it. */
    file: z.string().min(1).default('topic-model.json'),
    add_at: z.number().gt(0).max(1).default(0.5),
    remove_below: z.number().min(0).lt(1).default(0),
    off: z.array(z.string()).default([]),
  })
  .strict();

export const topicsSchema = z
  .object({
    topics: z.array(topicSchema).default([]),
    background: backgroundSchema.prefault({}),
    model: modelSchema.optional(),
  })
  .strict();

const aliasSchema = z
  .object({
    name: z.string().trim().min(2),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code in upper case, e.g. PE')
      .optional(),
    region: z.string().regex(SLUG).optional(),
    /** Counts only when the entry names the country some other way. */
    context: z.boolean().default(false),
    /** Read only in entries of these languages (or of no known language): "ICE" is the US agency, in German a train. */
    langs: z.array(LANGUAGE).min(1).optional(),
  })
  .strict()
  .refine((a) => (a.country ? 1 : 0) + (a.region ? 1 : 0) === 1, { message: 'give exactly one of country or region' });

const COUNTRY_CODE = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code in upper case, e.g. PE');

/** A word an activity's frame starts from: a trailing * takes any ending, a leading * any beginning. */
const stem = z
  .string()
  .trim()
  .refine((w) => foldPhrase(w.replace(/^\*|\*$/g, '')).length === 1, 'expected one word, with * before or after it');
const ROLE = z.enum(ROLES);
/** One language's role words (RoleWords in roles.ts). */
const roleWordsSchema = z
  .object({
    articles: z.array(oneWord).default([]),
    before: z.partialRecord(ROLE, z.array(phrase)).default({}),
    frames: z
      .array(
        z
          .object({
            role: ROLE,
            words: z.array(stem).min(1),
            then: z.array(oneWord).min(1),
            gap: z.int().min(0).max(8).optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export const countriesSchema = z
  .object({
    aliases: z.array(aliasSchema).default([]),
    /** Per language, the words that give a country a role in its sentence (roles.ts): none when absent. */
    roles: z.record(LANGUAGE, roleWordsSchema).default({}),
    /** ISO code -> its national institutions (central bank, parliament, regulators...): evidence like an alias. */
    institutions: z.record(COUNTRY_CODE, words).default({}),
    /**
     * ISO code -> companies based there: the country counts only when the entry names no other ("Nvidia reports
     * record revenue" is a US story; "Nvidia chips for Saudi Arabia" is not one of the US).
     */
    companies: z.record(COUNTRY_CODE, words).default({}),
    /**
     * Language -> words that make an entry news about a company as a firm (results, deals, jobs, plants, fines, its
     * chief): a company's home counts only in such news, never in a product's review or a podcast naming a brand. A
     * trailing * matches any ending.
     */
    company_news: z.record(LANGUAGE, words).default({}),
    /**
     * Language -> words of a company's own results and deals (profit, sales, takeover, sale of a unit): in a title
     * naming the company, its home is a focus beside the countries of its markets and targets. Plants, jobs and
     * investments are left out: their site is where such a story happens.
     */
    company_deals: z.record(LANGUAGE, words).default({}),
    /**
     * ISO code -> festivals, prizes and fairs held there: where the story happens when the title names them, and not
     * read below the title (a film's blurb naming the festivals it won at).
     */
    events: z.record(COUNTRY_CODE, words).default({}),
    /**
     * Language -> ISO code -> institutions several countries name alike ("le Sénat", "o Conselho de Ministros"): in
     * an entry of that language, the country whose news most often names them, when the entry names no other.
     */
    domestic: z.record(LANGUAGE, z.record(COUNTRY_CODE, words)).default({}),
    /** ISO code -> currency signs of its money alone ("R$", "£"): its news, when the entry names no other country. */
    currencies: z.record(COUNTRY_CODE, words).default({}),
    /** ISO code -> its cities' German, Spanish, Portuguese and French names the gazetteer lacks: places of it. */
    exonyms: z.record(COUNTRY_CODE, words).default({}),
    /** ISO code -> border towns, crossings and camps on migration routes: places of it. */
    border_places: z.record(COUNTRY_CODE, words).default({}),
    /** A war's territory -> the state fighting there (ISO codes): the side is a focus of the territory's news. */
    war_sides: z.record(COUNTRY_CODE, COUNTRY_CODE).default({}),
    cities: z
      .object({ min_population: z.int().min(0).default(1_000_000) })
      .strict()
      .prefault({}),
    /** The learned check of the rules' country roles (src/tag/focus-model.ts); no section, no check. */
    focus_model: z
      .object({
        enabled: z.boolean().default(true),
        /** The weights, in the config folder (else the shipped one): `npm run train:countries` writes it. */
        file: z.string().min(1).default('country-model.json'),
        demote_below: z.number().min(0).lt(1).default(0.35),
        promote_at: z.number().gt(0).max(1).default(0.6),
      })
      .strict()
      .optional(),
  })
  .strict();

export interface Taxonomy {
  topics: TopicDef[];
  /** topics.yaml's `background` words; none when absent. */
  background?: TopicBackground;
  aliases: Alias[];
  /** countries.yaml's `exonyms` and `border_places`, in that order: ISO code -> names read as its places. */
  places: PlaceTable[];
  /** countries.yaml's `war_sides`: a war's territory and the state fighting there (see scoring.ts). */
  warSides: WarSide[];
  minCityPopulation: number;
  /** countries.yaml's `roles`; none when absent. */
  roles?: RoleTable;
  /** countries.yaml's `company_news`: language -> words of news about a company as a firm; none when absent. */
  companyNews?: Record<string, string[]>;
  /** countries.yaml's `company_deals`: language -> words of a company's own results and deals; none when absent. */
  companyDeals?: Record<string, string[]>;
  /** topics.yaml's `model` with its weights; none when absent or switched off. */
  topicModel?: TopicModelConfig;
  /** countries.yaml's `focus_model` with its weights; none when absent or switched off. */
  focusModel?: FocusModelConfig;
  files: { topics: string; countries: string };
}

const KNOWN_CODES = new Set(worldCountries.map((c) => c.cca2));

function fileIn(configDir: string, name: string): string {
  const own = path.join(configDir, name);
  return existsSync(own) ? own : path.join(DEFAULT_CONFIG_DIR, name);
}

function loadTopics(
  file: string,
  problems: ConfigProblem[],
): { topics: TopicDef[]; background: TopicBackground; topicModel?: TopicModelConfig } {
  const loaded = loadYamlInto(file, topicsSchema, { topics: [] }, problems);
  if (!loaded) return { topics: [], background: NO_BACKGROUND };
  const at = (p: (string | number)[]) => lineOf(loaded.doc, loaded.lines, p);
  const seen = new Map<string, number>();
  const topics: TopicDef[] = [];
  loaded.value.topics.forEach((t, i) => {
    if (seen.has(t.slug)) {
      problems.push({
        file,
        line: at(['topics', i, 'slug']),
        field: `topics[${i}].slug`,
        reason: `duplicate slug "${t.slug}" (first at topics[${seen.get(t.slug)}])`,
      });
      return;
    }
    seen.set(t.slug, i);
    let ok = true;
    t.patterns.forEach((p, j) => {
      const reason = unsafeRegexReason(p);
      if (reason) {
        ok = false;
        problems.push({ file, line: at(['topics', i, 'patterns', j]), field: `topics[${i}].patterns[${j}]`, reason });
      }
    });
    // A group word must be one the topic lists, as written there: otherwise it would silently group nothing.
    const listed = new Set([...Object.values(t.keywords), ...Object.values(t.weak)].flat());
    t.groups.forEach((g, j) =>
      g.forEach((w, k) => {
        if (listed.has(w)) return;
        ok = false;
        problems.push({
          file,
          line: at(['topics', i, 'groups', j, k]),
          field: `topics[${i}].groups[${j}][${k}]`,
          reason: `"${w}" is not one of the topic's keywords or weak words`,
        });
      }),
    );
    const {
      main_when_named: mainWhenNamed,
      absorbs_unless: absorbsUnless,
      absorbs_when_titled: absorbsWhenTitled,
      not_from_one_summary_word: notFromOneSummaryWord,
      between_states: betweenStates,
      ...def
    } = t;
    if (ok)
      topics.push({
        ...def,
        exclude: t.exclude,
        mainWhenNamed,
        absorbsUnless,
        absorbsWhenTitled,
        notFromOneSummaryWord,
        betweenStates,
      });
  });
  // An absorbed topic must exist: a misspelt slug would silently absorb nothing.
  for (const key of ['absorbs', 'absorbs_unless'] as const)
    loaded.value.topics.forEach((t, i) =>
      t[key].forEach((slug, j) => {
        if (seen.has(slug)) return;
        problems.push({
          file,
          line: at(['topics', i, key, j]),
          field: `topics[${i}].${key}[${j}]`,
          reason: `unknown topic "${slug}"`,
        });
      }),
    );
  (loaded.value.background.outside_title_keeps ?? []).forEach((slug, j) => {
    if (seen.has(slug)) return;
    problems.push({
      file,
      line: at(['background', 'outside_title_keeps', j]),
      field: `background.outside_title_keeps[${j}]`,
      reason: `unknown topic "${slug}"`,
    });
  });
  const kinds = new Set(Object.keys(loaded.value.background.outside ?? {}));
  for (const kind of Object.keys(loaded.value.background.outside_second_senses ?? {})) {
    if (!kinds.has(kind))
      problems.push({
        file,
        line: at(['background', 'outside_second_senses', kind]),
        field: `background.outside_second_senses.${kind}`,
        reason: `unknown kind of story "${kind}" (not under background.outside)`,
      });
  }
  (loaded.value.background.charge?.topics ?? []).forEach((slug, j) => {
    if (seen.has(slug)) return;
    problems.push({
      file,
      line: at(['background', 'charge', 'topics', j]),
      field: `background.charge.topics[${j}]`,
      reason: `unknown topic "${slug}"`,
    });
  });
  const m = loaded.value.model;
  const known = new Set(topics.map((t) => t.slug));
  m?.off.forEach((slug, j) => {
    if (!known.has(slug))
      problems.push({
        file,
        line: at(['model', 'off', j]),
        field: `model.off[${j}]`,
        reason: `unknown topic "${slug}"`,
      });
  });
  const read = m?.enabled ? readTopicModel(fileIn(path.dirname(file), m.file), problems) : undefined;
  const topicModel =
    m && read
      ? {
          model: loadTopicModel(read.data),
          digest: read.digest,
          addAt: m.add_at,
          removeBelow: m.remove_below,
          off: m.off,
        }
      : undefined;
  return { topics, background: loaded.value.background, ...(topicModel ? { topicModel } : {}) };
}

/**
 * A model's weights file (data a command writes, not edited by hand), checked for shape by `take`; its digest stands
 * for the weights. A problem names the file and the YAML section that points to it.
 */
function readModelFile<T>(
  file: string,
  problems: ConfigProblem[],
  about: { field: string; name: string; shape: string },
  take: (data: unknown) => T | undefined,
): { data: T; digest: string } | undefined {
  const fail = (reason: string) => {
    problems.push({ file, line: 1, field: about.field, reason });
    return undefined;
  };
  let data: unknown;
  let digest: string;
  try {
    const text = readFileSync(file, 'utf8');
    digest = createHash('sha1').update(text).digest('hex');
    data = JSON.parse(text);
  } catch (e) {
    return fail(`cannot read the ${about.name}: ${(e as Error).message}`);
  }
  const taken = take(data);
  return taken ? { data: taken, digest } : fail(`not a ${about.name} (${about.shape})`);
}

const finiteNumbers = (r: unknown) => Array.isArray(r) && r.every((v) => typeof v === 'number' && Number.isFinite(v));

function readTopicModel(file: string, problems: ConfigProblem[]) {
  const about = { field: 'model', name: 'topic model', shape: 'options, topics, bias, features' };
  return readModelFile(file, problems, about, (data) => {
    const d = data as Partial<TopicModelData> | null;
    const ok =
      !!d &&
      typeof d.options?.prefix === 'number' &&
      typeof d.options.bigrams === 'boolean' &&
      Array.isArray(d.topics) &&
      d.topics.every((t) => typeof t === 'string') &&
      finiteNumbers(d.bias) &&
      d.bias?.length === d.topics.length &&
      !!d.features &&
      typeof d.features === 'object' &&
      Object.values(d.features).every(finiteNumbers);
    return ok ? (d as TopicModelData) : undefined;
  });
}

type CountriesPart = Pick<
  Taxonomy,
  'aliases' | 'places' | 'warSides' | 'minCityPopulation' | 'focusModel' | 'companyNews' | 'companyDeals'
> & {
  roles: RoleTable;
};

function loadCountries(file: string, problems: ConfigProblem[]): CountriesPart {
  const loaded = loadYamlInto(
    file,
    countriesSchema,
    {
      aliases: [],
      institutions: {},
      companies: {},
      company_news: {},
      company_deals: {},
      events: {},
      domestic: {},
      currencies: {},
      exonyms: {},
      border_places: {},
      war_sides: {},
    },
    problems,
  );
  if (!loaded) return { aliases: [], places: [], warSides: [], minCityPopulation: 1_000_000, roles: {} };
  const aliases: Alias[] = [];
  loaded.value.aliases.forEach((a, i) => {
    const field = a.country ? 'country' : 'region';
    const line = lineOf(loaded.doc, loaded.lines, ['aliases', i, field]);
    if (a.country && !KNOWN_CODES.has(a.country)) {
      problems.push({ file, line, field: `aliases[${i}].country`, reason: `unknown country code "${a.country}"` });
    } else if (a.region && !REGIONS.has(a.region)) {
      problems.push({
        file,
        line,
        field: `aliases[${i}].region`,
        reason: `unknown region "${a.region}" (known: ${[...REGIONS.keys()].join(', ')})`,
      });
    } else {
      aliases.push({
        name: a.name,
        country: a.country,
        region: a.region,
        needsContext: a.context,
        ...(a.langs ? { langs: a.langs } : {}),
      });
    }
  });
  /** Whether `code` is a country's; if not, a problem at `at`. */
  const known = (at: string[], code: string) => {
    if (KNOWN_CODES.has(code)) return true;
    const line = lineOf(loaded.doc, loaded.lines, at);
    problems.push({ file, line, field: at.join('.'), reason: `unknown country code "${code}"` });
    return false;
  };
  const perCountry = (table: Record<string, string[]>, at: string[], more: Partial<Alias>) => {
    for (const [code, names] of Object.entries(table))
      if (known([...at, code], code))
        for (const name of names) aliases.push({ name, country: code, needsContext: false, ...more });
  };
  const places = (['exonyms', 'border_places'] as const).map((section) =>
    Object.fromEntries(Object.entries(loaded.value[section]).filter(([code]) => known([section, code], code))),
  );
  const warSides = Object.entries(loaded.value.war_sides)
    .filter(([territory, side]) => known(['war_sides', territory], territory) && known(['war_sides', territory], side))
    .map(([territory, side]) => ({ territory, side }));
  perCountry(loaded.value.institutions, ['institutions'], { institution: true });
  perCountry(loaded.value.companies, ['companies'], { alone: true, institution: true, company: true });
  perCountry(loaded.value.events, ['events'], { institution: true, titleOnly: true });
  perCountry(loaded.value.currencies, ['currencies'], { alone: true, institution: true });
  for (const [lang, table] of Object.entries(loaded.value.domestic))
    perCountry(table, ['domestic', lang], { alone: true, langs: [lang], institution: true });
  const m = loaded.value.focus_model;
  const read = m?.enabled ? readFocusModel(fileIn(path.dirname(file), m.file), problems) : undefined;
  return {
    aliases,
    places,
    warSides,
    minCityPopulation: loaded.value.cities.min_population,
    roles: loaded.value.roles,
    companyNews: loaded.value.company_news,
    companyDeals: loaded.value.company_deals,
    ...(m && read ? { focusModel: { ...read, demoteBelow: m.demote_below, promoteAt: m.promote_at } } : {}),
  };
}

function readFocusModel(file: string, problems: ConfigProblem[]) {
  const about = { field: 'focus_model', name: 'focus model', shape: 'bias, weights' };
  return readModelFile(file, problems, about, (data): FocusModelData | undefined => {
    const { bias, weights } = (data ?? {}) as Partial<FocusModelData>;
    const ok =
      typeof bias === 'number' &&
      Number.isFinite(bias) &&
      !!weights &&
      typeof weights === 'object' &&
      finiteNumbers(Object.values(weights));
    return ok ? { bias, weights } : undefined;
  });
}

/** Every problem in the taxonomy files, for `wireroom check`; empty when they load. */
export function checkTaxonomy(configDir: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  loadTopics(fileIn(configDir, TOPICS_FILE), problems);
  loadCountries(fileIn(configDir, COUNTRIES_FILE), problems);
  return problems;
}

/** Reads the taxonomy; throws ConfigError listing every problem. Missing files fall back to the shipped defaults. */
export function loadTaxonomy(configDir: string): Taxonomy {
  const problems: ConfigProblem[] = [];
  const files = { topics: fileIn(configDir, TOPICS_FILE), countries: fileIn(configDir, COUNTRIES_FILE) };
  const { topics, background, topicModel } = loadTopics(files.topics, problems);
  const countries = loadCountries(files.countries, problems);
  if (problems.length) throw new ConfigError(problems);
  return { topics, background, ...countries, ...(topicModel ? { topicModel } : {}), files };
}

/**
 * The tagging priors in config/sources.yaml: a source's `country` must be a known ISO code or region, its `topics`
 * slugs of topics.yaml. For `wireroom check`; structural problems of the file are loadConfig's to report.
 */
export function checkSourcePriors(configDir: string): ConfigProblem[] {
  const file = path.join(configDir, 'sources.yaml');
  if (!existsSync(file)) return [];
  let loaded: LoadedYaml<{ sources?: unknown[] | null }>;
  let topics: Set<string>;
  try {
    loaded = loadYamlFile(file, z.object({ sources: z.array(z.unknown()).nullable().optional() }).loose());
    topics = new Set(loadTaxonomy(configDir).topics.map((t) => t.slug));
  } catch {
    return []; // reported by loadConfig and checkTaxonomy
  }
  const problems: ConfigProblem[] = [];
  (loaded.value.sources ?? []).forEach((raw, i) => {
    if (!raw || typeof raw !== 'object') return;
    const s = raw as { country?: unknown; topics?: unknown };
    if (typeof s.country === 'string') {
      const c = s.country;
      const known = /^[A-Za-z]{2}$/.test(c) ? KNOWN_CODES.has(c.toUpperCase()) : REGIONS.has(c);
      if (!known)
        problems.push({
          file,
          line: lineOf(loaded.doc, loaded.lines, ['sources', i, 'country']),
          field: `sources[${i}].country`,
          reason: `unknown country or region "${c}"`,
        });
    }
    if (Array.isArray(s.topics)) {
      s.topics.forEach((t, j) => {
        if (typeof t === 'string' && !topics.has(t))
          problems.push({
            file,
            line: lineOf(loaded.doc, loaded.lines, ['sources', i, 'topics', j]),
            field: `sources[${i}].topics[${j}]`,
            reason: `unknown topic "${t}" (not in topics.yaml)`,
          });
      });
    }
  });
  return problems;
}
