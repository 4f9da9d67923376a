// Conformance over ../shared/corpus: feedparser expectations translated onto parseFeed -> normalizeFeed,
// and every other parser suite's documents run through parseFeed (they may be rejected, never crash).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../src/parse/index.ts';
import { normalizeFeed } from '../../src/normalize/index.ts';
import { htmlToText, sanitizeHtml } from '../../src/sanitize/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import { canonicalHtml, dangers, sameText, scriptText } from './compare.ts';
import { splitAnd, parseClause, type Clause, type PyValue } from './pyexpect.ts';
import { resolveField, type Run } from './fields.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const baselineFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'baseline.json');
const NOW = new Date('2030-01-01T00:00:00Z');
const SOURCE: SourceConfig = { id: 'corpus', url: 'http://127.0.0.1:8097/', enabled: true, topics: [], trusted: true };

interface ManifestEntry {
  file: string;
  source_path: string;
  format: string;
  category: string;
  expect: string[];
  harness?: string;
  http_headers?: Record<string, string>;
  http_url?: string;
}

const header = (h: Record<string, string> | undefined, name: string) =>
  Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

async function run(e: ManifestEntry): Promise<Run> {
  const body = readFileSync(path.join(corpus, e.file));
  const docUrl = e.http_url ?? `http://127.0.0.1:8097/${e.source_path}`;
  const location = header(e.http_headers, 'content-location');
  const url = location ? new URL(location, docUrl).href : docUrl;
  try {
    const parsed = await parseFeed(body, { contentType: header(e.http_headers, 'content-type'), url });
    const entries = normalizeFeed(parsed, SOURCE, { now: NOW, feedUrl: url });
    const first = parsed.items[0];
    const summaryHtml = first ? sanitizeHtml(first.summaryHtml ?? first.contentHtml ?? '', entries[0]?.url && first.baseUrl ? first.baseUrl : url) : undefined;
    return { parsed, entries, summaryHtml };
  } catch (error) {
    return { entries: [], error };
  }
}

type Verdict = 'held' | 'failed' | 'n/a';

function checkClause(c: Clause, r: Run): Verdict {
  if (c.kind === 'unsupported') return 'n/a';
  const bozo = r.error !== undefined || (r.parsed?.warnings.length ?? 0) > 0;
  if (c.kind === 'bozo') return bozo === c.want ? 'held' : 'failed';
  const field = resolveField(c.path, r);
  if (field === 'n/a') return 'n/a';
  if (field === undefined) return c.negate ? 'held' : 'failed';
  const ok = equalField(field, c.value);
  return ok !== c.negate ? 'held' : 'failed';
}

function equalField(field: Exclude<ReturnType<typeof resolveField>, 'n/a' | undefined>, want: PyValue): boolean {
  switch (field.kind) {
    case 'date': {
      if (!Array.isArray(want)) return false;
      const d = field.value;
      const got = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
      return got.every((v, i) => v === want[i]);
    }
    case 'text':
      return typeof want === 'string' && (sameText(field.value, want) || sameText(field.value, htmlToText(want)));
    case 'html':
      return typeof want === 'string' && (canonicalHtml(field.value) === canonicalHtml(want) || sameText(htmlToText(field.value), htmlToText(want)));
    case 'url': {
      if (typeof want !== 'string') return false;
      const variants = [want];
      try {
        variants.push(new URL(want).href);
      } catch {
        // relative expectation: compare as written
      }
      return variants.includes(field.value) || variants.some((v) => field.value.endsWith(v) && !/^[a-z]+:/i.test(v));
    }
    case 'raw':
      return String(field.value) === String(want);
  }
}

/** Sanitize tests: nothing dangerous in anything we would republish, and the text feedparser kept survives. */
function checkSanitize(e: ManifestEntry, r: Run, expr: string): Verdict {
  if (r.error) return 'failed';
  const outputs = [r.entries[0]?.contentHtml ?? '', r.summaryHtml ?? '', r.entries[0]?.title ?? ''];
  if (outputs.some((o) => dangers(o).length > 0)) return 'failed';
  const eq = splitAnd(expr).map(parseClause).find((c): c is Extract<Clause, { kind: 'eq' }> => c.kind === 'eq');
  if (!eq || typeof eq.value !== 'string') return 'n/a';
  if (eq.path[0] === 'feed') return 'n/a'; // feed-level copyright/tagline are not in our model
  // HTML5 parses `<![CDATA[...]]>` outside SVG/MathML as a bogus comment; feedparser keeps it as text.
  const kept = htmlToText(eq.value.replace(/&lt;!\[CDATA\[|\]\]&gt;/g, '')).split(/\s+/).filter(Boolean);
  const ours = outputs.map((o) => htmlToText(o)).join(' ');
  // Text that sat inside <script>/<style> in the source may go: we drop script bodies, feedparser's parser
  // sometimes keeps the body of a malformed one as text.
  const item = r.parsed?.items[0];
  const droppedOnPurpose = scriptText([item?.title, item?.summaryHtml, item?.contentHtml].join(' '));
  const lost = kept.filter((w) => !ours.includes(w) && !droppedOnPurpose.includes(w));
  return lost.length === 0 ? 'held' : 'failed';
  void e;
}

