// Regions: UN M49 regions and sub-regions plus common groupings, with names in five languages.
// Membership of M49 sub-regions comes from world-countries' subregion, corrected where it departs from M49.
import type { Tag } from '../types.ts';
import { worldCountries } from './data.ts';
import type { PlaceHit } from './locate.ts';

export interface RegionDef {
  slug: string;
  label: string;
  /** M49 code where there is one. */
  m49?: string;
  /** Names and adjectives that mention the region directly. */
  names: string[];
  members: Set<string>;
  /** An organisation of states (OPEC, ASEAN, Mercosur): tagged when named, never derived from a member's tag. */
  namedOnly?: boolean;
}

// world-countries subregion -> M49 sub-region slug (before the per-country corrections below).
const SUBREGION_SLUG: Record<string, string> = {
  Caribbean: 'caribbean',
  'Central America': 'central-america',
  'South America': 'south-america',
  'North America': 'northern-america',
  'Southern Asia': 'southern-asia',
  'Western Asia': 'western-asia',
  'Eastern Asia': 'eastern-asia',
  'South-Eastern Asia': 'south-eastern-asia',
  'Central Asia': 'central-asia',
  'Northern Europe': 'northern-europe',
  'Southern Europe': 'southern-europe',
  'Western Europe': 'western-europe',
  'Eastern Europe': 'eastern-europe',
  'Southeast Europe': 'southern-europe',
  'Central Europe': 'eastern-europe',
  'Middle Africa': 'middle-africa',
  'Eastern Africa': 'eastern-africa',
  'Western Africa': 'western-africa',
  'Southern Africa': 'southern-africa',
  'Northern Africa': 'northern-africa',
  'Australia and New Zealand': 'australia-new-zealand',
  Melanesia: 'melanesia',
  Micronesia: 'micronesia',
  Polynesia: 'polynesia',
};
// Where M49 differs from the package's grouping.
const M49_FIX: Record<string, string> = {
  MX: 'central-america',
  SS: 'eastern-africa',
  AT: 'western-europe',
  SI: 'southern-europe',
  BG: 'eastern-europe',
  RO: 'eastern-europe',
};
const SUB_TO_REGION: Record<string, string> = {
  caribbean: 'americas',
  'central-america': 'americas',
  'south-america': 'americas',
  'northern-america': 'americas',
  'southern-asia': 'asia',
  'western-asia': 'asia',
  'eastern-asia': 'asia',
  'south-eastern-asia': 'asia',
  'central-asia': 'asia',
  'northern-europe': 'europe',
  'southern-europe': 'europe',
  'western-europe': 'europe',
  'eastern-europe': 'europe',
  'middle-africa': 'africa',
  'eastern-africa': 'africa',
  'western-africa': 'africa',
  'southern-africa': 'africa',
  'northern-africa': 'africa',
  'australia-new-zealand': 'oceania',
  melanesia: 'oceania',
  micronesia: 'oceania',
  polynesia: 'oceania',
};

const LATIN_AMERICA = 'AR BO BR CL CO EC PY PE UY VE GF MX GT HN SV NI CR PA CU DO HT PR'.split(' ');
const MIDDLE_EAST = 'AE BH CY EG IR IQ IL JO KW LB OM PS QA SA SY TR YE'.split(' ');
const EU = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
const SAHEL = 'BF ML NE TD MR SN SD'.split(' ');
const MAGHREB = 'DZ MA TN LY MR EH'.split(' ');
// The Gulf Cooperation Council's six.
const GULF = 'SA AE KW QA BH OM'.split(' ');
const ASEAN = 'BN KH ID LA MY MM PH SG TH VN TL'.split(' ');
// Full members (Venezuela is suspended; Bolivia joined in 2024).
const MERCOSUR = 'AR BR PY UY BO'.split(' ');
const OPEC = 'DZ CG GQ GA IR IQ KW LY NG SA AE VE'.split(' ');

