// Turns place hits into country and region tags. Title counts more than summary, summary more than content;
// repeated mentions add less each time; ambiguous words take the country the rest of the entry supports;
// the source's declared country is a prior that adds score, never an override.
import type { Tag } from '../types.ts';
import { TOWN_LANGUAGES } from './data.ts';
import type { PlaceHit, TextField } from './locate.ts';
import { REGIONS, regionsOf } from './regions.ts';
import { isSide } from './roles.ts';

export const FIELD_WEIGHT: Record<TextField, number> = { title: 3, summary: 1.5, content: 0.5 };
/** A place named again in the same field counts less each time. */
const REPEAT_WEIGHT = [1, 0.5, 0.25] as const;
const KIND_WEIGHT: Record<string, number> = {
  name: 1,
  alias: 0.9,
  demonym: 0.65,
  capital: 0.7,
  place: 0.7,
  state: 0.6,
  city: 0.5,
  region: 1,
  town: 0.35,
  dateline: 1,
};
/**
 * What a dateline's place adds, in any field: a focus on its own unless another country scores more than twice
 * as much (the story is clearly about elsewhere).
 */
export const DATELINE_WEIGHT = 2;
/**
 * Beside the story's focus, a country named once in passing deep in the body (one content mention: 0.5 for a
 * name, less for a demonym or a place) is not something the entry is about: below this score it is not tagged.
 * With no focus at all, weak mentions are all the entry has, and they stay.
 */
export const MENTION_MIN = 0.6;
const MODIFIER_SHARE = 0.3;
const CONTENT_CAP = 2;
const SOURCE_PRIOR = 1;
/** A country is a focus when it has at least this score and more than this share of the top score. */
export const FOCUS_MIN = 1.2;
/**
 * The only country an entry names is its focus on less: one place (1.05) or one demonym (0.98) in the summary ("a court
 * in São Paulo", "la pinacoteca madrileña"). On the four blind-origin sets a lone summary demonym was a labelled focus
 * 9 times in 10.
 */
const SOLE_FOCUS_MIN = 0.95;
const SOLE_PERSON_FOCUS_MIN = 1;
/**
 * ...and on less again when places alone name it, in es, pt, fr or de: one city (0.75) or one town standing as a town
 * in its own country's language (0.52, see soleTown) in the summary: "a fábrica em Palmela", "die Bauarbeiten in
 * Wiesbaden". On the read sets 13 entries more found their country this way, none a wrong one. Not in English: there a
 * lone city in a summary was as often a player's or a club's as the story's (read sets: 3 right, 2 wrong), and on the
 * real feeds of ../shared/corpus it filed 22 episodes of a games podcast under the US.
 */
const SOLE_PLACE_FOCUS_MIN = 0.5;
export const FOCUS_RATIO = 0.5;
/**
 * ...or this share, when only places name it (cities, towns, regions, landmarks: no name, alias, demonym or dateline).
 * A place is the evidence most often another thing of the same name (a club, a namesake town, a guest city): between
 * the two shares such foci were wrong on every set (3 of 3 on the development and labelled sets, 1 of 1 on
 * reuters-dev; tests/eval/evidence.ts measures the kinds).
 */
const PLACES_ONLY_RATIO = 0.65;
/** ...or this share, when its name is in the title. */
const TITLE_NAME_RATIO = 0.33;
const REGION_MIN = 1;
const DERIVED_REGION_SHARE = 0.5;

/** A demonym qualifying the state ("Gobierno español") names the country as surely as its name. */
const kindWeight = (h: PlaceHit) => (h.national ? KIND_WEIGHT.name : undefined) ?? KIND_WEIGHT[h.place.kind] ?? 0.5;

interface Acc {
  score: number;
  /** Named outright in the title (its name, not a demonym or a place in it). */
  titleName?: boolean;
  /** Hits per field so far, for diminishing returns. */
  seen: Record<TextField, number>;
  contentScore: number;
  best?: { weight: number; hit: PlaceHit };
  /** Some evidence besides a bare name below the title: a title hit, a dateline, a place, a demonym, an alias. */
  beyondName?: boolean;
  /** Some evidence besides places: its name, an editors' alias, a demonym, a dateline, a capital speaking for it. */
  beyondPlaces?: boolean;
  /** Some evidence besides a person's nationality ("un cantante español"). */
  beyondPersons?: boolean;
}

