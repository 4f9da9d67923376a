// Wire datelines: "LIMA, 30 nov (EFE) -", "BUENOS AIRES (AFP) -", "WASHINGTON (AP) —", "BERLIN, 3. März (dpa) -",
// "SÃO PAULO, 12 de março (Lusa) -", "SAN MATEO, Calif., March 3 -", "LONDON, Ontario, March 3 -".
// The place a story is filed from is where it happens far more often than not, so its country is strong evidence.
// Shape: PLACE [, REGION [, REGION]] [, DATE] [(AGENCY)] DASH, at the very start of a field.
import { WIRE_MONTHS } from '../calendar/index.ts';
import { speaks } from './data.ts';
import type { Gazetteer, Namesakes, Place, PlaceKind } from './gazetteer.ts';
import { afterPreposition } from './kicker.ts';
import type { PlaceHit, TextField } from './locate.ts';
import type { Tag } from '../types.ts';
import { datelineOnlyRegion, lookupSubdivision, subdivisionKey, US_STANDALONE } from './subdivisions.ts';
import { foldPhrase, TOWN_NOUNS } from './text.ts';

export interface DatelinePart {
  text: string;
  start: number;
  end: number;
}

export interface Dateline {
  place: DatelinePart;
  regions: DatelinePart[];
  agency?: string;
  hasDate: boolean;
  /** Offset just after the dash: the story starts here. */
  end: number;
  /** Read from a form without a dash ("SHIMLA: ...", "ESSEN. ..."): counts only when its place is found. */
  loose?: boolean;
}

