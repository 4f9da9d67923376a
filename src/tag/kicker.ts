// A title that opens with its country as a kicker ("Espagne : grève générale pour la Palestine", "Kuba: Massenflucht
// nach Nicaragua und in die USA", "Slovakia: protests over a turn towards Moscow") is that country's story. Another
// country the title names only after a preposition (where people go, what a protest is for, what a border is near)
// and the rest of the entry does not name is a mention, not a focus. A country acting in the title (its name as the
// subject, or a demonym beside a noun for the state: "Liban : frappes israéliennes sur...") keeps its role.
// A wire dateline anchors a story the same way ("BRASÍLIA (Agência Brasil) - Brasil exporta soja para a China",
// "ZÜRICH (SDA) - Swiss streicht Flüge nach Tel Aviv"): beside the dateline's country, one that the entry names only
// as an object (in a role the editors' table gives it, roles.ts: where goods and people go, whom sanctions target,
// what is compared) or by a demonym that does not stand
// for the state ("imigrantes venezuelanos", "avançado sueco") is a mention too (`country.dateline-object`), unless
// the title opens with it: that is its subject ("SWEDISH VIROLOGIST UNVEILS..."). With no dateline, a focus country
// that acts anchors the title instead (`country.object`; demonyms left alone). Not in a title about a journey, a
// visit or troops sent ("Modi heads to Tokyo", "Merz reist nach Washington"): there the destination is a side.
import { regionsOf } from './regions.ts';
import { AND_WORDS } from './text.ts';
import type { Tag } from '../types.ts';
import type { PlaceHit, TextField } from './locate.ts';
import { isCount, MOVED_PEOPLE, namesVisit } from './visits.ts';
import { isSide } from './roles.ts';

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
/** Words (folded) of a journey in a title, in the five languages: its destination is a side of the story. */
const JOURNEY_WORDS = new Set(
  (
    'heads head travels travel flies fly trip arrives arrive lands tour ' +
    'viaja viajara llega parte gira rumbo ' +
    'vai chega parte viagem ' +
    'rend part arrive voyage tournee ' +
    'reist reise fliegt ' +
    // Moving production somewhere makes the destination a side too ("verlagert Produktion nach Ungarn").

    'relocates moves shifts traslada trasladara transfere muda delocalise demenage verlagert verlegt'
  ).split(' '),
);
/** Sending (folded), and whom: troops or envoys sent somewhere make it a side ("Nordkorea schickt Soldaten nach
 * Russland"); goods sent there do not ("Chile envía cobre hacia Japón"). */
const SEND_WORDS = new Set('sends send sent deploys envia envio envoie schickt entsendet'.split(' '));
const TROOP_WORDS = new Set(
  (
    'troops soldiers forces envoy envoys diplomats tropas soldados militares enviado enviados tropes soldats ' +
    'emissaire diplomates truppen soldaten gesandten diplomaten'
  ).split(' '),
);

/** Whether a title (folded words) is about a journey, a visit, or troops or envoys sent somewhere. */
function namesJourney(title: readonly string[]): boolean {
  if (namesVisit(title) || title.some((w) => JOURNEY_WORDS.has(w))) return true;
  return title.some((w) => SEND_WORDS.has(w)) && title.some((w) => TROOP_WORDS.has(w));
}

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

/**
 * A title that opens with the place its story happens in, set off by a comma or colon ("Au Burkina Faso, la junte
 * prolonge la transition", "In Syria: ..."): the place is the scene, no object of a preposition.
 */
function opensWithScene(h: PlaceHit, title: KickerField['tokens']): boolean {
  if (h.field !== 'title' || h.from < 1 || h.from > 2 || !afterPreposition(title.folded, h.from)) return false;
  return /^\s*[,:]/.test(title.text.slice(title.end[h.to - 1] ?? 0));
}