function accumulate(map: Map<string, Acc>, key: string, hit: PlaceHit): void {
  const share = evidenceShare(hit);
  if (share === 0) return;
  let a = map.get(key);
  if (!a) map.set(key, (a = { score: 0, seen: { title: 0, summary: 0, content: 0 }, contentScore: 0 }));
  const base = kindWeight(hit) * share;
  if (hit.place.kind !== 'name' || hit.field === 'title') a.beyondName = true;
  if (BEYOND_PLACE_KINDS.has(hit.place.kind) || hit.national) a.beyondPlaces = true;
  if (!hit.person) a.beyondPersons = true;
  if (hit.place.kind === 'dateline') {
    a.score += DATELINE_WEIGHT;
    a.best = { weight: DATELINE_WEIGHT * FIELD_WEIGHT.title, hit };
    return;
  }
  if (hit.field === 'title' && TITLE_NAMING_KINDS.has(hit.place.kind) && share === 1) a.titleName = true;
  const n = a.seen[hit.field]++;
  let w = base * FIELD_WEIGHT[hit.field] * REPEAT_WEIGHT[Math.min(n, 2)];
  if (hit.field === 'content') {
    w = Math.min(w, CONTENT_CAP - a.contentScore);
    a.contentScore += w;
  }
  a.score += w;
  if (!a.best || base * FIELD_WEIGHT[hit.field] > a.best.weight)
    a.best = { weight: base * FIELD_WEIGHT[hit.field], hit };
}

/** Evidence that is not a place of the country. */
const BEYOND_PLACE_KINDS = new Set(['name', 'alias', 'dateline', 'demonym']);

/**
 * Evidence in the title that names the country outright: its name, or an editors' alias (a national institution, a
 * leader: "Bundeswehr stationiert Brigade in Litauen" is about Germany's army, beside a Lithuanian dateline).
 */
const TITLE_NAMING_KINDS = new Set(['name', 'alias']);

const round = (x: number) => Math.round(x * 100) / 100;

/** Kinds of place whose name in a company's name says its nationality ("Japan Airlines", "London Metal Exchange"). */
const NATIONALITY_KINDS = new Set(['name', 'demonym', 'capital']);

/** A city in a company's name says nothing of where the story is; a country's name there is its nationality. */
function evidenceShare(hit: PlaceHit): number {
  if (hit.organisation) return NATIONALITY_KINDS.has(hit.place.kind) ? MODIFIER_SHARE : 0;
  if (hit.currency || hit.agreement) return 0;
  return hit.modifier ? MODIFIER_SHARE : 1;
}

const evidenceOf = (h: PlaceHit) =>
  h.place.kind === 'dateline' ? DATELINE_WEIGHT : kindWeight(h) * FIELD_WEIGHT[h.field];

/** Whether no country has more evidence than `code`. */
function leads(evidence: ReadonlyMap<string, number>, code: string): boolean {
  const own = evidence.get(code) ?? 0;
  for (const v of evidence.values()) if (v > own) return false;
  return true;
}

/**
 * Picks the country each ambiguous hit means, from the evidence of the unambiguous ones. Context-only hits
 * (editors' aliases, mid-size towns) count when their country has other evidence, or when two different
 * towns of the same country back each other.
 */
