// Quoted titles of works (topics.yaml `background.works`: "the film 'Coup 53'", "le film « Casablanca »"): a topic
// word or a place inside one names the work, not the story.
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
