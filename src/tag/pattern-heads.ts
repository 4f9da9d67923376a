// A cheap necessary condition for a topic pattern: the literal letters a match must start with ("\b(?:seiz\w*|took)"
// starts with "sei" or "too"). Patterns run over every field; most fields hold none of a pattern's heads, and a
// set lookup settles that before the regular expression scans the text. A pattern without heads is first asked for
// one of the literals every match contains (pattern-literals.ts).
import {
  buildGateIndex,
  gatesOf,
  literalAround,
  literalChecks,
  requiredLiterals,
  tokenTests,
  type GateIndex,
  type LiteralCheck,
} from './pattern-literals.ts';

/** Top-level alternatives of a pattern source: split at "|" outside groups, classes and escapes. */
function alternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(src.slice(from, i));
      from = i + 1;
    }
  }
  out.push(src.slice(from));
  return out;
}

/** Index of the ")" closing the group opened at `open`, or -1. */
function closing(src: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

const QUANTIFIER = /^[?*+{]/;
/** The head of an alternative that starts with a digit ("\\b\\d+ percent"): any word start that is a digit. */
export const DIGIT_HEAD = '\\d';
const LETTER = /^[a-z0-9]$/;

/**
 * The heads of one alternative (DIGIT_HEAD for "\d", "\d+"), or undefined when it may start with anything (a class, "\w") or
 * anywhere in a word (no "\b" before it: a head is only looked for at word starts).
 */
function headsOf(alt: string, anchored: boolean): string[] | undefined {
  if (!anchored && !alt.startsWith('\\b')) return undefined;
  const s = alt.startsWith('\\b') ? alt.slice(2) : alt;
  if (s.startsWith('(?:')) {
    const end = closing(s, 0);
    if (end < 0 || QUANTIFIER.test(s.slice(end + 1))) return undefined;
    const inner = alternatives(s.slice(3, end)).map((a) => headsOf(a, true));
    if (inner.some((h) => h === undefined)) return undefined;
    return inner.flat() as string[];
  }
  // A digit, once or more ("\d", "\d+", "\d\d"), not optional ("\d?", "\d*", "\d{0,2}").
  if (s.startsWith('\\d')) return /^[?*{]/.test(s.slice(2)) ? undefined : [DIGIT_HEAD];
  let head = '';
  for (let i = 0; i < s.length && LETTER.test(s[i] ?? ''); i++) {
    if (QUANTIFIER.test(s.slice(i + 1))) break;
    head += s[i];
  }
  return head.length >= 2 ? [head] : undefined;
}

/**
 * The literal heads a match of `source` must begin with, at a word start of the folded text; undefined when
 * the pattern cannot be bounded this way (it then always runs).
 */
export function patternHeads(source: string): string[] | undefined {
  const heads = alternatives(source).map((a) => headsOf(a, false));
  if (heads.some((h) => h === undefined)) return undefined;
  return [...new Set(heads.flat() as string[])];
}

const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
const isDigitCode = (c: number) => c >= 48 && c <= 57;

/** Patterns by the first two letters of their heads; patterns without heads run on every field. */
export interface HeadIndex {
  byStart: Map<number, { pattern: number; head: string }[]>;
  /** Patterns with a digit head: tried at every word start that is a digit. */
  digits: number[];
  always: number[];
  /** 1 for each pattern in `always`: read per pattern and field. */
  anywhere: Uint8Array;
  /** Per pattern, literals one of which every match contains (undefined: none known). */
  literals: (readonly string[] | undefined)[];
  /** What of them one token can tell (pattern-literals.ts): a field none of whose tokens opens a gate skips it. */
  gates: GateIndex;
  /** 1 for each pattern that has a gate. */
  gated: Uint8Array;
  /** Per pattern in `always` that has a gate, its literals placed by their tests (pattern-literals.ts literalChecks). */
  checks: (readonly LiteralCheck[] | undefined)[];
  size: number;
}

export function buildHeadIndex(sources: readonly string[]): HeadIndex {
  const byStart = new Map<number, { pattern: number; head: string }[]>();
  const always: number[] = [];
  const digits: number[] = [];
  sources.forEach((src, pattern) => {
    const heads = patternHeads(src);
    if (!heads) return void always.push(pattern);
    for (const head of heads) {
      if (head === DIGIT_HEAD) {
        digits.push(pattern);
        continue;
      }
      const key = head.charCodeAt(0) * 128 + head.charCodeAt(1);
      byStart.set(key, [...(byStart.get(key) ?? []), { pattern, head }]);
    }
  });
  const anywhere = new Uint8Array(sources.length);
  for (const k of always) anywhere[k] = 1;
  const literals = sources.map((src) => requiredLiterals(src));
  const tests = literals.map((l) => l && tokenTests(l));
  const gated = new Uint8Array(tests.map((t) => (t ? 1 : 0)));
  const gates = buildGateIndex(tests);
  const checks = literals.map((l, k) => (anywhere[k] && gated[k] && l ? literalChecks(l) : undefined));
  return { byStart, always, anywhere, digits, literals, gates, gated, checks, size: sources.length };
}

const NONE: readonly number[] = [];

/** The patterns (besides `always`) one of whose heads starts a word inside this folded token, each once. */
export function tokenPatterns(index: HeadIndex, tok: string): readonly number[] {
  let out: number[] | undefined;
  for (let i = 0; i < tok.length; i++) {
    const a = tok.charCodeAt(i);
    if (!isWordCode(a) || (i > 0 && isWordCode(tok.charCodeAt(i - 1)))) continue;
    if (isDigitCode(a)) for (const p of index.digits) if (!out?.includes(p)) (out ??= []).push(p);
    if (i + 1 >= tok.length) continue;
    const list = index.byStart.get(a * 128 + tok.charCodeAt(i + 1));
    if (list)
      for (const c of list) if (!out?.includes(c.pattern) && tok.startsWith(c.head, i)) (out ??= []).push(c.pattern);
  }
  return out ?? NONE;
}

/** The offset tokenPatternStarts gives a pattern without heads whose literal this token may be part of. */
const GATE = -1;

/**
 * Where in this folded token a head of a pattern starts a word, as flat pairs [pattern, offset, pattern, offset...]
 * in order of offset: the only places a match of that pattern may start; then [pattern, GATE] for each pattern whose
 * gate this token opens (HeadIndex.gates).
 */
export function tokenPatternStarts(index: HeadIndex, tok: string): readonly number[] {
  let out: number[] | undefined;
  for (let i = 0; i < tok.length; i++) {
    const a = tok.charCodeAt(i);
    if (!isWordCode(a) || (i > 0 && isWordCode(tok.charCodeAt(i - 1)))) continue;
    if (isDigitCode(a)) for (const p of index.digits) (out ??= []).push(p, i);
    if (i + 1 >= tok.length) continue;
    const list = index.byStart.get(a * 128 + tok.charCodeAt(i + 1));
    if (list) for (const c of list) if (tok.startsWith(c.head, i)) (out ??= []).push(c.pattern, i);
  }
  gatesOf(index.gates, tok, (p) => void (out ??= []).push(p, GATE));
  return out ?? NONE;
}

/**
 * Per pattern, the offsets in `tokens.join(' ')` where a match may start (ascending), or undefined where none may;
 * patterns without heads (`always`) are left to run everywhere. `known(i)`, when given, is tokenPatternStarts of
 * token i looked up already.
 */
export function patternStartOffsets(
  index: HeadIndex,
  tokens: readonly string[],
  known?: (i: number) => readonly number[] | undefined,
): (number[] | undefined)[] {
  const starts: (number[] | undefined)[] = new Array<number[] | undefined>(index.size).fill(undefined);
  let at = 0;
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k] ?? '';
    const pairs = known?.(k) ?? tokenPatternStarts(index, tok);
    for (let j = 0; j + 1 < pairs.length; j += 2) {
      const offset = pairs[j + 1] ?? 0;
      if (offset !== GATE) (starts[pairs[j] ?? 0] ??= []).push(at + offset);
    }
    at += tok.length + 1;
  }
  return starts;
}

/**
 * The patterns that may match in these folded tokens: a head starts one of their words (\b sees runs of
 * [a-z0-9_], so a non-ASCII letter splits a token). A necessary condition: each pattern still decides.
 * `known(i)`, when given, is tokenPatterns of token i looked up already.
 */
export function candidatePatterns(
  index: HeadIndex,
  tokens: readonly string[],
  known?: (i: number) => readonly number[] | undefined,
): Uint8Array {
  const hit = new Uint8Array(index.size);
  for (const p of index.always) hit[p] = 1;
  for (let k = 0; k < tokens.length; k++) {
    const list = known?.(k) ?? tokenPatterns(index, tokens[k] ?? '');
    for (let j = 0; j < list.length; j++) hit[list[j] ?? 0] = 1;
  }
  return hit;
}

/** A pattern as scanPatterns runs it: `re` (global) scans a whole text, `at` (sticky) tries one offset. */
export interface ScannedPattern {
  re: RegExp;
  at: RegExp;
}

/**
 * Each pattern's first match in `words.join(' ')`, in pattern order, as `found(k, match)`: what `re` finds scanning the
 * whole text, looked for only where it may start (heads) or where it may be at all (literals). `known(i)` is
 * tokenPatternStarts of token i looked up already.
 */
export function scanPatterns(
  index: HeadIndex,
  patterns: readonly ScannedPattern[],
  words: readonly string[],
  known: ((i: number) => readonly number[] | undefined) | undefined,
  found: (k: number, match: string) => void,
): void {
  // Every token's pairs with offsets into the joined text, and the gates they open; most fields open none.
  const pairs = scanPairs;
  const openers = scanOpeners;
  const open = scanOpen(index.size);
  pairs.length = 0;
  openers.length = 0;
  let opened = false;
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    const tok = words[i] ?? '';
    const list = known?.(i) ?? tokenPatternStarts(index, tok);
    for (let j = 0; j + 1 < list.length; j += 2) {
      const p = list[j] ?? 0;
      const offset = list[j + 1] ?? 0;
      if (offset !== GATE) pairs.push(p, at + offset);
      else {
        if (index.checks[p]) openers.push(p, i, at);
        if (!open[p]) {
          open[p] = 1;
          opened = true;
        }
      }
    }
    at += tok.length + 1;
  }
  // The patterns to try, in pattern order: with a start here (and an open gate), or without heads (gate open or none).
  const run: number[] = [];
  for (let j = 0; j < pairs.length; j += 2) {
    const p = pairs[j] ?? 0;
    if ((!index.gated[p] || open[p]) && !run.includes(p)) run.push(p);
  }
  for (const p of index.always) if (!index.gated[p] || open[p]) run.push(p);
  if (opened) open.fill(0);
  if (!run.length) return;
  // A few patterns: sorted in place (Array.prototype.sort with a comparator copies the array).
  for (let j = 1; j < run.length; j++) {
    const p = run[j] ?? 0;
    let i = j - 1;
    for (; i >= 0 && (run[i] ?? 0) > p; i--) run[i + 1] = run[i] ?? 0;
    run[i + 1] = p;
  }
  const folded = words.join(' ');
  for (const k of run) {
    const p = patterns[k] as ScannedPattern;
    let hit: RegExpExecArray | null = null;
    if (index.anywhere[k]) {
      // A token opened its gate, but the text may still hold none of the literals a match contains: then the scan,
      // which tries the pattern from every word ("\w+ais dans la rue"), cannot match. A comparison at each token that
      // opened it tells, for less than searching the whole text for every literal (which cost 4% of tagging).
      const checks = index.checks[k];
      if (checks ? !openedAround(checks, openers, k, words, folded) : !holdsOne(folded, index.literals[k])) continue;
      p.re.lastIndex = 0;
      hit = p.re.exec(folded);
    } else {
      // Its starts in token order, which is text order.
      for (let j = 0; j < pairs.length && !hit; j += 2) {
        if (pairs[j] !== k) continue;
        p.at.lastIndex = pairs[j + 1] ?? 0;
        hit = p.at.exec(folded);
      }
    }
    if (hit) found(k, hit[0]);
  }
}

