// Conformance over ../shared/corpus. Every document goes through parseFeed -> normalizeFeed; what it yields is
// judged as cases with stable ids (cases.ts), and baseline.json lists the ids that held when it was recorded.
// The gate: no document crashes; every sanitize expectation holds; every baseline case still holds. Cases that
// hold but are not in the baseline are printed, not failed. Only `npm run conformance:baseline` writes it.
//
// Cases, by corpus file:
//   <file>#no-crash           every document: parsed, or rejected with FeedParseError (must always hold)
//   <file>#parses             every document but feedvalidator's: parsed without FeedParseError
//   <file>#expect-N           feedparser: the N-th `Expect:` expression, on our normalized fields (feedparser.ts);
//                             sanitize ones must always hold. miniflux: the N-th string the decoded text contains.
//   <file>#entries-or-clear-rejection   feedvalidator: entries (or none when the document has no item/entry),
//                             or a FeedParseError with a readable one-line reason
//   <file>#valid-parses, #valid-parses-strictly   feedvalidator documents it calls valid (`!Error`): not
//                             rejected, and parsed without the forgiving salvage pass
//   <input file>#<field>      gofeed, feed-rs, rss-parser expected outputs (expected.ts), entries paired by position:
//                             entry-count, title, link, id, published, updated, authors, content, summary
//
// Expected outputs, how each field is compared (a field is a case when the suite states it for some entry; it
// holds when it matches for every entry that states it):
// | field     | compared as                                                                                       |
// | title     | our plain-text title = the expected title as text or with its HTML decoded, whitespace folded     |
// | link      | our url = the expected link made absolute against the document URL and cleaned of tracking        |
// |           | parameters (we do both on purpose); a relative one may also match as a tail (we honour xml:base)  |
// | id        | our guid = the expected guid/id, trimmed                                                          |
// | published | our publishedAt, to the second                                                                    |
// | updated   | our updatedAt, to the second; normalize folds a lone updated date (no published) into publishedAt |
// | authors   | same count and order; names may be the raw `Name (email)` string a suite keeps                    |
// | content   | the text of our sanitized content = the text of the expected content (HTML decoded, folded)       |
// | summary   | our bounded plain-text summary = the expected summary as text, or a prefix of it when we cut it   |
//
// Out of scope, and why:
// | what                                  | why                                                                 |
// | feed-level fields (title, link, ...)  | we keep only entries; feed title/link are covered by feedparser's   |
// | categories, enclosures, media, images | not in issue #10's list; feedparser's expectations cover tags and   |
// |                                       | enclosures                                                          |
// | content/summary markup                | we sanitize HTML (sanitize-html allowlist) and absolutize URLs, so  |
// |                                       | only the text is compared; feedparser's sanitize tests check markup |
// | feed-rs ids it made up                | feed-rs hashes an id for entries without one: only ids written in   |
// |                                       | the document are compared                                           |
// | feed-rs `updated` on RSS entries      | feed-rs copies pubDate into it; RSS has no such field and we do not |
// |                                       | invent one                                                          |
// | rss-parser text order                 | xml2js rebuilds inline XHTML with text runs before child elements,  |
// |                                       | glued: its content/summary are compared as the same characters only |
// | rss-parser raw strings                | rss-parser keeps raw strings (entities, markup, `email (Name)`):    |
// |                                       | compared through the text and author renderings above               |
// | rss-parser parser_options             | customFields add fields we do not model; xml2js emptyTag markers    |
// |                                       | ("EMPTY") count as no value                                         |
// | gofeed extension models (dcExt, ...)  | only the universal fields above are read                            |
// Differences of model show up as failing cases and stay out of the baseline, like gaps of ours: the report
// that comes with a baseline change says which is which.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BASELINE_FILE,
  compareWithBaseline,
  corpusPresent,
  readBaseline,
  runAllCases,
  summary,
  type Case,
} from './cases.ts';
import { CORPUS } from './run.ts';

const present = corpusPresent();
if (!present) console.warn(`SKIPPING corpus conformance: ${CORPUS}/manifest.json is missing`);

const listed = (cs: Array<{ id: string; note: string }>) => cs.map((c) => `${c.id}: ${c.note}`);

describe.skipIf(!present)('corpus conformance (needs ../shared/corpus)', () => {
  let cases: Case[] = [];
  beforeAll(async () => {
    cases = await runAllCases();
    console.log(summary(cases));
  });

  it('no document crashes the pipeline (anything but a FeedParseError)', () => {
    expect(listed(cases.filter((c) => c.must === 'no-crash' && !c.held))).toEqual([]);
    expect(cases.filter((c) => c.must === 'no-crash').length).toBeGreaterThan(0);
  });

  it('every feedparser sanitize expectation holds', () => {
    expect(listed(cases.filter((c) => c.must === 'sanitize' && !c.held))).toEqual([]);
    expect(cases.filter((c) => c.must === 'sanitize').length).toBeGreaterThan(0);
  });

  it('every case recorded in baseline.json still holds', () => {
    const held = readBaseline();
    if (!held) throw new Error(`${BASELINE_FILE} is missing: record it with npm run conformance:baseline`);
    const { lost, gained } = compareWithBaseline(cases, held);
    if (gained.length) {
      const shown = gained.slice(0, 100).map((c) => `  + ${c.id}`);
      if (gained.length > shown.length) shown.push(`  ... and ${gained.length - shown.length} more`);
      console.log(
        `${gained.length} case(s) hold that baseline.json does not list; ` +
          `record them with npm run conformance:baseline:\n${shown.join('\n')}`,
      );
    }
    expect(listed(lost)).toEqual([]);
  });
});
