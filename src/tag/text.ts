// Tokenizing and folding: one tokenizer for gazetteer phrases, keywords and entry text, so they always agree.

/** A text split into word tokens: folded (lower case, no accents) plus what case rules need from the original. */
export interface Tokens<X = undefined> {
  /** Folded tokens: "Perú" -> "peru". */
  folded: string[];
  start: number[];
  end: number[];
  /** First letter is upper case in the original. */
  upperFirst: boolean[];
  /** Every letter is upper case (acronyms: EU, DRC). */
  allUpper: boolean[];
  /** Per token, what the tokenizer's owner attached to its folded form (see createTokenizer). */
  info: X[];
  /** The field is written in Title Case, so capitals say little about proper nouns. */
  titleCase: boolean;
  text: string;
}

// Word characters are what [\p{L}\p{M}\p{N}] matches, read per code point. The scan below classifies them
// with a table instead of running a regex per token: tokenizing is most of the cost of tagging.
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const LETTER = /\p{L}/u;
const MARKS = /\p{M}+/gu;
/** ASCII word characters: a-z, A-Z, 0-9. */
const ASCII_WORD = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) ASCII_WORD[c] = /[a-zA-Z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
/**
 * Currency signs before an amount read as words, for the countries whose money they name (`currencies` in
 * countries.yaml): "£" and "₹" alone, "$" after one to three capitals ("R$", "A$", "HK$", "US$": one word, so
 * "US$ 5 million" names no country).
 */
const POUND_SIGN = 0xa3;
const RUPEE_SIGN = 0x20b9;
const DOLLAR_SIGN = 0x24;
const MAX_DOLLAR_PREFIX = 3;

/** Whether an amount starts at `i`: a digit, or a space and a digit ("£2m", "R$ 10"). A sign elsewhere is no money. */
function amountAt(text: string, i: number): boolean {
  const isDigit = (c: number) => c >= 48 && c <= 57;
  const c = text.charCodeAt(i);
  return isDigit(c) || ((c === 0x20 || c === 0xa0) && isDigit(text.charCodeAt(i + 1)));
}

/** Whether text[start, end) is one to MAX_DOLLAR_PREFIX capitals: a dollar sign after them is part of the word. */
function dollarPrefix(text: string, start: number, end: number): boolean {
  if (end - start > MAX_DOLLAR_PREFIX) return false;
  for (let j = start; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** BMP code units met so far: 0 not yet classified, 1 word character, 2 not. */
const bmpClass = new Uint8Array(0x10000);

function isWordPoint(cp: number): boolean {
  if (cp < 0x80) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57);
  if (cp > 0xffff) return WORD_CHAR.test(String.fromCodePoint(cp));
  let c = bmpClass[cp] ?? 0;
  if (c === 0) bmpClass[cp] = c = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
  return c === 1;
}

/** Only a-z and 0-9: already folded. */
function isPlain(word: string): boolean {
  if (!word.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 0x80) return false;
  return true;
}

function hasAsciiLower(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

const foldSlow = (word: string) => word.toLowerCase().normalize('NFD').replace(MARKS, '');

/**
 * Nouns (folded) for one town, city or province, per language: a demonym beside one names the country the place is
 * in ("la cidade uruguaia", "the Argentine province", "esta provincia argentina").
 */
export const TOWN_NOUNS: Readonly<Record<'en' | 'de' | 'es' | 'pt' | 'fr', readonly string[]>> = {
  en: ['city', 'town', 'province'],
  de: ['stadt', 'provinz'],
  es: ['ciudad', 'provincia', 'localidad'],
  pt: ['cidade', 'provincia'],
  fr: ['ville', 'province', 'localite'],
};

/** "And" (folded) in the five languages: what joins two names into a pair ("Paris et Alger"). */
export const AND_WORDS: ReadonlySet<string> = new Set(['and', 'y', 'e', 'et', 'und']);

/** Lower case without diacritics; ß and ł stay as they are on both sides, which is all matching needs. */
export function fold(word: string): string {
  return isPlain(word) ? word : foldSlow(word);
}

/** Whether a phrase (its folded words) stands in the folded words from word `i` on. */
export function phraseAt(folded: readonly string[], i: number, phrase: readonly string[]): boolean {
  return phrase.every((w, k) => folded[i + k] === w);
}

/** Folded tokens of a phrase, as used for dictionary keys ("Côte d'Ivoire" -> cote d ivoire). */
export function foldPhrase(phrase: string): string[] {
  // A currency sign is a word only before an amount: a key that is one ("R$", "£") is read as if one followed.
  if (/[$£₹]$/.test(phrase)) return tokenize(`${phrase} 0`).folded.slice(0, -1);
  return tokenize(phrase).folded;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/**
 * Words Title Case leaves in lower case, whatever their length: prepositions and conjunctions ("with", "between").
 * Any other word in lower case ("card", "wins", "headline") is a sentence-case headline's.
 */
const TITLE_CASE_LOWER: ReadonlySet<string> = new Set(
  (
    'with from into over onto upon than that amid near past like down till unto when about above across after against ' +
    'along among around before behind below beneath beside besides between beyond despite during except inside ' +
    'outside since through toward towards under until versus within without while where there their'
  ).split(' '),
);

/** What a word as written says, computed once per distinct word (most words of news text repeat). */
interface Word<X> {
  folded: string;
  upperFirst: boolean;
  allUpper: boolean;
  /** A word in lower case that Title Case would capitalise (no preposition or conjunction): see scan's titleCase. */
  lowerContent: boolean;
  info: X;
}

function readWord<X>(w: string, info: (folded: string) => X): Word<X> {
  const first = w.charCodeAt(0);
  const up = first < 0x80 ? first >= 65 && first <= 90 : isUpper(w.charAt(0));
  let folded = w;
  if (!isPlain(w)) folded = isAscii(w) ? w.toLowerCase() : foldSlow(w);
  const allUpper = up && w.length > 1 && !hasAsciiLower(w) && w === w.toUpperCase() && LETTER.test(w);
  const lowerContent = !up && !TITLE_CASE_LOWER.has(folded);
  return { folded, upperFirst: up, allUpper, lowerContent, info: info(folded) };
}

/** Distinct words a tokenizer remembers; past this it starts over. */
const WORD_CACHE_MAX = 50_000;
/** Open addressing, kept under 40% full. */
const TABLE_BITS = 17;
/**
 * V8 keeps a slice of 13 characters or more as a view of its whole string: a word the table keeps (its key, the word
 * and its folded form) would pin its entry's text. Such words are copied first ("x" + word is a new string; slicing
 * that views only the copy).
 */
const SLICE_MIN_CHARS = 12;
const ownCopy = (w: string) => `_${w}`.slice(1);

/**
 * Words met so far, found by a hash the scan computes as it reads each character: no slice and no string hashing
 * for a word seen before (a Map keyed by the sliced word cost a third of tokenizing).
 */
class WordTable<X> {
  private readonly slots = new Int32Array(1 << TABLE_BITS);
  private raws: string[] = [''];
  private words: Word<X>[] = [];
  /**
   * Each word's full hash, by id: a slot of another word (the neighbours a probe passes) is told by one number, and
   * the characters are compared only for the word it most likely is, in a loop instead of a startsWith call.
   */
  private readonly hashes = new Int32Array(WORD_CACHE_MAX + 1);

  constructor(private readonly info: (folded: string) => X) {}

  get(text: string, start: number, end: number, hash: number): Word<X> {
    const mask = (1 << TABLE_BITS) - 1;
    const len = end - start;
    let slot = hash & mask;
    for (let id = this.slots[slot] ?? 0; id !== 0; id = this.slots[slot] ?? 0) {
      const raw = this.hashes[id] === hash ? (this.raws[id] ?? '') : '';
      if (raw.length === len) {
        let j = 0;
        while (j < len && raw.charCodeAt(j) === text.charCodeAt(start + j)) j++;
        if (j === len) return this.words[id - 1] as Word<X>;
      }
      slot = (slot + 1) & mask;
    }
    const w = len > SLICE_MIN_CHARS ? ownCopy(text.slice(start, end)) : text.slice(start, end);
    const word = readWord(w, this.info);
    if (this.words.length >= WORD_CACHE_MAX) {
      this.slots.fill(0);
      this.raws = [''];
      this.words = [];
      slot = hash & mask;
    }
    this.raws.push(w);
    this.words.push(word);
    this.hashes[this.words.length] = hash;
    this.slots[slot] = this.words.length;
    return word;
  }
}

/**
 * A tokenizer that attaches `info(folded)` to every token, computed once per distinct word: the tagger keeps there
 * what each of its lookups (place names, topic keywords, pattern heads) makes of the word, so a token costs one table
 * lookup however many tables read it. `remember` false: nothing kept (dictionary keys, each met once).
 *
 * With a `slot` (a small number), the tokens are left in arrays the tokenizer keeps for that slot, cut to length: they
 * hold until the next call with the same slot, and the caller must not keep them longer (the tagger tokenizes an
 * entry's fields into slots 0, 1 and 2 and reads them only while tagging it). Without one, they are copied out.
 */
export function createTokenizer<X>(
  info: (folded: string) => X,
  remember = true,
): (text: string, slot?: number) => Tokens<X> {
  if (!remember) return (text) => scan(text, info, undefined, newScratch<X>(), 'fresh');
  const table = new WordTable(info);
  // Tokens are gathered in arrays kept from call to call, then copied out at their final size, or left in a slot's
  // own arrays: pushing onto new arrays grew each of the six several times per body, and copying them out was still
  // a sixth of tagging's allocation. What the arrays keep past a call is the table's own words. A nested call (from
  // `info`) gets arrays of its own.
  const scratch = newScratch<X>();
  const slots: Scratch<X>[] = [];
  let busy = false;
  return (text, slot) => {
    if (busy) return scan(text, info, table, newScratch<X>(), 'fresh');
    busy = true;
    try {
      if (slot === undefined) return scan(text, info, table, scratch, 'copy');
      return scan(text, info, table, (slots[slot] ??= newScratch<X>()), 'cut');
    } finally {
      busy = false;
    }
  };
}

/** Where scan gathers a text's tokens: the per-token arrays of Tokens. */
type Scratch<X> = Omit<Tokens<X>, 'titleCase' | 'text'>;

const newScratch = <X>(): Scratch<X> => ({ folded: [], start: [], end: [], upperFirst: [], allUpper: [], info: [] });

/**
 * Tokens of a text, gathered in `out`: each distinct word read once through the table, or every word read afresh
 * without one. `out` holds new arrays ('fresh', returned as they are), arrays kept for the next call ('copy': copied
 * out) or a slot's arrays ('cut': cut to this text's tokens and returned).
 */
function scan<X>(
  text: string,
  info: (folded: string) => X,
  table: WordTable<X> | undefined,
  out: Scratch<X>,
  mode: 'fresh' | 'copy' | 'cut',
): Tokens<X> {
  const { folded, start: starts, end: ends, upperFirst, allUpper, info: infos } = out;
  let k = 0;
  let longWords = 0;
  let capitalized = 0;
  let lowerContent = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    // ASCII by table, the rest (surrogate pairs too) by code point.
    let c = text.charCodeAt(i);
    const sign = (c === POUND_SIGN || c === RUPEE_SIGN) && amountAt(text, i + 1);
    if (!sign && (c < 0x80 ? ASCII_WORD[c] === 0 : !isWordPoint(text.codePointAt(i) ?? 0))) {
      i += c >= 0xd800 && c <= 0xdbff && (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let hash = 0;
    if (sign) {
      // A currency sign is a word of one character.
      hash = c;
      i++;
    } else {
      for (;;) {
        hash = (Math.imul(hash, 31) + c) | 0;
        if (c >= 0xd800 && c <= 0xdbff && (text.codePointAt(i) ?? 0) > 0xffff) {
          i++;
          hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
        }
        i++;
        if (i >= n) break;
        c = text.charCodeAt(i);
        if (c < 0x80 ? ASCII_WORD[c] === 0 : !isWordPoint(text.codePointAt(i) ?? 0)) break;
      }
    }
    if (c === DOLLAR_SIGN && i < n && dollarPrefix(text, start, i) && amountAt(text, i + 1)) {
      hash = (Math.imul(hash, 31) + c) | 0;
      i++;
    }
    const word = table ? table.get(text, start, i, hash) : readWord(text.slice(start, i), info);
    folded[k] = word.folded;
    starts[k] = start;
    ends[k] = i;
    upperFirst[k] = word.upperFirst;
    allUpper[k] = word.allUpper;
    infos[k] = word.info;
    k++;
    if (i - start >= 4) {
      longWords++;
      if (word.upperFirst) capitalized++;
      else if (word.lowerContent) lowerContent++;
    }
  }
  const cut = <T>(xs: T[]) => {
    if (mode === 'copy') return xs.slice(0, k);
    if (mode === 'cut') xs.length = k;
    return xs;
  };
  return {
    folded: cut(folded),
    start: cut(starts),
    end: cut(ends),
    upperFirst: cut(upperFirst),
    allUpper: cut(allUpper),
    info: cut(infos),
    // Title Case capitalises every word of four letters or more but a few prepositions and conjunctions: one such word
    // in lower case makes a sentence-case headline with several names ("Israel Adesanya books final bout at Auckland's
    // Spark Arena", "Israel Adesanya to headline UFC card in Perth", "Jordan Hale wins Australian PGA Championship").
    titleCase: longWords >= 3 && capitalized / longWords >= 0.6 && lowerContent === 0,
    text,
  };
}

/** Tokens with nothing attached, nothing remembered: for dictionary keys (each met once), datelines and tests. */
export const tokenize: (text: string) => Tokens = createTokenizer(() => undefined, false);

/** What a feed or our own normalize puts at the end of a summary cut from a longer text. */
const CUT_MARKS = ['[...]', '[…]', '...', '…'];

/**
 * The text without a cut mark at its end, trimmed: what `.replace(/\s*(?:…|\.\.\.|\[(?:…|\.\.\.)\])\s*$/, '').trim()`
 * gives, read from the end (that regex tried every position of a 500-character summary).
 */
function withoutCutMark(text: string): string {
  const t = text.trimEnd();
  const mark = CUT_MARKS.find((m) => t.endsWith(m));
  return (mark ? t.slice(0, -mark.length) : t).trim();
}
/** White space as String.prototype.trim and /\s/ see it (ECMAScript WhiteSpace and LineTerminator), by code unit. */
export function isSpace(c: number): boolean {
  // Printable ASCII and Latin-1 controls first: most characters of a text, none of them white space.
  if (c > 32 && c < 0xa0) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Where the opening of `body` (from `from`) stops repeating `summary`, white space counted alike whatever its run, or
 * -1 when it does not repeat it. A summary cut from the body (ours ends in "…", many feeds' in "..." or "[…]") is read
 * without its mark, and the repeat must end at a word's end. Summaries shorter than `min` characters are not looked
 * for: a short one repeated is a headline's words, not the body's opening.
 */
export function summaryRepeatEnd(body: string, from: number, summary: string, min = 60): number {
  const lede = withoutCutMark(summary);
  if (lede.length < min) return -1;
  let i = from;
  let j = 0;
  while (j < lede.length) {
    const a = lede.charCodeAt(j);
    if (isSpace(a)) {
      if (i >= body.length || !isSpace(body.charCodeAt(i))) return -1;
      while (j < lede.length && isSpace(lede.charCodeAt(j))) j++;
      while (i < body.length && isSpace(body.charCodeAt(i))) i++;
      continue;
    }
    if (i >= body.length || body.charCodeAt(i) !== a) return -1;
    i++;
    j++;
  }
  // "schools on" must not match the start of "schools one": a cut summary ends at a word's end.
  if (i < body.length && isWordChar(body.charCodeAt(i - 1)) && isWordChar(body.charCodeAt(i))) return -1;
  return i;
}

const isWordChar = (c: number) => (c < 0x80 ? ASCII_WORD[c] === 1 : isWordPoint(c));

/** Plain text from HTML content: tags dropped, common entities decoded; good enough for matching words. */
export function htmlToText(html: string, max = 20_000): string {
  const cut = html.length > max * 2 ? html.slice(0, max * 2) : html;
  const bare = dropTags(cut.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' '));
  const text = bare.includes('&')
    ? bare.replace(/&(nbsp|amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => decodeEntity(e))
    : bare;
  return text.length > max ? text.slice(0, max) : text;
}

/** Every `<...>` as one space: what .replace(/<[^>]*>/g, ' ') does, with indexOf instead of a regex per tag. */
function dropTags(html: string): string {
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const lt = html.indexOf('<', from);
    if (lt < 0) break;
    // [^>]* stops at the first '>'; with none left, no later '<' can close either.
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    parts.push(html.slice(from, lt), ' ');
    from = gt + 1;
  }
  if (!from) return html;
  parts.push(html.slice(from));
  return parts.join('');
}

function decodeEntity(e: string): string {
  const lower = e.toLowerCase();
  if (lower === 'nbsp') return ' ';
  if (lower === 'amp') return '&';
  if (lower === 'lt') return '<';
  if (lower === 'gt') return '>';
  if (lower === 'quot') return '"';
  if (lower === 'apos') return "'";
  const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
  return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
}

// A few very common words per language: enough to tell five languages apart on a headline and summary.
const FUNCTION_WORDS: Record<string, Set<string>> = {
  en: new Set('the of and to in is for on with as by at from that this are was after over'.split(' ')),
  es: new Set('el la los las del y en por para con que se una su al tras ante sobre'.split(' ')),
  pt: new Set('o os da do das dos e em no na com que uma por para ao pela pelo sobre nao'.split(' ')),
  fr: new Set('le la les des du et en dans pour avec que une sur au aux par est pas'.split(' ')),
  de: new Set('der die das und in im mit von zu den dem ist nicht ein eine fur auf gegen nach'.split(' ')),
};

const LANGUAGES = Object.keys(FUNCTION_WORDS);
/** Function word -> the languages (bits, in FUNCTION_WORDS order) that list it: one lookup per token, not five. */
const FUNCTION_WORD_LANGS = new Map<string, number>();
LANGUAGES.forEach((lang, bit) => {
  for (const w of FUNCTION_WORDS[lang] ?? [])
    FUNCTION_WORD_LANGS.set(w, (FUNCTION_WORD_LANGS.get(w) ?? 0) | (1 << bit));
});

/** The languages (bits, in FUNCTION_WORDS order) that list this folded word as a function word; 0 for none. */
export function functionWordBits(folded: string): number {
  return FUNCTION_WORD_LANGS.get(folded) ?? 0;
}

/** Best guess at the language of some token lists, or undefined when nothing tells. */
export function guessLanguage(lists: readonly (readonly string[])[]): string | undefined {
  const counts = new Array<number>(LANGUAGES.length).fill(0);
  for (const list of lists) for (const w of list) count(counts, functionWordBits(w));
  return mostCounted(counts);
}

/** guessLanguage from each token's functionWordBits as `langs`, looked up already (the tagger keeps it per word). */
export function guessLanguageOf(lists: readonly (readonly { langs: number }[])[]): string | undefined {
  const counts = new Array<number>(LANGUAGES.length).fill(0);
  for (const list of lists) for (const w of list) if (w.langs) count(counts, w.langs);
  return mostCounted(counts);
}

function count(counts: number[], bits: number): void {
  for (let k = 0; k < LANGUAGES.length; k++) if (bits & (1 << k)) counts[k] = (counts[k] ?? 0) + 1;
}

/** The first language with the most function words wins ties, as FUNCTION_WORDS lists them. */
function mostCounted(counts: readonly number[]): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  LANGUAGES.forEach((lang, k) => {
    if ((counts[k] ?? 0) > bestScore) {
      best = lang;
      bestScore = counts[k] ?? 0;
    }
  });
  return best;
}
