// A round of issue #13 read on dev70: AP's datelines name a US town with its state, so an AP dateline of a world city
// is that city ("GENEVA (AP)" is Switzerland's); "Emirates" outside English text is the airline or Arsenal's ground,
// not the country; Germany's party foundations, Spain's Vox and France's "intersyndicale" are their country's; sea ice,
// ice caps and ice shelves are climate words.
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag, topics } from './shared.ts';

describe('an AP dateline names a US town with its state', () => {
  it('so a world city alone is that city', () => {
    const tags = tag(
      'UN agency warns of cholera in camps',
      'GENEVA (AP) — The World Health Organization said Friday that cases had tripled in a month.',
      'en',
    );
    expect(countries(tags)).not.toContain('US');
    expect(countries(tags)).toContain('CH');
  });

  it.each([
    ['ROCHESTER, N.Y. (AP) — Firefighters battled the blaze for six hours.'],
    ['DAYTON, Ohio (AP) — The plant will close in March, the company said.'],
    ['CHICAGO (AP) — The city council approved the budget late Wednesday.'],
  ])('and a US one with its state, or one of the cities AP names alone: %s', (summary) => {
    expect(focus(tag('Local news', summary, 'en'))).toContain('US');
  });
});

describe('"Emirates" outside English text', () => {
  it.each([
    ['fr', "Ligue des champions: le PSG s'impose à l'Emirates", 'Les Parisiens ont battu Arsenal 2-1 à Londres.', 'AE'],
    ['de', 'Bayern gewinnt im Emirates', 'Die Münchner schlagen Arsenal in London mit 3:1.', 'AE'],
  ])('%s: a ground beside other countries is no country: %s', (language, title, summary, code) => {
    expect(countries(tag(title, summary, language))).not.toContain(code);
  });

  it('is the airline, its country when no other is named', () => {
    expect(focus(tag('Emirates commande 50 Boeing 777', '', 'fr'))).toEqual(['AE']);
  });

  it('and in English text still the country', () => {
    expect(focus(tag('Iran seizes tanker off the Emirates', '', 'en'))).toContain('AE');
  });
});

describe("national institutions: Germany's party foundations, Spain's Vox, France's intersyndicale", () => {
  it.each([
    ['de', 'Friedrich-Ebert-Stiftung: Vertrauen in Parteien sinkt', 'Die Studie befragte 2.000 Menschen.', 'DE'],
    ['es', 'Vox presenta una moción de censura', 'El partido reúne las firmas necesarias en el Congreso.', 'ES'],
    [
      'fr',
      "Retraites: l'intersyndicale appelle à une nouvelle journée de grève",
      'Les syndicats réclament le retrait de la réforme.',
      'FR',
    ],
  ])('%s: %s', (language, title, summary, code) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });
});

describe('sea ice, ice caps and ice shelves are climate words', () => {
  it.each([
    ['en', 'Antarctic sea ice shrinks to a new winter low'],
    ['es', 'El deshielo de Groenlandia se acelera'],
    ['pt', 'Gelo marinho do Ártico atinge mínimo histórico'],
    ['fr', 'La banquise antarctique au plus bas depuis 1979'],
    ['de', 'Arktisches Meereis schrumpft auf Rekordtief'],
  ])('%s: %s', (language, title) => {
    expect(topics(tag(title, '', language))).toContain('environment');
  });
});
