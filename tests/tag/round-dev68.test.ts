// A round of issue #13 read on dev68: a sentence-case headline told from Title Case by a lower-case word of four
// letters ("card", "bout"), a road or a railway to a country as where it leads, Germany's service union in German
// text and its Left party as named, and CO2 as an environment word. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag, topics } from './shared.ts';

describe('a country word opening a sentence-case headline before a surname is a person', () => {
  it.each([
    ['Jordan Pickford to miss Everton trip to Anfield', 'JO'],
    ['Chad Mendes to face Aldo rematch in Rio', 'TD'],
    ['Jordan Spieth wins Masters at Augusta', 'JO'],
  ])('%s', (title, code) => {
    expect(countries(tag(title, '', 'en'))).not.toContain(code);
  });

  it('a Title Case headline proves nothing by its capitals', () => {
    expect(focus(tag('Israel Strikes Hamas Targets Across Gaza Strip', '', 'en'))).toContain('IL');
    // Title Case may leave a long preposition in lower case.
    expect(focus(tag('Israel Strikes Hamas Targets between Gaza City and Rafah', '', 'en'))).toContain('IL');
  });
});

describe('a road, a highway or a railway to a country leads there', () => {
  it.each([
    [
      'es',
      'Transportistas bloquean la carretera a Chile por el precio del gasoil',
      'MENDOZA, 3 mar (Télam) - Los camioneros cortaron el paso en Uspallata y advirtieron que la medida seguirá.',
      'AR',
      'CL',
    ],
    [
      'pt',
      'Caminhoneiros bloqueiam a rodovia para o Paraguai',
      'FOZ DO IGUAÇU, 3 de março (Lusa) - Os motoristas exigem a revisão do frete mínimo e prometem manter o bloqueio.',
      'BR',
      'PY',
    ],
    [
      'en',
      'Farmers block the highway to Brazil over fuel prices',
      'ASUNCION (Reuters) - Hundreds of tractors closed the road near Ciudad del Este, the farmers union said.',
      'PY',
      'BR',
    ],
  ])('%s: %s', (language, title, summary, place, destination) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toContain(place);
    expect(focus(tags)).not.toContain(destination);
  });
});

describe("Germany's service union and its Left party", () => {
  it('is German in German text', () => {
    expect(
      focus(tag('Verdi legt die Flughäfen lahm', 'Die Gewerkschaft fordert acht Prozent mehr Lohn.', 'de')),
    ).toEqual(['DE']);
  });

  it('and the Left party, written as its name', () => {
    expect(
      focus(tag('Die Linke stellt ihr Wahlprogramm vor', 'Mieten und Löhne stehen im Mittelpunkt.', 'de')),
    ).toEqual(['DE']);
  });

  it('is the composer elsewhere', () => {
    expect(
      countries(tag("Verdi's Requiem opens the new season", 'The orchestra returns after a long tour.', 'en')),
    ).not.toContain('DE');
  });
});

describe('CO2 is an environment word', () => {
  it.each([
    [
      'fr',
      'La concentration de CO2 atteint un nouveau record',
      "Les relevés de l'observatoire montrent une hausse inédite.",
    ],
    [
      'de',
      'CO2-Gehalt der Luft erreicht neuen Höchststand',
      'Die Messstation meldet den stärksten Anstieg seit Beginn der Aufzeichnungen.',
    ],
  ])('%s: %s', (language, title, summary) => {
    expect(topics(tag(title, summary, language))).toContain('environment');
  });
});
