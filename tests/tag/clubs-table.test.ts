// config/countries.yaml `institutions`: football clubs whose names say no place (or a place several countries
// share) are evidence for their country, both sides of a match. Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('clubs name their country', () => {
  it.each([
    ['en', ['GB'], 'Everton sign a goalkeeper on a three-year deal', 'The fee was not disclosed.'],
    [
      'fr',
      ['EG', 'MA'],
      'Zamalek arrache le nul face au Wydad Casablanca',
      'Le match retour aura lieu dans deux semaines.',
    ],
    ['es', ['TR'], 'Galatasaray gana el derbi ante el Fenerbahçe', 'El partido terminó 2-1.'],
    ['pt', ['NL', 'PT'], 'Benfica perde com o Feyenoord na Liga Europa', 'O golo decisivo surgiu aos 88 minutos.'],
    ['de', ['BE', 'DE'], 'Eintracht Frankfurt verliert beim Club Brugge', 'Das Rückspiel findet in zwei Wochen statt.'],
    // A club named after another country's city ("Phoenix") is its own country's, and so is the other side.
    ['en', ['AU', 'NZ'], 'Wellington Phoenix beat Newcastle Jets on penalties', 'The match went to sudden death.'],
    // Ireland's provinces field its rugby teams.
    ['fr', ['FR', 'IE'], "Champions Cup : Toulouse s'incline face au Connacht", 'Le match retour aura lieu samedi.'],
  ])('%s: %s', (language, codes, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(codes);
  });
});