export function demoteKickerObjects(tags: Tag[], hits: readonly PlaceHit[], fields: readonly KickerField[]): Tag[] {
  const title = fields.find((f) => f.field === 'title')?.tokens;
  if (!title) return tags;
  const kicker = title.text.includes(':') ? kickerCountry(hits, title) : undefined;
  if (kicker && isFocus(tags, kicker))
    return demote(
      tags,
      hits,
      kicker,
      'country.kicker-object',
      // Below the title, a name in a role repeats the object ("... la frontière burundaise" under "fuient vers le Burundi").
      (h) => (h.field === 'title' && titleObject(h, title)) || (h.field !== 'title' && isSide(h)),
    );
  const dateline = hits.find((h) => h.place.kind === 'dateline')?.place.codes[0];
  if (namesJourney(title.folded)) return tags;
  const folded = (field: TextField) => fields.find((f) => f.field === field)?.tokens.folded ?? [];
  // An editors' alias is an object only in a role ("procedente de Boca Juniors", "venda ... para a Delta Air Lines").
  const asObject = (h: PlaceHit) =>
    h.place.kind !== 'dateline' &&
    (h.place.kind !== 'alias' || isSide(h)) &&
    !h.national &&
    (h.modifier || h.organisation || h.currency || h.agreement || h.place.kind === 'demonym' || isSide(h));
  // Named in roles in the title or only below it ("gracias a sus ventas en Estados Unidos"); not opening the title,
  // unless what opens it is nationals where the story places them ("Deutsche Urlauber bei Busunglück auf Kreta").
  // A country joined to the opening one by "and" opens the title with it ("Philippine and Chinese vessels collide").
  const titleHits = hits.filter((h) => h.field === 'title').sort((a, b) => a.from - b.from);
  const opening = new Set<PlaceHit>();
  for (const h of titleHits) {
    const joined = [...opening].some((o) => h.from === o.to + 1 && AND_WORDS.has(folded('title')[o.to] ?? ''));
    if (h.from === 0 || joined) opening.add(h);
  }
  const notOpening = (own: PlaceHit[]) =>
    !own.some(
      (h) => opening.has(h) && !(h.place.kind === 'demonym' && besideMovedPeople(folded('title'), h.from, h.to)),
    );
  if (dateline && isFocus(tags, dateline))
    return demote(tags, hits, dateline, 'country.dateline-object', asObject, notOpening, showingRole);
  // Without a dateline a demonym is too often the story's people ("un médecin rwandais condamné à Paris").
  // ...except beside people moved or signed, who are objects however named ("expulsa a migrantes venezolanos"), and
  // so is the same demonym elsewhere in the entry ("la mayoría venezolanos"); so are people whose arrival the words
  // before them name (an origin role, roles.ts: "chegada de haitianos", "la llegada de hondureños"), and a market
  // named by its demonym ("el mercado japonés").
  const moved = new Set(
    hits
      .filter((h) => h.place.kind === 'demonym' && besideMovedPeople(folded(h.field), h.from, h.to))
      .map((h) => h.place.codes[0]),
  );
  // A dateline that is no focus (an organisation's seat: "BRÜSSEL (AFP) - EU verhängt...") still anchors demonyms.
  const asPlainObject = (h: PlaceHit) =>
    asObject(h) &&
    (dateline !== undefined ||
      h.place.kind !== 'demonym' ||
      moved.has(h.place.codes[0]) ||
      h.sentenceRole === 'origin' ||
      h.sentenceRole === 'border' ||
      h.sentenceRole === 'market');
  // No dateline: a focus country with evidence other than objects (its demonym counts: "Aerolíneas Argentinas abre
  // una ruta a Roma") anchors the story the same way.
  const anchor = tags.find((t) => {
    if (t.kind !== 'country' || t.role !== 'focus') return false;
    const own = hits.filter((h) => h.place.codes[0] === t.value);
    return !(own.length > 0 && own.every(asPlainObject) && notOpening(own));
  });
  if (anchor) return demote(tags, hits, anchor.value, 'country.object', asPlainObject, notOpening, showingRole);
  // No country acts, but a group of states or a union does ("EU verhängt Sanktionen gegen Russland", "G7 agree to
  // widen sanctions on Russia"): it anchors the title the same way.
  if (!groupActs(hits, title)) return tags;
  return demote(tags, hits, '', 'country.object', asPlainObject, notOpening, showingRole);
}

