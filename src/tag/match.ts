// A match report names two sides: the club of the title and the club it played (issue #13).
import type { Tag } from '../types.ts';
import type { PlaceHit, TextField } from './locate.ts';

/** A result as match reports write it: "2-1", "1–3", "1 a 0"; in German also "32:26" (times there are "20 Uhr"). */
const SCORE = /(?:^|[\s(])\d{1,2}\s?[-–]\s?\d{1,2}(?=$|[\s),.;])|\b\d{1,2} a \d{1,2}\b/u;
const SCORE_DE = /(?:^|[\s(])\d{1,2}:\d{1,2}(?=$|[\s),.;])/u;

/**
 * A match's other side: where the title names a club of the focus country (an editors' alias: "Le PSG s'impose à
 * Barcelone", "L'OM battu par le Club Bruges") and the text gives a result, a country named below the title only by
 * an editors' alias (the opposing club: "sur la pelouse du FC Barcelone") is a focus too (`country.match-side`), as
 * the sets label both clubs' countries. A national team's report names the countries themselves ("Tubarões Azuis ...
 * Cabo Verde venceu o Essuatíni por 3-0"): there the one other country named is the opponent. Without a result the
 * story is a transfer or a table, and stays one country's.
 * When the title names two countries' clubs, both sides are known and a club below plays another match.
 */
export function promoteMatchSides(
  tags: Tag[],
  hits: readonly PlaceHit[],
  fields: readonly { field: TextField; tokens: { text: string } }[],
  language: string | undefined,
): Tag[] {
  if (!tags.some((t) => t.kind === 'country' && t.role === 'mention')) return tags;
  const isFocus = (code: string | undefined) =>
    tags.some((t) => t.kind === 'country' && t.role === 'focus' && t.value === code);
  const clubsInTitle = new Set(
    hits
      .filter((h) => h.field === 'title' && h.place.kind === 'alias' && isFocus(h.place.codes[0]))
      .map((h) => h.place.codes[0]),
  );
  // A title naming two countries' clubs has named both sides: a club below plays another match ("set up a final
  // against Arsenal"). One country's aliases may be a club and its ground ("Real Madrid", "Bernabéu").
  if (clubsInTitle.size !== 1) return tags;
  const score = fields.some(
    (f) => f.field !== 'content' && (SCORE.test(f.tokens.text) || (language === 'de' && SCORE_DE.test(f.tokens.text))),
  );
  if (!score) return tags;
  // A national team: the title's side named below by its country's name, beside one other country so named (a
  // second is a later match's: "en finale contre l'Espagne ou le Portugal").
  const [side] = clubsInTitle;
  const named = new Set(
    hits.filter((h) => h.field !== 'title' && h.place.kind === 'name').flatMap((h) => h.place.codes.slice(0, 1)),
  );
  const national = side !== undefined && named.has(side) && named.size === 2;
  const namedAsOpponent = (code: string) => {
    let any = false;
    for (const h of hits) {
      if (h.place.codes.length !== 1 || h.place.codes[0] !== code) continue;
      if (!(h.place.kind === 'alias' || (national && h.place.kind === 'name')) || h.field === 'title') return false;
      any = true;
    }
    return any;
  };
  // A match report's dateline is where it was played, mostly the home side's city ("CÓRDOBA (Argentina) - Talleres
  // superó 3-0 a Fluminense"), whose club the editors' table may not know.
  const dateline = hits.find((h) => h.place.kind === 'dateline')?.place.codes[0];
  return tags.map((t) =>
    t.kind === 'country' && t.role === 'mention' && (namedAsOpponent(t.value) || t.value === dateline)
      ? { ...t, role: 'focus', reason: { ...t.reason, rule: 'country.match-side' } }
      : t,
  );
}
