// Tokenizing and folding: one tokenizer for gazetteer phrases, keywords and entry text, so they always agree.

/** A text split into word tokens: folded (lower case, no accents) plus what case rules need from the original. */
export interface Tokens {
  /** Folded tokens: "Perú" -> "peru". */
  folded: string[];
  start: number[];
  end: number[];
  /** First letter is upper case in the original. */
  upperFirst: boolean[];
  /** Every letter is upper case (acronyms: EU, DRC). */
  allUpper: boolean[];
  /** The field is written in Title Case, so capitals say little about proper nouns. */
  titleCase: boolean;
  text: string;
}

// Word characters are what [\p{L}\p{M}\p{N}] matches, read per code point. The scan below classifies them
// with a table instead of running a regex per token: tokenizing is most of the cost of tagging.
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const LETTER = /\p{L}/u;
const MARKS = /\p{M}+/gu;
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

// Folding is the hot path; most tokens repeat, so a bounded cache pays for itself.
const foldCache = new Map<string, string>();

function foldCached(word: string): string {
  let f = foldCache.get(word);
  if (f === undefined) {
    f = word.toLowerCase().normalize('NFD').replace(MARKS, '');
    if (foldCache.size > 50_000) foldCache.clear();
    foldCache.set(word, f);
  }
  return f;
}

/** Lower case without diacritics; ß and ł stay as they are on both sides, which is all matching needs. */
export function fold(word: string): string {
  return isPlain(word) ? word : foldCached(word);
}

/** Folded tokens of a phrase, as used for dictionary keys ("Côte d'Ivoire" -> cote d ivoire). */
export function foldPhrase(phrase: string): string[] {
  return tokenize(phrase).folded;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function tokenize(text: string): Tokens {
  const t: Tokens = { folded: [], start: [], end: [], upperFirst: [], allUpper: [], titleCase: false, text };
  let longWords = 0;
  let capitalized = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let cp = text.codePointAt(i) ?? 0;
    if (!isWordPoint(cp)) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    // plain: only a-z and 0-9, so folding has nothing to do; ascii: folding is only lower-casing;
    // asciiLower: cannot be all upper case.
    let plain = true;
    let ascii = true;
    let asciiLower = false;
    do {
      if (cp >= 97 && cp <= 122) asciiLower = true;
      else if (cp < 48 || cp > 57) {
        plain = false;
        ascii &&= cp < 0x80;
      }
      i += cp > 0xffff ? 2 : 1;
    } while (i < n && isWordPoint((cp = text.codePointAt(i) ?? 0)));
    const w = text.slice(start, i);
    const first = text.charCodeAt(start);
    const up = first < 0x80 ? first >= 65 && first <= 90 : isUpper(w.charAt(0));
    let folded = w;
    if (!plain) folded = ascii ? w.toLowerCase() : foldCached(w);
    t.folded.push(folded);
    t.start.push(start);
    t.end.push(i);
    t.upperFirst.push(up);
    t.allUpper.push(up && w.length > 1 && !asciiLower && w === w.toUpperCase() && LETTER.test(w));
    if (w.length >= 4) {
      longWords++;
      if (up) capitalized++;
    }
  }
  t.titleCase = longWords >= 3 && capitalized / longWords >= 0.6;
  return t;
}

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

/** Best guess at the language of some token lists, or undefined when nothing tells. */
export function guessLanguage(lists: readonly (readonly string[])[]): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
    let n = 0;
    for (const list of lists) for (const w of list) if (words.has(w)) n++;
    if (n > bestScore) {
      best = lang;
      bestScore = n;
    }
  }
  return best;
}
