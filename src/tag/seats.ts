// Seats of international organisations. "GENEVA (Reuters) - The World Health Organization said...", "BRUSSELS -
// European Union ambassadors agreed...", "VIENNA - OPEC+ will keep...": the dateline says where the organisation
// meets, not that the story is about Switzerland, Belgium or Austria. When an entry names the organisation, its seat
// (as the dateline or as a place) is no evidence for the host country; without the organisation named, the city
// counts as usual ("BRUSSELS - Belgian rail unions walked out").
import type { Tag } from '../types.ts';
import type { PlaceHit, TextField } from './locate.ts';
import { foldPhrase, type Tokens } from './text.ts';

export interface SeatDef {
  /** The seat as the five languages write it. */
  seat: string[];
  /** Names of organisations that sit there (not already region names), in the five languages. */
  names: string[];
  /** Groups in regions.ts whose own names (any of them) count as naming an organisation that sits there. */
  regions?: string[];
  /**
   * Groups in regions.ts that the seat's own name stands for in a title ("Bruxelles propose...": the EU). Only a fixed
   * metonym counts: "Geneva voters..." beside the WHO, or "Jakarta sinking..." beside ASEAN, is the city.
   */
  standsFor?: string[];
  /**
   * A family of organisations with several seats: naming any of its members names them all. The UN system meets in
   * Geneva, Vienna, Rome and Nairobi alike, and its agencies speak for it ("GENF (epd) - Das Welternährungsprogramm
   * warnt...": the WFP sits in Rome, the UN in Geneva).
   */
  family?: 'un';
}

/**
 * Organisations and their seats. Names several bodies share ("Council", "Court") are left out; an acronym that is a
 * word in one of the languages ("UN" is French "un") counts only in capitals beside words that are not (a headline
 * in capitals: "UN HOMME ARRÊTÉ"). Washington (IMF, World Bank) and New York (UN) are seats
 * like the others: "WASHINGTON (AFP) - Le FMI relève sa prévision..." is no US story, and one about the US names it
 * (or its president, its agencies, a US place) besides the dateline, which still counts.
 */