function resolve(hits: PlaceHit[]): { hit: PlaceHit; code: string }[] {
  const evidence = new Map<string, number>();
  const towns = new Map<string, Set<string>>();
  for (const h of hits) {
    const c = h.place.codes[0];
    if (c === undefined || h.place.codes.length !== 1) continue;
    if (!h.place.needsContext) evidence.set(c, (evidence.get(c) ?? 0) + evidenceOf(h));
    else if (h.place.kind === 'town') {
      const seen = towns.get(c) ?? new Set<string>();
      towns.set(c, seen.add(h.match.toLowerCase()));
    }
  }
  for (const [c, seen] of towns) if (seen.size >= 2 && !evidence.has(c)) evidence.set(c, 0.01);
  // Between the readings of an ambiguous word, even one town of a country tips the balance where nothing else does:
  // "Georgia ... Savannah's mayoral runoff" is the US state.
  const support = (c: string) => evidence.get(c) || (towns.has(c) ? 0.001 : 0);
  const out: { hit: PlaceHit; code: string }[] = [];
  for (const h of hits) {
    const codes = h.place.codes;
    let code = codes[0];
    if (code === undefined) continue;
    for (let k = 1; k < codes.length; k++) {
      const c = codes[k] as string;
      if (support(c) > support(code)) code = c;
    }
    // A capital's namesake abroad is read only where its country leads the entry: a tour's "Buenos Aires, Santiago y
    // Madrid" under a title in Montevideo is Chile's Santiago; "la capital gallega" makes it Spain's.
    if (h.place.kind === 'capital' && code !== codes[0] && !leads(evidence, code)) code = codes[0] as string;
    // Editors' context-only aliases ("Castillo") need other evidence for their country.
    if (h.place.needsContext && !(evidence.get(code) ?? 0)) continue;
    out.push({ hit: h, code });
  }
  return out;
}

/**
 * Editors' aliases that count only when the entry names no other country (a company's home, an institution several
 * countries name alike): dropped when any hit may name another country, or two of them name different ones. A source
 * that declares a country reads the shared institutions (`domestic:`, those scoped to a language) as its own: an
 * Australian site's "the Senate" is not the US's. `visit`: the title names a visit or a meeting (visits.ts).
 */
export function dropAloneAliases(hits: PlaceHit[], sourceCountry?: string, visit = false): PlaceHit[] {
  // Companies come last: one beside another country's name in the title, or beside another company, says nothing,
  // and it never outvotes the state's own institutions ("o Conselho de Ministros ... propostas da Lufthansa").
  if (hits.some((h) => h.place.company)) {
    const kept = new Set(
      dropAloneAliases(
        hits.filter((h) => !h.place.company),
        sourceCountry,
        visit,
      ),
    );
    const homes = new Set(hits.filter((h) => h.place.company).map((h) => h.place.codes[0]));
    const [home] = homes;
    // Below a title that names the company and no other country, other countries are its markets, suppliers or
    // rivals ("Volkswagen: Gewinn bricht um ein Drittel ein ... Absatz in China"): the company's home stays. So in the
    // title too when it tells of the company's own results or deals ("Novartis übernimmt US-Biotechfirma", "Danone
    // cède sa filiale en Argentine"). Not beside a dateline, which says where the story is ("DENVER - Amselco, a unit
    // of British Petroleum...").
    const titled = hits.some((h) => h.place.company && h.field === 'title');
    const dealt = hits.some((h) => h.companyDeal);
    const agree =
      homes.size === 1 &&
      home !== undefined &&
      [...kept].every(
        (h) =>
          !h.place.codes.length ||
          h.place.codes.includes(home) ||
          (titled && h.place.kind !== 'dateline' && (dealt || h.field !== 'title')),
      );
    return hits.filter((h) => kept.has(h) || (agree && h.place.company));
  }
  const source = sourceCountry && /^[A-Z]{2}$/.test(sourceCountry) ? sourceCountry : undefined;
  const foreign = (h: PlaceHit) => source !== undefined && h.place.langs !== undefined && h.place.codes[0] !== source;
  let any = false;
  let alone: string | undefined;
  let other = false;
  for (const h of hits) {
    if (!h.place.alone) continue;
    any = true;
    if (foreign(h)) continue;
    const code = h.place.codes[0];
    if (alone !== undefined && alone !== code) other = true;
    alone = code;
  }
  if (!any) return hits;
  if (alone === undefined) return hits.filter((h) => !h.place.alone);
  // A mid-size town counts only beside another name of its country (resolve): alone it names no other country here.
  const backed = (t: PlaceHit) =>
    hits.some(
      (h) =>
        h !== t &&
        !h.place.alone &&
        h.place.codes[0] === t.place.codes[0] &&
        h.match.toLowerCase() !== t.match.toLowerCase(),
    );
  // In a visit story the countries of the title and the dateline are its sides: a national office the text gives no
  // nationality is the visitor's ("Bundeskanzler zu Besuch in Nigeria"; not "le Premier ministre canadien").
  const sides = new Set(
    visit && !hits.some((h) => h.national)
      ? hits.filter((h) => h.field === 'title' || h.place.kind === 'dateline').map((h) => h.place.codes[0])
      : [],
  );
  // A country named as a side (where people cross to, whom sanctions hit) says nothing of whose institution it is;
  // nor does a mid-size town that nothing backs ("migrants arrive in Kent", Kent being a Washington town too, beside
  // the Home Office).
  for (const h of hits)
    if (
      !h.place.alone &&
      !isSide(h) &&
      !(h.place.kind === 'town' && h.place.needsContext && !backed(h)) &&
      !sides.has(h.place.codes[0]) &&
      h.place.codes.length &&
      !h.place.codes.includes(alone)
    )
      other = true;
  return hits.filter((h) => !h.place.alone || (!other && !foreign(h)));
}

