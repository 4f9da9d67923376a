// The tag stage: countries (focus or mention), regions and topics for an entry, each with the reason.
// Pure: createTagger builds the automata once; tag() only reads them.
import type { Entry, SourceConfig, Tag } from '../types.ts';
import { buildGazetteer } from './gazetteer.ts';
import { locatePlaces, type PlaceHit, type TextField } from './locate.ts';
import { scoreCountries, scoreRegions } from './scoring.ts';
import { buildTopicMatcher, scoreTopics } from './topics.ts';
import type { Taxonomy } from './taxonomy.ts';
import { guessLanguage, htmlToText, tokenize, type Tokens } from './text.ts';

export {
  loadTaxonomy,
  checkTaxonomy,
  checkSourcePriors,
  TOPICS_FILE,
  COUNTRIES_FILE,
  type Taxonomy,
} from './taxonomy.ts';
export { REGIONS, regionsOf } from './regions.ts';
export type { TopicDef } from './topics.ts';
export { unsafeRegexReason } from './safe-regex.ts';

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

const CONTENT_TEXT_CHARS = 4000;
const CONTENT_HTML_CHARS = 16_000;

export function createTagger(taxonomy: Taxonomy): Tagger {
  const gaz = buildGazetteer({ aliases: taxonomy.aliases, minCityPopulation: taxonomy.minCityPopulation });
  const topics = buildTopicMatcher(taxonomy.topics);
  return {
    topics: topics.labels,
    gazetteerSize: gaz.size,
    tag(input) {
      const fields: { field: TextField; tokens: Tokens }[] = [{ field: 'title', tokens: tokenize(input.title) }];
      if (input.summary) fields.push({ field: 'summary', tokens: tokenize(input.summary) });
      if (input.content) {
        // The body's opening carries its places and subjects; its tail adds cost, not evidence (content weighs least).
        const text = (
          /<[a-z!/]/i.test(input.content) ? htmlToText(input.content.slice(0, CONTENT_HTML_CHARS)) : input.content
        ).slice(0, CONTENT_TEXT_CHARS);
        // Feeds often repeat the summary as the content: counting it twice would double the evidence.
        if (text.trim() && text.trim() !== input.summary?.trim())
          fields.push({ field: 'content', tokens: tokenize(text) });
      }
      const language = input.language?.slice(0, 2).toLowerCase() || guessLanguage(fields.map((f) => f.tokens.folded));
      const hits: PlaceHit[] = fields.flatMap((f) => locatePlaces(gaz, f.tokens, f.field, language));
      const countries = scoreCountries(hits, input.sourceCountry);
      const sourceRegion =
        input.sourceCountry && !/^[A-Z]{2}$/.test(input.sourceCountry) ? input.sourceCountry : undefined;
      const regions = scoreRegions(hits, countries, sourceRegion);
      const topicTags = scoreTopics(topics, fields, input.categories, input.sourceTopics);
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