/** Groups of states named by number, not as a region: "G7", "G20", "les Vingt-Sept", "los Veintisiete". */
const GROUP_NUMBERS =
  /(?:^|[^\p{L}\p{N}])(?:G7|G-7|G20|G-20|Vingt-Sept|Veintisiete|Vinte e Sete|Twenty-Seven|EU-27|EU27)(?![\p{L}\p{N}])/u;

/** Whether the title names a group of states (a region's name: the EU, Mercosur, ASEAN; or G7, the Twenty-Seven). */
function groupActs(hits: readonly PlaceHit[], title: KickerField['tokens']): boolean {
  return hits.some((h) => h.field === 'title' && h.place.kind === 'region') || GROUP_NUMBERS.test(title.text);
}

/** The kicker: a country's name of at most three words ending right before the title's colon (not a city: "Genève :
 * la conférence sur le Soudan" is the Sudan's story). */
function kickerCountry(hits: readonly PlaceHit[], title: KickerField['tokens']): string | undefined {
  return hits.find(
    (h) =>
      h.field === 'title' &&
      h.from === 0 &&
      h.place.kind === 'name' &&
      h.to <= 3 &&
      h.place.codes.length === 1 &&
      /^\s*:/.test(title.text.slice(title.end[h.to - 1] ?? 0)),
  )?.place.codes[0];
}

/**
 * Nouns (folded) for nationals who are where the story places them, not their country's actors: tourists, climbers
 * and hikers, workers, fans, emigrants, a diaspora or community ("Four German tourists killed near Hamilton",
 * "operários portugueses em greve no Luxemburgo", "deux alpinistes allemands tués en Valais", "la diaspora congolaise
 * de Bruxelles"). One set for the five languages: a word two languages share ("diaspora") is listed once.
 */
const PEOPLE_ABROAD = new Set(
  (
    'tourists tourist workers fans emigrants expats expatriates nationals pilgrims diaspora community ' +
    'climbers mountaineers hikers skiers backpackers ' +
    'turistas turista trabajadores obreros hinchas aficionados emigrantes peregrinos comunidad colectividad ' +
    'alpinistas montanistas excursionistas senderistas esquiadores mochileros ' +
    'trabalhadores operarios torcedores fas emigrante montanhistas caminhantes comunidade ' +
    'touristes travailleurs ouvriers supporters emigres ressortissants pelerins communaute ' +
    'alpinistes randonneurs skieurs grimpeurs ' +
    'touristen urlauber arbeiter arbeitskrafte auswanderer pilger staatsburger ' +
    'bergsteiger alpinisten wanderer skifahrer'
  ).split(' '),
);

/** "In" (folded) before a country or place, in the five languages (not "a", also "to"). */
const IN_WORDS = new Set('in en em no na nos nas au aux dans'.split(' '));

/** Verbs (folded) that move people out or take them in: whom they move is an object, however named. */
const MOVING_VERBS = new Set(
  (
    'deports deported deport expels expelled deporta deportan deporto expulsa expulsan expulso ' +
    'deportou expulsou repatria repatriou recebe receber ' +
    'expulse expulsent renvoie refoule ' +
    'schiebt weist'
  ).split(' '),
);
/** Words that may stand between such a verb and the people it moves: how many ("a más de 11.000", "some 120"). */
const COUNT_WORDS = new Set(
  (
    'a al mas de del unos unas casi cerca mil more than over some about nearly almost hundreds thousands ' +
    'mais quase centenas milhares plus pres presque des centaines milliers ' +
    'mehr als uber rund etwa fast hunderte tausende weitere other otros outros autres'
  ).split(' '),
);