export const SEATS: SeatDef[] = [
  {
    seat: ['Geneva', 'Genève', 'Ginebra', 'Genebra', 'Genf'],
    names: [
      'United Nations',
      'U.N.',
      'UN',
      'ONU',
      'UNO',
      'Nations unies',
      'Naciones Unidas',
      'Nações Unidas',
      'Vereinte Nationen',
      'Vereinten Nationen',
      'World Health Organization',
      'World Health Organisation',
      'WHO',
      'OMS',
      'Organización Mundial de la Salud',
      'Organização Mundial da Saúde',
      'Organisation mondiale de la santé',
      'Weltgesundheitsorganisation',
      'World Meteorological Organization',
      'WMO',
      'OMM',
      'Organización Meteorológica Mundial',
      'Organização Meteorológica Mundial',
      'Organisation météorologique mondiale',
      'Weltorganisation für Meteorologie',
      'International Labour Organization',
      'ILO',
      'OIT',
      'Organización Internacional del Trabajo',
      'Organização Internacional do Trabalho',
      'Organisation internationale du travail',
      'Internationale Arbeitsorganisation',
      'UNHCR',
      'ACNUR',
      'HCR',
      'Human Rights Council',
      'Consejo de Derechos Humanos',
      'Conselho de Direitos Humanos',
      'Conseil des droits de l’homme',
      "Conseil des droits de l'homme",
      'Menschenrechtsrat',
      // English wires' periphrases of the UN's Geneva agencies ("the UN refugee agency said").
      'UN refugee agency',
      'U.N. refugee agency',
      'UN human rights office',
      'U.N. human rights office',
      'UN health agency',
      'U.N. health agency',
      'UN migration agency',
      'U.N. migration agency',
      'UN weather agency',
      'UN labour agency',
    ],
    family: 'un',
  },
  {
    // Geneva's bodies outside the UN system.
    seat: ['Geneva', 'Genève', 'Ginebra', 'Genebra', 'Genf'],
    names: [
      'World Trade Organization',
      'World Trade Organisation',
      'WTO',
      'OMC',
      'Organización Mundial del Comercio',
      'Organização Mundial do Comércio',
      'Organisation mondiale du commerce',
      'Welthandelsorganisation',
      'GATT',
      'Red Cross',
      'ICRC',
      'CICR',
      'IKRK',
      'Cruz Roja',
      'Cruz Vermelha',
      'Croix-Rouge',
      'Rotes Kreuz',
      'Roten Kreuz',
      'Roten Kreuzes',
      'CERN',
    ],
  },
  {
    seat: ['Vienna', 'Vienne', 'Viena', 'Wien'],
    names: [
      'IAEA',
      'OIEA',
      'AIEA',
      'IAEO',
      'UN nuclear watchdog',
      'U.N. nuclear watchdog',
      'International Atomic Energy Agency',
      'Organismo Internacional de Energía Atómica',
      'Agência Internacional de Energia Atómica',
      'Agência Internacional de Energia Atômica',
      'Agence internationale de l’énergie atomique',
      "Agence internationale de l'énergie atomique",
      'Internationale Atomenergiebehörde',
      'Internationalen Atomenergiebehörde',
    ],
    family: 'un',
  },
  {
    seat: ['Vienna', 'Vienne', 'Viena', 'Wien'],
    names: ['OSCE', 'OSZE', 'Organization for Security and Co-operation in Europe', 'OPEC+', 'OPEP+'],
    regions: ['opec'],
  },
  {
    seat: ['Brussels', 'Bruxelles', 'Bruselas', 'Bruxelas', 'Brüssel'],
    names: [
      'NATO',
      'Nato',
      'OTAN',
      'Otan',
      'North Atlantic Treaty Organization',
      // The euro's institutions report from Brussels: "BRUSELAS - La inflación de la eurozona...". Written in
      // lower case in running text, so read in any case.
      'eurozone',
      'euro zone',
      'euro area',
      'eurozona',
      'zona del euro',
      'zona euro',
      'zone euro',
      'Euro-Zone',
      'Euroraum',
      'Eurogroup',
      'Eurogrupo',
      'Eurogroupe',
      'Eurogruppe',
    ],
    regions: ['european-union'],
    standsFor: ['european-union'],
  },
  {
    seat: ['Strasbourg', 'Straßburg', 'Strassburg', 'Estrasburgo'],
    names: [
      'Council of Europe',
      'Consejo de Europa',
      'Conselho da Europa',
      'Conseil de l’Europe',
      "Conseil de l'Europe",
      'Europarat',
      'European Court of Human Rights',
      'Tribunal Europeo de Derechos Humanos',
      'Tribunal Europeu dos Direitos Humanos',
      'Cour européenne des droits de l’homme',
      "Cour européenne des droits de l'homme",
      'Europäischer Gerichtshof für Menschenrechte',
      'Europäischen Gerichtshof für Menschenrechte',
      'CEDH',
      'EGMR',
    ],
    regions: ['european-union'],
  },
  {
    seat: ['Luxembourg', 'Luxemburgo', 'Luxemburg'],
    names: [
      'European Court of Justice',
      'Court of Justice of the European Union',
      'Tribunal de Justicia de la Unión Europea',
      'Tribunal de Justiça da União Europeia',
      'Cour de justice de l’Union européenne',
      "Cour de justice de l'Union européenne",
      'Europäischer Gerichtshof',
      'Europäischen Gerichtshof',
      'EuGH',
      'CJEU',
      'TJUE',
      'CJUE',
      'Eurostat',
      'European Investment Bank',
      'EIB',
      'BEI',
    ],
    // The EU's court, statistics office and bank sit there, and its ministers meet there three months a year: "EU
    // court upholds...", "LUXEMBOURG - EU finance ministers...".
    regions: ['european-union'],
  },
  {
    seat: ['Frankfurt', 'Frankfurt am Main', 'Francfort', 'Fráncfort', 'Frankfurt-am-Main'],
    // The ECB's names are region names (european-union); the EU named alone does not make a Frankfurt story European.
    names: [
      'European Central Bank',
      'ECB',
      'EZB',
      'BCE',
      'Banco Central Europeo',
      'Banco Central Europeu',
      'Banque centrale européenne',
      'Europäische Zentralbank',
      'Europäischen Zentralbank',
    ],
  },
  {
    seat: ['The Hague', 'La Haya', 'Haia', 'La Haye', 'Den Haag'],
    names: [
      'International Criminal Court',
      'ICC',
      'Corte Penal Internacional',
      'Tribunal Penal Internacional',
      'Cour pénale internationale',
      'CPI',
      'TPI',
      'Internationaler Strafgerichtshof',
      'Internationale Strafgerichtshof',
      'Internationalen Strafgerichtshof',
      'IStGH',
      'International Court of Justice',
      'ICJ',
      'Corte Internacional de Justicia',
      'Tribunal Internacional de Justiça',
      'Cour internationale de justice',
      'CIJ',
      'Internationaler Gerichtshof',
      'Internationale Gerichtshof',
      'Internationalen Gerichtshof',
      'IGH',
      // The courts as news names them by their seat: the name holds the seat.
      'Corte de La Haya',
      'Tribunal de La Haya',
      'Corte de Haia',
      'Tribunal de Haia',
      'Cour de La Haye',
      'Hague court',
      'OPCW',
      'OPAQ',
      'OIAC',
      'OVCW',
    ],
  },
  {
    seat: ['Paris', 'París'],
    names: [
      'OECD',
      'OCDE',
      'Organisation for Economic Co-operation and Development',
      'Organization for Economic Cooperation and Development',
      'UNESCO',
      'Unesco',
      'International Energy Agency',
      'Agencia Internacional de la Energía',
      'Agência Internacional de Energia',
      'Agence internationale de l’énergie',
      "Agence internationale de l'énergie",
      'Internationale Energieagentur',
      'Internationalen Energieagentur',
    ],
  },
  {
    seat: ['Rome', 'Roma', 'Rom'],
    names: [
      'FAO',
      'Food and Agriculture Organization',
      'World Food Programme',
      'World Food Program',
      'WFP',
      'Programa Mundial de Alimentos',
      'Programme alimentaire mondial',
      'Welternährungsprogramm',
      'IFAD',
      'FIDA',
    ],
    family: 'un',
  },
  {
    seat: ['Basel', 'Bâle', 'Basilea', 'Basileia'],
    names: ['Bank for International Settlements', 'BIS', 'BRI', 'BIZ', 'Bank für Internationalen Zahlungsausgleich'],
  },
  {
    seat: ['Lausanne', 'Lausana'],
    names: [
      'International Olympic Committee',
      'IOC',
      'CIO',
      'COI',
      'IOK',
      'Comité Olímpico Internacional',
      'Comitê Olímpico Internacional',
      'Comité international olympique',
      'Internationales Olympisches Komitee',
      'Court of Arbitration for Sport',
      'Tribunal Arbitral du Sport',
      'Tribunal de Arbitraje Deportivo',
      'Internationaler Sportgerichtshof',
    ],
  },
  { seat: ['Zurich', 'Zürich', 'Zúrich'], names: ['FIFA'] },
  {
    seat: ['Montreal', 'Montréal'],
    names: [
      'ICAO',
      'OACI',
      'International Civil Aviation Organization',
      "Organisation de l'aviation civile internationale",
      'Organización de Aviación Civil Internacional',
      'Organização da Aviação Civil Internacional',
      'Internationale Zivilluftfahrtorganisation',
    ],
    family: 'un',
  },
  {
    seat: ['Dakar'],
    names: [
      'BCEAO',
      "Banque centrale des États de l'Afrique de l'Ouest",
      'Banco Central de los Estados de África Occidental',
      'Banco Central dos Estados da África Ocidental',
    ],
  },
  { seat: ['Nairobi'], names: ['UNEP', 'PNUMA', 'PNUE', 'UN Environment Programme', 'UN-Habitat'], family: 'un' },
  {
    seat: ['Addis Ababa', 'Adís Abeba', 'Adis Abeba', 'Addis-Abeba', 'Addis Abeba'],
    names: [
      'African Union',
      'Unión Africana',
      'União Africana',
      'Union africaine',
      'Afrikanische Union',
      'Afrikanischen Union',
    ],
  },
  {
    // Reuters-dev's editors file these under the US too (one article of 1,924 lost its only correct focus); the
    // project's labelling policy does not: eight read IMF stories from Washington were labelled with no country.
    seat: ['Washington'],
    names: [
      'International Monetary Fund',
      'IMF',
      'FMI',
      'IWF',
      'Fondo Monetario Internacional',
      'Fundo Monetário Internacional',
      'Fonds monétaire international',
      'Internationaler Währungsfonds',
      'Internationale Währungsfonds',
      'Internationalen Währungsfonds',
      'World Bank',
      'Banco Mundial',
      'Banque mondiale',
      'Weltbank',
      // The Organization of American States and its human-rights commission ("WASHINGTON (EFE) - La CIDH pidió...").
      'Organization of American States',
      'OAS',
      'OEA',
      'Organización de los Estados Americanos',
      'Organização dos Estados Americanos',
      'Organisation des États américains',
      'Organisation Amerikanischer Staaten',
      'Inter-American Commission on Human Rights',
      'IACHR',
      'CIDH',
      'Comisión Interamericana de Derechos Humanos',
      'Comissão Interamericana de Direitos Humanos',
      'Commission interaméricaine des droits de l’homme',
      "Commission interaméricaine des droits de l'homme",
      'Interamerikanische Menschenrechtskommission',
      'Interamerikanischen Menschenrechtskommission',
    ],
  },
  {
    seat: ['San José', 'San Jose'],
    names: [
      'Inter-American Court of Human Rights',
      'Corte Interamericana de Derechos Humanos',
      'Corte IDH',
      'Corte Interamericana de Direitos Humanos',
      'Cour interaméricaine des droits de l’homme',
      "Cour interaméricaine des droits de l'homme",
      'Interamerikanischer Gerichtshof für Menschenrechte',
      'Interamerikanischen Gerichtshof für Menschenrechte',
    ],
  },
  // The UN's headquarters: any UN name makes it a seat ("NUEVA YORK (EFE).- ... un informe de ONU Mujeres").
  { seat: ['New York', 'Nueva York', 'Nova Iorque', 'Nova York'], names: [], family: 'un' },
  { seat: ['Jakarta', 'Yakarta', 'Jacarta', 'Djakarta'], names: [], regions: ['asean'] },
];

