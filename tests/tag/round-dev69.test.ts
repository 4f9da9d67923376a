// A round of issue #13 read on dev69: a country's ambassador summoned by another ("convoca al embajador de Israel")
// and an ambassador sent to a country ("confirms new ambassador to Mexico") make that country the other side, not
// where the story is; German's separable "baut ... Stellen ab" is a job cut; Brazil's space research institute by its
// full name; English "Jordan" and "Chad" are no country in the languages that name them otherwise; a ship or a cargo
// bound for a place ("navio para", "buque a") leads there. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag, topics } from './shared.ts';

describe("a country's ambassador, or an ambassador to it, is the other side of a diplomatic story", () => {
  it.each([
    [
      'es',
      'La Cancillería convoca al embajador de Rusia por el ciberataque',
      'SANTIAGO, 4 jun (EFE) - El Gobierno chileno pidió explicaciones por el ataque contra los servidores del Estado.',
      'CL',
      'RU',
    ],
    [
      'pt',
      'Itamaraty chama o embaixador da Argentina para consultas',
      'BRASÍLIA, 4 de junho (Lusa) - O governo pediu explicações sobre declarações consideradas ofensivas ao país.',
      'BR',
      'AR',
    ],
    [
      'en',
      'Senate confirms new ambassador to Japan',
      'WASHINGTON (Reuters) - The former governor was confirmed by 60 votes to 38 after a two-month delay.',
      'US',
      'JP',
    ],
  ])('%s: %s', (language, title, summary, acting, other) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toContain(acting);
    expect(focus(tags)).not.toContain(other);
    // Still named: the other side is a mention, not dropped.
    expect(countries(tags)).toContain(other);
  });

  it('an ambassador who acts in the country he is sent to leaves it the focus when nobody else acts', () => {
    expect(focus(tag('Ambassador to Japan visits Fukushima plant', '', 'en'))).toContain('JP');
  });
});

describe('German job cuts with the separable verb', () => {
  it.each([
    'Siemens baut 3000 Stellen ab',
    'Die Commerzbank baut in Frankfurt 500 Stellen ab',
    'Bosch baut bis 2030 weltweit Jobs ab',
  ])('%s', (title) => {
    expect(topics(tag(title, '', 'de'))).toContain('labour');
  });

  it('a verb that only sounds alike is no job cut', () => {
    expect(topics(tag('Die Bahn stellt ab Montag den Nachtzug nach Paris ein', '', 'de'))).not.toContain('labour');
  });
});

it("Brazil's space research institute by its full name", () => {
  expect(
    focus(
      tag(
        'Queimadas na Amazônia batem recorde em setembro',
        'Os dados são do Instituto Nacional de Pesquisas Espaciais, que registrou 41 mil focos.',
        'pt',
      ),
    ),
  ).toEqual(['BR']);
});

describe("Jordan and Chad are the country's name only in the languages that call it so", () => {
  it.each([
    ['de', 'Jordan Becker wechselt zum Hamburger SV', 'HAMBURG (dpa) - Der Verteidiger unterschreibt bis 2028.', 'JO'],
    [
      'es',
      'Bautizos en el río Jordán atraen a miles de peregrinos',
      'Los fieles llegaron desde toda América Latina.',
      'JO',
    ],
    [
      'fr',
      'Chad Le Clos remporte le 100 m papillon',
      'Le nageur sud-africain a battu le record de la compétition.',
      'TD',
    ],
  ])('%s: %s', (language, title, summary, code) => {
    expect(countries(tag(title, summary, language))).not.toContain(code);
  });

  it('but in English, and under its own name in the others', () => {
    expect(focus(tag('Jordan closes its border crossing with Syria', '', 'en'))).toContain('JO');
    expect(focus(tag('Jordanien schließt den Grenzübergang zu Syrien', '', 'de'))).toContain('JO');
    expect(focus(tag('Chad declares state of emergency after floods', '', 'en'))).toContain('TD');
    expect(focus(tag('El Gobierno de Chad declara el estado de emergencia', '', 'es'))).toContain('TD');
  });
});

describe('a ship or a cargo bound for a place leads there', () => {
  it.each([
    [
      'pt',
      'Moçambique exporta gás para a Índia',
      'MAPUTO, 2 de maio (Lusa) - O navio segue para Mumbai com 70 mil toneladas.',
      'MZ',
      'IN',
    ],
    [
      'es',
      'Ecuador exporta banano a Rusia',
      'GUAYAQUIL, 2 may (EFE) - El buque a San Petersburgo lleva 40.000 toneladas.',
      'EC',
      'RU',
    ],
  ])('%s: %s', (language, title, summary, place, destination) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toContain(place);
    expect(focus(tags)).not.toContain(destination);
  });
});
