// First-level subdivisions that wire datelines and "City, Region" phrases use: US states and Canadian provinces
// with their wire abbreviations (AP style and older forms, with or without dots, any case), and the states and
// provinces of a few other countries whose names the data packages lack. Code data, not configuration: these
// change once a decade.

export interface Subdivision {
  /** ISO 3166-1 alpha-2 of the country. */
  country: string;
  name: string;
}

/** Full name, then abbreviations (written as wires write them; dots and case are ignored when matching). */
const US: Record<string, string[]> = {
  Alabama: ['Ala.', 'AL'],
  Alaska: ['Alas.', 'AK'],
  Arizona: ['Ariz.', 'AZ'],
  Arkansas: ['Ark.', 'AR'],
  California: ['Calif.', 'Cal.', 'CA'],
  Colorado: ['Colo.', 'CO'],
  Connecticut: ['Conn.', 'CT'],
  Delaware: ['Del.', 'DE'],
  'District of Columbia': ['D.C.', 'DC'],
  Florida: ['Fla.', 'FL'],
  Georgia: ['Ga.', 'GA'],
  Hawaii: ['HI'],
  Idaho: ['Ida.', 'ID'],
  Illinois: ['Ill.', 'IL'],
  Indiana: ['Ind.', 'IN'],
  Iowa: ['IA'],
  Kansas: ['Kan.', 'Kans.', 'KS'],
  Kentucky: ['Ky.', 'KY'],
  Louisiana: ['La.', 'LA'],
  Maine: ['Me.', 'ME'],
  Maryland: ['Md.', 'MD'],
  Massachusetts: ['Mass.', 'MA'],
  Michigan: ['Mich.', 'MI'],
  Minnesota: ['Minn.', 'MN'],
  Mississippi: ['Miss.', 'MS'],
  Missouri: ['Mo.', 'MO'],
  Montana: ['Mont.', 'MT'],
  Nebraska: ['Neb.', 'Nebr.', 'NE'],
  Nevada: ['Nev.', 'NV'],
  'New Hampshire': ['N.H.', 'NH'],
  'New Jersey': ['N.J.', 'NJ'],
  'New Mexico': ['N.M.', 'N.Mex.', 'NM'],
  'New York': ['N.Y.', 'NY'],
  'North Carolina': ['N.C.', 'NC'],
  'North Dakota': ['N.D.', 'N.Dak.', 'ND'],
  Ohio: ['OH'],
  Oklahoma: ['Okla.', 'OK'],
  Oregon: ['Ore.', 'Oreg.', 'OR'],
  Pennsylvania: ['Pa.', 'Penn.', 'Penna.', 'PA'],
  'Rhode Island': ['R.I.', 'RI'],
  'South Carolina': ['S.C.', 'SC'],
  'South Dakota': ['S.D.', 'S.Dak.', 'SD'],
  Tennessee: ['Tenn.', 'TN'],
  Texas: ['Tex.', 'TX'],
  Utah: ['UT'],
  Vermont: ['Vt.', 'VT'],
  Virginia: ['Va.', 'VA'],
  Washington: ['Wash.', 'WA'],
  'West Virginia': ['W.Va.', 'W.Virginia', 'WV'],
  Wisconsin: ['Wis.', 'Wisc.', 'WI'],
  Wyoming: ['Wyo.', 'WY'],
  'Puerto Rico': ['P.R.', 'PR'],
};

const CA: Record<string, string[]> = {
  Alberta: ['Alta.', 'AB'],
  'British Columbia': ['B.C.', 'BC'],
  Manitoba: ['Man.', 'MB'],
  'New Brunswick': ['N.B.', 'NB'],
  Newfoundland: ['Nfld.', 'NL'],
  'Newfoundland and Labrador': [],
  'Nova Scotia': ['N.S.', 'NS'],
  Ontario: ['Ont.', 'ON'],
  'Prince Edward Island': ['P.E.I.', 'PE'],
  Quebec: ['Que.', 'Qué.', 'Québec', 'QC', 'PQ'],
  Saskatchewan: ['Sask.', 'SK'],
  'Northwest Territories': ['N.W.T.', 'NWT', 'NT'],
  Yukon: ['Y.T.', 'YT'],
  Nunavut: ['NU'],
};

/**
 * Canada's provinces and Australia's states as es, pt, fr and de write them where that differs from English: a name
 * that holds another country's ("Colombie-Britannique", "Nouvelle-Écosse", "Britisch-Kolumbien") must beat it.
 */
