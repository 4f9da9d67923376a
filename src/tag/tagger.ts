// The tagger: countries (focus or mention), regions and topics for an entry, each with the reason.
// Pure: createTagger builds the automata once; tag() only reads them. It loads no configuration (that is
// taxonomy.ts, with zod and YAML): a prepare thread imports this module alone and gets its taxonomy from the main
// thread.
import type { Entry, SourceConfig, Tag } from '../types.ts';
import {
  datelineCountry,
  datelinePlaceAgain,
  demoteLoneCities,
  fullNamesAgain,
  namesakeByPlace,
  neighbourCountries,
  regionNeighbourCountries,
  placeNounDemonymCountries,
  titleNeighbourCountries,
  titleNamedCountries,
  readDateline,
} from './dateline.ts';
import { buildGazetteer, type Gazetteer, type GazetteerOptions } from './gazetteer.ts';
import {
  countrySurnames,
  dropCountrySurnames,
  dropNounSenses,
  dropPersons,
  dropRegionNamesakes,
  locatePlaces,
  soleTown,
  townDivisions,
  unlistedTitleTown,
  type PlaceHit,
  type PlaceWord,
  type TextField,
} from './locate.ts';
import { promoteMatchSides } from './match.ts';
import { promoteMembers } from './regions.ts';
import { namesVisit, promoteVisits } from './visits.ts';
import { promoteOpeningLists } from './title-lists.ts';
import {
  demoteFilingDateline,
  demoteKickerObjects,
  demoteNationalsAbroad,
  placeOverSides,
  promoteDatelineActor,
} from './kicker.ts';
import { demoteRaceAbroad, demoteVenue } from './venue.ts';
import { compileRoles, markRoles, type CompiledRoles } from './roles.ts';
import { dropAloneAliases, scoreCountries, scoreRegions, type ResolvedTrace } from './scoring.ts';
import { demoteSeats, markSeats } from './seats.ts';
import { buildTopicMatcher, scoreTopics, topicWord, type TitleState, type TopicWord } from './topics.ts';
import {
  combineRowTopics,
  combineTopics,
  compileTopicModel,
  modelWordInfo,
  rowFeatureBuilder,
  type ModelWordInfo,
} from './topic-model.ts';
import { checkFoci, compileFocusModel } from './focus-model.ts';
import { inShipOrHorseName, inWorkTitle } from './work-titles.ts';
import { compileCompanyNews, gateCompanies, markFirmHomes } from './company-news.ts';
import type { Taxonomy } from './taxonomy.ts';
import {
  createTokenizer,
  functionWordBits,
  guessLanguageOf,
  htmlToText,
  isSpace,
  summaryRepeatEnd,
  type Tokens,
} from './text.ts';

/** The main thread's city table, for a prepare thread to build its gazetteer from (see data.ts). */
export { useSharedCities as useSharedTaggerData } from './data.ts';

/** What every lookup of the tagger makes of a word, computed once per distinct word. */
type TagWord = PlaceWord & TopicWord & ModelWordInfo & { langs: number };
type TagTokens = Tokens<TagWord>;

export interface TagInput {
  title: string;
  summary?: string;
  /** HTML or plain text. */
  content?: string;
  language?: string;
  categories?: string[];
  /** ISO alpha-2 or region slug from the source's config: a prior, not an override. */
  sourceCountry?: string;
  sourceTopics?: string[];
}

export interface Tagger {
  tag(input: TagInput): Tag[];
  /** Topic slugs and labels, for listings. */
  readonly topics: ReadonlyMap<string, string>;
  /** Gazetteer phrases loaded. */
  readonly gazetteerSize: number;
}

/** Place kinds that stand for a state acting: its name, a leader's alias, its capital or seat of power, a demonym. */
const STATE_KINDS: ReadonlySet<string> = new Set(['name', 'alias', 'capital', 'place', 'demonym']);

/**
 * The title's states as the country stage found them, for topic scoring (acts between states): hits of a tagged
 * country that name it as an actor, not its institutions, companies or clubs ("Real Madrid signs ... from Flamengo"),
 * a company's or a person's nationality, a currency, an agreement's place, a modifier ("US-backed"), or where goods,
 * people or a meeting go ("exports to China", "talks in Doha").
 */