/** For measuring only (tests/eval/evidence.ts): receives an entry's hits, each with the country it was resolved to. */
export type ResolvedTrace = (hits: readonly { hit: PlaceHit; code: string }[]) => void;

/**
 * A territory whose news is a war another state fights there (countries.yaml's war_sides: the Gaza Strip and Israel).
 * The side named anywhere in an entry whose focus is the territory ("Gaza truce talks ... Israeli negotiators") is the
 * other side of the story, not a passing name. One way only: the side's diplomacy names the territory as a subject
 * ("Baerbock reist nach Israel ... Lage in Gaza"), so the side as the focus promotes nothing.
 */
export interface WarSide {
  territory: string;
  side: string;
}

export interface ScoreOptions {
  /** The source's country (a feed's `country`): a prior for it. */
  sourceCountry?: string;
  warSides?: readonly WarSide[];
  traceResolved?: ResolvedTrace;
  /** The entry's language (ISO 639-1): see SOLE_PLACE_FOCUS_MIN. */
  language?: string;
}

export function scoreCountries(hits: PlaceHit[], opts: ScoreOptions = {}): Tag[] {
  const { sourceCountry, warSides = [], traceResolved, language } = opts;
  const countries = new Map<string, Acc>();
  const resolved = resolve(hits);
  traceResolved?.(resolved);
  for (const { hit, code } of resolved) accumulate(countries, code, hit);
  const tags: Tag[] = [];
  const source = sourceCountry && /^[A-Z]{2}$/.test(sourceCountry) ? sourceCountry : undefined;
  if (source) {
    const a = countries.get(source);
    if (a) a.score += SOURCE_PRIOR;
  }
  // A region named in the title ("Latin America: ...") is what the entry is about; countries it lists as
  // examples in the summary are mentions.
  const regionInTitle = hits.some((h) => h.place.kind === 'region' && h.field === 'title') ? FIELD_WEIGHT.title : 0;
  // The top score, without the region (one pass, no array of scores).
  let top = 0;
  for (const a of countries.values()) if (a.score > top) top = a.score;
  const max = Math.max(regionInTitle, top);
  // A country named outright in the title is part of what the story is about, even beside a stronger one.
  // The only country an entry names is its focus on less: one place or demonym in the summary.
  // A person's nationality alone ("un cantante español") needs what a place needs.
  // A person's nationality beside them is no other place of the story ("Der britische Schauspieler ... in Wismar").
  let placed = 0;
  for (const a of countries.values()) if (a.beyondPersons) placed++;
  const focusMinOf = (a: Acc) => {
    if (countries.size !== 1 && !(placed === 1 && a.beyondPersons)) return FOCUS_MIN;
    if (!a.beyondPlaces && TOWN_LANGUAGES.has(language ?? '')) return SOLE_PLACE_FOCUS_MIN;
    return a.beyondPersons ? SOLE_FOCUS_MIN : SOLE_PERSON_FOCUS_MIN;
  };
  // Beside a stronger country, one the text only names below the title (no dateline, place, demonym or alias, nothing
  // in the title) is named in passing: "... procedentes de Senegal y Mauritania", "... tribunales de tierras de
  // Brasil". On the labelled set such focus tags were right once in eight.
  const inPassing = (a: Acc) => a.score < top && !a.beyondName;
  const strongEnough = (a: Acc, ratio: number) =>
    a.score >= focusMinOf(a) &&
    !inPassing(a) &&
    (a.score > ratio * max || (a.titleName === true && a.score > TITLE_NAME_RATIO * max));
  const isFocus = (a: Acc) => strongEnough(a, a.beyondPlaces ? FOCUS_RATIO : PLACES_ONLY_RATIO);
  let anyFocus = false;
  for (const a of countries.values()) if (isFocus(a)) anyFocus = true;
  // A war's territory as the focus makes the state fighting there a focus too, wherever the entry names it.
  let sides: string[] | undefined;
  for (const { territory, side } of warSides) {
    const a = countries.get(territory);
    if (a && countries.has(side) && isFocus(a)) (sides ??= []).push(side);
  }
  for (const [code, a] of countries) {
    const side = sides !== undefined && sides.includes(code) && !isFocus(a);
    const focus = side || isFocus(a);
    if (!a.best || (!focus && anyFocus && a.score < MENTION_MIN)) continue;
    const h = a.best.hit;
    // A country only places name, short of PLACES_ONLY_RATIO but not of FOCUS_RATIO, says so in `explain`.
    const placesOnly = !focus && strongEnough(a, FOCUS_RATIO);
    let rule = placesOnly ? 'country.places-only' : `country.${h.place.kind}`;
    if (side) rule = 'country.war-side';
    tags.push({
      kind: 'country',
      value: code,
      score: round(a.score),
      role: focus ? 'focus' : 'mention',
      reason: { rule, match: h.match, field: h.field },
    });
  }
  // With no word for any place, the source's own country is the best guess (and says so). When the text names a
  // region instead ("Latin America: ..."), the entry is about the region: the prior stays a mention.
  if (source && !countries.size) {
    const namesRegion = hits.some((h) => h.place.kind === 'region');
    tags.push({
      kind: 'country',
      value: source,
      score: SOURCE_PRIOR,
      role: namesRegion ? 'mention' : 'focus',
      reason: { rule: 'country.source-prior', match: source, field: 'source' },
    });
  }
  return tags.sort((a, b) => b.score - a.score || a.value.localeCompare(b.value));
}

