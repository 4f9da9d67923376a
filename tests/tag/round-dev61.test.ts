// A round of issue #13 read on dev61: dishes, breeds and goods named after a place and made anywhere ("Danish pastries",
// "pastéis de Belém", "Wiener Schnitzel"), a restaurant's or a cuisine's nationality in English and German, places a
// title lists as its subject ("Bamako, Niamey et Ouagadougou lancent..."), an arrival as a visit, airlines and a brand
// named after their country in the companies table, the package's adjectives given as names ("Portuguesa"), Turkey
// the bird beside Thanksgiving, a ship's flag of registry, topic words (mass coral bleaching, child marriage in
// French, the Sami, a heritage candidacy that is no election), and what a teaser's first sentence must give (a town
// beside a person's nationality, Pará with its accent, an event named after its country, a province named like one).
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag, topics } from './shared.ts';

describe('dishes, breeds and goods named after a place say nothing of it', () => {
  it.each([
    ['en', 'Leeds bakery sells out of Danish pastries', 'Queues formed outside the shop in Headingley, Leeds.', 'DK'],
    [
      'en',
      'Brussels sprouts harvest hit by frost in Lincolnshire',
      'Growers near Boston, Lincolnshire, lost a third.',
      'BE',
    ],
    [
      'es',
      'Un pastor alemán encuentra a un niño perdido en Jaén',
      'La Guardia Civil felicitó al perro y a su guía.',
      'DE',
    ],
    [
      'fr',
      'Les choux de Bruxelles bretons arrivent sur les étals',
      'Les maraîchers du Finistère attendent une bonne récolte.',
      'BE',
    ],
    ['fr', 'Le petit-suisse revient dans les cantines de Rennes', 'La mairie veut davantage de laitages locaux.', 'CH'],
    [
      'pt',
      'Fila para os pastéis de Belém dá a volta ao quarteirão',
      'A fábrica de Lisboa recebeu mais turistas do que nunca.',
      'BR',
    ],
    [
      'de',
      'Wiener Schnitzel wird in Münchner Wirtshäusern teurer',
      'Die Wirte nennen höhere Energiekosten als Grund.',
      'AT',
    ],
  ])('%s: %s', (language, title, summary, code) => {
    expect(countries(tag(title, summary, language))).not.toContain(code);
  });

  it('the country itself, named outright, still counts', () => {
    expect(focus(tag('Denmark raises its pension age to 70', '', 'en'))).toContain('DK');
    expect(focus(tag('Wiener Polizei sucht Zeugen nach Überfall', '', 'de'))).toContain('AT');
  });
});

describe("a restaurant's or a cuisine's nationality is an aside", () => {
  it.each([
    ['en', 'Italian restaurant in Leeds wins hygiene award', 'IT'],
    ['en', 'Mexican food truck festival returns to Bristol', 'MX'],
    ['de', 'Kasseler Koch eröffnet ein chinesisches Restaurant in der Altstadt', 'CN'],
  ])('%s: %s', (language, title, code) => {
    expect(focus(tag(title, '', language))).not.toContain(code);
  });
});

describe('places a title lists as its subject share one role', () => {
  it('a dateline strengthens one of them only', () => {
    const tags = tag(
      'Lima, Quito y Bogotá firman un pacto contra la minería ilegal',
      'LIMA (EFE) - Los tres gobiernos crearán una fuerza conjunta en la frontera amazónica.',
      'es',
    );
    expect(focus(tags)).toEqual(expect.arrayContaining(['PE', 'EC', 'CO']));
    expect(tags.find((t) => t.value === 'EC')?.reason.rule).toBe('country.title-list');
  });

  it('not a list after a verb or a preposition: a route names destinations', () => {
    const tags = tag(
      'Aerolínea chilena abre una ruta entre Santiago y Mendoza',
      'SANTIAGO (EFE) - Los vuelos comenzarán en marzo con tres frecuencias semanales.',
      'es',
    );
    expect(focus(tags)).not.toContain('AR');
  });
});

describe('an arrival is a visit: the host is a side', () => {
  it('beside a visitor the summary names again', () => {
    const tags = tag(
      'Albanese arrives in Port Moresby for security talks',
      "The Australian prime minister's visit, his second this year, includes a policing deal with Australian federal police.",
      'en',
    );
    expect(focus(tags)).toEqual(expect.arrayContaining(['AU', 'PG']));
    expect(tags.find((t) => t.value === 'PG')?.reason.rule).toBe('country.visit');
  });
});

describe('airlines and a brand named after their country, in the companies table', () => {
  it('abroad, their home is only in their name', () => {
    expect(countries(tag('Air India jet makes emergency landing in Istanbul', '', 'en'))).not.toContain('IN');
    expect(countries(tag('Canada Goose opens a store on Regent Street in London', '', 'en'))).not.toContain('CA');
  });

  it("in the company's own news the home stays", () => {
    expect(focus(tag('Air France pilots strike over pay', '', 'en'))).toContain('FR');
    expect(focus(tag('Air Canada posts record quarterly profit', '', 'en'))).toContain('CA');
  });
});