const fold = (s: string) => foldPhrase(s).join(' ');

interface OrgName {
  tokens: string[];
  seat: number;
  /** An acronym ("WHO", "OMS"): read only in capitals. */
  upper: boolean;
  /** An acronym that is also a word ("UN"): read only in capitals beside words that are not in capitals. */
  word: boolean;
  /** Listed in lower case ("eurozona"): a common noun, read in any case. */
  anyCase: boolean;
}

interface SeatIndex {
  /** Folded seat name -> indexes of SEATS sitting there. */
  seats: Map<string, number[]>;
  /** Folded organisation name -> index in SEATS. */
  names: Map<string, number>;
  /** First folded token of an organisation's name -> the names that start with it. */
  firsts: Map<string, OrgName[]>;
  /** Region slug -> indexes of SEATS whose organisations it names. */
  regions: Map<string, number[]>;
}

const isAcronym = (name: string) => {
  const letters = name.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters.length <= 5 && letters === letters.toUpperCase() && !name.includes(' ');
};

/** Acronyms in SEATS that are words in one of the languages. */
const ACRONYM_WORDS = new Set(['UN']);

let index: SeatIndex | undefined;
function seatIndex(): SeatIndex {
  if (index) return index;
  const seats = new Map<string, number[]>();
  const names = new Map<string, number>();
  const firsts = new Map<string, OrgName[]>();
  const regions = new Map<string, number[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);
  SEATS.forEach((d, i) => {
    for (const s of d.seat) push(seats, fold(s), i);
    for (const n of d.names) {
      const tokens = foldPhrase(n);
      if (!tokens.length) continue;
      names.set(tokens.join(' '), i);
      push(firsts, tokens[0] as string, {
        tokens,
        seat: i,
        upper: isAcronym(n),
        word: ACRONYM_WORDS.has(n),
        anyCase: n.charAt(0) !== n.charAt(0).toUpperCase(),
      });
    }
    for (const r of d.regions ?? []) push(regions, r, i);
  });
  return (index = { seats, names, firsts, regions });
}