const TRANSLATED: Record<string, string[]> = {
  CA: [
    'Colombie-Britannique',
    'Columbia Británica',
    'Colúmbia Britânica',
    'Britisch-Kolumbien',
    'Nouvelle-Écosse',
    'Nueva Escocia',
    'Nova Escócia',
    'Neuschottland',
    'Nouveau-Brunswick',
    'Nuevo Brunswick',
    'Novo Brunswick',
    'Neubraunschweig',
    'Terre-Neuve',
    'Terre-Neuve-et-Labrador',
    'Neufundland',
    'Île-du-Prince-Édouard',
    'Isla del Príncipe Eduardo',
    'Ilha do Príncipe Eduardo',
    'Prinz-Edward-Insel',
    'Territoires du Nord-Ouest',
    'Territorios del Noroeste',
    'Territórios do Noroeste',
    'Nordwest-Territorien',
  ],
  AU: [
    'Nouvelle-Galles du Sud',
    'Nueva Gales del Sur',
    'Nova Gales do Sul',
    'Neusüdwales',
    'Australie-Méridionale',
    'Australia Meridional',
    'Austrália Meridional',
    'Südaustralien',
    'Australie-Occidentale',
    'Australia Occidental',
    'Austrália Ocidental',
    'Westaustralien',
    'Territoire du Nord',
    'Territorio del Norte',
    'Território do Norte',
    'Nordterritorium',
    'Tasmanie',
    'Tasmanien',
  ],
};

/** States and provinces of other countries (full names only: their abbreviations are not wire conventions). */
const OTHER: Record<string, string[]> = {
  AU: [
    'New South Wales',
    'N.S.W.',
    'Queensland',
    'Qld.',
    'South Australia',
    'Western Australia',
    'Tasmania',
    'Northern Territory',
  ],
  GB: ['England', 'Scotland', 'Wales', 'Northern Ireland'],
  BR: [
    'Amazonas',
    'Bahia',
    'Ceará',
    'Espírito Santo',
    'Goiás',
    'Maranhão',
    'Mato Grosso',
    'Mato Grosso do Sul',
    'Minas Gerais',
    'Pará',
    'Paraná',
    'Pernambuco',
    'Rio Grande do Sul',
    'Santa Catarina',
  ],
  MX: ['Jalisco', 'Nuevo León', 'Sonora', 'Chihuahua', 'Sinaloa', 'Tamaulipas', 'Veracruz', 'Guerrero', 'Michoacán'],
  IN: ['Maharashtra', 'Uttar Pradesh', 'Tamil Nadu', 'Karnataka', 'Kerala', 'Gujarat', 'West Bengal', 'Rajasthan'],
  DE: [
    'Baden-Württemberg',
    'Bayern',
    'Bavaria',
    'Hessen',
    'Hesse',
    'Niedersachsen',
    'Lower Saxony',
    'Nordrhein-Westfalen',
    'North Rhine-Westphalia',
    'Sachsen',
    'Saxony',
    'Thüringen',
    'Thuringia',
  ],
  ES: ['Andalucía', 'Andalusia', 'Cataluña', 'Catalonia', 'Galicia', 'Asturias', 'Castilla y León'],
  IT: ['Lombardia', 'Lombardy', 'Piemonte', 'Piedmont', 'Toscana', 'Tuscany', 'Sicilia', 'Sicily', 'Sardinia'],
  CN: ['Guangdong', 'Sichuan', 'Hubei', 'Henan', 'Hebei', 'Jiangsu', 'Zhejiang', 'Shandong', 'Fujian', 'Yunnan'],
};

/**
 * Regions read only where a dateline puts them ("LEÓN, Guanajuato, 7 may (EFE)", "SANTARÉM (PA), 11 jul (Agência
 * Brasil)"): Mexico's federal entities, whose names in running text are often surnames ("Hidalgo", "Durango"), and
 * Brazil's two-letter state codes, which Portuguese datelines put after the city and which US postal codes share
 * ("PA" is Pará there, not Pennsylvania).
 */
const DATELINE_ONLY: Record<string, string[]> = {
  MX: [
    'Aguascalientes',
    'Baja California',
    'Baja California Sur',
    'Campeche',
    'Chiapas',
    'Coahuila',
    'Colima',
    'Durango',
    'Guanajuato',
    'Hidalgo',
    'Morelos',
    'Nayarit',
    'Oaxaca',
    'Puebla',
    'Querétaro',
    'Quintana Roo',
    'San Luis Potosí',
    'Tabasco',
    'Tlaxcala',
    'Yucatán',
    'Zacatecas',
  ],
};
const BRAZILIAN_STATE_CODES = new Set(
  'AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO'.split(' '),
);

/**
 * The abbreviations Mexican papers and agencies put after a dateline's city ("LEÓN, Gto.", "MORELIA, Mich.",
 * "MONTERREY, N.L."), as subdivisionKey folds them: in Spanish they are Mexico's states ("Mich." is not Michigan).
 */
