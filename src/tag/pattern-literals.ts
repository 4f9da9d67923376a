// A cheap necessary condition for a topic pattern that has no heads (pattern-heads.ts): literal strings one of which
// every match contains ("\b(?:\w+ais|sont) dans la rue\b" -> " dans la rue"). A field holding none of them cannot
// match, and a few substring searches cost far less than the regular expression scanning the field from each word.

/** What is known of the strings a part of a pattern matches. */
interface Info {
  /** Every string it can match, when they are few. */
  exact?: string[];
  /** Non-empty strings one of which every match contains. */
  need?: string[];
}

/** Larger sets are not worth the substring searches (and cross products grow fast). */
const MAX_STRINGS = 32;
const ANY: Info = {};
const EMPTY: Info = { exact: [''] };
/** Escapes of characters that stand for themselves. */
const LITERAL_ESCAPE = /^[\^$\\.*+?()[\]{}|/-]$/;

class GiveUp extends Error {}

const dedupe = (xs: string[]) => [...new Set(xs)];

/** Members that contain another member add nothing: the shorter one is present whenever they are. */
function minimal(xs: string[]): string[] {
  const set = dedupe(xs);
  return set.filter((x) => !set.some((y) => y !== x && x.includes(y)));
}

/** A need set from what a part matches: its own need, else its exact strings if none is empty. */
function needOf(i: Info): string[] | undefined {
  if (i.need) return i.need;
  if (i.exact && i.exact.length && !i.exact.includes('')) return i.exact;
  return undefined;
}

/** The more selective of two need sets: longer shortest member, then fewer members. */
function better(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a) return b;
  if (!b) return a;
  const la = Math.min(...a.map((x) => x.length));
  const lb = Math.min(...b.map((x) => x.length));
  if (la !== lb) return la > lb ? a : b;
  return a.length <= b.length ? a : b;
}

class Reader {
  i = 0;
  constructor(private readonly src: string) {}

  /** Alternatives up to ")" or the end. */
  alternation(): Info {
    const alts: Info[] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    if (alts.length === 1) return alts[0] ?? ANY;
    const exacts = alts.map((a) => a.exact);
    const exact = exacts.every((e) => e) ? dedupe(exacts.flat() as string[]) : undefined;
    const needs = alts.map(needOf);
    const need = needs.every((n) => n) ? minimal(needs.flat() as string[]) : undefined;
    return {
      exact: exact && exact.length <= MAX_STRINGS ? exact : undefined,
      need: need && need.length <= MAX_STRINGS ? need : undefined,
    };
  }

  /** Items up to "|", ")" or the end: literal runs multiply out, the best need set found along the way is kept. */
  private sequence(): Info {
    let run: string[] = [''];
    let allExact = true;
    let need: string[] | undefined;
    const flush = () => {
      if (!run.includes('')) need = better(need, minimal(run));
      run = [''];
    };
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const item = this.quantified(this.atom());
      const exact = item.exact;
      if (exact && run.length * exact.length <= MAX_STRINGS) {
        run = run.flatMap((a) => exact.map((b) => a + b));
        continue;
      }
      allExact = false;
      flush();
      if (item.exact) run = item.exact;
      need = better(need, needOf(item));
    }
    const exact = allExact ? run : undefined;
    flush();
    return { exact, need };
  }

  private quantified(item: Info): Info {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '?' || c === '*' || c === '+') {
      this.i++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new GiveUp();
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[3] ? Number(m[3]) : Infinity;
      if (m[2] === undefined) max = min;
    } else {
      return item;
    }
    if (this.src[this.i] === '?') this.i++; // lazy: matches the same strings
    if (min === 1 && max === 1) return item;
    if (min === 0) return max === 1 && item.exact ? { exact: dedupe([...item.exact, '']) } : ANY;
    return { need: needOf(item) };
  }

  private atom(): Info {
    const c = this.src[this.i++];
    if (c === '(') {
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (/^\?<?[=!]/.test(this.src.slice(this.i))) {
        // A lookaround matches no characters: what it asks of its surroundings is not needed here.
        this.i += this.src[this.i + 1] === '<' ? 3 : 2;
        this.alternation();
        this.close();
        return EMPTY;
      } else if (this.src[this.i] === '?') throw new GiveUp();
      const inner = this.alternation();
      this.close();
      return inner;
    }
    if (c === '[') {
      for (; this.i < this.src.length && this.src[this.i] !== ']'; this.i++) if (this.src[this.i] === '\\') this.i++;
      if (this.src[this.i++] !== ']') throw new GiveUp();
      return ANY;
    }
    if (c === '\\') {
      const e = this.src[this.i++] ?? '';
      if (e === 'b' || e === 'B') return EMPTY;
      if (/^[wWdDsS]$/.test(e)) return ANY;
      if (LITERAL_ESCAPE.test(e)) return { exact: [e] };
      throw new GiveUp(); // \p{..}, \u...., back references: not read here
    }
    if (c === '.') return ANY;
    if (c === '^' || c === '$') return EMPTY;
    if (c === undefined || c === '{' || c === '}' || c === '*' || c === '+' || c === '?') throw new GiveUp();
    return { exact: [c] };
  }

  private close(): void {
    if (this.src[this.i++] !== ')') throw new GiveUp();
  }
}

