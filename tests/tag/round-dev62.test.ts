// A round of issue #13 read on dev62: big cities' adjectives ("el club paceño", "le club casablancais"), a square, a
// park or a gate of Paris named after a country ("place d'Italie", "jardin du Luxembourg"), Portuguese Christmas turkey
// and the German "Amerikaner" cake, a fair and a club named after a place elsewhere, a namesake dateline the text
// places ("CÓRDOBA (EFE) - ... esta provincia argentina"), a summary that opens with a list of countries, a demonym
// beside a noun for a town or province, a title before a name ("le prince Albert II"), a list of destinations each
// with its preposition, Bohemia and Moravia, heads of state and capitals missing in one language, and topic words (a
// first woman president, women's sport, a parliament's vote, hail). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag, topics } from './shared.ts';

describe("big cities' adjectives name their country", () => {
  it.each([
    [
      'es',
      'El club paceño despide a su entrenador',
      'La directiva anunció el cambio tras la derrota del domingo.',
      'BO',
    ],
    [
      'es',
      'Vecinos asuncenos protestan por los cortes de agua',
      'Los barrios del norte llevan tres días sin servicio.',
      'PY',
    ],
    [
      'es',
      'El alcalde quiteño inaugura una nueva línea de buses',
      'El sistema transportará 40.000 pasajeros al día.',
      'EC',
    ],
    ['fr', 'Le club casablancais recrute un attaquant brésilien', 'Le joueur a signé pour trois saisons.', 'MA'],
    [
      'fr',
      'Les commerçants dakarois ferment leurs boutiques',
      'Ils protestent contre la hausse des loyers du marché.',
      'SN',
    ],
    ['pt', 'Autarca londrino anuncia novas ciclovias', 'O plano custará 200 milhões de libras.', 'GB'],
  ])('%s: %s', (language, title, summary, code) => {
    expect(focus(tag(title, summary, language))).toContain(code);
  });
});

describe("a square, a park or a gate of Paris named after a country is Paris's", () => {
  it.each([
    ['fr', "Manifestation place d'Italie contre la réforme des retraites", 'IT'],
    ['fr', 'Un concert gratuit au jardin du Luxembourg samedi', 'LU'],
    ['fr', "Embouteillages monstres porte d'Italie après un accident", 'IT'],
  ])('%s: %s', (language, title, code) => {
    expect(countries(tag(title, '', language))).not.toContain(code);
  });

  it('the country itself, named outright, still counts', () => {
    expect(focus(tag("Le président de l'Italie reçu à l'Élysée", '', 'fr'))).toContain('IT');
  });
});

describe("a noun's sense beside its cue words", () => {
  it('Portuguese Christmas turkey is no Peru', () => {
    const tags = tag('Peru de Natal sobe 15% nos talhos', 'O quilo custa mais por causa da ração.', 'pt');
    expect(countries(tags)).not.toContain('PE');
    expect(focus(tag('Peru decreta estado de emergência em Lima', '', 'pt'))).toContain('PE');
  });

  it("a German bakery's Amerikaner is a cake", () => {
    const tags = tag('Bäcker in Kassel backt tausend Amerikaner für den Weihnachtsmarkt', '', 'de');
    expect(countries(tags)).not.toContain('US');
    expect(focus(tag('Amerikaner wählen einen neuen Kongress', '', 'de'))).toContain('US');
  });
});

describe('a fair and a club named after a place elsewhere', () => {
  it('Art Basel has editions abroad', () => {
    const tags = tag('Art Basel Hong Kong zieht weniger Sammler an', '', 'de');
    expect(countries(tags)).not.toContain('CH');
  });

  it('a company named with its demonym builds abroad', () => {
    expect(focus(tag('Canadian Solar opens a module plant in Mesquite, Texas', '', 'en'))).not.toContain('CA');
  });

  it.each([
    ['en', 'Kenya Airways swings to a half-year profit', 'KE'],
    ['fr', 'Royal Air Maroc annonce un bénéfice record', 'MA'],
    ['pt', 'Senado aprova mudança na Lei Maria da Penha', 'BR'],
  ])('a national carrier or a national law in the tables: %s: %s', (language, title, code) => {
    expect(focus(tag(title, '', language))).toContain(code);
  });

  it('Real España is a Honduran club', () => {
    expect(countries(tag('Real España ficha a un delantero uruguayo', '', 'es'))).not.toContain('ES');
  });
});