/** Past this many literals the searches cost more than the scan they may save (a pattern's 30 phrasings). */
const LITERAL_SEARCHES = 4;

/** Whether `text` may hold a match: it contains one of `literals`, or they are too many to look for, or unknown. */
function holdsOne(text: string, literals: readonly string[] | undefined): boolean {
  if (!literals || literals.length > LITERAL_SEARCHES) return true;
  for (const l of literals) if (text.includes(l)) return true;
  return false;
}

/**
 * Whether a literal of pattern k stands around one of the tokens that opened its gate (openers: flat triples of
 * pattern, token index and the token's offset in `text`).
 */
function openedAround(
  checks: readonly LiteralCheck[],
  openers: readonly number[],
  k: number,
  words: readonly string[],
  text: string,
): boolean {
  for (let j = 0; j + 2 < openers.length; j += 3) {
    if (openers[j] !== k) continue;
    const tok = words[openers[j + 1] ?? 0] ?? '';
    const start = openers[j + 2] ?? 0;
    if (literalAround(checks, text, tok, start, start + tok.length)) return true;
  }
  return false;
}

/** scanPatterns' scratch: it runs to the end without yielding, one call at a time. */
const scanPairs: number[] = [];
const scanOpeners: number[] = [];
let openScratch = new Uint8Array(0);
const scanOpen = (size: number) => (openScratch.length >= size ? openScratch : (openScratch = new Uint8Array(size)));
