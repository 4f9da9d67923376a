// A country's name that only one language's translation gives (world-countries) is read as the country in that
// language; where the same word is a place in another country, the other languages read the place (issue #13).
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
    // Spanish and Portuguese name Grenada "Granada"; in English and German it is the Andalusian city.
    [
      'ES',
      'Granada bans tourist flats in the Albaicín',
      'The city council voted to freeze new licences for two years.',
      'en',
    ],
  ])('%s: %s', (code, title, summary, language) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('keeps a translation no other place shares in every language ("Hongkong" in an English text)', () => {
    expect(
      countries(tag('Hongkong dollar steady', 'Traders in Hongkong said the currency held its peg.', 'en')),
    ).toEqual(['HK']);
  });
});
