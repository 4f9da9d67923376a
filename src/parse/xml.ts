// RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through rss-parser's parseString, then mapped to ParsedFeed.
import Parser from 'rss-parser';
import type { ParsedFeed } from '../types.ts';
import { mapFeed, type RawFeed } from './map.ts';

// Every field is read raw and as a list (keepArray): map.ts picks, repairs and decodes the values itself.
const fields = (pairs: [from: string, to: string][]) => pairs.map(([from, to]) => [from, to, { keepArray: true }]);

const ITEM_FIELDS = fields([
  ['$', 'wrAttrs'],
  ['title', 'wrTitle'],
  ['link', 'wrLinks'],
  ['atom:link', 'wrAtomLinks'],
  ['id', 'wrId'],
  ['guid', 'wrGuid'],
  ['feedburner:origLink', 'wrOrigLink'],
  ['wr:description', 'wrDescription'],
  ['wr:content', 'wrContent'],
  ['summary', 'wrSummary'],
  ['wr:encoded', 'wrEncoded'],
  ['xhtml:body', 'wrBody'],
  ['body', 'wrBody'],
  ['fullitem', 'wrFullitem'],
  ['author', 'wrAuthors'],
  ['dc:creator', 'wrCreators'],
  ['dc:author', 'wrDcAuthors'],
  ['category', 'wrCategories'],
  ['dc:subject', 'wrSubjects'],
  ['enclosure', 'wrEnclosures'],
  ['media:content', 'wrMedia'],
  ['media:group', 'wrMediaGroups'],
  ['media:description', 'wrMediaDescription'],
  ['pubDate', 'wrPubDate'],
  ['wr:published', 'wrPublished'],
  ['wr:updated', 'wrUpdated'],
  ['dc:date', 'wrDcDate'],
  ['issued', 'wrIssued'],
  ['created', 'wrCreated'],
  ['modified', 'wrModified'],
  ['dc:language', 'wrDcLanguage'],
  ['dc:title', 'wrDcTitle'],
  ['dc:description', 'wrDcDescription'],
  ['dcterms:issued', 'wrDctIssued'],
  ['dcterms:created', 'wrDctCreated'],
  ['dcterms:modified', 'wrDctModified'],
]);

const FEED_FIELDS = fields([
  ['$', 'wrAttrs'],
  ['title', 'wrTitle'],
  ['dc:title', 'wrDcTitle'],
  ['link', 'wrLinks'],
  ['language', 'wrLanguage'],
  ['dc:language', 'wrDcLanguage'],
  ['ttl', 'wrTtl'],
  ['author', 'wrAuthors'],
]);

/**
 * Elements hidden from rss-parser's own item building by a name of ours (read raw through customFields instead).
 * Dates: rss-parser calls `new Date(published).toISOString()` on Atom dates and throws on a bad one, losing the whole
 * feed (we parse dates leniently later). Description, content and content:encoded: rss-parser strips and decodes
 * each into a contentSnippet nothing reads (a whole article, for content:encoded).
 */
const HIDDEN = new Map([
  ['published', 'wr:published'],
  ['updated', 'wr:updated'],
  ['description', 'wr:description'],
  ['content', 'wr:content'],
  ['content:encoded', 'wr:encoded'],
]);

function renameHidden(name: string): string {
  return HIDDEN.get(name) ?? name;
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
      tagNameProcessors: [
        (name: string) => renameHidden(prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name),
      ],
    },
  });
  const out = (await parser.parseString(input.text)) as unknown as RawFeed;
  return mapFeed(out, url, input.rootAttrs ?? {});
}
