// Quoted titles of works (topics.yaml `background.works`: "the film 'Coup 53'", "le film « Casablanca »"): a topic
// word or a place inside one names the work, not the story. So does the name of a ship or a racehorse, quoted or not
// (`background.named`: "le porte-conteneurs CMA CGM Brazil", "la pouliche Argentina").
import { STOPWORDS } from './countries.ts';
import { isSpace, type Tokens } from './text.ts';

/** Quotation marks that open a quoted title, and those that close one ("'", '"' and the typographic ones). */
const OPENS_QUOTE = 1;
const CLOSES_QUOTE = 2;
/**
 * Whether a character opens a quotation (' " ‘ “ « „ ‚) or closes one (' " ’ ” » “ ‘), as bits: a switch on the code,
 * since the scans below test every character on their way (a Set of one-character strings cost 4% of tagging).
 */
function quoteBits(c: number): number {
  switch (c) {
    case 0x27: // '
    case 0x22: // "
    case 0x2018: // ‘
    case 0x201c: // “
      return OPENS_QUOTE | CLOSES_QUOTE;
    case 0xab: // «
    case 0x201e: // „
    case 0x201a: // ‚
      return OPENS_QUOTE;
    case 0x2019: // ’
    case 0x201d: // ”
    case 0xbb: // »
      return CLOSES_QUOTE;
    default:
      return 0;
  }
}
/** Characters a quoted work's title spans at most on either side of the word read inside it. */
const WORK_TITLE_CHARS = 60;

/**
 * Whether tokens [from, to) stand inside a quoted title right after a noun for a work ("l'album 'Lutte des classes'",
 * "the film 'Coup 53'", "le film « Casablanca »"): the work's name, not what the story is about or where it happens. The
 * quotation opens after a space (an apostrophe inside "l'album" opens nothing) and closes before one, in the same
 * field, with no other quotation mark between.
 */
export function inWorkTitle(works: ReadonlySet<string>, tokens: Tokens<unknown>, from: number, to: number): boolean {
  if (!works.size) return false;
  const text = tokens.text;
  const start = tokens.start[from] ?? 0;
  let open = -1;
  for (let q = start - 1; q >= 0 && start - q <= WORK_TITLE_CHARS; q--) {
    const bits = quoteBits(text.charCodeAt(q));
    if (!bits) continue;
    const opens = (bits & OPENS_QUOTE) !== 0 && (q === 0 || isSpace(text.charCodeAt(q - 1)));
    if (!opens) return false;
    open = q;
    break;
  }
  if (open < 0) return false;
  let k = from - 1;
  while (k >= 0 && (tokens.start[k] ?? 0) > open) k--;
  // The work's noun right before the quotation, or one word before it ("the new album 'X'", "su última gira 'X'").
  if (!works.has(tokens.folded[k] ?? '') && !works.has(tokens.folded[k - 1] ?? '')) return false;
  const end = tokens.end[to - 1] ?? 0;
  for (let q = end; q < text.length && q - end <= WORK_TITLE_CHARS; q++) {
    const bits = quoteBits(text.charCodeAt(q));
    if (!bits) continue;
    return (bits & CLOSES_QUOTE) !== 0 && (q + 1 >= text.length || !/[\p{L}\p{N}]/u.test(text[q + 1] ?? ''));
  }
  return false;
}

/** "of" inside a ship's name ("Spirit of Britain", "Pride of Rotterdam"). */
const NAME_OF = new Set(['of', 'de', 'da', 'do', 'du', 'del', 'von']);
/** What may stand between a noun and the name after it: spaces, and a quote that opens the name. */
const BEFORE_NAME = /^\s*[«"“‘']?\s*$/;

/**
 * Whether the place at token `from` is in the name of a ship or a racehorse, after a noun of `named` ("the tanker
 * Ukraine", "o pesqueiro Angola", "the ferry Spirit of Britain", "la pouliche Argentina"), with at most three words
 * of an owner's or of the name between ("le porte-conteneurs CMA CGM Brazil"). In a text written in capitals or in
 * title case only acronyms are such words: "SHIP BOUND FOR PERU", "Trawler Sinks Near Ireland".
 */
export function inShipOrHorseName(named: ReadonlySet<string>, tokens: Tokens<unknown>, from: number): boolean {
  let before = from - 1;
  if (!named.size || before < 0) return false;
  const gap = (a: number, b: number) => tokens.text.slice(tokens.end[a] ?? 0, tokens.start[b] ?? 0);
  if (!BEFORE_NAME.test(gap(before, from))) return false;
  const nameWord = (i: number) => {
    const w = tokens.folded[i] ?? '';
    if (!tokens.upperFirst[i] || STOPWORDS.has(w) || named.has(w)) return false;
    return tokens.allUpper[i] ? w.length <= 4 : !tokens.titleCase;
  };
  const step = (i: number) => nameWord(i) || (NAME_OF.has(tokens.folded[i] ?? '') && i > 0 && nameWord(i - 1));
  for (let k = 0; k < 3 && before > 0 && step(before) && /^\s+$/.test(gap(before - 1, before)); k++) before--;
  return named.has(tokens.folded[before] ?? '');
}