/** Whether a moving verb has the demonym at `from` for its object, only a count between ("deporta a 11.000 haitianos"). */
function movedBy(folded: readonly string[], from: number): boolean {
  for (let i = from - 1, k = 0; i >= 0 && k < 6; i--, k++) {
    const w = folded[i] ?? '';
    if (MOVING_VERBS.has(w)) return true;
    if (!COUNT_WORDS.has(w) && !isCount(w)) return false;
  }
  return false;
}

/**
 * Whether the demonym at [from, to) stands beside a MOVED_PEOPLE or PEOPLE_ABROAD noun, or joined by "and" to a moved
 * one, or is what a moving verb moves ("deporta a más de 11.000 haitianos", "volta a receber 700 venezuelanos"), or is
 * counted: a number of nationals is a crowd where the story places them ("mais de 600 venezuelanos cruzam Pacaraima").
 */
function besideMovedPeople(folded: readonly string[], from: number, to: number): boolean {
  if (MOVED_PEOPLE.has(folded[from - 1] ?? '') || MOVED_PEOPLE.has(folded[to] ?? '')) return true;
  if (PEOPLE_ABROAD.has(folded[from - 1] ?? '') || PEOPLE_ABROAD.has(folded[to] ?? '')) return true;
  // A plural demonym standing for people, where they live: "Brasileiros em Portugal", "Ukrainians in Poland".
  if (IN_WORDS.has(folded[to] ?? '') && /s$/.test(folded[to - 1] ?? '')) return true;
  if (isCount(folded[from - 1] ?? '')) return true;
  if (movedBy(folded, from)) return true;
  // "migrantes venezolanos y colombianos", "Venezuelan and Colombian migrants": one word across the "and".
  if (AND_WORDS.has(folded[from - 1] ?? '') && MOVED_PEOPLE.has(folded[from - 3] ?? '')) return true;
  return AND_WORDS.has(folded[to] ?? '') && MOVED_PEOPLE.has(folded[to + 2] ?? '');
}

function isFocus(tags: readonly Tag[], code: string): boolean {
  return tags.some((t) => t.kind === 'country' && t.value === code && t.role === 'focus');
}

function titleObject(h: PlaceHit, title: KickerField['tokens']): boolean {
  return h.place.kind !== 'dateline' && !h.national && afterPreposition(title.folded, h.from);
}

/**
 * The hits of a country that show its role. When the title names it only in a role (roles.ts), a bare name or a
 * demonym below the title most often repeats that role in other words ("... entre ellos China", "... with the United
 * States boycotting") and is not read; its places, its capital (standing for its government: "... concedidas a
 * Caracas"), an editors' alias and a demonym for its state are; not an alias that counts only beside other evidence
 * (a movement, a common surname: "die Machtübernahme der Taliban"). Otherwise every hit is read.
 */
function showingRole(own: PlaceHit[]): PlaceHit[] {
  const title = own.filter((h) => h.field === 'title');
  if (!title.length || !title.every(isSide)) return own;
  return own.filter(
    (h) =>
      h.field === 'title' ||
      (h.place.kind !== 'name' && h.place.kind !== 'demonym' && !h.place.needsContext) ||
      h.national,
  );
}

/**
 * Every other focus country whose evidence (what `read` keeps of its hits) is all `object` and passes `also` becomes
 * a mention under `rule`.
 */
function demote(
  tags: Tag[],
  hits: readonly PlaceHit[],
  home: string,
  rule: string,
  object: (h: PlaceHit) => boolean,
  also: (own: PlaceHit[]) => boolean = () => true,
  read: (own: PlaceHit[]) => PlaceHit[] = (own) => own,
): Tag[] {
  return tags.map((t) => {
    if (t.kind !== 'country' || t.role !== 'focus' || t.value === home) return t;
    const own = read(hits.filter((h) => h.place.codes[0] === t.value));
    return own.length > 0 && own.every(object) && also(own)
      ? { ...t, role: 'mention', reason: { ...t.reason, rule } }
      : t;
  });
}

