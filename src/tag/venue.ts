// A dateline is where the story was filed, which for talks, summits and signings is only the venue: "KUALA LUMPUR
// (Reuters) - Thailand, Cambodia agree ceasefire", "WASHINGTON (AFP) - La RDC et le Rwanda signent un accord". When
// the title names two or more other countries as its actors and never the dateline's, the dateline's country is a
// mention (`country.venue`): the story is theirs. One other country is not enough ("Iran warns...", filed from
// Dubai, is often about the Gulf too), and a country the title names keeps its role, unless the title names it only
// as where they meet ("Lula e Trump se reúnem na Malásia", "Kinshasa et Kigali signent un accord à Washington").
// A stage race's country is a mention the same way where the race starts abroad ("Le Tour de France s'élancera de
// Barcelone"): demoteRaceAbroad.
import type { Tag } from '../types.ts';
import { afterPreposition } from './kicker.ts';
import type { PlaceHit, TextField } from './locate.ts';

export interface VenueField {
  field: TextField;
  tokens: { folded: readonly string[] };
}

/** A title hit that names a country acting: not a modifier, company, currency, nationality, object or side. */
function actor(h: PlaceHit, title: readonly string[]): boolean {
  if (h.field !== 'title' || h.place.kind === 'dateline') return false;
  if (h.modifier || h.organisation || h.currency || h.sentenceRole) return false;
  if (h.place.kind === 'demonym' && !h.national) return false;
  return !afterPreposition(title, h.from);
}

/**
 * Countries that may be only where the story's actors meet: the dateline's, when the title does not name it, and one
 * the title names only as a venue (roles.ts: "se reúnem na Malásia", "signent un accord à Washington") and the entry
 * shows acting nowhere (no alias, no demonym for its state).
 */
function venues(hits: readonly PlaceHit[]): Set<string> {
  const out = new Set<string>();
  const dateline = hits.find((h) => h.place.kind === 'dateline')?.place.codes[0];
  if (dateline && !hits.some((h) => h.field === 'title' && h.place.codes.includes(dateline))) out.add(dateline);
  const named = new Set(
    hits.filter((h) => h.sentenceRole === 'venue' && h.field === 'title').map((h) => h.place.codes[0]),
  );
  for (const code of named) {
    if (code === undefined) continue;
    const own = hits.filter((h) => h.place.codes[0] === code);
    const acting = own.some(
      // "the Swedish capital" after "talks in" is the venue named again, not its state acting.
      (h) => h.sentenceRole !== 'venue' && (h.field === 'title' || h.place.kind === 'alias' || h.national === true),
    );
    if (!acting) out.add(code);
  }
  return out;
}

export function demoteVenue(tags: Tag[], hits: readonly PlaceHit[], fields: readonly VenueField[]): Tag[] {
  const candidates = venues(hits);
  if (!candidates.size) return tags;
  const title = fields.find((f) => f.field === 'title')?.tokens.folded ?? [];
  const focus = new Set(tags.filter((t) => t.kind === 'country' && t.role === 'focus').map((t) => t.value));
  const actors = new Set(hits.filter((h) => actor(h, title)).map((h) => h.place.codes[0]));
  const meets = (venue: string) =>
    [...actors].filter((c) => c !== undefined && c !== venue && focus.has(c)).length >= 2;
  return tags.map((t) =>
    t.kind === 'country' && t.role === 'focus' && candidates.has(t.value) && meets(t.value)
      ? { ...t, role: 'mention', reason: { ...t.reason, rule: 'country.venue' } }
      : t,
  );
}

/** Kinds of title hit that place the story in a country: a city, a town, a capital, a curated place. */
const PLACING_KINDS = new Set(['place', 'city', 'town', 'capital']);

/**
 * A stage race named after its country ("Tour de France", "Vuelta a España") that starts or runs abroad: when the
 * country is read from the race's name alone and the title places the story in another country's city, the race's
 * country is a mention (`country.race`): "Le Tour de France s'élancera de Barcelone" is Spain's story. On its own
 * ground the race keeps its country ("Tour de France : Pogacar s'envole dans les Pyrénées").
 */
export function demoteRaceAbroad(tags: Tag[], hits: readonly PlaceHit[]): Tag[] {
  if (!hits.some((h) => h.race)) return tags;
  const placedAbroad = (code: string) =>
    hits.some(
      (h) =>
        h.field === 'title' &&
        PLACING_KINDS.has(h.place.kind) &&
        h.place.codes.length === 1 &&
        h.place.codes[0] !== code &&
        tags.some((t) => t.kind === 'country' && t.role === 'focus' && t.value === h.place.codes[0]),
    );
  return tags.map((t) => {
    if (t.kind !== 'country' || t.role !== 'focus') return t;
    const own = hits.filter((h) => h.place.codes.includes(t.value));
    if (!own.length || !own.every((h) => h.race) || !placedAbroad(t.value)) return t;
    return { ...t, role: 'mention', reason: { ...t.reason, rule: 'country.race' } };
  });
}