/**
 * Literal strings one of which is in every match of `source` (a regular expression without the i flag), or
 * undefined when none can be told: the pattern then runs on every field.
 */
export function requiredLiterals(source: string): string[] | undefined {
  try {
    const r = new Reader(source);
    const info = r.alternation();
    if (r.i !== source.length) return undefined;
    return needOf(info);
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

/**
 * What a literal asks of one token of a folded text (tokens joined by single spaces): " dans la rue" holds a token
 * "dans"; "manifestants arretes" a token ending in "manifestants"; "ois" a token containing "ois".
 */
export interface TokenTest {
  kind: 'exact' | 'prefix' | 'suffix' | 'within';
  word: string;
}

/**
 * How telling a test is: a longer word is rarer, a whole word a little more telling than a word's end; short words
 * ("de", "ont") are in most texts of their language whatever kind.
 */
const rank = (t: TokenTest) => t.word.length + (t.kind === 'exact' && t.word.length > 3 ? 2 : 0);

/** The most telling token test of a literal (see rank). */
function tokenTest(literal: string): TokenTest | undefined {
  const parts = literal.split(' ');
  if (parts.length === 1) return literal ? { kind: 'within', word: literal } : undefined;
  const tests: TokenTest[] = parts.slice(1, -1).map((word) => ({ kind: 'exact', word }));
  if (parts[0]) tests.push({ kind: 'suffix', word: parts[0] });
  const last = parts[parts.length - 1];
  if (last) tests.push({ kind: 'prefix', word: last });
  let best: TokenTest | undefined;
  for (const t of tests) {
    if (!t.word) continue;
    if (!best || rank(t) > rank(best)) best = t;
  }
  return best;
}

/**
 * Token tests one of which some token of a folded text passes whenever it holds one of `literals`: checked once per
 * distinct word instead of searching every text. Undefined when a literal asks nothing of a token (" ").
 */
export function tokenTests(literals: readonly string[]): TokenTest[] | undefined {
  const out: TokenTest[] = [];
  for (const l of literals) {
    const t = tokenTest(l);
    if (!t) return undefined;
    if (!out.some((x) => x.kind === t.kind && x.word === t.word)) out.push(t);
  }
  return out;
}

/** A literal with its token test and where the test's word stands in it. */
export interface LiteralCheck {
  literal: string;
  test: TokenTest;
  /** Offset of the test's word in the literal (prefix and exact tests; a suffix test's word opens it). */
  at: number;
}

/**
 * Per literal, its token test placed in it, or undefined when a literal asks nothing of a token: a token that passes
 * a literal's test fixes where in the text the literal would stand, so one comparison there tells whether it does.
 */
export function literalChecks(literals: readonly string[]): LiteralCheck[] | undefined {
  const out: LiteralCheck[] = [];
  for (const literal of literals) {
    const test = tokenTest(literal);
    if (!test) return undefined;
    const parts = literal.split(' ');
    // The test's word is the last part (prefix), the first (suffix) or the middle part it names (exact).
    let k = 0;
    if (test.kind === 'prefix') k = parts.length - 1;
    else if (test.kind === 'exact') k = parts.indexOf(test.word, 1);
    const at = parts.slice(0, k).reduce((n, w) => n + w.length + 1, 0);
    out.push({ literal, test, at });
  }
  return out;
}

/**
 * Whether one of `checks`' literals stands in `text` (folded tokens joined by single spaces) where the token `tok`,
 * at [start, end) of it, passes the literal's test. A literal the text holds passes its test at one of its tokens,
 * so asking this at every token that opened the pattern's gate is asking `text.includes` of each literal.
 */
export function literalAround(
  checks: readonly LiteralCheck[],
  text: string,
  tok: string,
  start: number,
  end: number,
): boolean {
  for (const c of checks) {
    if (!passes(c.test, tok)) continue;
    // A literal without a space is inside the token: passing is holding it.
    if (c.test.kind === 'within') return true;
    const from = c.test.kind === 'suffix' ? end - c.test.word.length : start - c.at;
    if (from >= 0 && text.startsWith(c.literal, from)) return true;
  }
  return false;
}

export function passes(t: TokenTest, tok: string): boolean {
  if (t.kind === 'exact') return tok === t.word;
  if (t.kind === 'prefix') return tok.startsWith(t.word);
  if (t.kind === 'suffix') return tok.endsWith(t.word);
  return tok.includes(t.word);
}

/** Token tests of many patterns, found for a token by a few lookups instead of running each. */
export interface GateIndex {
  exact: Map<string, number[]>;
  /** Prefix and suffix tests by their first (last) two letters. */
  prefix: Map<number, { word: string; pattern: number }[]>;
  suffix: Map<number, { word: string; pattern: number }[]>;
  /** Tests no key finds: a word inside a token, ends of one letter. */
  other: { test: TokenTest; pattern: number }[];
}

const pairKey = (a: number, b: number) => a * 0x10000 + b;

/** `tests[k]`: pattern k's token tests (undefined: the pattern has none and is never reported). */
export function buildGateIndex(tests: readonly (readonly TokenTest[] | undefined)[]): GateIndex {
  const ix: GateIndex = { exact: new Map(), prefix: new Map(), suffix: new Map(), other: [] };
  const add = <K>(map: Map<K, { word: string; pattern: number }[]>, key: K, word: string, pattern: number) => {
    const list = map.get(key);
    if (list) list.push({ word, pattern });
    else map.set(key, [{ word, pattern }]);
  };
  tests.forEach((list, pattern) => {
    for (const t of list ?? []) {
      const w = t.word;
      if (t.kind === 'exact') ix.exact.set(w, [...(ix.exact.get(w) ?? []), pattern]);
      else if (t.kind === 'prefix' && w.length >= 2)
        add(ix.prefix, pairKey(w.charCodeAt(0), w.charCodeAt(1)), w, pattern);
      else if (t.kind === 'suffix' && w.length >= 2)
        add(ix.suffix, pairKey(w.charCodeAt(w.length - 2), w.charCodeAt(w.length - 1)), w, pattern);
      else ix.other.push({ test: t, pattern });
    }
  });
  return ix;
}

/** Calls `open(pattern)` for each pattern one of whose tests `tok` passes (a pattern may come more than once). */
export function gatesOf(ix: GateIndex, tok: string, open: (pattern: number) => void): void {
  for (const p of ix.exact.get(tok) ?? []) open(p);
  if (tok.length >= 2) {
    const n = tok.length;
    for (const e of ix.prefix.get(pairKey(tok.charCodeAt(0), tok.charCodeAt(1))) ?? [])
      if (tok.startsWith(e.word)) open(e.pattern);
    for (const e of ix.suffix.get(pairKey(tok.charCodeAt(n - 2), tok.charCodeAt(n - 1))) ?? [])
      if (tok.endsWith(e.word)) open(e.pattern);
  }
  for (const o of ix.other) if (passes(o.test, tok)) open(o.pattern);
}
