// Finds gazetteer phrases in one field and applies the word-level rules: case for ambiguous words, people
// named like countries ("Michael Jordan", "Chad Daybell"), and "Lima, Ohio" (a place followed by a US state).
import { GIVEN_NAMES, PERSON_WORDS, STOPWORDS } from './countries.ts';
import type { Gazetteer, Place } from './gazetteer.ts';
import type { Tokens } from './text.ts';

export type TextField = 'title' | 'summary' | 'content';

export interface PlaceHit {
  place: Place;
  field: TextField;
  /** Matched text as written. */
  match: string;
  from: number;
  to: number;
  /** Used as a modifier ("Kenyan-led", "US-backed"): weaker evidence that the entry is about it. */
  modifier?: boolean;
}

const MODIFIER =
  /^-(led|backed|based|funded|made|owned|born|brokered|sponsored|style|linked|allied|friendly|imposed|supported|run)\b/i;

function caseOk(p: Place, t: Tokens, from: number, to: number): boolean {
  if (p.case === 'any') return true;
  if (p.case === 'upper') {
    for (let i = from; i < to; i++) if (!t.allUpper[i] && (t.folded[i] ?? '').length > 1) return false;
    return true;
  }
  return t.upperFirst[from] === true;
}

const adjacent = (t: Tokens, a: number, b: number) => /^\s+$/.test(t.text.slice(t.end[a] ?? 0, t.start[b] ?? 0));

/**
 * A single country word standing beside another name is a person: "Michael Jordan", "Chad Daybell",
 * "Ricardo Lagos". In Title Case text capitals prove nothing, so only known given names count there.
 */
function isPerson(t: Tokens, i: number, prevCovered: boolean, nextCovered: boolean): boolean {
  const prev = i - 1;
  if (prev >= 0 && !prevCovered && adjacent(t, prev, i)) {
    const w = t.folded[prev] ?? '';
    if (GIVEN_NAMES.has(w) && PERSON_WORDS.has(t.folded[i] ?? '')) return true;
    if (
      !t.titleCase &&
      t.upperFirst[prev] &&
      !t.allUpper[prev] &&
      !STOPWORDS.has(w) &&
      prev > 0 &&
      !/[.:!?]\s*$/.test(t.text.slice(0, t.start[prev] ?? 0))
    )
      return true;
  }
  if (!PERSON_WORDS.has(t.folded[i] ?? '')) return false;
  const next = i + 1;
  if (next < t.folded.length && !nextCovered && !t.titleCase && adjacent(t, i, next)) {
    if (t.upperFirst[next] && !STOPWORDS.has(t.folded[next] ?? '')) return true;
  }
  return false;
}

export function locatePlaces(gaz: Gazetteer, t: Tokens, field: TextField, language?: string): PlaceHit[] {
  const raw = gaz.trie.match(t.folded);
  const hits: PlaceHit[] = [];
  for (const [k, m] of raw.entries()) {
    // Readings are ranked; the first whose case rule fits the text is the one meant.
    const place = m.payload.find(
      (p) => caseOk(p, t, m.from, m.to) && (!p.langs || !language || p.langs.includes(language)),
    );
    if (!place || place.kind === 'block') continue;
    const single = m.to - m.from === 1;
    if (
      single &&
      place.kind !== 'alias' &&
      place.kind !== 'demonym' &&
      place.kind !== 'region' &&
      isPerson(t, m.from, raw[k - 1]?.to === m.from, raw[k + 1]?.from === m.to)
    )
      continue;
    const end = t.end[m.to - 1] ?? 0;
    const modifier = t.text[end] === '-' && MODIFIER.test(t.text.slice(end, end + 16));
    hits.push({
      place,
      field,
      match: t.text.slice(t.start[m.from] ?? 0, end),
      from: m.from,
      to: m.to,
      modifier: modifier || undefined,
    });
  }
  // "Lima, Ohio", "Paris, Texas", "Athens, Georgia": the first place is a US town, the second a state.
  const out: PlaceHit[] = [];
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    if (!h) continue;
    const next = hits[i + 1];
    const isState =
      next && (next.place.kind === 'state' || (next.place.codes.includes('US') && next.place.codes.length > 1));
    if (next && isState && /^\s*,\s*$/.test(t.text.slice(t.end[h.to - 1] ?? 0, t.start[next.from] ?? 0))) {
      out.push({ ...next, place: { ...next.place, kind: 'state', codes: ['US'] } });
      i++;
      continue;
    }
    out.push(h);
  }
  return out;
}
