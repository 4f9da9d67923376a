// A title that opens with its country as a kicker ("Espagne : grève générale pour la Palestine", "Kuba: Massenflucht
// nach Nicaragua und in die USA", "Slovakia: protests over a turn towards Moscow") is that country's story. Another
// country the title names only after a preposition (where people go, what a protest is for, what a border is near)
// and the rest of the entry does not name is a mention, not a focus. A country acting in the title (its name as the
// subject, or a demonym beside a noun for the state: "Liban : frappes israéliennes sur...") keeps its role.
import type { Tag } from '../types.ts';
import type { PlaceHit, TextField } from './locate.ts';

/**
 * Prepositions (folded) before which a country is the object, not an actor, in the five languages. Not "with" (con,
 * com, avec, mit): relations or talks with a country make it a party ("rompe relaciones con Taiwán").
 */
const PREPOSITIONS = new Set(
  (
    'to towards toward from for near over against on at into ' +
    'a al hacia desde para por contra sobre hasta ' +
    'ao aos ' +
    'pour vers contre sur au aux ' +
    'nach gegen fur uber aus an zu vom zum zur'
  ).split(' '),
);
/** Articles that may stand between the preposition and the country ("in die USA", "pour la Palestine"). */
const ARTICLES = new Set('the la le les l el los las o os as die der den dem des das'.split(' '));

export interface KickerField {
  field: TextField;
  tokens: { folded: readonly string[]; text: string; start: ArrayLike<number>; end: ArrayLike<number> };
}

/** Whether the words before token `from` are one of PREPOSITIONS, with or without an article between. */
export function afterPreposition(folded: readonly string[], from: number): boolean {
  let i = from - 1;
  if (i >= 0 && ARTICLES.has(folded[i] ?? '')) i--;
  return i >= 0 && PREPOSITIONS.has(folded[i] ?? '');
}

export function demoteKickerObjects(tags: Tag[], hits: readonly PlaceHit[], fields: readonly KickerField[]): Tag[] {
  const title = fields.find((f) => f.field === 'title')?.tokens;
  if (!title || !title.text.includes(':')) return tags;
  // The kicker: a country's name of at most three words ending right before the colon (not a city: "Genève : la
  // conférence sur le Soudan" is the Sudan's story).
  const kicker = hits.find(
    (h) =>
      h.field === 'title' &&
      h.from === 0 &&
      h.place.kind === 'name' &&
      h.to <= 3 &&
      h.place.codes.length === 1 &&
      /^\s*:/.test(title.text.slice(title.end[h.to - 1] ?? 0)),
  );
  const home = kicker?.place.codes[0];
  if (!home || !tags.some((t) => t.kind === 'country' && t.value === home && t.role === 'focus')) return tags;
  return tags.map((t) => {
    if (t.kind !== 'country' || t.role !== 'focus' || t.value === home) return t;
    const own = hits.filter((h) => h.place.codes[0] === t.value);
    const objectOnly =
      own.length > 0 &&
      own.every(
        (h) =>
          h.field === 'title' && h.place.kind !== 'dateline' && !h.national && afterPreposition(title.folded, h.from),
      );
    return objectOnly ? { ...t, role: 'mention', reason: { ...t.reason, rule: 'country.kicker-object' } } : t;
  });
}
