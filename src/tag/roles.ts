// A country's role in its sentence, read from the words before it: where goods, people or flights go or come from
// ("exporta soja a China", "Einfuhren aus Russland", "bound for Italy", "via Luanda"), whom sanctions, tariffs or a
// warrant concern ("sanctions contre la Russie", "buscado por Italia"), what something is compared with, who is absent
// ("summit without US"), where two other sides meet ("Lula e Trump se reúnem na Malásia"). The words are the editors'
// table `roles:` in config/countries.yaml, per language; this file compiles it and marks each place hit with the role
// its words give. Two readings are built in, besides the table's: a demonym beside "border" says whose border a place
// lies on ("près de la frontière malienne"), and a city before, hosting or holding talks is their venue
// (gatheringRole). What a role does is decided where the story's actors are known: a `route` is
// weak evidence wherever it stands (scoring.ts reads it as a modifier); the others make a country a mention beside a
// country that acts (kicker.ts) and a venue a mention beside two countries that meet there (venue.ts).
import type { PlaceHit, TextField } from './locate.ts';
import { AND_WORDS, foldPhrase, type Tokens } from './text.ts';

/** What the words before a country make of it. */
export const ROLES = ['route', 'destination', 'origin', 'counterpart', 'market', 'absent', 'venue', 'border'] as const;
export type SentenceRole = (typeof ROLES)[number];

/** One language's part of `roles:` in config/countries.yaml, as written there. */
export interface RoleWords {
  /** Words that may stand between the role's words and the country ("para a China", "vers la Russie"). */
  articles?: string[];
  /** Per role, phrases right before the country (after them an article may stand). */
  before?: Partial<Record<SentenceRole, string[]>>;
  /** An activity's word, then within `gap` words of the same clause one of `then`, right before the country. */
  frames?: { role: SentenceRole; words: string[]; then: string[]; gap?: number }[];
}
export type RoleTable = Record<string, RoleWords>;

/** Words between an activity's word and the word before the country, unless a frame says otherwise. */
const DEFAULT_GAP = 4;

interface Frame {
  role: SentenceRole;
  exact: Set<string>;
  /** Stems written "export*": any word that starts with them. */
  prefixes: string[];
  /** Stems written "*flug": any word that ends with them (German compounds: "Abschiebeflug"). */
  suffixes: string[];
  gap: number;
}

interface Phrase {
  /** Folded words, the last one first. */
  backwards: string[];
  role: SentenceRole;
}

interface CompiledLanguage {
  articles: Set<string>;
  /** Last folded word of a `before` phrase -> the phrases ending with it, longest first. */
  before: Map<string, Phrase[]>;
  /** Last folded word of a frame's `then` -> frames ending with it. */
  frames: Map<string, Frame[]>;
}

export interface CompiledRoles {
  byLanguage: Map<string, CompiledLanguage>;
  /** Every language together, for an entry whose language is unknown. */
  any: CompiledLanguage;
}

const fold1 = (w: string) => foldPhrase(w).join(' ');

function emptyLanguage(): CompiledLanguage {
  return { articles: new Set(), before: new Map(), frames: new Map() };
}

function addLanguage(into: CompiledLanguage, words: RoleWords): void {
  for (const a of words.articles ?? []) into.articles.add(fold1(a));
  for (const role of ROLES)
    for (const p of words.before?.[role] ?? []) {
      const backwards = foldPhrase(p).reverse();
      const last = backwards[0];
      if (last === undefined) continue;
      const phrases = [...(into.before.get(last) ?? []), { backwards, role }];
      into.before.set(
        last,
        phrases.sort((a, b) => b.backwards.length - a.backwards.length),
      );
    }
  for (const f of words.frames ?? []) {
    const frame: Frame = { role: f.role, exact: new Set(), prefixes: [], suffixes: [], gap: f.gap ?? DEFAULT_GAP };
    for (const w of f.words) {
      if (w.endsWith('*')) frame.prefixes.push(fold1(w.slice(0, -1)));
      else if (w.startsWith('*')) frame.suffixes.push(fold1(w.slice(1)));
      else frame.exact.add(fold1(w));
    }
    for (const t of f.then) {
      const key = fold1(t);
      into.frames.set(key, [...(into.frames.get(key) ?? []), frame]);
    }
  }
}