type Def = { label: string; m49?: string; names: string; members?: string[]; namedOnly?: boolean };
// Names: comma-separated; adjectives in es/pt/fr/de are inflected like demonyms in gazetteer.ts.
const DEFS: Record<string, Def> = {
  africa: { label: 'Africa', m49: '002', names: 'Africa,África,Afrique,Afrika,African,africano,africain,afrikanisch' },
  americas: { label: 'Americas', m49: '019', names: 'the Americas,las Américas,as Américas,les Amériques' },
  asia: { label: 'Asia', m49: '142', names: 'Asia,Ásia,Asie,Asien,Asian,asiático,asiatique,asiatisch' },
  europe: { label: 'Europe', m49: '150', names: 'Europe,Europa,European,europeo,europeu,européen,europäisch' },
  oceania: { label: 'Oceania', m49: '009', names: 'Oceania,Oceanía,Océanie,Ozeanien' },
  // A continent no state governs: its news (ice, science, expeditions) is the region's, not a country's.
  antarctica: {
    label: 'Antarctica',
    m49: '010',
    names: 'Antarctica,Antártida,Antártica,Antarctique,Antarktis,Antarctic,antártico,antarctique,antarktisch',
    members: ['AQ'],
  },
  'northern-africa': {
    label: 'Northern Africa',
    m49: '015',
    names: 'North Africa,Northern Africa,Norte de África,África del Norte,Norte da África,Afrique du Nord,Nordafrika',
  },
  'sub-saharan-africa': {
    label: 'Sub-Saharan Africa',
    m49: '202',
    names: 'Sub-Saharan Africa,África subsahariana,África Subsaariana,Afrique subsaharienne,Subsahara-Afrika',
  },
  'eastern-africa': {
    label: 'Eastern Africa',
    m49: '014',
    names: "East Africa,Eastern Africa,África Oriental,Afrique de l’Est,Afrique de l'Est,Ostafrika",
  },
  'middle-africa': {
    label: 'Middle Africa',
    m49: '017',
    names: 'Central Africa,Middle Africa,África Central,Afrique centrale,Zentralafrika',
  },
  'southern-africa': { label: 'Southern Africa', m49: '018', names: 'Southern Africa,África Austral,Afrique australe' },
  'western-africa': {
    label: 'Western Africa',
    m49: '011',
    names:
      "West Africa,Western Africa,África Occidental,África Ocidental,Afrique de l’Ouest,Afrique de l'Ouest,Westafrika",
  },
  'latin-america-caribbean': {
    label: 'Latin America and the Caribbean',
    m49: '419',
    names: 'Latin America and the Caribbean,América Latina y el Caribe,América Latina e Caribe',
  },
  caribbean: { label: 'Caribbean', m49: '029', names: 'Caribbean,Caribe,Caraïbes,Karibik' },
  'central-america': {
    label: 'Central America',
    m49: '013',
    names:
      'Central America,Centroamérica,América Central,Amérique centrale,Mittelamerika,Zentralamerika,centroamericano,mittelamerikanisch',
  },
  'south-america': {
    label: 'South America',
    m49: '005',
    names:
      'South America,Sudamérica,Suramérica,América del Sur,América do Sul,Amérique du Sud,Südamerika,sudamericano,sul-americano,sud-américain,südamerikanisch,South American',
  },
  'northern-america': {
    label: 'Northern America',
    m49: '021',
    names: 'North America,Northern America,Norteamérica,América do Norte,Amérique du Nord,Nordamerika',
  },
  'central-asia': {
    label: 'Central Asia',
    m49: '143',
    names: 'Central Asia,Asia Central,Ásia Central,Asie centrale,Zentralasien',
  },
  'eastern-asia': {
    label: 'Eastern Asia',
    m49: '030',
    names: 'East Asia,Eastern Asia,Asia Oriental,Ásia Oriental,Asie de l’Est,Ostasien',
  },
  'south-eastern-asia': {
    label: 'South-eastern Asia',
    m49: '035',
    names: 'Southeast Asia,South-East Asia,South-eastern Asia,Sudeste Asiático,Asie du Sud-Est,Südostasien',
  },
  'southern-asia': {
    label: 'Southern Asia',
    m49: '034',
    names: 'South Asia,Southern Asia,Asia del Sur,Sul da Ásia,Asie du Sud,Südasien',
  },
  'western-asia': { label: 'Western Asia', m49: '145', names: 'Western Asia,West Asia,Asia Occidental,Westasien' },
  'eastern-europe': {
    label: 'Eastern Europe',
    m49: '151',
    names: 'Eastern Europe,Europa del Este,Europa Oriental,Leste Europeu,Europe de l’Est,Osteuropa',
  },
  'northern-europe': {
    label: 'Northern Europe',
    m49: '154',
    names: 'Northern Europe,Nordic countries,Scandinavia,Escandinavia,Escandinávia,Scandinavie,Skandinavien,Nordeuropa',
  },
  'southern-europe': {
    label: 'Southern Europe',
    m49: '039',
    names: 'Southern Europe,Europa del Sur,Europe du Sud,Südeuropa,Balkans,Balcanes,Bálcãs,Balkan',
  },
  'western-europe': {
    label: 'Western Europe',
    m49: '155',
    names: 'Western Europe,Europa Occidental,Europe de l’Ouest,Westeuropa',
  },
  'australia-new-zealand': { label: 'Australia and New Zealand', m49: '053', names: 'Australasia' },
  melanesia: { label: 'Melanesia', m49: '054', names: 'Melanesia,Mélanésie' },
  micronesia: { label: 'Micronesia', m49: '057', names: 'Micronesia,Micronésie' },
  polynesia: { label: 'Polynesia', m49: '061', names: 'Polynesia,Polinesia,Polynésie' },
  'latin-america': {
    label: 'Latin America',
    names:
      'Latin America,América Latina,Latinoamérica,Latino-América,Amérique latine,Lateinamerika,Latin American,latinoamericano,latino-americano,latino-américain,lateinamerikanisch,Iberoamérica',
    members: LATIN_AMERICA,
  },
  'middle-east': {
    label: 'Middle East',
    names:
      'Middle East,Near East,Oriente Medio,Medio Oriente,Oriente Próximo,Oriente Médio,Médio Oriente,Moyen-Orient,Proche-Orient,Naher Osten,Nahen Osten,Nahost,Mittlerer Osten,Mittleren Osten',
    members: MIDDLE_EAST,
  },
  'european-union': {
    label: 'European Union',
    // Not "Brussels": the seat is the EU only in an entry that names the EU (seats.ts), else the city.
    names:
      'European Union,EU,E.U.,Unión Europea,União Europeia,Union européenne,UE,Europäische Union,Europäischen Union,' +
      'European Community,EC,European Commission,Comisión Europea,Comissão Europeia,Commission européenne,' +
      'Europäische Kommission,Europäischen Kommission,EU-Kommission,European Parliament,Parlamento Europeo,' +
      'Parlamento Europeu,Parlement européen,Europaparlament,Europäisches Parlament,Europäischen Parlament,' +
      'European Council,European Central Bank,ECB,Banco Central Europeo,Banco Central Europeu,' +
      'Banque centrale européenne,BCE,Europäische Zentralbank,Europäischen Zentralbank,EZB,Eurogroup,' +
      'Eurogruppe,Eurogrupo,Eurogroupe',
    members: EU,
  },
  'gulf-states': {
    label: 'Gulf states',
    names:
      'Gulf states,Gulf States,Gulf countries,Gulf monarchies,Gulf Arab states,GCC,Gulf Cooperation Council,' +
      'Consejo de Cooperación del Golfo,Conselho de Cooperação do Golfo,Conseil de coopération du Golfe,' +
      'Golf-Kooperationsrat,Golfkooperationsrat,Golfstaaten,Golfmonarchien,Golfländer,Golfanrainer',
    members: GULF,
  },
  asean: {
    label: 'ASEAN',
    names:
      'ASEAN,Asean,Association of Southeast Asian Nations,Asociación de Naciones del Sudeste Asiático,' +
      'Associação de Nações do Sudeste Asiático,Association des nations de l’Asie du Sud-Est,' +
      "Association des nations de l'Asie du Sud-Est,Verband Südostasiatischer Nationen",
    members: ASEAN,
    namedOnly: true,
  },
  mercosur: {
    label: 'Mercosur',
    names: 'Mercosur,Mercosul,Mercado Común del Sur,Mercado Comum do Sul,Marché commun du Sud',
    members: MERCOSUR,
    namedOnly: true,
  },
  opec: {
    label: 'OPEC',
    names:
      // "Opec" is how German papers and some British ones write it ("Opec+-Beschluss").
      'OPEC,OPEP,Opep,Opec,Organization of the Petroleum Exporting Countries,' +
      'Organización de Países Exportadores de Petróleo,Organização dos Países Exportadores de Petróleo,' +
      'Organisation des pays exportateurs de pétrole,Organisation erdölexportierender Länder',
    members: OPEC,
    namedOnly: true,
  },
  sahel: { label: 'Sahel', names: 'Sahel', members: SAHEL },
  maghreb: { label: 'Maghreb', names: 'Maghreb,Magreb', members: MAGHREB },
};

