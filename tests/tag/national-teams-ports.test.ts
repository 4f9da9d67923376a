// config/countries.yaml `institutions`: national teams under the nicknames the press gives them (Springboks, All
// Blacks, Wallabies, Super Eagles, les Bleus, Azzurri, Oranje) play for their country, as its clubs do; a port named
// with its city in Portuguese ("Porto de Santos", "porto de Sines", "Porto da Beira") is that port, not the city of
// Porto; and `exonyms` reads "Cartagena de Indias" whole as Colombia's (its last word was read as "Indias", India).
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('national teams, ports and a city named in full', () => {
  it.each([
    ['en', ['NZ', 'ZA'], 'Springboks edge All Blacks in a thriller', 'The winning penalty came in the last minute.'],
    ['fr', ['FR'], 'Handball : les Bleues qualifiées pour la finale', 'Elles affronteront la Norvège dimanche.'],
    ['de', ['NG'], 'Super Eagles verpassen die WM-Qualifikation', 'Der Trainer trat noch am Abend zurück.'],
    ['pt', ['BR'], 'Porto de Paranaguá bate recorde de embarques de soja', 'A movimentação cresceu 12% no semestre.'],
    ['pt', ['MZ'], 'Porto da Beira retoma operações após ciclone', 'Os navios voltaram a atracar na terça-feira.'],
    [
      'es',
      ['CO'],
      'Cartagena de Indias recibe a 40 cruceros en diciembre',
      'La ciudad espera un récord de visitantes.',
    ],
  ])('%s: %s', (language, codes, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(codes);
  });
});
