// feedparser's `Expect:` expressions translated onto our normalized fields, one case per expectation.
import { htmlToText } from '../../src/sanitize/index.ts';
import { canonicalHtml, dangers, sameText, scriptText } from './compare.ts';
import { resolveField, type Field, type Run } from './fields.ts';
import { parseClause, splitAnd, type Clause, type PyValue } from './pyexpect.ts';
import type { Case } from './cases.ts';
import type { ManifestEntry } from './run.ts';

type Verdict = 'held' | 'failed' | 'n/a';

function equalField(field: Field, want: PyValue): boolean {
  switch (field.kind) {
    case 'date': {
      if (!Array.isArray(want)) return false;
      const d = field.value;
      const got = [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
      ];
      return got.every((v, i) => v === want[i]);
    }
    case 'text':
      return typeof want === 'string' && (sameText(field.value, want) || sameText(field.value, htmlToText(want)));
    case 'html':
      return (
        typeof want === 'string' &&
        (canonicalHtml(field.value) === canonicalHtml(want) || sameText(htmlToText(field.value), htmlToText(want)))
      );
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

function checkClause(c: Clause, r: Run): Verdict {
  if (c.kind === 'unsupported') return 'n/a';
  const bozo = r.error !== undefined || (r.parsed?.warnings.length ?? 0) > 0;
  if (c.kind === 'bozo') return bozo === c.want ? 'held' : 'failed';
  const field = resolveField(c.path, r);
  if (field === 'n/a') return 'n/a';
  if (field === undefined) return c.negate ? 'held' : 'failed';
  return equalField(field, c.value) !== c.negate ? 'held' : 'failed';
}

/** Sanitize tests: nothing dangerous in anything we would republish, and the text feedparser kept survives. */
function checkSanitize(r: Run, expr: string): Verdict {
  if (r.error) return 'failed';
  const outputs = [r.entries[0]?.contentHtml ?? '', r.summaryHtml ?? '', r.entries[0]?.title ?? ''];
  if (outputs.some((o) => dangers(o).length > 0)) return 'failed';
  const eq = splitAnd(expr)
    .map(parseClause)
    .find((c): c is Extract<Clause, { kind: 'eq' }> => c.kind === 'eq');
  if (!eq || typeof eq.value !== 'string') return 'n/a';
  if (eq.path[0] === 'feed') return 'n/a'; // feed-level copyright/tagline are not in our model
  // HTML5 parses `<![CDATA[...]]>` outside SVG/MathML as a bogus comment; feedparser keeps it as text.
  const kept = htmlToText(eq.value.replace(/&lt;!\[CDATA\[|\]\]&gt;/g, ''))
    .split(/\s+/)
    .filter(Boolean);
  const ours = outputs.map((o) => htmlToText(o)).join(' ');
  // Text that sat inside <script>/<style> in the source may go: we drop script bodies, feedparser's parser
  // sometimes keeps the body of a malformed one as text.
  const item = r.parsed?.items[0];
  const droppedOnPurpose = scriptText([item?.title, item?.summaryHtml, item?.contentHtml].join(' '));
  const lost = kept.filter((w) => !ours.includes(w) && !droppedOnPurpose.includes(w));
  return lost.length === 0 ? 'held' : 'failed';
}

/** One case per expectation we can judge: `file#expect-N` (N indexes the manifest's `expect` list). */
export function feedparserCases(e: ManifestEntry, r: Run): Case[] {
  const out: Case[] = [];
  const group = `feedparser ${e.category}`;
  e.expect.forEach((expr, i) => {
    const id = `${e.file}#expect-${i}`;
    const note = expr.slice(0, 160);
    if (e.category.startsWith('sanitize')) {
      const v = checkSanitize(r, expr);
      if (v !== 'n/a') out.push({ id, group, held: v === 'held', must: 'sanitize', note });
      return;
    }
    const verdicts = splitAnd(expr).map((c) => checkClause(parseClause(c), r));
    // Judge an expectation only when every clause is about something we model.
    if (verdicts.includes('n/a')) return;
    // `not bozo` alone says nothing about normalized fields.
    if (verdicts.length === 1 && /^\s*not bozo\s*$/.test(expr)) return;
    out.push({ id, group, held: verdicts.every((v) => v === 'held'), note });
  });
  return out;
}
