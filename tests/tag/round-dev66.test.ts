// A round of issue #13 read on dev66: an editors' alias named as where something comes from or goes (a player's former
// club, a buyer abroad) is an object beside the country that acts, and a vote whose result is disputed is an election.
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag, topics } from './shared.ts';

describe("an editors' alias in a role is an object beside the country that acts", () => {
  it("a player's former club abroad, under the signing club's dateline", () => {
    const tags = tag(
      'Millonarios ficha al defensa argentino Juan Ortiz',
      'BOGOTÁ, 3 mar (EFE) - Millonarios anunció la llegada del defensa argentino Juan Ortiz, procedente de Boca Juniors, por dos temporadas.',
      'es',
    );
    expect(focus(tags)).toEqual(['CO']);
  });

  it.each([
    ['Embraer vende 20 jatos para a United Airlines'],
    ['Embraer fecha venda de 12 jatos para a Delta Air Lines'],
  ])('a buyer abroad: %s', (title) => {
    expect(focus(tag(title, '', 'pt'))).toEqual(['BR']);
  });

  it('an alias that acts keeps its country', () => {
    expect(focus(tag('United Airlines tem lucro recorde e encomenda jatos à Embraer', '', 'pt'))).toContain('US');
  });
});

describe('a vote whose result is disputed is an election', () => {
  it.each([
    ['Protesters gather in Yerevan over disputed parliamentary vote'],
    ['Thousands protest in Lomé over rigged vote'],
  ])('%s', (title) => {
    expect(topics(tag(title, '', 'en'))).toContain('elections');
  });
});