/** Kinds of hit that a seat's name can be: the dateline, or the city read as a place. */
const SEAT_KINDS = new Set(['dateline', 'capital', 'place', 'city', 'town']);

/** Longest seat name, in tokens ("Frankfurt am Main"). */
const SEAT_TOKENS = 3;

/**
 * The SEATS a hit's place is the seat of, read from its field's folded tokens (no text folded again). A dateline's
 * hit runs to its last region and agency ("GENEVA, Switzerland (Reuters)"): the seat is at its start.
 */
function seatsOf(idx: SeatIndex, h: PlaceHit, fields: readonly SeatField[]): number[] | undefined {
  if (!SEAT_KINDS.has(h.place.kind)) return undefined;
  const folded = fields.find((f) => f.field === h.field)?.tokens.folded;
  if (!folded) return undefined;
  if (h.place.kind !== 'dateline')
    return idx.seats.get((h.to - h.from === 1 ? folded[h.from] : folded.slice(h.from, h.to).join(' ')) ?? '');
  let key = '';
  for (let k = h.from; k < Math.min(h.to, h.from + SEAT_TOKENS); k++) {
    key = key ? `${key} ${folded[k]}` : (folded[k] ?? '');
    const seats = idx.seats.get(key);
    if (seats) return seats;
  }
  return undefined;
}

