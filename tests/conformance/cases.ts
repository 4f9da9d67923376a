// Every conformance case over ../shared/corpus, shared by the gate (corpus.test.ts) and the command that records
// the baseline (update-baseline.ts). A case has a stable id (`<corpus file>#<what>`) and holds or not.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FeedParseError } from '../../src/parse/index.ts';
import { htmlToText } from '../../src/sanitize/index.ts';
import { expectedCases } from './expected.ts';
import { feedparserCases } from './feedparser.ts';
import type { Run } from './fields.ts';
import { CORPUS, HERE, MANIFEST, readManifest, run, type ManifestEntry } from './run.ts';

export interface Case {
  id: string;
  /** Row of the printed summary. */
  group: string;
  held: boolean;
  /** Rules that hold whatever the baseline says. */
  must?: 'sanitize' | 'no-crash';
  /** What was checked, or why it failed. */
  note: string;
}

export const BASELINE_FILE = path.join(HERE, 'baseline.json');
export const corpusPresent = () => existsSync(MANIFEST);

const crashed = (r: Run) => r.error !== undefined && !(r.error instanceof FeedParseError);
const describeError = (r: Run) => (r.error instanceof Error ? `${r.error.name}: ${r.error.message}` : String(r.error));

/** A rejection an editor can act on: a FeedParseError whose one-line message says something. */
function clearRejection(r: Run): boolean {
  if (!(r.error instanceof FeedParseError)) return false;
  const m = r.error.message;
  return m.length >= 10 && m.length <= 300 && !/undefined|\[object |^Error$/.test(m);
}

/** Whether the document has any item or entry element at all (many validator tests are a bare channel). */
function hasItems(e: ManifestEntry): boolean {
  return /<([\w.-]+:)?(item|entry)[\s>/]/.test(readFileSync(path.join(CORPUS, e.file), 'latin1'));
}

/** feedvalidator documents: entries (none when it has none), or a clear FeedParseError. */
function validatorCases(e: ManifestEntry, r: Run): Case[] {
  const out: Case[] = [];
  let outcome = `${r.entries.length} entries`;
  if (r.error) outcome = describeError(r);
  const parsedAll = !r.error && (r.entries.length > 0 || !hasItems(e));
  out.push({
    id: `${e.file}#entries-or-clear-rejection`,
    group: 'feedvalidator entries or clear FeedParseError',
    held: parsedAll || clearRejection(r),
    note: outcome,
  });
  // `!Error` in the validator's suite: the document is valid (warnings allowed).
  if (e.expected_validity === 'valid' || e.expected_validity === 'valid-no-warnings') {
    out.push({ id: `${e.file}#valid-parses`, group: 'feedvalidator valid: parses', held: !r.error, note: outcome });
    const salvaged = r.parsed?.warnings.find((w) => /salvaged/.test(w));
    out.push({
      id: `${e.file}#valid-parses-strictly`,
      group: 'feedvalidator valid: parses without salvage',
      held: !r.error && salvaged === undefined,
      note: salvaged ?? outcome,
    });
  }
  return out;
}

/** Cases every run document gets, then its suite's own. */
function documentCases(e: ManifestEntry, r: Run): Case[] {
  const suite = e.file.split('/')[0] ?? '';
  const out: Case[] = [
    {
      id: `${e.file}#no-crash`,
      group: `${suite} no crash`,
      held: !crashed(r),
      must: 'no-crash',
      note: crashed(r) ? describeError(r) : 'parsed or rejected with FeedParseError',
    },
  ];
  if (suite === 'feedvalidator') return [...out, ...validatorCases(e, r)];
  out.push({ id: `${e.file}#parses`, group: `${suite} parses`, held: !r.error, note: r.error ? describeError(r) : '' });
  if (suite === 'feedparser') out.push(...feedparserCases(e, r));
  // miniflux encoding tests name strings the decoded text must contain.
  if (suite === 'miniflux' && !r.error) {
    const texts = r.entries.map((x) => `${x.title} ${x.summary} ${htmlToText(x.contentHtml)}`);
    const all = `${texts.join(' ')} ${r.parsed?.title ?? ''}`;
    e.expect.forEach((s, i) => {
      out.push({ id: `${e.file}#expect-${i}`, group: 'miniflux expected strings', held: all.includes(s), note: s });
    });
  }
  out.push(...expectedCases(e, r));
  return out;
}

/** Expected outputs and JSON Schemas are not feeds: they are read beside their input, never run. */
const isDocument = (e: ManifestEntry) => !['json-expected-output', 'json-schema'].includes(e.format);

export async function runAllCases(): Promise<Case[]> {
  const out: Case[] = [];
  for (const e of readManifest().filter(isDocument)) out.push(...documentCases(e, await run(e)));
  const seen = new Set<string>();
  for (const c of out) {
    if (seen.has(c.id)) throw new Error(`two conformance cases share the id ${c.id}`);
    seen.add(c.id);
  }
  return out;
}

// ---- baseline ----

interface BaselineFile {
  comment: string;
  held: string[];
}

/** Ids recorded as holding, or undefined when there is no baseline file. */
export function readBaseline(file = BASELINE_FILE): string[] | undefined {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<BaselineFile>;
  if (!Array.isArray(data.held)) {
    throw new Error(`${file}: no "held" list; record it with npm run conformance:baseline`);
  }
  return data.held;
}

export function writeBaseline(cases: Case[], file = BASELINE_FILE): void {
  const data: BaselineFile = {
    comment:
      'Conformance cases over ../shared/corpus that held when recorded. The gate fails if one stops holding. ' +
      'Written only by `npm run conformance:baseline`.',
    held: cases
      .filter((c) => c.held)
      .map((c) => c.id)
      .sort(),
  };
  writeFileSync(file, `${JSON.stringify(data, null, 1)}\n`);
}

export interface Comparison {
  /** In the baseline, failing now (with why). */
  lost: Array<{ id: string; note: string }>;
  /** Holding now, not in the baseline yet. */
  gained: Case[];
}

export function compareWithBaseline(cases: Case[], held: string[]): Comparison {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const recorded = new Set(held);
  const lost = held
    .filter((id) => byId.get(id)?.held !== true)
    .map((id) => ({ id, note: byId.get(id)?.note ?? 'no longer produced (document or expectation gone, or now n/a)' }));
  return { lost, gained: cases.filter((c) => c.held && !recorded.has(c.id)) };
}

/** held/total per group, one line each. */
export function summary(cases: Case[]): string {
  const groups = new Map<string, { held: number; total: number }>();
  for (const c of cases) {
    const g = groups.get(c.group) ?? { held: 0, total: 0 };
    g.total++;
    if (c.held) g.held++;
    groups.set(c.group, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${String(v.held).padStart(4)}/${String(v.total).padEnd(4)} ${k}`)
    .join('\n');
}