export function compileRoles(table: RoleTable = {}): CompiledRoles {
  const byLanguage = new Map<string, CompiledLanguage>();
  const any = emptyLanguage();
  for (const [lang, words] of Object.entries(table)) {
    const own = emptyLanguage();
    addLanguage(own, words);
    addLanguage(any, words);
    byLanguage.set(lang, own);
  }
  return { byLanguage, any };
}

function triggers(frame: Frame, word: string): boolean {
  if (frame.exact.has(word)) return true;
  for (const p of frame.prefixes) if (word.startsWith(p)) return true;
  for (const s of frame.suffixes) if (word.endsWith(s) && word.length > s.length) return true;
  return false;
}

type RoleTokens = Pick<Tokens<unknown>, 'folded' | 'start' | 'end' | 'text'>;

/** Punctuation that ends a clause between two words: an activity's word before it is not this country's. */
const CLAUSE_END = new Set([...'.,;:!?()«»"“”'].map((c) => c.charCodeAt(0)));

/** Whether the text between tokens a and b holds a CLAUSE_END (read in place: this runs for every place hit). */
function clauseBreak(t: RoleTokens, a: number, b: number): boolean {
  const to = t.start[b] ?? 0;
  for (let i = t.end[a] ?? 0; i < to; i++) if (CLAUSE_END.has(t.text.charCodeAt(i))) return true;
  return false;
}

/** The phrase of `before` that ends at token `last`, if any, read longest first. */
function beforeRole(lang: CompiledLanguage, t: RoleTokens, last: number): SentenceRole | undefined {
  const phrases = lang.before.get(t.folded[last] ?? '');
  if (!phrases) return undefined;
  for (const p of phrases) {
    if (p.backwards.length > last + 1) continue;
    let k = 1;
    while (k < p.backwards.length && t.folded[last - k] === p.backwards[k]) k++;
    if (k === p.backwards.length) return p.role;
  }
  return undefined;
}

/** The frame whose `then` word is token `link` and whose activity's word stands at most its gap before it. */
function frameRole(lang: CompiledLanguage, t: RoleTokens, link: number): SentenceRole | undefined {
  const frames = lang.frames.get(t.folded[link] ?? '');
  if (!frames) return undefined;
  for (const f of frames)
    for (let k = link - 1; k >= 0 && k >= link - 1 - f.gap; k--) {
      if (clauseBreak(t, k, k + 1)) break;
      if (triggers(f, t.folded[k] ?? '')) return f.role;
    }
  return undefined;
}

/** The role the words before token `from` give a country, with or without an article between. */
export function roleBefore(lang: CompiledLanguage, t: RoleTokens, from: number): SentenceRole | undefined {
  for (let last = from - 1; last >= 0 && last >= from - 2; last--) {
    if (last < from - 1 && !lang.articles.has(t.folded[from - 1] ?? '')) break;
    if (clauseBreak(t, last, last + 1)) break;
    const role = beforeRole(lang, t, last) ?? frameRole(lang, t, last);
    if (role) return role;
  }
  return undefined;
}

/** A country the words before it make a side of what another does; a venue has its own rule (venue.ts). */
export function isSide(h: PlaceHit): boolean {
  return h.sentenceRole !== undefined && h.sentenceRole !== 'venue';
}

export interface RoleField {
  field: TextField;
  tokens: RoleTokens;
}

/**
 * Marks each hit but the dateline with the role its words give it. A route is weak evidence: it is also marked a
 * modifier. A demonym for the state ("sanctions against Russian troops") keeps acting: kicker.ts reads `national`.
 */