export interface SeatField {
  field: TextField;
  tokens: Pick<Tokens<unknown>, 'folded' | 'allUpper' | 'upperFirst'>;
}

/** Whether the organisation's name starts at token i (its case too: acronyms in capitals, names capitalised). */
function namedAt(t: SeatField['tokens'], i: number, o: OrgName): boolean {
  for (let k = 1; k < o.tokens.length; k++) if (t.folded[i + k] !== o.tokens[k]) return false;
  if (o.word && (t.allUpper[i - 1] === true || t.allUpper[i + o.tokens.length] === true)) return false;
  return o.upper ? t.allUpper[i] === true : o.anyCase || t.upperFirst[i] === true;
}

/**
 * Marks the hits that are the seat of an organisation the entry names (see the file's comment): "title" when the
 * title names it (the story is the organisation's), else "text". A region named by its seat ("Brussels" for the EU)
 * names no organisation here: it is the city itself. Organisations' names are looked for only in an entry that names
 * a seat, so they cost nothing elsewhere.
 */
export function markSeats(hits: PlaceHit[], fields: readonly SeatField[]): PlaceHit[] {
  const idx = seatIndex();
  if (!hits.some((h) => seatsOf(idx, h, fields))) return hits;
  const named = new Map<number, 'title' | 'text'>();
  const nameOne = (i: number, field: TextField) => {
    if (named.get(i) !== 'title') named.set(i, field === 'title' ? 'title' : 'text');
  };
  const name = (i: number, field: TextField) => {
    const family = SEATS[i]?.family;
    if (!family) return nameOne(i, field);
    SEATS.forEach((d, k) => d.family === family && nameOne(k, field));
  };
  // Seats whose name, opening the title, is the word for an organisation the entry names (see standsFor).
  const stands = new Set<number>();
  for (const h of hits) {
    if (h.place.kind !== 'region' || !h.place.region || idx.seats.has(fold(h.match))) continue;
    for (const i of idx.regions.get(h.place.region) ?? []) {
      name(i, h.field);
      if (SEATS[i]?.standsFor?.includes(h.place.region)) stands.add(i);
    }
    const i = idx.names.get(fold(h.match));
    if (i !== undefined) name(i, h.field);
  }
  for (const { field, tokens } of fields)
    for (let i = 0; i < tokens.folded.length; i++)
      for (const o of idx.firsts.get(tokens.folded[i] ?? '') ?? []) if (namedAt(tokens, i, o)) name(o.seat, field);
  if (!named.size) return hits;
  for (const h of hits) {
    const found = seatsOf(idx, h, fields) ?? [];
    const seats = found.map((i) => named.get(i));
    // The seat opening the title as its subject names the organisation there ("Bruxelles propose...", "Brussels
    // wants..."; not "... at Geneva meeting", where the city is where it happens).
    const opens = h.field === 'title' && h.from === 0 && h.place.kind !== 'dateline';
    if (seats.includes('title') || (opens && found.some((i) => stands.has(i)))) h.seat = 'title';
    else if (seats.includes('text')) h.seat = 'text';
  }
  return hits;
}
/**
 * A country whose only evidence is an organisation's seat is a mention, not a focus (`country.seat` in explain), when
 * the title names the organisation or stands for it by its seat ("Bruxelles propose...", see markSeats), or the story
 * has a focus elsewhere: it is the organisation's story, filed from where it meets. Otherwise it stays: the seat is
 * all the entry says of where it happens.
 */
export function demoteSeats(tags: Tag[], hits: readonly PlaceHit[]): Tag[] {
  if (!hits.some((h) => h.seat)) return tags;
  const seatOnly = (t: Tag) => {
    const own = hits.filter((h) => h.place.codes.includes(t.value));
    return own.length > 0 && own.every((h) => h.seat);
  };
  const isFocus = (t: Tag) => t.kind === 'country' && t.role === 'focus';
  const elsewhere = tags.some((t) => isFocus(t) && !seatOnly(t));
  return tags.map((t) => {
    if (!isFocus(t) || !seatOnly(t)) return t;
    const inTitle = hits.some((h) => h.seat === 'title' && h.place.codes.includes(t.value));
    if (!inTitle && !elsewhere) return t;
    return { ...t, role: 'mention', reason: { ...t.reason, rule: 'country.seat' } };
  });
}