/** The head of a field that a dateline can occupy. */
const HEAD_CHARS = 110;
const WEEKDAYS = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday lunes martes miercoles jueves viernes sabado domingo ' +
    'segunda terca quarta quinta sexta lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch ' +
    'donnerstag freitag samstag sonntag'
  ).split(' '),
);
const DATE_FILLERS = new Set(['de', 'del', 'le', 'der', 'den', 'the', 'of']);
/** A dash that ends a dateline: hyphen, en or em dash (EFE writes ".-"), followed by a space or the end. */
const DASH = /(?:^|[\s).])(?:-{1,2}|[–—])(?=\s|$)/u;
/** A place or region: capitalised words with dots, hyphens and apostrophes, at most five words. */
const NAME = /^\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+[\p{L}\p{M}.'’-]+){0,4}$/u;

/**
 * Europa Press puts no dash after its dateline: "CÓRDOBA, 19 (EUROPA PRESS) El Pleno...". Without a dash, an
 * ALL-CAPS place, a day and an agency in parentheses, then the story's first capitalised word.
 */
const AGENCY_NO_DASH = /^(\p{Lu}[\p{Lu}\p{M}.'’ -]*,\s*\d{1,2}\s*\([^()\d]{2,30}\))\s+(?=\p{Lu})/u;

/**
 * South Asian papers end an ALL-CAPS dateline with a colon ("NEW DELHI: The Supreme Court...", "SHIMLA: At least 14
 * passengers..."). Below the title only, and only when the place is found: the same shape opens "UPDATE:" and "LIVE:".
 */
const COLON_DATELINE = /^(\p{Lu}[\p{Lu}\p{M}.'’ -]{1,38}\p{Lu}):\s+(?=[\p{Lu}\d"“‘'])/u;

/**
 * German regional papers end an ALL-CAPS dateline with a full stop ("ESSEN. Aldi Nord ...", "BERN. Nach der ..."), and
 * some papers a place in ordinary case ("Novi Sad. Tausende fordern...", "Bruxelles. La Hongrie..."): as the colon
 * form, below the title only and only when the place is found (a sentence seldom opens with a place and a full stop;
 * "Analyse. ..." is no place). At least three letters, no dots inside: "ST. LOUIS (AP) -" is the dash form's.
 */
const CAPS_PLACE = String.raw`\p{Lu}[\p{Lu}\p{M}'’ -]{1,38}\p{Lu}`;
/** Capitalised words, hyphenated ones too ("Cluj-Napoca"), with the small words of place names between them. */
const PLACE_WORD = String.raw`\p{Lu}[\p{Ll}\p{M}'’]{2,}(?:-\p{L}[\p{Ll}\p{M}'’]*)*`;
const CASED_PLACE = String.raw`${PLACE_WORD}(?: (?:(?:de|do|da|del|di|am|an der|sur|la|le) )?${PLACE_WORD}){0,2}`;
const PERIOD_DATELINE = new RegExp(String.raw`^(${CAPS_PLACE}|${CASED_PLACE})\.\s+(?=[\p{Lu}\d"“‘'])`, 'u');

function isDate(seg: string): boolean {
  if (seg.length > 32) return false;
  if (/\d/.test(seg)) return /^[\p{L}\p{M}\d\s.º°'’/-]+$/u.test(seg);
  // Without a digit, only month and weekday names (and the words between them): "RIO DE JANEIRO" is a place.
  const words = foldPhrase(seg);
  const dateWord = (w: string) => WIRE_MONTHS.has(w) || WEEKDAYS.has(w);
  return (
    words.length > 0 &&
    words.length <= 3 &&
    words.some(dateWord) &&
    words.every((w) => dateWord(w) || DATE_FILLERS.has(w))
  );
}

function isUpperPlace(s: string): boolean {
  return /\p{L}/u.test(s) && s === s.toUpperCase();
}

/**
 * Reads a dateline at the start of `text`, or undefined. An ALL-CAPS place may stand alone before the dash
 * (outside titles); a place in other case needs a date or an agency beside it.
 */
export function readDateline(text: string, inTitle = false): Dateline | undefined {
  const d = dashDateline(text, inTitle);
  if (d || inTitle) return d;
  const lead = text.length - text.trimStart().length;
  return looseDateline(PERIOD_DATELINE, text.slice(lead, lead + HEAD_CHARS), lead);
}

/** A dateline ended by a dash (or by Europa Press's agency), else the colon form; undefined if neither. */
function dashDateline(text: string, inTitle: boolean): Dateline | undefined {
  const lead = text.length - text.trimStart().length;
  const head = text.slice(lead, lead + HEAD_CHARS);
  const bare = AGENCY_NO_DASH.exec(head);
  const dash = bare ? undefined : DASH.exec(head);
  if (!dash && !bare) return inTitle ? undefined : looseDateline(COLON_DATELINE, head, lead);
  const dashAt = dash ? dash.index + dash[0].search(/[-–—]/u) : (bare?.[1]?.length ?? 0);
  let body = head.slice(0, dashAt).trimEnd();
  if (body.endsWith('.') && !/\b\p{L}\.$/u.test(body)) body = body.slice(0, -1).trimEnd();
  let agency: string | undefined;
  if (body.endsWith(')')) {
    const open = body.lastIndexOf('(');
    if (open <= 0) return undefined;
    agency = body.slice(open + 1, -1).trim();
    if (!agency || agency.length > 30 || /\d/.test(agency)) return undefined;
    body = body.slice(0, open).trimEnd().replace(/,$/, '');
  }
  // Segments with their offsets in `text`.
  const segs: DatelinePart[] = [];
  let at = 0;
  for (const piece of body.split(',')) {
    const s = piece.trim();
    const start = lead + at + piece.indexOf(s);
    segs.push({ text: s, start, end: start + s.length });
    at += piece.length + 1;
  }
  let hasDate = false;
  while (segs.length > 1 && isDate(segs[segs.length - 1]?.text ?? '')) {
    segs.pop();
    hasDate = true;
  }
  // French and Spanish wires put the region in parentheses: "LONDON (Ontario), 14 mars (PC) -".
  const first = segs[0];
  const paren = first && /^(.+?)\s*\(([^()]+)\)$/u.exec(first.text);
  if (first && paren?.[1] && paren[2]) {
    const regionStart = first.start + first.text.lastIndexOf(paren[2]);
    segs.splice(
      0,
      1,
      { text: paren[1], start: first.start, end: first.start + paren[1].length },
      { text: paren[2], start: regionStart, end: regionStart + paren[2].length },
    );
  }
  const [place, ...regions] = segs;
  if (!place || regions.length > 2 || !NAME.test(place.text) || place.text.length > 40) return undefined;
  if (isDate(place.text)) return undefined;
  for (const r of regions) if (!NAME.test(r.text) || r.text.length > 30) return undefined;
  const upper = isUpperPlace(place.text);
  if (!upper && !hasDate && !agency) return undefined;
  if (upper && inTitle && !hasDate && !agency) return undefined;
  const end = lead + (dash ? dash.index + dash[0].length : dashAt);
  return { place, regions, agency, hasDate, end };
}

/** The colon or the period form (COLON_DATELINE, PERIOD_DATELINE), when no dash ends a dateline. */
function looseDateline(form: RegExp, head: string, lead: number): Dateline | undefined {
  const m = form.exec(head);
  const text = m?.[1];
  if (!m || !text || !NAME.test(text)) return undefined;
  return {
    place: { text, start: lead, end: lead + text.length },
    regions: [],
    hasDate: false,
    end: lead + m[0].length,
    loose: true,
  };
}

/** The country readings of a phrase in the gazetteer (names, places, capitals, cities, states), or none. */
export function gazetteerCodes(gaz: Gazetteer, phrase: string): string[] {
  return [...new Set(gazetteerReadings(gaz, phrase).flatMap((p) => p.codes))];
}

/** The gazetteer's readings of a whole phrase that point to a country. */
function gazetteerReadings(gaz: Gazetteer, phrase: string): Place[] {
  const tokens = foldPhrase(phrase);
  if (!tokens.length) return [];
  const m = gaz.trie.match(tokens);
  const only = m[0];
  if (m.length !== 1 || !only || only.from !== 0 || only.to !== tokens.length) return [];
  return only.payload.filter((p: Place) => p.kind !== 'block' && p.kind !== 'demonym' && p.codes.length);
}

export interface CityIndex {
  /** Countries with a city of this folded name, most populous first. */
  get(folded: string): readonly string[] | undefined;
}

/**
 * The country "PLACE, REGION" is in: the region's readings (a state or province, a country), and when it has
 * several ("ATHENS, Georgia"), the one where such a place exists. `strict` for running text (see lookupSubdivision).
 */
export function regionCountry(
  gaz: Gazetteer,
  region: string,
  placeCountries: readonly string[],
  strict = false,
): string | undefined {
  const candidates: string[] = [];
  const sub = lookupSubdivision(region, strict);
  if (sub) candidates.push(sub.country);
  else if (strict) return undefined;
  for (const c of gazetteerCodes(gaz, region)) if (!candidates.includes(c)) candidates.push(c);
  if (candidates.length <= 1) return candidates[0];
  return candidates.find((c) => placeCountries.includes(c)) ?? candidates[0];
}

/**
 * National news agencies by the name datelines give them (folded as subdivisionKey folds), and their country. Not AP:
 * its style gives a US town its state ("GENEVA, N.Y.") but for the cities it names alone (US_STANDALONE), so "GENEVA
 * (AP)" is Geneva in Switzerland.
 */
const AGENCY_HOME: Record<string, string> = {
  efe: 'ES',
  europapress: 'ES',
  telam: 'AR',
  lusa: 'PT',
  agenciabrasil: 'BR',
  estadao: 'BR',
  ansa: 'IT',
  dpa: 'DE',
  apa: 'AT',
  belga: 'BE',
  ats: 'CH',
  sda: 'CH',
  keystoneats: 'CH',
  keystonesda: 'CH',
  anp: 'NL',
  ctk: 'CZ',
  pap: 'PL',
  mti: 'HU',
  antara: 'ID',
  bernama: 'MY',
  wafa: 'PS',
  mena: 'EG',
  pc: 'CA',
  cp: 'CA',
  aap: 'AU',
  pti: 'IN',
  xinhua: 'CN',
  kyodo: 'JP',
  yonhap: 'KR',
  tass: 'RU',
  anadolu: 'TR',
  map: 'MA',
  aps: 'DZ',
  tap: 'TN',
  andina: 'PE',
  notimex: 'MX',
  prensalatina: 'CU',
  abi: 'BO',
};

/**
 * Agencies that file almost only from home (regional and national desks): their dateline place is the home
 * country's town of that name even when a far bigger city abroad shares it ("LAGOS (Lusa)" is the Algarve's Lagos,
 * "MÉRIDA (EUROPA PRESS)" Extremadura's, "SANTA CRUZ (ABI)" Bolivia's). International agencies (EFE, AFP, dpa) file
 * from both and are read by size.
 */
const DOMESTIC_AGENCIES = new Set([
  'europapress',
  'telam',
  'agenciabrasil',
  'andina',
  'abi',
  'notimex',
  'lusa',
  'apa',
  'belga',
  'anp',
  'ats',
  'sda',
  'keystoneats',
  'keystonesda',
]);

/** What around a dateline tells its namesakes apart. */
export interface DatelineSurroundings {
  /** The entry's language: a reading for other languages only is not this one's ("ESSEN." in German). */
  language?: string;
  /** Countries of the cities and towns its field names after it (neighbourCountries). */
  neighbours?: ReadonlySet<string>;
  /** Countries of the title's cities, towns and curated places, for a dateline below the title (titleNeighbourCountries). */
  titleNeighbours?: ReadonlySet<string>;
  /** Countries of the curated places its field names after it (regionNeighbourCountries). */
  regions?: ReadonlySet<string>;
  /** Countries the title names outright, by name or demonym, for a dateline below the title (titleNamedCountries). */
  titleNamed?: ReadonlySet<string>;
  /** Countries a demonym beside a noun for a town or province gives, below it (placeNounDemonymCountries). */
  placeNamed?: ReadonlySet<string>;
}

/**
 * The country a dateline names, or undefined when it cannot tell. A region decides; then the AP list of US cities
 * that stand alone, a national agency's home, the one country of a namesake that other places of the field
 * (`neighbours`: their countries) are in, the gazetteer, and the cities of that name, the most populous first unless
 * the entry's language is not spoken there and it is in another ("BREST (AFP)" in French is in France, not Belarus). Last, a
 * country named inside the place ("CIUDAD DE GUATEMALA", "KUWAIT CITY").
 */
export function datelineCountry(gaz: Gazetteer, d: Dateline, around: DatelineSurroundings = {}): string | undefined {
  const { language, neighbours, titleNeighbours } = around;
  const placeKey = foldPhrase(d.place.text).join(' ');
  const placeCountries = gaz.cities.get(placeKey) ?? [];
  // A region decides: "SAN JOSE, Calif." is in the US, "LONDON, Ontario" in Canada, "BERGEN, Norway" in Norway.
  for (const r of [...d.regions].reverse()) {
    const c = datelineOnlyRegion(r.text, language) ?? regionCountry(gaz, r.text, placeCountries);
    if (c) return c;
  }
  if (US_STANDALONE.has(subdivisionKey(d.place.text))) return 'US';
  // Read as the text around it is: a reading for other languages only is not this one's ("ESSEN." in German).
  const readings = gazetteerReadings(gaz, d.place.text).filter(
    (p) => !p.langs || !language || p.langs.includes(language),
  );
  // A capital's namesakes abroad (CAPITAL_NAMESAKES) are for the rest of the entry to pick: a dateline is the capital.
  const named = [...new Set(readings.flatMap((p) => (p.kind === 'capital' ? p.codes.slice(0, 1) : p.codes)))];
  const top = placeCountries[0];
  // A place of that name in several countries: a national agency files from home ("CÓRDOBA (Télam)" is Argentina's,
  // "CÓRDOBA (EFE)" Spain's).
  const agency = d.agency ? subdivisionKey(d.agency) : '';
  const home = AGENCY_HOME[agency];
  // Every country with a place of that name, however small.
  const sharing = [...named, ...placeCountries, ...(gaz.namesakes.get(placeKey) ?? [])];
  const among = (codes: readonly string[], set: ReadonlySet<string> | undefined) =>
    set?.size ? [...new Set(codes)].filter((c) => set.has(c)) : [];
  // More than one reading of the name (a curated place and its city count twice): only then may the text choose.
  const severalReadings = named.length + placeCountries.length > 1;
  // A town, city or curated place of several countries, the title naming one of them outright: "CÓRDOBA, 14 may (EFE)"
  // below "Docentes universitarios argentinos..." is Argentina's, wherever the agency is at home.
  const mereOrSharedPlace = readings.every((p) => p.kind === 'town' || p.kind === 'city' || p.codes.length > 1);
  if (severalReadings && mereOrSharedPlace) {
    const inTitle = among(sharing, around.titleNamed);
    if (inTitle.length === 1) return inTitle[0];
  }
  // "CÓRDOBA (EFE) - ... esta provincia argentina", "VALENCIA (EFE) - ... la ciudad industrial venezolana": the text
  // says which of them it is. For a curated place, only among the cities of its name: "LONDON (Reuters) - ... the
  // Canadian city of Toronto" is no London, Ontario, a town below the gazetteer's cities.
  if (severalReadings) {
    const said = among(mereOrSharedPlace ? sharing : placeCountries, around.placeNamed);
    if (said.length === 1) return said[0];
  }
  if (home && severalReadings && (named.includes(home) || placeCountries.includes(home))) return home;
  if (home && DOMESTIC_AGENCIES.has(agency) && gaz.namesakes.get(placeKey)?.has(home)) return home;
  // A place of that name in several countries, the field naming cities or towns of just one of them: "HYDERABAD:" with
  // Dadu, Thatta and Karachi after it is Pakistan's Hyderabad, not India's bigger one.
  let near = among([...named, ...placeCountries], neighbours);
  // The title's places count only for a dateline read as a mere town or city, and then so does the short name of a
  // bigger city abroad: "SANTA CRUZ" beside "La Paz" is Bolivia's Santa Cruz de la Sierra, while "LONDON" (a capital,
  // a curated place) stays London beside a title about Quebec.
  if (!near.length && readings.every((p) => p.kind === 'town' || p.kind === 'city'))
    near = among(sharing, titleNeighbours);
  if (near.length === 1 && severalReadings) return near[0];
  // No city tells them apart, but a region or curated place of one namesake's country below it does: "MÉRIDA (EFE) -
  // ... toda Extremadura" is Spain's Mérida, "FREIBURG - Der Grosse Rat des Kantons Freiburg" the Swiss one.
  // Only for a mere town or city, or a curated place of several countries: "OTTAWA (La Presse canadienne)" stays
  // Canada's capital whatever the text names.
  if (!near.length && mereOrSharedPlace) {
    const inRegion = among(sharing, around.regions);
    if (inRegion.length === 1) return inRegion[0];
  }
  if (named.length) {
    const code = named.find((c) => top === c) ?? (named[0] as string);
    // A country's name in some language (no capital, no city) loses to a big city of the entry's language:
    // "SALVADOR (Agência Brasil)" in Portuguese is Bahia's capital, not El Salvador (French "le Salvador").
    const onlyName = readings.every((p) => p.kind === 'name');
    if (onlyName && language && top !== undefined && top !== code && !speaks(code, language) && speaks(top, language))
      return top;
    return code;
  }
  if (top !== undefined) {
    if (!language || speaks(top, language)) return top;
    return placeCountries.find((c) => speaks(c, language)) ?? top;
  }
  const inside = gaz.trie.match(foldPhrase(d.place.text)).flatMap((m) => m.payload.filter((p) => p.kind === 'name'));
  const codes = new Set(inside.flatMap((p) => p.codes));
  return codes.size === 1 ? [...codes][0] : undefined;
}

/**
 * Places that tell a namesake dateline's country: cities and towns. Not a state or a country's name, which as often
 * name where the story's object is ("VANCOUVER - Cornucopia Resources ... its property in Nevada" is Canada's).
 */
const NEIGHBOUR_KINDS: ReadonlySet<PlaceKind> = new Set(['capital', 'city', 'town']);
/**
 * In the title, the editors' places too ("SANTA CRUZ" with "La Paz" in the title); in the text below the dateline they
 * are as often the other side ("OTTAWA - ... décidés par Washington").
 */
const TITLE_NEIGHBOUR_KINDS: ReadonlySet<PlaceKind> = new Set([...NEIGHBOUR_KINDS, 'place']);

/** The countries of the cities and towns a field names after its dateline (ending at offset `end`): datelineCountry. */
export function neighbourCountries(
  hits: readonly PlaceHit[],
  end: number,
  tokens: { start: readonly number[] },
): ReadonlySet<string> {
  return countriesOf(hits, NEIGHBOUR_KINDS, firstTokenFrom(tokens, end));
}

/**
 * Curated places (a canton, a Spanish region): what tells a namesake dateline apart when no city does. Not a state,
 * which as often names where the story's object is ("VANCOUVER - ... its property in Nevada").
 */
const REGION_NEIGHBOUR_KINDS: ReadonlySet<PlaceKind> = new Set(['place']);

/** The countries of the curated places a field names after its dateline: datelineCountry's `regions`. */
export function regionNeighbourCountries(
  hits: readonly PlaceHit[],
  end: number,
  tokens: { start: readonly number[] },
): ReadonlySet<string> {
  return countriesOf(hits, REGION_NEIGHBOUR_KINDS, firstTokenFrom(tokens, end));
}

/** The index of the first token that starts at or after offset `end`. */
function firstTokenFrom(tokens: { start: readonly number[] }, end: number): number {
  let to = 0;
  while (to < tokens.start.length && (tokens.start[to] ?? 0) < end) to++;
  return to;
}

/** TOWN_NOUNS of every language: the word order differs, so both sides of a demonym are read. */
const PLACE_NOUNS: ReadonlySet<string> = new Set(Object.values(TOWN_NOUNS).flat());

/**
 * The countries a field's demonyms give the dateline's place itself, below it: "CÓRDOBA (EFE) - El gremio docente de
 * esta provincia argentina..." ("la ville marocaine", "the Argentine province", "die argentinische Provinz"). A
 * demonym beside a noun for a town or province, or one word from it, or a country's name after such a noun and "of"
 * ("LAGOS (Lusa) - ... na maior cidade da Nigéria", "la plus grande ville du Nigeria"): datelineCountry's `placeNamed`.
 */
export function placeNounDemonymCountries(
  hits: readonly PlaceHit[],
  end: number,
  tokens: { start: readonly number[]; folded: readonly string[] },
): ReadonlySet<string> {
  const from = firstTokenFrom(tokens, end);
  const out = new Set<string>();
  for (const h of hits) {
    const code = h.place.codes.length === 1 ? h.place.codes[0] : undefined;
    if (!code || h.from < from) continue;
    const w = tokens.folded;
    if (h.place.kind === 'name') {
      // "the largest city of Nigeria", "a maior cidade da Nigéria": the noun, "of", the name.
      if (OF.has(w[h.from - 1] ?? '') && PLACE_NOUNS.has(w[h.from - 2] ?? '')) out.add(code);
      continue;
    }
    if (h.place.kind !== 'demonym') continue;
    // Next to the noun, or one word apart: "la ciudad industrial venezolana", "the Venezuelan industrial city".
    if (
      PLACE_NOUNS.has(w[h.from - 1] ?? '') ||
      PLACE_NOUNS.has(w[h.to] ?? '') ||
      (PLACE_NOUNS.has(w[h.from - 2] ?? '') && !OF.has(w[h.from - 1] ?? '')) ||
      (PLACE_NOUNS.has(w[h.to + 1] ?? '') && !OF.has(w[h.to] ?? ''))
    )
      out.add(code);
  }
  return out;
}

/** A country's own words in the title: what names it outright, for a namesake dateline below (`titleNamed`). */
const TITLE_NAMED_KINDS: ReadonlySet<PlaceKind> = new Set(['name', 'demonym']);

/** The countries the title names by name or demonym: datelineCountry's `titleNamed`. */
export function titleNamedCountries(hits: readonly PlaceHit[]): ReadonlySet<string> {
  return countriesOf(hits, TITLE_NAMED_KINDS, 0);
}

/** The countries of the title's cities, towns and curated places: datelineCountry's `titleNeighbours`. */
export function titleNeighbourCountries(hits: readonly PlaceHit[]): ReadonlySet<string> {
  return countriesOf(hits, TITLE_NEIGHBOUR_KINDS, 0);
}

/** The countries of the hits of these kinds from token `from` on, each read for one country only. */
function countriesOf(hits: readonly PlaceHit[], kinds: ReadonlySet<PlaceKind>, from: number): ReadonlySet<string> {
  const out = new Set<string>();
  for (const h of hits) {
    const code = h.place.codes.length === 1 ? h.place.codes[0] : undefined;
    if (code && h.from >= from && kinds.has(h.place.kind)) out.add(code);
  }
  return out;
}

/** Words (folded) that open the tail of a place's name: "de Compostela", "del Guaviare", "do Sul", "am Main". */
const TAIL_OF = new Set('de del do da di am an'.split(' '));

/**
 * The dateline's place named again in the entry is that place: "GRANADA (Nicaragua) - ..." with "Granada" in the
 * title is the Nicaraguan city, not Grenada (Spanish "Granada"); "SALVADOR (Agência Brasil)" then "Salvador" is Bahia's
 * capital. A country's name read there becomes a city of the dateline's country. `place` is the dateline place's
 * folded tokens, as its field's tokenizer gave them.
 */
export function datelinePlaceAgain(
  hits: PlaceHit[],
  fields: readonly { field: TextField; tokens: { folded: readonly string[] } }[],
  place: readonly string[],
  code: string,
): PlaceHit[] {
  const same = (h: PlaceHit) => {
    const n = h.to - h.from;
    if (h.place.kind === 'dateline' || n > place.length) return false;
    // Or its first words, where the rest is a tail after "de" ("SANTIAGO DE COMPOSTELA" then "Santiago", "SANTA CRUZ
    // DE TENERIFE" then "Santa Cruz"): the short name locals use, not the bigger city abroad.
    if (n < place.length && !TAIL_OF.has(place[n] ?? '')) return false;
    if (h.place.codes.length === 1 && h.place.codes[0] === code) return false;
    const folded = fields.find((f) => f.field === h.field)?.tokens.folded;
    for (let i = 0; i < n; i++) if (folded?.[h.from + i] !== place[i]) return false;
    return true;
  };
  if (!hits.some(same)) return hits;
  return hits.map((h) => {
    if (!same(h)) return h;
    const kind = h.place.codes.includes(code) ? h.place.kind : 'city';
    return { ...h, place: { ...h.place, kind, codes: [code], needsContext: false } };
  });
}

/**
 * A place the entry names in full ("la Catedral de Santiago de Compostela", "Santa Cruz de la Sierra") makes its first
 * words, named alone elsewhere in the entry ("Santiago acoge...", "en Santa Cruz"), that place: the short name locals
 * use, as after a dateline (datelinePlaceAgain), not the bigger city abroad.
 */
export function fullNamesAgain(
  hits: PlaceHit[],
  fields: readonly { field: TextField; tokens: { folded: readonly string[] } }[],
): PlaceHit[] {
  let out = hits;
  for (const h of hits) {
    const code = h.place.codes[0];
    if (!CITY_KINDS.has(h.place.kind) || h.place.codes.length !== 1 || code === undefined) continue;
    if (h.to - h.from < 3) continue;
    const folded = fields.find((f) => f.field === h.field)?.tokens.folded;
    if (!folded) continue;
    const words = folded.slice(h.from, h.to);
    if (!words.slice(1, -1).some((w) => TAIL_OF.has(w))) continue;
    out = datelinePlaceAgain(out, fields, words, code);
  }
  return out;
}

/**
 * A hit that names a country as the place or actor of the story: its name in no role (not a modifier, an organisation's,
 * a currency's, an object's), or a demonym for its state acting ("Lebanese army").
 */
const namesCountry = (g: PlaceHit) =>
  (g.place.kind === 'name' && !g.modifier && !g.organisation && !g.currency && g.sentenceRole === undefined) ||
  (g.place.kind === 'demonym' && g.national === true);

/** Kinds of hit that place a story inside a country: a city, a town, a capital, a state, a curated place. */
const LOCAL_KINDS = new Set(['place', 'city', 'town', 'capital', 'state']);

/**
 * A city whose name several countries' cities share ("Valencia", "Lagos", "Florida", "Tripoli") is the namesake in the
 * country another place of the entry is in ("Valencia ... el estado Carabobo", "Lagos ... Volta ao Algarve", "Florida
 * ... la ruta que la une a Montevideo"), or that the entry names as a country ("Tripoli, dans le nord du Liban",
 * "Lebanese army deploys in Tripoli"), when nothing else in the entry, a dateline included, names the country it was
 * read for. Only entries with a namesake (flagged in the gazetteer) do any work here.
 */
export function namesakeByPlace(hits: PlaceHit[]): PlaceHit[] {
  let out: PlaceHit[] | undefined;
  for (const h of hits) {
    const code = h.place.codes[0];
    const sharing = h.place.namesakes;
    if (!sharing || h.place.codes.length !== 1 || code === undefined) continue;
    // Cheap tests first: most entries with a namesake name no place of a country sharing it. Of several such
    // countries, the one with most support; a country named outright counts twice a place, itself maybe a namesake
    // ("Valencia ... Naguanagua y San Diego ... en Venezuela").
    const support = new Map<string, number>();
    for (const g of hits) {
      const c = g.place.codes[0];
      if (g.place.needsContext || g.place.codes.length !== 1 || c === undefined || c === code) continue;
      if (g.match === h.match || !sharing.includes(c) || g.sentenceRole === 'route') continue;
      if (h.place.leadsNamesakes) {
        if (g.place.kind === 'state') support.set(c, (support.get(c) ?? 0) + 1);
      } else if (namesCountry(g)) support.set(c, (support.get(c) ?? 0) + 2);
      else if (LOCAL_KINDS.has(g.place.kind)) support.set(c, (support.get(c) ?? 0) + 1);
    }
    let to: string | undefined;
    for (const [c, n] of support) if (to === undefined || n > (support.get(to) ?? 0)) to = c;
    if (to === undefined) continue;
    // The same name in any case ("VALENCIA"); lower-cased only for hits of its country.
    const name = h.match.toLowerCase();
    const same = (g: PlaceHit) =>
      g.place.kind !== 'dateline' && (g.match === h.match || g.match.toLowerCase() === name);
    if (hits.some((g) => g.place.codes.includes(code) && !same(g))) continue;
    out ??= hits.slice();
    for (const [j, g] of hits.entries())
      if (g.place.codes.length === 1 && g.place.codes[0] === code && same(g))
        out[j] = { ...g, place: { ...g.place, kind: 'city', codes: [to], needsContext: false, namesakes: undefined } };
  }
  return out ?? hits;
}

/**
 * "Of" (folded) in the five languages: a city after it and a capitalised word is part of a name ("Torre de Belém"),
 * not the city ("mercado de Valparaíso" is).
 */
const OF = new Set('of de do da dos das del du des von'.split(' '));

/** Kinds of evidence that only say a city or a well-known place of a country is named. */
const CITY_KINDS = new Set(['place', 'city', 'town']);

/**
 * Beside a dateline that puts the story in one country, another country whose only evidence is a single city or place
 * (no name, capital, demonym, alias, region or second place) is a mention: "LISBOA (Lusa) - ... Torre de Belém" is
 * not Belém in Brazil, "BERLIN (dpa) - ... Schnellverbindung nach Prag" is a train to Prague. Two places of that
 * country, or any other evidence for it, keep it as scored. A city the title names is what the story is about, and
 * the dateline only the desk that filed it ("Earthquake shakes Istanbul", "ATHENS (Reuters)"), unless the title names
 * it after a preposition, as where something goes or what it is for ("Concerto de homenagem a Milão"), or unless the
 * dateline's country has a town of that name too ("Tripoli" over "BEYROUTH (AFP)").
 */
export function demoteLoneCities(
  tags: Tag[],
  hits: readonly PlaceHit[],
  fields: readonly { field: TextField; tokens: { folded: readonly string[]; upperFirst: ArrayLike<boolean> } }[],
  namesakes: Namesakes,
): Tag[] {
  const dateline = hits.find((h) => h.place.kind === 'dateline')?.place.codes[0];
  if (!dateline || !tags.some((t) => t.kind === 'country' && t.value === dateline && t.role === 'focus')) return tags;
  const title = fields.find((f) => f.field === 'title')?.tokens ?? { folded: [], upperFirst: [] };
  const lone = (t: Tag) => {
    if (t.kind !== 'country' || t.role !== 'focus' || t.value === dateline) return false;
    let own: PlaceHit | undefined;
    for (const h of hits) {
      if (h.place.codes[0] !== t.value) continue;
      // The same city named again is still one place ("Tripoli" in the title and the summary).
      if (own && foldPhrase(own.match).join(' ') !== foldPhrase(h.match).join(' ')) return false;
      if (!own || h.field === 'title') own = h;
    }
    if (own === undefined || !CITY_KINDS.has(own.place.kind)) return false;
    if (own.field !== 'title' || afterPreposition(title.folded, own.from)) return true;
    // A town of the dateline's country shares the name: "BEYROUTH (AFP)" under "Tripoli : ..." is Lebanon's Tripoli.
    if (namesakes.get(foldPhrase(own.match).join(' '))?.has(dateline)) return true;
    return OF.has(title.folded[own.from - 1] ?? '') && title.upperFirst[own.from - 2] === true;
  };
  if (!tags.some(lone)) return tags;
  return tags.map((t) => (lone(t) ? { ...t, role: 'mention', reason: { ...t.reason, rule: 'country.lone-city' } } : t));
}
