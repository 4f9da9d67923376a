// A dateline is where the story was filed, which for talks, summits and signings is only the venue: "KUALA LUMPUR
// (Reuters) - Thailand, Cambodia agree ceasefire", "WASHINGTON (AFP) - La RDC et le Rwanda signent un accord". When
// the title names two or more other countries as its actors and never the dateline's, the dateline's country is a
// mention (`country.venue`): the story is theirs. One other country is not enough ("Iran warns...", filed from
// Dubai, is often about the Gulf too), and a country the title names keeps its role.
import type { Tag } from '../types.ts';
import { afterPreposition } from './kicker.ts';
import type { PlaceHit, TextField } from './locate.ts';

export interface VenueField {
  field: TextField;
  tokens: { folded: readonly string[] };
}

/** A title hit that names a country acting: not a modifier, company, currency, nationality or object. */
function actor(h: PlaceHit, title: readonly string[]): boolean {
  if (h.field !== 'title' || h.place.kind === 'dateline') return false;
  if (h.modifier || h.organisation || h.currency) return false;
  if (h.place.kind === 'demonym' && !h.national) return false;
  return !afterPreposition(title, h.from);
}

export function demoteVenue(tags: Tag[], hits: readonly PlaceHit[], fields: readonly VenueField[]): Tag[] {
  const venue = hits.find((h) => h.place.kind === 'dateline')?.place.codes[0];
  if (!venue || hits.some((h) => h.field === 'title' && h.place.codes.includes(venue))) return tags;
  const title = fields.find((f) => f.field === 'title')?.tokens.folded ?? [];
  const focus = new Set(tags.filter((t) => t.kind === 'country' && t.role === 'focus').map((t) => t.value));
  const actors = new Set(hits.filter((h) => actor(h, title)).map((h) => h.place.codes[0]));
  actors.delete(venue);
  if ([...actors].filter((c) => c !== undefined && focus.has(c)).length < 2) return tags;
  return tags.map((t) =>
    t.kind === 'country' && t.value === venue && t.role === 'focus'
      ? { ...t, role: 'mention', reason: { ...t.reason, rule: 'country.venue' } }
      : t,
  );
}