function buildRegions(): Map<string, RegionDef> {
  const sub = new Map<string, string>();
  for (const c of worldCountries) {
    const slug = M49_FIX[c.cca2] ?? SUBREGION_SLUG[c.subregion];
    if (slug) sub.set(c.cca2, slug);
  }
  const out = new Map<string, RegionDef>();
  for (const [slug, d] of Object.entries(DEFS)) {
    const members = new Set<string>(d.members ?? []);
    if (!d.members) {
      for (const [code, s] of sub) {
        if (s === slug || SUB_TO_REGION[s] === slug) members.add(code);
        if (slug === 'sub-saharan-africa' && SUB_TO_REGION[s] === 'africa' && s !== 'northern-africa')
          members.add(code);
        if (slug === 'latin-america-caribbean' && ['caribbean', 'central-america', 'south-america'].includes(s))
          members.add(code);
      }
    }
    // M49 counts Sudan in Northern Africa, not sub-Saharan.
    if (slug === 'sub-saharan-africa') members.delete('SD');
    out.set(slug, { slug, label: d.label, m49: d.m49, names: d.names.split(','), members, namedOnly: d.namedOnly });
  }
  return out;
}

export const REGIONS: ReadonlyMap<string, RegionDef> = buildRegions();

/** Every region a country's tag implies, broadest last; organisations of states only when named. */
export function regionsOf(code: string): string[] {
  const out: string[] = [];
  for (const r of REGIONS.values()) if (r.members.has(code) && !r.namedOnly) out.push(r.slug);
  return out;
}

