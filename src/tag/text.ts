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

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
const PLAIN = /^[a-z0-9]+$/;
const MARKS = /\p{M}+/gu;

// Folding is the hot path; most tokens repeat, so a bounded cache pays for itself.
const foldCache = new Map<string, string>();

/** Lower case without diacritics; ß and ł stay as they are on both sides, which is all matching needs. */
export function fold(word: string): string {
  if (PLAIN.test(word)) return word;
  let f = foldCache.get(word);
  if (f === undefined) {
    f = word.toLowerCase().normalize('NFD').replace(MARKS, '');
    if (foldCache.size > 50_000) foldCache.clear();
    foldCache.set(word, f);
  }
  return f;
}

/** Folded tokens of a phrase, as used for dictionary keys ("Côte d'Ivoire" -> cote d ivoire). */
export function foldPhrase(phrase: string): string[] {
  return Array.from(phrase.matchAll(TOKEN), (m) => fold(m[0]));
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function tokenize(text: string): Tokens {
  const t: Tokens = { folded: [], start: [], end: [], upperFirst: [], allUpper: [], titleCase: false, text };
  let longWords = 0;
  let capitalized = 0;
  for (const m of text.matchAll(TOKEN)) {
    const w = m[0];
    const first = w[0]!;
    const up = isUpper(first);
    t.folded.push(fold(w));
    t.start.push(m.index);
    t.end.push(m.index + w.length);
    t.upperFirst.push(up);
    t.allUpper.push(up && w.length > 1 && w === w.toUpperCase() && /\p{L}/u.test(w));
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
  const text = cut
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => decodeEntity(e));
  return text.length > max ? text.slice(0, max) : text;
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
    if (n > bestScore) (best = lang), (bestScore = n);
  }
  return best;
}
