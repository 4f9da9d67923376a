// Words the package lacks that wires write (issue #13): English demonyms of Central Asia ("Kyrgyz", "Tajik", "Uzbek",
// "Kazakh"; the package has "Kirghiz", "Tadzhik"), the German "Kirgistan", Portuguese exonyms ("Roterdão", "Riade"),
// and towns and cities that stand for their country ("Klagenfurt", "Auckland"). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('Central Asian demonyms and other forms wires write', () => {
  it.each([
    ['KG', 'Kyrgyz parliament passes new media law'],
    ['TJ', 'Tajik government raises electricity prices'],
    ['UZ', 'Uzbek authorities open a new border post'],
    ['KZ', 'Kazakh officials report record wheat harvest'],
  ])('%s by its English demonym beside the state', (code, title) => {
    expect(focus(tag(title, 'The measure takes effect next month.', 'en'))).toEqual([code]);
  });

  it('Kirgistan, as German papers write it', () => {
    expect(focus(tag('Kirgistan wählt ein neues Parlament', 'Die Wahllokale schließen um 20 Uhr.', 'de'))).toEqual([
      'KG',
    ]);
  });

  it('Portuguese exonyms of Rotterdam and Riyadh, in a dateline too', () => {
    expect(
      focus(
        tag('Porto de Roterdão bate recorde', 'ROTERDÃO, 3 jan (Lusa) - O porto movimentou mais contentores.', 'pt'),
      ),
    ).toEqual(['NL']);
    expect(focus(tag('Feira do livro abre em Riade', 'A feira recebe editores de 30 países.', 'pt'))).toEqual(['SA']);
  });

  it('Klagenfurt and Auckland name their countries', () => {
    expect(focus(tag('Neues Stadion in Klagenfurt eröffnet', 'Die Arena fasst 30.000 Zuschauer.', 'de'))).toEqual([
      'AT',
    ]);
    expect(focus(tag('Auckland council approves new rail line', 'Work starts in March.', 'en'))).toEqual(['NZ']);
  });
});