/**
 * Groups whose members the text may name as the story's subjects: organisations and alliances of states, and the
 * sub-regions of M49 ("Southeast Asia swelters: schools closed in the Philippines and Thailand"). Not continents,
 * Latin America or the Middle East (countries listed under such a heading are examples or bystanders), nor OPEC (its
 * members are named as the cartel's leaders: "OPEC+, led by Saudi Arabia and Russia").
 */
const NOT_SUBJECTS = new Set([
  'africa',
  'americas',
  'asia',
  'europe',
  'oceania',
  'latin-america',
  'latin-america-caribbean',
  'middle-east',
  'opec',
]);

/**
 * A group named in the title ("Mercosur summit...", "Gulf states pledge...", "Sahel : ...") is what the story is
 * about, and so are its members the text names outright: a country named as such below such a title is a focus
 * (`country.member` in explain), not a mention. Members named only by a demonym, a place or in passing stay mentions,
 * and so does a lone member the text names: one is an aside ("the first new member since Croatia", "en Portugal la
 * tasa...", "boats from Libya"), the members acting are named together ("Saudi Arabia, Qatar and the UAE pledged").
 */
export function promoteMembers(tags: Tag[], hits: readonly PlaceHit[]): Tag[] {
  const groups: RegionDef[] = [];
  for (const h of hits) {
    if (h.field !== 'title' || h.place.kind !== 'region' || !h.place.region || NOT_SUBJECTS.has(h.place.region))
      continue;
    const g = REGIONS.get(h.place.region);
    if (g && g.members.size) groups.push(g);
  }
  if (!groups.length) return tags;
  // The countries the text names outright (not a modifier, not inside an organisation's name).
  const named = new Set(
    hits.filter((h) => h.place.kind === 'name' && !h.modifier && !h.organisation).map((h) => h.place.codes[0] ?? ''),
  );
  const together = groups.filter((g) => [...named].filter((c) => g.members.has(c)).length >= 2);
  return tags.map((t) => {
    if (t.kind !== 'country' || t.role !== 'mention' || !together.some((g) => g.members.has(t.value))) return t;
    if (!named.has(t.value)) return t;
    return { ...t, role: 'focus', reason: { ...t.reason, rule: 'country.member' } };
  });
}
