// Visits and meetings: "Modi besucht Berlin", "Lula recebe Macron em Belém", "Carney zu Besuch in Mexiko", "X reçu à
// l'Élysée". Both sides are what the story is about: the host (often the dateline, or a capital in the title) and the
// visitor (a leader named in the title, or in the summary by an editor's alias or a demonym beside a noun for the
// state: "le président syrien", "der kanadische Premierminister"). Scored alone the visitor is often below half the
// host's score, so a mention; here it becomes a focus (`country.visit` in explain).
import type { Tag } from '../types.ts';
import type { PlaceHit } from './locate.ts';
import { FOCUS_MIN } from './scoring.ts';

/** Words (folded) that make a title a visit or a meeting between two sides, in the five languages. */
const VISIT_WORDS = new Set(
  (
    'visit visits visiting visited hosts hosted receives received welcomes welcomed meets arrives ' +
    'visita visitara visito recibe recibio recibira viaja llega ' +
    'recebe recebeu recebera viaja chega ' +
    'visite recoit recu recue accueille rencontre arrive ' +
    'besucht besuch staatsbesuch empfangt empfangen trifft'
  ).split(' '),
);

/**
 * Nouns (folded) for people whom a story moves or signs: migrants expelled, refugees taken in, a player bought. A
 * demonym beside one is their nationality, and the country that acts on them is the story's (kicker.ts); receiving
 * them is no visit ("Cuba recibe a 60 migrantes devueltos por...").
 */
export const MOVED_PEOPLE = new Set(
  (
    'migrants migrantes migrant migrante immigrants inmigrantes imigrantes refugees refugiados refugies fluchtlinge ' +
    'migranten asylum deportees deportados expulses asylbewerber asylsuchende ' +
    'striker forward midfielder defender goalkeeper delantero centrocampista defensa portero avancado atacante medio ' +
    'zagueiro goleiro guarda-redes attaquant milieu gardien sturmer mittelfeldspieler verteidiger torwart ' +
    'coach manager entrenador treinador tecnico entraineur trainer'
  ).split(' '),
);
/** Words after a visit word that may name whom it receives ("recibe a 60 migrantes"). */
const RECEIVED_WITHIN = 4;

/** Whether a folded word is a count ("600", "10.000"): a visit receives a guest, not a number of people. */
export const isCount = (word: string): boolean => /^\d[\d.,]*$/.test(word);

/**
 * Whether a title (folded words) names a visit or a meeting: not one that receives people moved or signed, nor people
 * counted ("Pacaraima recebe 600 venezuelanos por dia").
 */
export function namesVisit(title: readonly string[]): boolean {
  return title.some((w, i) => {
    if (!VISIT_WORDS.has(w)) return false;
    for (let k = i + 1; k <= i + RECEIVED_WITHIN && k < title.length; k++) {
      const next = title[k] ?? '';
      if (MOVED_PEOPLE.has(next) || isCount(next)) return false;
    }
    return true;
  });
}

/** Evidence that a country is a side of the visit: named in the title, or its leader named in the summary. */
function side(h: PlaceHit): boolean {
  if (h.organisation || h.currency || h.modifier || h.seat) return false;
  if (h.field === 'title') return h.place.kind !== 'dateline';
  return h.field === 'summary' && (h.place.kind === 'alias' || h.national === true);
}

/** `visit`: whether the title names a visit or a meeting (namesVisit). */
export function promoteVisits(tags: Tag[], hits: readonly PlaceHit[], visit: boolean): Tag[] {
  if (!visit || !tags.some((t) => t.kind === 'country' && t.role === 'mention')) return tags;
  if (!tags.some((t) => t.kind === 'country' && t.role === 'focus')) return tags;
  return tags.map((t) => {
    if (t.kind !== 'country' || t.role !== 'mention' || t.score < FOCUS_MIN || t.reason.rule === 'country.seat')
      return t;
    if (!hits.some((h) => h.place.codes[0] === t.value && side(h))) return t;
    return { ...t, role: 'focus', reason: { ...t.reason, rule: 'country.visit' } };
  });
}
