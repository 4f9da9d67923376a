// A match report names two sides (promoteMatchSides in src/tag/match.ts, issue #13): a club in the title, a result in
// the text, and the opposing club named below the title make both clubs' countries a focus; without a result (a
// transfer) the second club's country stays a mention. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('the two sides of a match', () => {
  it('the opposing club below the title, with a result', () => {
    const tags = tag(
      'Benfica perde em casa na Liga dos Campeões',
      'O Benfica perdeu por 0-2 com o Real Madrid no Estádio da Luz e complica as contas do apuramento.',
      'pt',
    );
    expect(focus(tags)).toEqual(expect.arrayContaining(['PT', 'ES']));
  });

  it('a German result with a colon', () => {
    const tags = tag(
      'Club Brugge verliert in der Champions League',
      'Der belgische Meister unterlag Benfica mit 1:3 und steht vor dem Aus.',
      'de',
    );
    expect(focus(tags)).toEqual(expect.arrayContaining(['BE', 'PT']));
  });

  it('no result: a transfer stays the buying club’s story', () => {
    const tags = tag(
      'Benfica contrata defesa por 12 milhões',
      'O clube chegou a acordo com o Real Madrid para a transferência de um central de 20 anos.',
      'pt',
    );
    expect(focus(tags)).toEqual(['PT']);
    expect(countries(tags)).toContain('ES');
  });
});

describe('national teams: the title’s team named below by its country, and one other country with a result', () => {
  it('the opponent named by its country is a side', () => {
    const tags = tag(
      'Les Lions de la Teranga qualifiés pour le Mondial',
      'Le Sénégal a battu le Togo 2-0 à Diamniadio et termine premier de son groupe.',
      'fr',
    );
    expect(focus(tags)).toEqual(['SN', 'TG']);
  });

  it('not when two other countries are named (a later match)', () => {
    const tags = tag(
      'Les Lions de la Teranga qualifiés pour le Mondial',
      'Le Sénégal a battu le Togo 2-0 et affrontera le Maroc ou la Tunisie en barrage.',
      'fr',
    );
    expect(focus(tags)).toEqual(['SN']);
  });
});