/** Kinds of hit that say where in a country a story happens: a dateline too ("BOULOGNE-SUR-MER (AFP)"). */
const PLACE_KINDS = new Set(['city', 'capital', 'place', 'town', 'state', 'dateline']);

/**
 * A place of the country that no role, organisation or agreement takes: where the story happens. A town that needs
 * context has it from another hit of its country outside a role ("Cooperativa dominicana ... de Jarabacoa").
 */
function storyPlace(h: PlaceHit, hits: readonly PlaceHit[]): boolean {
  return (
    PLACE_KINDS.has(h.place.kind) &&
    (!h.place.needsContext ||
      hits.some((g) => g !== h && g.place.codes.includes(h.place.codes[0] ?? '') && !isSide(g) && !g.modifier)) &&
    h.sentenceRole === undefined &&
    !h.organisation &&
    !h.modifier &&
    !h.agreement &&
    h.seat === undefined
  );
}

const inTitle = (h: PlaceHit) => h.field === 'title';

/**
 * When every focus country is named only as a side (where goods go or people come from, whom sanctions target:
 * roles.ts) and another country's place is named as where things happen ("la planta, a las afueras de Rosario, vende
 * la carne a China", "faisait route vers l'Italie ... au large de Sfax"), that place's country is the focus and the
 * sides are mentions. A title that names no place leaves where the story happens to the text, and there a country's
 * bare name (where help came from, where a company mines) says less of it than another country's place: such a name
 * counts as a side too ("Wildfire forces evacuations: the blaze near Coimbra ... firefighters from Spain").
 */
export function placeOverSides(tags: Tag[], hits: readonly PlaceHit[]): Tag[] {
  // One pass, nothing allocated: most entries have a focus with evidence other than sides, or no side at all.
  let anyFocus = false;
  const untitled = !hits.some(inTitle);
  for (const t of tags) {
    if (t.kind !== 'country' || t.role !== 'focus') continue;
    anyFocus = true;
    let named = false;
    for (const h of hits) {
      if (h.place.codes[0] !== t.value) continue;
      if (!isSide(h) && !(untitled && h.place.kind === 'name')) return tags;
      named = true;
    }
    if (!named) return tags;
  }
  if (!anyFocus) return tags;
  const home = tags.find(
    (t) =>
      t.kind === 'country' &&
      t.role === 'mention' &&
      hits.some((h) => h.place.codes[0] === t.value && storyPlace(h, hits)),
  );
  if (!home) return tags;
  return tags.map((t) => {
    if (t === home) return { ...t, role: 'focus', reason: { ...t.reason, rule: 'country.place-over-sides' } };
    if (t.kind === 'country' && t.role === 'focus')
      return { ...t, role: 'mention', reason: { ...t.reason, rule: 'country.side' } };
    return t;
  });
}

/**
 * Title words (folded) of an act that happens where the actors meet: the dateline is then its venue, and a focus
 * ("Armenia signs border deal", filed from Geneva).
 */
const MEETING_WORDS = new Set(
  (
    'sign signs signed signing meet meets met meeting talks summit conference visit visits ' +
    'receives received hosts hosted welcomes ' +
    'firma firman firmo reunion reune cumbre conferencia negociaciones visita recibe recibio acoge ' +
    'assina assinam assinou reuniao cupula cimeira conferencia negociacoes recebe recebeu acolhe ' +
    'signe signent reunion sommet conference negociations pourparlers visite recoit accueille ' +
    'unterzeichnet unterzeichnen treffen trifft gipfel konferenz gesprache verhandlungen besuch besucht empfangt empfing'
  ).split(' '),
);