describe('a namesake dateline the text places with a demonym beside a noun for a town or province', () => {
  it('CÓRDOBA (EFE) is Argentina\'s when the text says "esta provincia argentina"', () => {
    const tags = tag(
      'Paro de médicos en los hospitales públicos',
      'CÓRDOBA, 2 dic (EFE) - Los médicos de esta provincia argentina rechazaron la oferta del gobernador.',
      'es',
    );
    expect(focus(tags)).toContain('AR');
    expect(focus(tags)).not.toContain('ES');
  });

  it('a Spanish agency with no such word stays at home', () => {
    const tags = tag('Paro de médicos', 'CÓRDOBA, 2 dic (EFE) - Los médicos rechazaron la oferta de la Junta.', 'es');
    expect(focus(tags)).toContain('ES');
  });

  it('"the Uruguayan city" names where the story is', () => {
    const tags = tag(
      'Comércio do Chuí prorroga horário',
      'As lojas da cidade uruguaia, na fronteira com o Rio Grande do Sul, abrem até à meia-noite para turistas brasileiros.',
      'pt',
    );
    expect(focus(tags)).toContain('UY');
  });
});

describe('a summary that opens with a list of countries makes them its subjects alike', () => {
  it.each([
    [
      'fr',
      'Trois pays quittent la zone monétaire',
      'Le Mali, le Burkina Faso et le Niger ont annoncé leur retrait lors d’un sommet à Niamey.',
      ['ML', 'BF', 'NE'],
    ],
  ])('%s: %s', (language, title, summary, codes) => {
    expect(focus(tag(title, summary, language))).toEqual(expect.arrayContaining(codes));
  });
});

describe('a title before a name is no town', () => {
  it('"le prince Albert II" is no Prince Albert, Saskatchewan', () => {
    expect(countries(tag('Le prince Albert II inaugure un musée', '', 'fr'))).not.toContain('CA');
  });

  it('the town written as a town still counts', () => {
    expect(countries(tag('Prince Albert, Saskatchewan, declares a water emergency', '', 'en'))).toContain('CA');
  });
});

describe('heads of state and capitals as the five languages write them', () => {
  it.each([
    ['fr', 'Le prince Albert II inaugure un musée', '', 'MC'],
    ['es', 'Obiang nombra a su hijo vicepresidente primero', '', 'GQ'],
    ['de', 'Parlamentswahl', 'WINDHUK, 3. Dezember (dpa) - Die Wahlkommission verkündete das Ergebnis.', 'NA'],
    ['fr', 'Saint-Domingue durcit sa politique migratoire', '', 'DO'],
  ])('%s: %s %s', (language, title, summary, code) => {
    expect(focus(tag(title, summary, language))).toContain(code);
  });
});

describe('destinations listed each with its preposition share their role', () => {
  it('a brewery from South Bohemia exports; its markets are no focus', () => {
    const tags = tag(
      'Brauerei meldet Rekordexport',
      'Die Brauerei aus Südmähren lieferte vor allem nach Deutschland, in die Slowakei und nach Polen.',
      'de',
    );
    expect(focus(tags)).toContain('CZ');
    expect(focus(tags)).not.toContain('SK');
  });
});

describe('topic words', () => {
  it.each([
    ['de', 'Juristin wird erste Präsidentin des Verfassungsgerichts', '', 'women'],
    ['es', 'Elegida la primera presidenta de la historia del país', '', 'women'],
    ['en', 'Hailstorm flattens vineyards in Burgundy', '', 'environment'],
    ['es', 'Una granizada arrasa los cultivos en Murcia', '', 'environment'],
  ])('%s: %s', (language, title, summary, topic) => {
    expect(topics(tag(title, summary, language))).toContain(topic);
  });

  it.each([
    ['en', "Halifax to host women's world hockey championship", '', 'women'],
    [
      'fr',
      'Le Parlement adopte le budget',
      'Les députés luxembourgeois ont voté par 40 voix contre 20 le budget de l’État.',
      'elections',
    ],
  ])('%s: %s (not %s)', (language, title, summary, topic) => {
    expect(topics(tag(title, summary, language))).not.toContain(topic);
  });

  it('citizens voting is still an election', () => {
    expect(topics(tag('Votation', 'Les Genevois ont voté dimanche sur la nouvelle constitution.', 'fr'))).toContain(
      'elections',
    );
  });
});