describe("the package's adjectives given as names are read as demonyms", () => {
  it('"Portuguesa" still names Portugal where it qualifies a noun', () => {
    expect(focus(tag('Polícia Portuguesa detém três suspeitos em Braga', '', 'pt'))).toContain('PT');
  });
});

describe('Turkey the bird beside Thanksgiving', () => {
  it('is no country in an English entry that names the holiday', () => {
    const tags = tag(
      'Turkey shortage worries shoppers before Thanksgiving',
      'Grocers in Columbus, Ohio, limit each family to one bird.',
      'en',
    );
    expect(countries(tags)).not.toContain('TR');
    expect(countries(tags)).toContain('US');
  });

  it('Turkey the country stays without it', () => {
    expect(focus(tag('Turkey raises interest rates again', '', 'en'))).toContain('TR');
  });
});

describe("a ship's flag of registry is no place of the story", () => {
  it.each([
    ['en', 'Panamanian-flagged tanker seized off the coast of Oman', 'PA'],
    ['fr', 'Un vraquier battant pavillon libérien arraisonné au large du Yémen', 'LR'],
    ['de', 'Frachter unter maltesischer Flagge vor Somalia gekapert', 'MT'],
  ])('%s: %s', (language, title, code) => {
    expect(focus(tag(title, '', language))).not.toContain(code);
  });

  it('a flag waved is not read as a registry', () => {
    expect(focus(tag('Hinchas con bandera argentina celebran en Buenos Aires', '', 'es'))).toContain('AR');
  });
});

describe('topic words', () => {
  it.each([
    ['en', 'Ningaloo Reef suffers its worst mass bleaching on record', '', 'environment'],
    ['fr', 'Le Niger relève l’âge légal contre le mariage des mineures', '', 'women'],
    ['de', 'Samische Aktivisten protestieren gegen neue Mine', '', 'indigenous'],
  ])('%s: %s', (language, title, summary, topic) => {
    expect(topics(tag(title, summary, language))).toContain(topic);
  });

  it('a candidacy for world heritage is no election', () => {
    expect(topics(tag('La fête des vignerons candidate au patrimoine de l’Unesco', '', 'fr'))).not.toContain(
      'elections',
    );
  });
});

describe('places read on teasers: what the first sentence alone must give', () => {
  it("a person's nationality does not outvote the only town the entry names", () => {
    const tags = tag(
      'Hollywoodstar dreht Historienfilm in Wismar',
      'Der britische Schauspieler steht seit Montag vor der Kamera.',
      'de',
    );
    expect(focus(tags)).toEqual(['DE']);
    expect(
      countries(
        tag('Dreharbeiten in der Altstadt', 'Der britische Schauspieler steht in Wismar vor der Kamera.', 'de'),
      ),
    ).toContain('DE');
  });

  it('Brazil\'s state of Pará is read with its accent, and "para" without it is still a word', () => {
    expect(focus(tag('Queimadas avançam no sul do Pará', '', 'pt'))).toContain('BR');
    expect(
      countries(tag('Mais verbas para a saúde', 'O governo anunciou mais dinheiro para hospitais.', 'pt')),
    ).toEqual([]);
  });

  it('"Amazônia Legal" is Brazil\'s', () => {
    expect(
      focus(tag('Desmatamento cai pelo terceiro ano', 'A área desmatada na Amazônia Legal caiu 20%.', 'pt')),
    ).toContain('BR');
  });

  it('a list opening a clause after a dash shares one role', () => {
    const tags = tag(
      'Nordkorea feuert Rakete - Tokio und Seoul rufen Sicherheitsrat an',
      'Nordkorea hat eine Rakete abgefeuert, die westlich von Hokkaido niederging.',
      'de',
    );
    expect(focus(tags)).toEqual(expect.arrayContaining(['KP', 'JP', 'KR']));
  });

  it('an event named after a country is no person\'s surname ("Tour Colombia", "Rally Argentina")', () => {
    const tour = tag(
      'Egan Bernal gana la etapa reina del Tour Colombia',
      'El ciclista ganó en solitario la etapa reina del Tour Colombia.',
      'es',
    );
    expect(focus(tour)).toEqual(['CO']);
    expect(focus(tag('El Rally Argentina vuelve a Villa Carlos Paz', '', 'es'))).toContain('AR');
  });

  it('Brazil\'s "Minas" where a place stands, not the mines', () => {
    expect(focus(tag('Ônibus tomba em rodovia no interior de Minas', '', 'pt'))).toEqual(['BR']);
    expect(countries(tag('Minas terrestres matam duas crianças em Angola', '', 'pt'))).not.toContain('BR');
  });

  it("the federal cabinet is Germany's", () => {
    expect(
      focus(tag('Kabinett beschließt Rentenpaket', 'Das Bundeskabinett billigte den Entwurf am Mittwoch.', 'de')),
    ).toEqual(['DE']);
  });

  it("a province named like a country is its own country's place", () => {
    expect(focus(tag('Inondations dans la province de Luxembourg', '', 'fr'))).toEqual(['BE']);
    expect(focus(tag('Gunmen kidnap 20 villagers in Niger state', '', 'en'))).toEqual(['NG']);
  });
});