/**
 * A dateline abroad that only says where the story was filed from: the title opens with another country's name, its
 * subject ("SEOUL (dpa) - Nordkorea testet...", "SAN JOSÉ (EFE) - Nicaragua despoja de la nacionalidad..."), and
 * the entry names the dateline's country nowhere in the title and at most once below it. The story happens in the
 * subject's country; the filing place is a mention (`country.filed-from`). Not for an act done where the actors meet.
 * So too a regional bureau's dateline (sameBureauRegion: "SYDNEY (AFP) - ... floods villages in Fiji", "ACCRA (AFP) -
 * Lomé : ...") when the entry names its country nowhere else and the title places the story in a neighbour anywhere
 * but after a preposition. Across continents a dateline under such a title is mostly the actor's home: without the
 * limit, 34 reuters-dev articles got worse and 1 better ("TORONTO - CONSOLIDATED TVX TO BUY BRAZIL GOLD MINE STAKES").
 */
export function demoteFilingDateline(tags: Tag[], hits: readonly PlaceHit[], fields: readonly KickerField[]): Tag[] {
  const dateline = hits.find((h) => h.place.kind === 'dateline');
  const code = dateline?.place.codes[0];
  const title = fields.find((f) => f.field === 'title')?.tokens;
  if (!dateline || code === undefined || !title || title.folded.some((w) => MEETING_WORDS.has(w))) return tags;
  const tag = tags.find(
    (t) => t.kind === 'country' && t.value === code && t.role === 'focus' && t.reason.rule === 'country.dateline',
  );
  if (!tag) return tags;
  const subject = hits.find(
    (h) =>
      h.field === 'title' &&
      h.from === 0 &&
      h.place.kind === 'name' &&
      // Not the first half of a compound ("US-Zölle: Bundesrat schickt Delegation nach Washington").
      !/^\s*[-‑–]/.test(title.text.slice(title.end[h.to - 1] ?? 0)) &&
      !h.organisation &&
      !h.modifier &&
      h.place.codes[0] !== undefined &&
      !h.place.codes.includes(code),
  );
  const again = hits.filter((h) => h !== dateline && h.place.codes.includes(code));
  const untitled = !hits.some((h) => h.field === 'title' && h.place.codes.length > 0);
  if (subject && isFocus(tags, subject.place.codes[0] as string)) {
    // Named once more below the title at most: a source ("nach Angaben des südkoreanischen Generalstabs"), a medium's
    // exile ("desde su exilio en Costa Rica").
    if (again.some((h) => h.field === 'title') || again.length > 1) return tags;
  } else if (
    again.length ||
    !hits.some(
      (h) =>
        (placesElsewhere(h, title, code) || (untitled && neighbourBelow(h, code))) &&
        h.place.codes.some((c) => isFocus(tags, c)),
    )
  )
    return tags;
  return tags.map((t) =>
    t === tag ? { ...t, role: 'mention', reason: { ...t.reason, rule: 'country.filed-from' } } : t,
  );
}

/**
 * A title place that puts the story in another country than the dateline's: not part of a name, no object of the
 * verb ("nach Afghanistan"), no role (destination, origin...).
 */
function placesElsewhere(h: PlaceHit, title: KickerField['tokens'], code: string): boolean {
  return (
    h.field === 'title' &&
    h.place.kind !== 'dateline' &&
    !h.organisation &&
    !h.modifier &&
    !h.currency &&
    !h.agreement &&
    h.sentenceRole === undefined &&
    !(h.place.kind === 'demonym' && besideMovedPeople(title.folded, h.from, h.to)) &&
    (!afterPreposition(title.folded, h.from) || opensWithScene(h, title)) &&
    neighbourOf(h, code)
  );
}

/**
 * Below a title that names no place, a neighbour of the dateline's country that scoring made a focus ("BAMAKO
 * (Reuters) - ... overran the Burkinabe army post"): the regional bureau's story is there.
 */
function neighbourBelow(h: PlaceHit, code: string): boolean {
  return h.field !== 'title' && h.place.kind !== 'dateline' && neighbourOf(h, code);
}