export function markRoles(
  roles: CompiledRoles,
  hits: PlaceHit[],
  fields: readonly RoleField[],
  language: string | undefined,
): PlaceHit[] {
  const lang = (language && roles.byLanguage.get(language)) || roles.any;
  if (!lang.before.size && !lang.frames.size) return hits;
  let prev: PlaceHit | undefined;
  for (const h of hits) {
    const tokens = fields.find((f) => f.field === h.field)?.tokens;
    if (!tokens || h.place.kind === 'dateline') {
      prev = h;
      continue;
    }
    const role =
      h.from === 0
        ? gatheringRole(tokens, h)
        : (roleBefore(lang, tokens, h.from) ??
          roleBeforeStateOf(lang, tokens, h.from) ??
          sharedRole(lang, tokens, prev, h) ??
          borderRole(tokens, h) ??
          gatheringRole(tokens, h));
    prev = h;
    if (!role) continue;
    h.sentenceRole = role;
    if (role === 'route') h.modifier = true;
  }
  return hits;
}

/** A border's nouns (folded), after which (fr, es, pt) or before which (en, de) a demonym says whose it is. */
const BORDER_AFTER = new Set(['frontiere', 'frontieres', 'frontera', 'fronteras', 'fronteira', 'fronteiras']);
const BORDER_BEFORE = new Set(['border', 'borders', 'frontier', 'grenze', 'grenzen']);
/** Nouns after "border" that make it the state's service, an actor: "border agent", "border police". */
const BORDER_SERVICE = new Set(
  'agent agents guard guards police patrol patrols force forces officer officers official officials service services agency authorities'.split(
    ' ',
  ),
);

/**
 * A demonym that names whose border a place lies on ("près de la frontière malienne", "near the Libyan border", "an
 * der polnischen Grenze"): where the story is, seen from the other side; the neighbour is a side, not an actor.
 */
function borderRole(t: RoleTokens, h: PlaceHit): SentenceRole | undefined {
  if (h.place.kind !== 'demonym') return undefined;
  if (BORDER_AFTER.has(t.folded[h.from - 1] ?? '')) return 'border';
  // Not the state's own border service ("a Canadian border agent", "US border patrol").
  const before = BORDER_BEFORE.has(t.folded[h.to] ?? '') && !BORDER_SERVICE.has(t.folded[h.to + 1] ?? '');
  return before ? 'border' : undefined;
}

/**
 * Talks and summits named after their city, the city first (English and German write it so): "Doha talks", "after Abu
 * Dhabi talks", "Genfer Gespräche", "Wiener Verhandlungen". The city is where others meet, a venue as after "talks in".
 * Spanish, Portuguese and French put the city after "de", where a country is a party ("conversaciones de Venezuela
 * con EE. UU."), so they are left to the frames.
 */
const GATHERINGS = new Set(
  'talks summit conference negotiations gesprache gipfel gipfeltreffen konferenz verhandlungen friedensgesprache friedensverhandlungen'.split(
    ' ',
  ),
);
/** Words that may stand between the city and the gathering: "Doha peace talks", "Geneva nuclear talks". */
const GATHERING_KINDS = new Set(['peace', 'ceasefire', 'truce', 'trade', 'nuclear', 'security']);

/** Gatherings after a host's verb or a city's preposition, in the five languages (folded). */
const HOSTED_GATHERINGS = new Set([
  ...GATHERINGS,
  ...'negociaciones conversaciones cumbre dialogo pourparlers discussions negociations sommet conference negociacoes conversas conversacoes cupula cimeira'.split(
    ' ',
  ),
]);
/** A host's verbs (folded): "Geneva hosts talks", "Genève accueille de nouvelles discussions", "Doha acoge la cumbre". */
const HOST_VERBS = new Set(
  'hosts host hosting accueille accueillera accueillent acoge acogera alberga albergara sedia sediara'.split(' '),
);
/** "Doha to host", "Geneva will host". */
const WILL = new Set(['to', 'will']);
/** Prepositions of place before a city whose gathering follows: "retoman en Estambul las negociaciones". */
const GATHERING_PREPOSITIONS = new Set(['in', 'en', 'em', 'a', 'au']);
/** Words that may stand between the city and its gathering after a preposition: articles and "new". */
const GATHERING_FILLERS = new Set(
  'the new las los la el les des de du os as o a sus ses seus suas nuevas nouvelles novas'.split(' '),
);