function titleStates(hits: readonly PlaceHit[], countries: readonly Tag[]): TitleState[] {
  const out: TitleState[] = [];
  for (const h of hits) {
    if (h.field !== 'title' || !STATE_KINDS.has(h.place.kind)) continue;
    if (h.place.institution || h.organisation || h.person || h.currency || h.agreement || h.modifier) continue;
    // A counterpart and the state across a border act too ("cierra la frontera con Nicaragua").
    if (h.sentenceRole && h.sentenceRole !== 'counterpart' && h.sentenceRole !== 'border') continue;
    const code = h.place.codes.find((c) => countries.some((t) => t.value === c));
    if (code) out.push({ code, from: h.from, to: h.to });
  }
  return out;
}

/**
 * The body's opening carries its places and subjects (a wire lede and a paragraph); its tail adds cost and background,
 * and content weighs least. Measured on 100 full articles (tests/eval/articles.ts, docs/tagging.md "How much of a
 * body"): reading 600 characters gives country F1 0.927 and topic F1 0.931 against 0.922 and 0.913 at 1,500, the same
 * share of articles in a correct country feed, for about 0.6x the tagging time. reuters-dev's bodies stop at 600.
 */
const CONTENT_TEXT_CHARS = 600; // counted from the first character that is not white space
const CONTENT_HTML_CHARS = 16_000;

/** For measuring: the smallest town the gazetteer reads (see gazetteer.ts DEFAULT_TOWN_POPULATION). */
export interface TaggerOptions {
  minTownPopulation?: number;
  /** For measuring (tests/eval/articles.ts): how many characters of a body are read; CONTENT_TEXT_CHARS otherwise. */
  contentChars?: number;
  /**
   * For measuring and training (tests/eval/country-model.ts): receives each entry's country tags as the rules give
   * them after every post-step (before the focus model), with the place hits and fields behind them.
   */
  traceCountries?: (
    tags: readonly Tag[],
    hits: readonly PlaceHit[],
    fields: readonly { field: TextField; tokens: { folded: readonly string[] } }[],
    language: string | undefined,
  ) => void;
  /** For measuring only (tests/eval/evidence.ts): each entry's place hits with the country each was resolved to. */
  traceResolved?: ResolvedTrace;
}

const NO_MODEL_WORD: ModelWordInfo = { modelWord: '', modelRow: -1 };

/** The words read as a person in the entry being tagged (see placeHits). */
const PERSONS = new Set<string>();

/**
 * Hits of every field, with the entry's dateline read from the start of the summary, else the content, else the
 * title: its place becomes one dateline hit and the words inside it are not read again as places.
 */
function placeHits(
  gaz: Gazetteer,
  roles: CompiledRoles,
  fields: { field: TextField; tokens: TagTokens }[],
  language: string | undefined,
  surnames: ReadonlyMap<string, string>,
  background: { works: ReadonlySet<string>; named: ReadonlySet<string> },
): PlaceHit[] {
  let hits: PlaceHit[] = [];
  let dated = false;
  let datelinePlace: { folded: string[]; code: string } | undefined;
  // A dateline read, whether or not its place was found (a town the gazetteer lacks: "RHEINFELDEN AG").
  let datelined = false;
  // Words read as a person somewhere in the entry ("Luís Montenegro"): see dropPersons. One set, emptied per entry
  // (tagging is synchronous), so that entries without a person allocate nothing.
  const persons = PERSONS;
  if (persons.size) persons.clear(); // clear() allocates a new table even when empty
  // The title is read last (its persons and places may follow the summary's), but its places are known before a
  // dateline below it is resolved.
  const ordered = [...fields.slice(1), ...fields.slice(0, 1)];
  // A place inside a quoted work's title names the work ("le film « Casablanca » ressort en salles"); one in a ship's
  // or a racehorse's name, the ship or the horse (an editors' name there still counts: "le porte-avions
  // Charles-de-Gaulle").
  const { works, named } = background;
  const located = ordered.map(({ field, tokens }) =>
    locatePlaces(gaz, tokens, field, language, persons).filter(
      (h) =>
        !inWorkTitle(works, tokens, h.from, h.to) &&
        (h.place.kind === 'alias' || !inShipOrHorseName(named, tokens, h.from)),
    ),
  );
  const titleFound = located[located.length - 1] ?? [];
  for (const [i, { field, tokens }] of ordered.entries()) {
    const found = located[i] ?? [];
    const d = readDateline(tokens.text, field === 'title');
    const code =
      d &&
      datelineCountry(gaz, d, {
        language,
        neighbours: neighbourCountries(found, d.end, tokens),
        titleNeighbours: field !== 'title' ? titleNeighbourCountries(titleFound) : undefined,
        titleNamed: field !== 'title' ? titleNamedCountries(titleFound) : undefined,
        regions: regionNeighbourCountries(found, d.end, tokens),
        placeNamed: placeNounDemonymCountries(found, d.end, tokens),
      });
    if (d && (code || !d.loose)) datelined = true;
    if (!d || !code) {
      hits.push(...found);
      continue;
    }
    let to = 0;
    while (to < tokens.start.length && (tokens.start[to] ?? 0) < d.end) to++;
    hits.push(...found.filter((h) => h.from >= to));
    if (dated) continue;
    dated = true;
    let placeTo = 0;
    while (placeTo < to && (tokens.start[placeTo] ?? 0) < d.place.end) placeTo++;
    datelinePlace = { folded: tokens.folded.slice(0, placeTo), code };
    const last = d.regions[d.regions.length - 1] ?? d.place;
    hits.push({
      place: { kind: 'dateline', codes: [code], case: 'any', source: 'dateline' },
      field,
      match: tokens.text.slice(d.place.start, last.end),
      from: 0,
      to,
    });
  }
  if (persons.size) hits = dropPersons(hits, fields, persons);
  hits = dropCountrySurnames(hits, fields, surnames);
  hits = dropRegionNamesakes(hits);
  hits = dropNounSenses(hits, fields, language);
  if (datelinePlace) hits = datelinePlaceAgain(hits, fields, datelinePlace.folded, datelinePlace.code);
  hits = fullNamesAgain(hits, fields);
  // Roles first: a place named as where something goes ("rumbo a Miami") does not say which namesake is meant. The
  // hits added below need none: an unlisted title town is read only where no other place is named.
  hits = namesakeByPlace(markRoles(roles, hits, fields, language));
  hits = townDivisions(hits, fields);
  hits = unlistedTitleTown(soleTown(hits, language, datelined), fields, gaz.cities, gaz.namesakes, language);
  return markSeats(hits, fields);
}

