// Conformance over ../shared/corpus. Every document goes through parseFeed -> normalizeFeed; what it yields is
// judged as cases with stable ids (cases.ts), and baseline.json lists the ids that held when it was recorded.
// The gate: no document crashes; every sanitize expectation holds; every baseline case still holds. Cases that
// hold but are not in the baseline are printed, not failed. Only `npm run conformance:baseline` writes it.
//
// Cases, by corpus file:
//   <file>#no-crash           every document: parsed, or rejected with FeedParseError (must always hold)
//   <file>#parses             every document: parsed without FeedParseError
//   <file>#expect-N           feedparser: the N-th `Expect:` expression, on our normalized fields (feedparser.ts);
//                             sanitize ones must always hold. miniflux: the N-th string the decoded text contains.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BASELINE_FILE, compareWithBaseline, corpusPresent, readBaseline, runAllCases, summary, type Case,
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
