// RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through rss-parser's parseString, then mapped to ParsedFeed.
import Parser from 'rss-parser';
import type { ParsedFeed } from '../types.ts';
import { mapFeed, type RawFeed } from './map.ts';

const ITEM_FIELDS = [
  ['$', 'wrAttrs', { keepArray: true }],
  ['title', 'wrTitle', { keepArray: true }],
  ['link', 'wrLinks', { keepArray: true }],
  ['atom:link', 'wrAtomLinks', { keepArray: true }],
  ['id', 'wrId', { keepArray: true }],
  ['guid', 'wrGuid', { keepArray: true }],
  ['feedburner:origLink', 'wrOrigLink', { keepArray: true }],
  ['description', 'wrDescription', { keepArray: true }],
  ['content', 'wrContent', { keepArray: true }],
  ['summary', 'wrSummary', { keepArray: true }],
  ['content:encoded', 'wrEncoded', { keepArray: true }],
  ['xhtml:body', 'wrBody', { keepArray: true }],
  ['body', 'wrBody', { keepArray: true }],
  ['fullitem', 'wrFullitem', { keepArray: true }],
  ['author', 'wrAuthors', { keepArray: true }],
  ['dc:creator', 'wrCreators', { keepArray: true }],
  ['category', 'wrCategories', { keepArray: true }],
  ['dc:subject', 'wrSubjects', { keepArray: true }],
  ['enclosure', 'wrEnclosures', { keepArray: true }],
  ['media:content', 'wrMedia', { keepArray: true }],
  ['media:group', 'wrMediaGroups', { keepArray: true }],
  ['pubDate', 'wrPubDate', { keepArray: true }],
  ['wr:published', 'wrPublished', { keepArray: true }],
  ['wr:updated', 'wrUpdated', { keepArray: true }],
  ['dc:date', 'wrDcDate', { keepArray: true }],
  ['issued', 'wrIssued', { keepArray: true }],
  ['created', 'wrCreated', { keepArray: true }],
  ['modified', 'wrModified', { keepArray: true }],
  ['dc:language', 'wrDcLanguage', { keepArray: true }],
  ['dc:title', 'wrDcTitle', { keepArray: true }],
  ['dc:description', 'wrDcDescription', { keepArray: true }],
  ['dcterms:issued', 'wrDctIssued', { keepArray: true }],
  ['dcterms:created', 'wrDctCreated', { keepArray: true }],
  ['dcterms:modified', 'wrDctModified', { keepArray: true }],
];

const FEED_FIELDS = [
  ['$', 'wrAttrs', { keepArray: true }],
  ['title', 'wrTitle', { keepArray: true }],
  ['dc:title', 'wrDcTitle', { keepArray: true }],
  ['link', 'wrLinks', { keepArray: true }],
  ['language', 'wrLanguage', { keepArray: true }],
  ['dc:language', 'wrDcLanguage', { keepArray: true }],
  ['ttl', 'wrTtl', { keepArray: true }],
  ['author', 'wrAuthors', { keepArray: true }],
];

/**
 * rss-parser calls `new Date(published).toISOString()` on Atom dates and throws on a bad one, losing the whole
 * feed; renaming the elements hides them from it (we read them raw and parse dates leniently later).
 */
function renameDateTags(name: string): string {
  return name === 'published' || name === 'updated' ? `wr:${name}` : name;
}

export interface XmlParseInput {
  text: string;
  /** Prefix bound to the Atom namespace on a prefixed root (<atom:feed>), stripped so rss-parser sees <feed>. */
  atomPrefix?: string;
  rootAttrs?: Record<string, string>;
}

export async function parseXmlFeed(input: XmlParseInput, url: string): Promise<ParsedFeed> {
  const prefix = input.atomPrefix ? `${input.atomPrefix}:` : undefined;
  const parser = new Parser({
    defaultRSS: 2,
    // Our casts: rss-parser's typings do not describe renamed/keepArray feed fields.
    customFields: { feed: FEED_FIELDS as never, item: ITEM_FIELDS as never },
    xml2js: {
      strict: true,
      async: false,
      tagNameProcessors: [(name: string) => renameDateTags(prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name)],
    },
  });
  const out = (await parser.parseString(input.text)) as unknown as RawFeed;
  return mapFeed(out, url, input.rootAttrs ?? {});
}