/** Gazetteers built lately, by what they were built from: the newest GAZETTEERS_KEPT are kept. */
const gazetteers = new Map<string, Gazetteer>();
const GAZETTEERS_KEPT = 4;

/**
 * The gazetteer for these inputs, built once: taggers of taxonomies that differ only in their topics (a worker thread
 * keeps several, a config reload brings a new one) share one (about 10 MB each). It is only read while tagging.
 */
function gazetteerFor(opts: GazetteerOptions): Gazetteer {
  const key = JSON.stringify([
    opts.aliases ?? [],
    opts.places ?? [],
    opts.minCityPopulation ?? null,
    opts.minTownPopulation ?? null,
  ]);
  let gaz = gazetteers.get(key);
  if (gaz) {
    gazetteers.delete(key);
  } else {
    gaz = buildGazetteer(opts);
    while (gazetteers.size >= GAZETTEERS_KEPT) gazetteers.delete(gazetteers.keys().next().value as string);
  }
  gazetteers.set(key, gaz);
  return gaz;
}

/**
 * What the tagger reads of an entry's body: the first `chars` characters of its text from the first that is not white
 * space, less the opening that repeats the summary (a summary cut from it, or the lede a feed repeats: the same words
 * counted twice would double their evidence and cost); none when nothing is left.
 */
export function contentRead(
  content: string,
  summary: string | undefined,
  chars = CONTENT_TEXT_CHARS,
): string | undefined {
  const whole = /<[a-z!/]/i.test(content) ? htmlToText(content.slice(0, CONTENT_HTML_CHARS)) : content;
  // Measured without copying the body (trimming a 2 KB text per entry showed in the profile).
  let from = 0;
  let to = whole.length;
  while (from < to && isSpace(whole.charCodeAt(from))) from++;
  while (to > from && isSpace(whole.charCodeAt(to - 1))) to--;
  const end = Math.min(to, from + chars);
  const repeatEnd = summary ? summaryRepeatEnd(whole, from, summary) : -1;
  if (repeatEnd >= 0) from = repeatEnd;
  const trimmed = summary?.trim();
  // Feeds often repeat the summary as the content: counting it twice would double the evidence.
  const repeats = trimmed !== undefined && to - from === trimmed.length && whole.startsWith(trimmed, from);
  return end > from && !repeats && chars > 0 ? whole.slice(from, end) : undefined;
}