function gatheringRole(t: RoleTokens, h: PlaceHit): SentenceRole | undefined {
  // A city, or a city's adjective ("Genfer"); a country's name before "talks" is their subject ("Cyprus talks").
  const city =
    h.place.kind === 'capital' ||
    h.place.kind === 'city' ||
    h.place.kind === 'town' ||
    h.place.kind === 'place' ||
    (h.place.kind === 'demonym' && h.place.source === 'regional-adjectives');
  if (!city) return undefined;
  const next = GATHERING_KINDS.has(t.folded[h.to] ?? '') ? h.to + 1 : h.to;
  if (GATHERINGS.has(t.folded[next] ?? '')) return 'venue';
  // The city hosts a gathering ("Genève accueille de nouvelles discussions entre...") or has one in it ("retoman en
  // Estambul las negociaciones"): within three more words of the same clause.
  const verb = WILL.has(t.folded[h.to] ?? '') ? h.to + 1 : h.to;
  const hosts = HOST_VERBS.has(t.folded[verb] ?? '');
  if (!hosts && !(h.from > 0 && GATHERING_PREPOSITIONS.has(t.folded[h.from - 1] ?? ''))) return undefined;
  for (let i = hosts ? verb + 1 : h.to; i < t.folded.length && i <= verb + 3; i++) {
    if (clauseBreak(t, i - 1, i)) return undefined;
    const w = t.folded[i] ?? '';
    if (HOSTED_GATHERINGS.has(w)) return 'venue';
    if (!hosts && !GATHERING_FILLERS.has(w)) return undefined;
  }
  return undefined;
}

/** A state's or province's noun (folded), and the "of" between it and the place's name but in German. */
const UNIT_NOUNS = new Set(['state', 'province', 'estado', 'provincia', 'etat', 'bundesstaat', 'bundesland']);
const UNIT_OF = new Set(['of', 'de', 'del', 'do', 'da', 'du']);

/**
 * The role of a place named as "the state of ..." ("vers l'État de New York", "al estado de Texas", "in den
 * Bundesstaat Texas"): read before the noun.
 */
function roleBeforeStateOf(lang: CompiledLanguage, t: RoleTokens, from: number): SentenceRole | undefined {
  const noun = UNIT_OF.has(t.folded[from - 1] ?? '') ? from - 2 : from - 1;
  return UNIT_NOUNS.has(t.folded[noun] ?? '') ? roleBefore(lang, t, noun) : undefined;
}

/** Prepositions a list repeats before each of its places (folded): "nach Deutschland, in die Slowakei und nach...". */
const LIST_PREPOSITIONS = new Set('to into from in nach aus a en para de desde vers au aux em ao aos no na'.split(' '));

/**
 * A country joined by "and" to the one before it shares its role: "importations de Chine et d'Inde", "entre Bruxelles
 * et Luanda" (an article, or French d', may stand after the "and"). So does one after a comma and its own preposition:
 * "exportierte nach Deutschland, in die Slowakei und nach Großbritannien".
 */
function sharedRole(
  lang: CompiledLanguage,
  t: RoleTokens,
  prev: PlaceHit | undefined,
  h: PlaceHit,
): SentenceRole | undefined {
  if (!prev?.sentenceRole || prev.field !== h.field) return undefined;
  let i = h.from - 1;
  if (lang.articles.has(t.folded[i] ?? '') || t.folded[i] === 'd') i--;
  if (i === prev.to && AND_WORDS.has(t.folded[i] ?? '')) return prev.sentenceRole;
  const comma = t.text.slice(t.end[prev.to - 1] ?? 0, t.start[i] ?? 0).trim() === ',';
  return i === prev.to && comma && LIST_PREPOSITIONS.has(t.folded[i] ?? '') ? prev.sentenceRole : undefined;
}
