// Finds gazetteer phrases in one field and applies the word-level rules: case for ambiguous words, people
// named like countries ("Michael Jordan", "Chad Daybell"), and "Lima, Ohio" (a place followed by a US state).
import { GIVEN_NAMES, PERSON_WORDS, STOPWORDS } from './countries.ts';
import { regionCountry } from './dateline.ts';
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
  /** Part of an organisation's name ("Sydney Development Corp", "Japan Airlines"): not the place itself. */
  organisation?: boolean;
}

const MODIFIER =
  /^-(led|backed|based|funded|made|owned|born|brokered|sponsored|style|linked|allied|friendly|imposed|supported|run)\b/i;

/** Up to three capitalised words, then a word that names a company or a fund. */
const ORGANISATION =
  /^(?:\s+[A-Z][\w&'.-]*){0,3}\s+(?:Corp|Corporation|Inc|Incorporated|Ltd|Limited|Plc|PLC|LLC|Co|Cos|Bancorp|Bancshares|Holdings?|Industries|Airlines?|Airways|Fund|fund|Trust|Securities)\b/;

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
    const organisation = ORGANISATION.test(t.text.slice(end, end + 80));
    hits.push({
      place,
      field,
      match: t.text.slice(t.start[m.from] ?? 0, end),
      from: m.from,
      to: m.to,
      modifier: modifier || undefined,
      organisation: organisation || undefined,
    });
  }
  return withRegions(gaz, t, field, hits);
}

/** A written region after a comma: up to three words, longest first ("New South Wales", "Calif.", "N.J."). */
const REGION_WORDS = /^[\p{Lu}][\p{L}\p{M}.'’-]*(?:\s+[\p{Lu}][\p{L}\p{M}.'’-]*){0,2}/u;
const COMMA = /^\s*,\s*$/;

/**
 * "Lima, Ohio", "SAN JOSE, Calif.", "Alexandria, Va.", "LONDON, Ontario": a place, a comma, then a state or
 * province. The pair is one piece of evidence for the region's country; the place's own reading (Lima the capital
 * of Peru, London of Britain) is dropped. When the region is also a country ("Tbilisi, Georgia"), the country where
 * the place exists wins.
 */
function withRegions(gaz: Gazetteer, t: Tokens, field: TextField, hits: PlaceHit[]): PlaceHit[] {
  if (!t.text.includes(',')) return hits;
  const out: PlaceHit[] = [];
  let h = 0;
  for (let k = 1; k < t.folded.length; k++) {
    if (!t.upperFirst[k] || !t.upperFirst[k - 1]) continue;
    const gapFrom = t.end[k - 1] ?? 0;
    const at = t.start[k] ?? 0;
    // Most capitalised pairs have no comma between them: one character settles it before any slicing.
    if (t.text.charCodeAt(gapFrom) !== 44 || !COMMA.test(t.text.slice(gapFrom, at))) continue;
    const words = REGION_WORDS.exec(t.text.slice(at, at + 40))?.[0].split(/\s+/) ?? [];
    // The place: the hit ending at the comma, else the capitalised words just before it.
    while (h < hits.length && (hits[h]?.to ?? 0) < k) out.push(hits[h++] as PlaceHit);
    const before = out[out.length - 1];
    const placeHit = before && before.to === k ? before : undefined;
    if (placeHit && ['name', 'demonym', 'region', 'alias'].includes(placeHit.place.kind)) continue;
    let from = placeHit?.from ?? k - 1;
    if (!placeHit) while (from > 0 && from > k - 3 && t.upperFirst[from - 1] && adjacent(t, from - 1, from)) from--;
    if (!placeHit && from === k - 1 && STOPWORDS.has(t.folded[from] ?? '')) continue;
    const placeKey = t.folded.slice(from, k).join(' ');
    const placeCountries = [...(placeHit?.place.codes ?? []), ...(gaz.cities.get(placeKey) ?? [])];
    for (let n = words.length; n >= 1; n--) {
      const region = words.slice(0, n).join(' ');
      const code = regionCountry(gaz, region, placeCountries, true);
      if (!code) continue;
      if (placeHit && placeHit.place.codes.includes(code) && placeHit.place.kind !== 'town') break;
      const regionEnd = at + region.length;
      let to = k;
      while (to < t.folded.length && (t.start[to] ?? 0) < regionEnd) to++;
      if (placeHit) out.pop();
      while (h < hits.length && (hits[h]?.from ?? 0) < to) h++;
      out.push({
        place: { kind: 'state', codes: [code], case: 'any', source: 'city-region' },
        field,
        match: t.text.slice(t.start[from] ?? 0, regionEnd),
        from,
        to,
      });
      k = to - 1;
      break;
    }
  }
  while (h < hits.length) out.push(hits[h++] as PlaceHit);
  return out;
}
