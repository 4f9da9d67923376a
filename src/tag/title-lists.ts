// Places a title or a summary lists together as its subject share one role (issue #13).
import type { Tag } from '../types.ts';
import type { PlaceHit, TextField } from './locate.ts';
import { AND_WORDS } from './text.ts';

interface ListField {
  field: TextField;
  tokens: { text: string; folded: readonly string[]; start: readonly number[]; end: readonly number[] };
}

/** Kinds of place a list of a title's subjects holds: capitals speaking for their states, cities, countries. */
const LISTED_KINDS = new Set(['name', 'capital', 'city', 'place']);

/** Articles a list may put before each name: "Le Mali, le Burkina Faso et le Niger", "o Brasil e a Argentina". */
const LIST_ARTICLES = new Set('the le la les l el los las o a os as'.split(' '));

/**
 * The text between two hits is a list's separator: a comma, or "and" in one of the five languages, an article
 * after it or not.
 */
function separates(text: string): boolean {
  const words = text.trim().toLowerCase();
  const last = /(?:^|[\s,])(\p{L}+)['’]?$/u.exec(words);
  const between = last?.[1] && LIST_ARTICLES.has(last[1]) ? words.slice(0, last.index).trim() : words;
  return between === ',' || between === '&' || AND_WORDS.has(between) || AND_WORDS.has(between.replace(/^,\s*/, ''));
}

/**
 * Token i opens the field or a clause of it, after a dash, a colon or a semicolon ("... - Tokio und Seoul rufen"),
 * an article before it or not ("Le Mali, le Burkina Faso et le Niger ont notifié...").
 */
function opensClause(field: ListField['tokens'], i: number): boolean {
  if (i > 0 && LIST_ARTICLES.has(field.folded[i - 1] ?? '')) return opensClause(field, i - 1);
  if (i === 0) return true;
  const gap = field.text.slice(field.end[i - 1] ?? 0, field.start[i] ?? 0);
  return /^\s*[-\u2013\u2014:;|]\s*$/.test(gap) && /\s$/.test(gap);
}

/**
 * A title that opens with a list of places ("Bamako, Niamey et Ouagadougou lancent un passeport commun", "Bogotá,
 * Quito e Lima assinam acordo") makes them its subjects alike; so does a summary that opens with one ("Le Mali, le
 * Burkina Faso et le Niger ont notifié leur départ..."). A dateline adds to one of them only ("BAMAKO (AFP) -"), and
 * the others fell short beside it: every place of the list whose country is a mention becomes a focus when one of
 * them is (`country.title-list`). Only where the list opens the field or a clause of it ("Nordkorea feuert Rakete -
 * Tokio und Seoul rufen UN-Sicherheitsrat an"): a list after a verb or a preposition may be destinations or objects
 * ("vuelos a Madrid y Lisboa").
 */
export function promoteOpeningLists(tags: Tag[], hits: readonly PlaceHit[], fields: readonly ListField[]): Tag[] {
  if (!tags.some((t) => t.kind === 'country' && t.role === 'mention')) return tags;
  const promoted = new Set<string>();
  for (const { field, tokens } of fields) {
    if (field !== 'title' && field !== 'summary') continue;
    for (const codes of openingLists(tokens, hits, field))
      if (tags.some((t) => t.kind === 'country' && t.role === 'focus' && codes.has(t.value)))
        for (const c of codes) promoted.add(c);
  }
  if (!promoted.size) return tags;
  return tags.map((t) =>
    t.kind === 'country' && t.role === 'mention' && promoted.has(t.value)
      ? { ...t, role: 'focus', reason: { ...t.reason, rule: 'country.title-list' } }
      : t,
  );
}

/** The countries of each list of two places or more that opens the field or a clause of it. */
function openingLists(tokens: ListField['tokens'], hits: readonly PlaceHit[], field: TextField): Set<string>[] {
  const own = hits
    .filter(
      (h) =>
        h.field === field &&
        LISTED_KINDS.has(h.place.kind) &&
        h.place.codes.length > 0 &&
        !h.organisation &&
        !h.modifier &&
        !h.person,
    )
    .sort((a, b) => a.from - b.from);
  const lists: Set<string>[] = [];
  for (const [k, first] of own.entries()) {
    if (!opensClause(tokens, first.from)) continue;
    const list = [first];
    for (const next of own.slice(k + 1)) {
      const prev = list[list.length - 1] ?? first;
      const gap = tokens.text.slice(tokens.end[prev.to - 1] ?? 0, tokens.start[next.from] ?? 0);
      if (!separates(gap)) break;
      list.push(next);
    }
    if (list.length >= 2) lists.push(new Set(list.flatMap((h) => h.place.codes.slice(0, 1))));
  }
  return lists;
}
