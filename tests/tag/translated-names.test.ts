// A country's name that only one language's translation gives (world-countries) is read as the country in that
// language; where the same word is a place in another country, the other languages read the place, and where it is a
// curated city or region of another country, every language does (issue #13).
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('names from one language translation', () => {
  it.each([
    // French names El Salvador "Salvador"; Portuguese and English mean the capital of Bahia.
    [
      'SV',
      'Le Salvador prolonge l’état d’exception',
      'Le Parlement a voté une nouvelle prolongation de trente jours.',
      'fr',
    ],
    ['BR', 'Salvador decreta luto após chuvas', 'A prefeitura contabiliza doze mortos nos bairros da periferia.', 'pt'],
    ['BR', 'Salvador carnival draws record crowds', 'More than two million people filled the streets on Sunday.', 'en'],
    // Spanish and Portuguese name Grenada "Granada", but their news almost always mean the Andalusian city, a curated
    // place of Spain: a translation that is another country's curated place reads as that place in every language.
    [
      'ES',
      'Granada bans tourist flats in the Albaicín',
      'The city council voted to freeze new licences for two years.',
      'en',
    ],
    [
      'ES',
      'Detenido en Granada un hombre por agredir a su expareja',
      'La Policía Nacional lo puso a disposición judicial.',
      'es',
    ],
    ['ES', 'Universidade de Granada lidera estudo sobre o sono', 'A investigação acompanhou mil voluntários.', 'pt'],
    ['GD', 'Hurricane Beryl flattens Carriacou in Grenada', 'The island state declared a national emergency.', 'en'],
  ])('%s: %s', (code, title, summary, language) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('keeps a translation no other place shares in every language ("Hongkong" in an English text)', () => {
    expect(
      countries(tag('Hongkong dollar steady', 'Traders in Hongkong said the currency held its peg.', 'en')),
    ).toEqual(['HK']);
  });
});
