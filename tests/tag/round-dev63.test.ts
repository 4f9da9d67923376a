// A round of issue #13 read on dev63: a dateline written in ordinary case and ended by a full stop ("Novi Sad. Tausende
// ..."), the EU's members named by their number at its seat ("Bruxelles. Les Vingt-Sept..."), a ship or a racehorse
// named after a country or a city, Le Havre after French "au" and "du", an inn named after a place, companies named
// with a demonym (Swiss Re, American Airlines), a London club, and topic words (fighting an ill is no war, levies, jobs
// lost, pensions). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag, topics } from './shared.ts';

describe('a dateline in ordinary case ended by a full stop', () => {
  it.each([
    [
      'de',
      'Zehntausende demonstrieren gegen die Regierung',
      'Cluj-Napoca. Die Studenten fordern den Rücktritt des Ministerpräsidenten nach dem Unglück.',
      'RO',
    ],
    [
      'pt',
      'Prefeitura decreta emergência após as chuvas',
      'Porto Alegre. O nível do rio subiu dois metros durante a noite e bairros inteiros foram evacuados.',
      'BR',
    ],
  ])('%s: %s', (language, title, summary, code) => {
    expect(focus(tag(title, summary, language))).toContain(code);
  });

  it('is a filing place when the text places the story elsewhere', () => {
    const tags = tag(
      'La Justicia europea condena a Polonia por su ley de jueces',
      'Luxemburgo. El tribunal dio la razón a la Comisión frente a Varsovia.',
      'es',
    );
    expect(focus(tags)).toContain('PL');
    expect(focus(tags)).not.toContain('LU');
  });

  it('a word that is no place is not read as one ("Analyse. ...")', () => {
    // The title names no party: "Die Linke" is Germany's (config/countries.yaml), which is not what this guards.
    expect(
      countries(tag('Linke Bündnisse im Aufwind', 'Analyse. Die Parteien gewinnen neue Mitglieder.', 'de')),
    ).toEqual([]);
  });
});

describe("the EU's members named by their number", () => {
  it.each([
    ['fr', 'Les Vingt-Sept adoptent leur budget pour 2027', 'Bruxelles. Le texte devra encore être voté.'],
    ['es', 'Los Veintisiete pactan nuevas sanciones', 'Bruselas. El paquete entrará en vigor el lunes.'],
  ])('%s: a Brussels dateline is the seat, not Belgium (%s)', (language, title, summary) => {
    expect(focus(tag(title, summary, language))).not.toContain('BE');
  });

  it('the members who act in the summary are the story', () => {
    const tags = tag(
      'Les Vingt-Sept adoptent la réforme du marché du gaz',
      "Bruxelles. L'Autriche et la Hongrie ont voté contre le texte.",
      'fr',
    );
    expect(focus(tags)).toEqual(expect.arrayContaining(['AT', 'HU']));
    expect(focus(tags)).not.toContain('BE');
  });
});

describe('a ship named after a country or a city', () => {
  it.each([
    ['fr', 'Le chalutier Portugal coule au large de Brest', 'FR', 'PT'],
    ['en', 'Tanker Ukraine runs aground off Rotterdam', 'NL', 'UA'],
    ['pt', 'Navio MSC Argentina atraca no porto de Leixões', 'PT', 'AR'],
    ['de', 'Frachter Peru rammt Brücke in Hamburg', 'DE', 'PE'],
    ['en', 'Ferry Pride of Canada hits quay while docking in Liverpool', 'GB', 'CA'],
  ])('%s: %s', (language, title, code, not) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toContain(code);
    expect(countries(tags)).not.toContain(not);
  });

  it('a racehorse named after a country is the horse', () => {
    const tags = tag('La jument Australia remporte le Prix de l’Arc de Triomphe à Paris', '', 'fr');
    expect(focus(tags)).toContain('FR');
    expect(countries(tags)).not.toContain('AU');
  });

  it('in title case only acronyms are an owner\'s words ("Trawler Sinks Near Ireland")', () => {
    expect(focus(tag('Fishing Trawler Sinks Near Ireland After Storm', '', 'en'))).toContain('IE');
  });

  it("an editors' name after a ship noun still counts (the French carrier)", () => {
    expect(focus(tag('Le porte-avions Charles-de-Gaulle appareille pour la mer Rouge', '', 'fr'))).toContain('FR');
  });

  it('a title in capitals is not read as a ship owner\'s name ("SHIP BOUND FOR PERU")', () => {
    expect(countries(tag('CARGO SHIP BOUND FOR PERU SINKS OFF CHILE', '', 'en'))).toContain('PE');
  });
});

describe('Le Havre after French "au" and "du"', () => {
  it.each([
    ['Grève des dockers au Havre', 'Les grévistes bloquent les terminaux depuis lundi.'],
    ['Le port du Havre paralysé', 'Aucun navire n’a été déchargé depuis mardi.'],
  ])('%s', (title, summary) => {
    expect(focus(tag(title, summary, 'fr'))).toContain('FR');
  });
});

describe('names that hold a place or a demonym', () => {
  it('an inn named after a country is a house', () => {
    expect(countries(tag('Canada Inn in Yorkshire to close after 300 years', '', 'en'))).not.toContain('CA');
  });

  it.each([
    ['de', 'Swiss Re eröffnet Büro in Singapur', 'SG', 'CH'],
    ['en', 'American Airlines flight diverted to Dublin after bird strike', 'IE', 'US'],
  ])('%s: a company acting abroad (%s)', (language, title, code, home) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toContain(code);
    expect(focus(tags)).not.toContain(home);
  });

  it('Brentford is a London club', () => {
    expect(focus(tag('Brentford sign Danish defender on loan', '', 'en'))).toContain('GB');
  });
});

describe('topic words', () => {
  it.each([
    ['pt', 'Governo lança plano de combate à corrupção', 'O pacote prevê mais auditorias nas prefeituras.'],
    ['es', 'El gobierno presenta su plan para combatir la pobreza', 'El programa llegará a un millón de hogares.'],
  ])('%s: fighting an ill is no war (%s)', (language, title, summary) => {
    expect(topics(tag(title, summary, language))).not.toContain('war');
  });

  it('levies are an economy story', () => {
    expect(topics(tag('Market traders protest new levies', '', 'en'))).toContain('economy');
  });

  it('jobs lost are a labour story', () => {
    expect(topics(tag('Glassworks to close', 'The plant will shut with the loss of 300 jobs.', 'en'))).toContain(
      'labour',
    );
  });

  it('pensions and pensioners are a labour story in German', () => {
    expect(topics(tag('Rentner gehen auf die Straße', 'Sie fordern höhere Mindestrenten.', 'de'))).toContain('labour');
  });

  it('a war is still a war', () => {
    expect(topics(tag('Combates entre o exército e rebeldes deixam 20 mortos', '', 'pt'))).toContain('war');
  });
});