const MEXICAN_STATE_ABBREVIATIONS = new Set(
  (
    'ags bc bcs camp chis chih coah col cdmx dgo gto gro hgo jal edomex mex mich mor nay nl oax pue qro qroo slp sin ' +
    'son tab tamps tlax ver yuc zac'
  ).split(' '),
);

/** The country of a region a dateline names that only datelines are trusted with, in the entry's language. */
export function datelineOnlyRegion(written: string, language: string | undefined): string | undefined {
  const w = written.trim();
  if (language === 'pt' && BRAZILIAN_STATE_CODES.has(w)) return 'BR';
  const key = subdivisionKey(w);
  if (language === 'es' && MEXICAN_STATE_ABBREVIATIONS.has(key)) return 'MX';
  for (const [country, names] of Object.entries(DATELINE_ONLY))
    if (names.some((n) => subdivisionKey(n) === key)) return country;
  return undefined;
}

/** Key for matching a written region: folded letters only, so "N.J.", "NJ" and "nj" agree ("Qué." -> que). */
export function subdivisionKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
}

interface Entry extends Subdivision {
  /** Two-letter postal codes and one-word abbreviations without a dot are read only where a region must stand. */
  short: boolean;
}

function buildIndex(): Map<string, Entry> {
  const index = new Map<string, Entry>();
  const add = (country: string, name: string, written: string, short: boolean) => {
    const key = subdivisionKey(written);
    if (key && !index.has(key)) index.set(key, { country, name, short });
  };
  for (const [table, country] of [
    [US, 'US'],
    [CA, 'CA'],
  ] as const) {
    for (const [name, abbrs] of Object.entries(table)) {
      add(country, name, name, false);
      for (const a of abbrs) add(country, name, a, !a.includes('.') && a.length <= 3);
    }
  }
  for (const [country, names] of Object.entries(OTHER)) for (const n of names) add(country, n, n, false);
  for (const [country, names] of Object.entries(TRANSLATED)) for (const n of names) add(country, n, n, false);
  return index;
}

const INDEX = buildIndex();

/**
 * The subdivision a written region names ("Calif.", "MICH.", "N.J", "Ontario", "New South Wales").
 * `strict` (running text): two-letter postal codes are not read (IN, OR, ME are words), and an abbreviation
 * needs its dot or upper case, so "Miss" or "Ill" at a sentence's start are not states.
 */
export function lookupSubdivision(written: string, strict = false): Subdivision | undefined {
  const w = written.trim();
  const e = INDEX.get(subdivisionKey(w));
  if (!e) return undefined;
  if (strict) {
    if (e.short) return undefined;
    const fullName = subdivisionKey(e.name) === subdivisionKey(w);
    if (!fullName && !w.endsWith('.') && w !== w.toUpperCase()) return undefined;
  }
  return { country: e.country, name: e.name };
}

/**
 * Full subdivision names the gazetteer reads as places of their country (US states are already there as kind
 * "state"): Canada's provinces, and the states and provinces of AU, IN and CN, whose names have no other common
 * meaning ("BRITISH COLUMBIA RAISES TAXES" is Canada, not Britain), also as the other languages write them (TRANSLATED).
 * Those of BR, MX, DE, ES and IT are curated places or too often a word or surname ("Pará", "Guerrero").
 */
export function subdivisionNames(): { country: string; name: string }[] {
  const out: { country: string; name: string }[] = [];
  for (const name of Object.keys(CA)) out.push({ country: 'CA', name });
  for (const country of ['AU', 'IN', 'CN'])
    for (const name of OTHER[country] ?? []) if (!name.includes('.')) out.push({ country, name });
  for (const [country, names] of Object.entries(TRANSLATED)) for (const name of names) out.push({ country, name });
  return out;
}

/**
 * Cities that AP datelines print without a state (AP Stylebook's list): with no region, these are the US city.
 */
export const US_STANDALONE = new Set(
  [
    'Atlanta',
    'Baltimore',
    'Boston',
    'Chicago',
    'Cincinnati',
    'Cleveland',
    'Dallas',
    'Denver',
    'Detroit',
    'Honolulu',
    'Houston',
    'Indianapolis',
    'Las Vegas',
    'Los Angeles',
    'Miami',
    'Milwaukee',
    'Minneapolis',
    'New Orleans',
    'New York',
    'Oklahoma City',
    'Philadelphia',
    'Phoenix',
    'Pittsburgh',
    'St. Louis',
    'Salt Lake City',
    'San Antonio',
    'San Diego',
    'San Francisco',
    'Seattle',
    'Washington',
  ].map(subdivisionKey),
);