export function createTagger(taxonomy: Taxonomy, opts: TaggerOptions = {}): Tagger {
  const gaz = gazetteerFor({
    aliases: taxonomy.aliases,
    places: taxonomy.places,
    minCityPopulation: taxonomy.minCityPopulation,
    minTownPopulation: opts.minTownPopulation,
  });
  const topics = buildTopicMatcher(taxonomy.topics, taxonomy.background);
  const roles = compileRoles(taxonomy.roles);
  const surnames = countrySurnames(taxonomy.aliases);
  const model = taxonomy.topicModel && compileTopicModel(taxonomy.topicModel);
  const focusModel = taxonomy.focusModel && compileFocusModel(taxonomy.focusModel);
  const companyTests = {
    isCompanyNews: compileCompanyNews(taxonomy.companyNews),
    isDeal: compileCompanyNews(taxonomy.companyDeals, false),
  };
  const tokenize = createTokenizer<TagWord>((folded) => ({
    gaz: gaz.trie.firstStep(folded),
    gazOn: gaz.trie.continues(folded),
    ...topicWord(topics, folded),
    langs: functionWordBits(folded),
    ...(model ? modelWordInfo(folded, model.model) : NO_MODEL_WORD),
  }));
  // The model's features by row, from each word's row found once (a model with word pairs has no rows for them).
  const modelRows = model && !model.model.options.bigrams ? rowFeatureBuilder(model.model) : undefined;
  const contentChars = opts.contentChars ?? CONTENT_TEXT_CHARS;
  return {
    topics: topics.labels,
    gazetteerSize: gaz.size,
    tag(input) {
      const fields: { field: TextField; tokens: TagTokens }[] = [{ field: 'title', tokens: tokenize(input.title, 0) }];
      if (input.summary) fields.push({ field: 'summary', tokens: tokenize(input.summary, 1) });
      const body = input.content && contentRead(input.content, input.summary, contentChars);
      if (body) fields.push({ field: 'content', tokens: tokenize(body, 2) });
      const language = input.language?.slice(0, 2).toLowerCase() || guessLanguageOf(fields.map((f) => f.tokens.info));
      const found = placeHits(gaz, roles, fields, language, surnames, topics.background);
      const companies = gateCompanies(found, companyTests, language, fields);
      const firms = markFirmHomes(companies, companyTests.isDeal, language, fields);
      const visit = namesVisit(fields[0]?.tokens.folded ?? []);
      const hits = dropAloneAliases(firms, input.sourceCountry, visit);
      const stepped = demoteKickerObjects(
        promoteVisits(
          promoteMembers(
            demoteLoneCities(
              demoteSeats(
                scoreCountries(hits, {
                  sourceCountry: input.sourceCountry,
                  warSides: taxonomy.warSides,
                  traceResolved: opts.traceResolved,
                  language,
                }),
                hits,
              ),
              hits,
              fields,
              gaz.namesakes,
            ),
            hits,
          ),
          hits,
          visit,
        ),
        hits,
        fields,
      );
      const dated = promoteDatelineActor(
        demoteFilingDateline(
          placeOverSides(
            demoteNationalsAbroad(
              demoteRaceAbroad(demoteVenue(promoteMatchSides(stepped, hits, fields, language), hits, fields), hits),
              hits,
            ),
            hits,
          ),
          hits,
          fields,
        ),
        hits,
        fields,
      );
      const ruled = promoteOpeningLists(dated, hits, fields);
      opts.traceCountries?.(ruled, hits, fields, language);
      const countries = focusModel ? checkFoci(focusModel, ruled, hits, fields, language) : ruled;
      const sourceRegion =
        input.sourceCountry && !/^[A-Z]{2}$/.test(input.sourceCountry) ? input.sourceCountry : undefined;
      const regions = scoreRegions(hits, countries, sourceRegion);
      const excluded = new Set<string>();
      const ruleTopics = scoreTopics(topics, fields, {
        excluded,
        language,
        titleStates: titleStates(hits, countries),
        categories: input.categories,
        sourceTopics: input.sourceTopics,
      });
      let topicTags = ruleTopics;
      if (model && modelRows)
        topicTags = combineRowTopics(
          model,
          modelRows(fields.map((f) => ({ field: f.field, words: f.tokens.info }))),
          ruleTopics,
          topics.labels,
          excluded,
        );
      else if (model)
        topicTags = combineTopics(
          model,
          fields.map((f) => ({ field: f.field, folded: f.tokens.info.map((w) => w.modelWord) })),
          ruleTopics,
          topics.labels,
          true,
          excluded,
        );
      return [...countries, ...regions, ...topicTags];
    },
  };
}

/** What the worker calls: the entry's text plus its source's priors. */
export function tagEntry(tagger: Tagger, entry: Entry, source?: Pick<SourceConfig, 'country' | 'topics'>): Tag[] {
  return tagger.tag({
    title: entry.title,
    summary: entry.summary,
    content: entry.contentHtml,
    language: entry.language,
    categories: entry.categories,
    sourceCountry: source?.country,
    sourceTopics: source?.topics,
  });
}