/**
 * A place of countries other than the dateline's `code`, all in the same continent that regional bureaus cover
 * (one country, or several a demonym may mean: "guineenses").
 */
function neighbourOf(h: PlaceHit, code: string): boolean {
  const { codes } = h.place;
  return codes.length > 0 && codes.every((c) => c !== code && sameBureauRegion(c, code));
}

/** Continents whose news wires file from regional hubs (Nairobi, Dakar, Libreville, Sydney, Bangkok, Bogotá...). */
const BUREAU_REGIONS = new Set(['africa', 'asia', 'oceania', 'latin-america']);

/** Whether two countries lie in one continent that regional bureaus cover. */
function sameBureauRegion(a: string, b: string): boolean {
  const of = regionsOf(b);
  return regionsOf(a).some((r) => BUREAU_REGIONS.has(r) && of.includes(r));
}

/**
 * The other way round: a title that names countries only as its objects, after a preposition ("Cancillería entrega
 * nota de protesta a Argentina", "Abschiebeflug nach Afghanistan", "women still travelling to England"), leaves its
 * subject unnamed, and a dateline that is no seat of an organisation the entry names (seats.ts) names it: the
 * dateline's country, which scoring left a mention beside the title's names, is a focus too (`country.dateline-actor`).
 */
export function promoteDatelineActor(tags: Tag[], hits: readonly PlaceHit[], fields: readonly KickerField[]): Tag[] {
  const dateline = hits.find((h) => h.place.kind === 'dateline');
  const code = dateline?.place.codes[0];
  const title = fields.find((f) => f.field === 'title')?.tokens;
  if (!dateline || code === undefined || dateline.seat !== undefined || !title) return tags;
  const tag = tags.find(
    (t) => t.kind === 'country' && t.value === code && t.role === 'mention' && t.reason.rule === 'country.dateline',
  );
  if (!tag) return tags;
  const named = hits.filter((h) => h.field === 'title');
  if (
    !named.length ||
    named.some(
      (h) => h.place.codes.includes(code) || !afterPreposition(title.folded, h.from) || opensWithScene(h, title),
    )
  )
    return tags;
  return tags.map((t) =>
    t === tag ? { ...t, role: 'focus', reason: { ...t.reason, rule: 'country.dateline-actor' } } : t,
  );
}

/**
 * Nationals abroad: a country named only by its people's nationality ("Berlin-Marathon: Kenianer läuft Weltrekord",
 * "Abfahrt auf der Streif: Norweger gewinnt") beside another focus country the title places the story in is those
 * people's, not the story's: a mention. German nouns only (Place.people): they name persons and nothing else; "a
 * Spanish singer" abroad is as often the story's actor. Its state, a name or a place of it keeps the country.
 */
export function demoteNationalsAbroad(tags: Tag[], hits: readonly PlaceHit[]): Tag[] {
  const people = (h: PlaceHit) => h.place.people === true;
  // Where the story happens: a place, a venue or institution of the editors' ("auf der Streif"), a country's name in
  // no role ("Deutschland schiebt 40 Afghanen ab"), its state acting ("Schweizer Bundesrat verschärft Asylpraxis").
  const scene = (h: PlaceHit) =>
    storyPlace(h, hits) ||
    h.national ||
    ((h.place.kind === 'alias' || h.place.kind === 'name') && !h.organisation && !h.modifier && !isSide(h));
  if (!hits.some((h) => people(h) && inTitle(h))) return tags;
  const placed = tags.some(
    (t) =>
      t.kind === 'country' &&
      t.role === 'focus' &&
      hits.some((h) => h.place.codes[0] === t.value && inTitle(h) && !people(h) && scene(h)),
  );
  if (!placed) return tags;
  // Below the title the same people's nationality or where they come from or go ("Asylsuchende aus Eritrea").
  return demote(
    tags,
    hits,
    '',
    'country.nationals-abroad',
    (h) => people(h) || (!inTitle(h) && (h.person === true || isSide(h))),
  );
}
