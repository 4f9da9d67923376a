// Every sovereign country has its adjective in Spanish, French and German, lower case as running text writes it
// (DEMONYMS in src/tag/countries.ts; world-countries gives English, and French only capitalised, as a noun), issue #13.
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { DEMONYMS } from '../../src/tag/countries.ts';
import { worldCountries } from '../../src/tag/data.ts';
import { focus, tagItem as tag } from './shared.ts';

/** Words of two countries, a region or an ethnic group, left out on purpose (see the comment in DEMONYMS). */
const WITHOUT = new Set([
  'AG',
  'CF',
  'CG',
  'DM',
  'FM',
  'GD',
  'KI',
  'KN',
  'LC',
  'MH',
  'NR',
  'PG',
  'PW',
  'TV',
  'VA',
  'VC',
]);

describe('demonyms of every country', () => {
  it('lists Spanish, French and German for every sovereign country but the few left out', () => {
    const missing = worldCountries
      .filter((c) => c.independent !== false && !WITHOUT.has(c.cca2))
      .filter((c) => !DEMONYMS[c.cca2]?.es || !DEMONYMS[c.cca2]?.fr || !DEMONYMS[c.cca2]?.de)
      .map((c) => c.cca2);
    expect(missing).toEqual([]);
  });

  it.each([
    [
      'es',
      'BG',
      'El Gobierno búlgaro dimite tras las protestas',
      'El primer ministro anunció su renuncia por televisión.',
    ],
    ['pt', 'LT', 'Governo lituano fecha dois postos fronteiriços', 'A medida entra em vigor na segunda-feira.'],
    ['de', 'EE', 'Estnische Regierung erhöht Verteidigungsausgaben', 'Das Parlament stimmte mit großer Mehrheit zu.'],
    ['de', 'IS', 'Vulkanausbruch auf der isländischen Halbinsel', 'Die Lava fließt nach Süden.'],
    ['es', 'MR', 'El Gobierno mauritano firma un acuerdo pesquero', 'El pacto permitirá faenar a 60 barcos.'],
    ['fr', 'BG', 'Le gouvernement bulgare démissionne', 'Le Premier ministre a annoncé son départ à la télévision.'],
    ['fr', 'KH', 'Les soldats cambodgiens se retirent de la zone', 'Le retrait doit être achevé vendredi.'],
    // Country names the package lacks in a language.
    ['es', 'DJ', 'Yibuti amplía su puerto de contenedores', 'La obra costará 500 millones de dólares.'],
    ['pt', 'BH', 'Barém liberta dezenas de presos políticos', 'A amnistia foi anunciada pelo rei.'],
  ])('%s %s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });
});