export function scoreRegions(hits: PlaceHit[], countryTags: readonly Tag[], sourceRegion?: string): Tag[] {
  const direct = new Map<string, Acc>();
  for (const h of hits) if (h.place.kind === 'region' && h.place.region) accumulate(direct, h.place.region, h);
  const out = new Map<string, Tag>();
  for (const [slug, a] of direct) {
    const score = a.score + (slug === sourceRegion ? SOURCE_PRIOR : 0);
    if (score < REGION_MIN) continue;
    if (!a.best) continue;
    const h = a.best.hit;
    out.set(slug, {
      kind: 'region',
      value: slug,
      score: round(score),
      reason: { rule: 'region.name', match: h.match, field: h.field },
    });
  }
  for (const c of countryTags) {
    if (c.role !== 'focus') continue;
    for (const slug of regionsOf(c.value)) {
      const score = round(c.score * DERIVED_REGION_SHARE);
      const prev = out.get(slug);
      if (prev && prev.score >= score) continue;
      if (prev) continue; // a direct mention explains itself better than a derivation
      out.set(slug, {
        kind: 'region',
        value: slug,
        score,
        reason: { rule: 'region.derived', match: c.value, field: c.reason.field },
      });
    }
  }
  if (sourceRegion && REGIONS.has(sourceRegion) && !out.size && !countryTags.length) {
    out.set(sourceRegion, {
      kind: 'region',
      value: sourceRegion,
      score: SOURCE_PRIOR,
      reason: { rule: 'region.source-prior', match: sourceRegion, field: 'source' },
    });
  }
  return [...out.values()].sort((a, b) => b.score - a.score || a.value.localeCompare(b.value));
}