const counts = new Map<string, { held: number; total: number }>();
const failures: string[] = [];
const bump = (cat: string, v: Verdict, note: string) => {
  if (v === 'n/a') return;
  const c = counts.get(cat) ?? { held: 0, total: 0 };
  c.total++;
  if (v === 'held') c.held++;
  else failures.push(`${cat}: ${note}`);
  counts.set(cat, c);
};

describe.skipIf(!existsSync(path.join(corpus, 'manifest.json')))('corpus conformance', () => {
  const manifest: ManifestEntry[] = existsSync(path.join(corpus, 'manifest.json'))
    ? JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'))
    : [];

  it('feedparser expectations on normalized fields', async () => {
    for (const e of manifest.filter((m) => m.file.startsWith('feedparser/'))) {
      const r = await run(e);
      for (const expr of e.expect) {
        const cat = `feedparser ${e.category}`;
        if (e.category.startsWith('sanitize')) {
          bump(cat, checkSanitize(e, r, expr), `${e.file}: ${expr.slice(0, 120)}`);
          continue;
        }
        const verdicts = splitAnd(expr).map((c) => checkClause(parseClause(c), r));
        // Count an expectation only when every clause is about something we model.
        if (verdicts.includes('n/a')) continue;
        // `not bozo` alone says nothing about normalized fields; keep it only with a field check or for ill-formed docs.
        if (verdicts.length === 1 && /^\s*not bozo\s*$/.test(expr)) continue;
        bump(cat, verdicts.every((v) => v === 'held') ? 'held' : 'failed', `${e.file}: ${expr.slice(0, 160)}`);
      }
    }
  });

  it('other suites: documents parse or are rejected with FeedParseError, never crash', async () => {
    const others = manifest.filter(
      (m) => !m.file.startsWith('feedparser/') && !m.file.startsWith('feedvalidator/') && !/json-expected-output|json-schema/.test(m.format) && !m.file.endsWith('.json.expected'),
    );
    for (const e of others) {
      const suite = e.file.split('/')[0]!;
      const r = await run(e);
      const crashed = r.error !== undefined && !(r.error instanceof FeedParseError);
      const cat = `${suite} parses`;
      bump(cat, crashed ? 'failed' : r.error ? 'n/a' : 'held', `${e.file}: ${String(r.error)}`);
      if (r.error instanceof FeedParseError) bump(`${suite} rejected (FeedParseError)`, 'held', e.file);
      if (crashed) bump(`${suite} crashed`, 'held', `${e.file}: ${String(r.error)}`);
      // miniflux encoding tests name strings the decoded text must contain.
      if (suite === 'miniflux' && e.expect.length && !r.error) {
        const all = r.entries.map((x) => `${x.title} ${x.summary} ${htmlToText(x.contentHtml)}`).join(' ') + ` ${r.parsed?.title ?? ''}`;
        for (const s of e.expect) bump('miniflux expected strings', all.includes(s) ? 'held' : 'failed', `${e.file}: ${s}`);
      }
    }
  });

  it('holds at least the recorded baseline, and every sanitize expectation', () => {
    const table = Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
    console.log(Object.entries(table).map(([k, v]) => `${String(v.held).padStart(4)}/${String(v.total).padEnd(4)} ${k}`).join('\n'));
    if (process.env.CONFORMANCE_FAILURES) console.log(failures.join('\n'));
    if (process.env.UPDATE_BASELINE || !existsSync(baselineFile)) writeFileSync(baselineFile, `${JSON.stringify(table, null, 2)}\n`);
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as Record<string, { held: number; total: number }>;
    const drops = Object.entries(baseline)
      .filter(([k, v]) => !k.endsWith('crashed') && !k.includes('rejected') && (table[k]?.held ?? 0) < v.held)
      .map(([k, v]) => `${k}: ${table[k]?.held ?? 0} < baseline ${v.held}`);
    expect(drops).toEqual([]);
    const sanitizeFailures = failures.filter((f) => f.startsWith('feedparser sanitize'));
    expect(sanitizeFailures).toEqual([]);
    const crashes = Object.keys(table).filter((k) => k.endsWith('crashed'));
    expect(crashes.map((k) => failures.filter((f) => f.startsWith(k)))).toEqual([]);
  });
});
