// A club playing abroad is its country's story too (the labelling policies label both): the best-known clubs are in
// the editors' institutions table (config/countries.yaml). Sentences written for the test (issue #13).
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('clubs abroad', () => {
  it.each([
    [
      'es',
      ['ES', 'IT'],
      'El Villarreal gana en Roma y sigue líder',
      'Dos goles en la segunda parte dieron el triunfo al equipo.',
    ],
    ['es', ['ES', 'PT'], 'El Barça empata en Lisboa', 'El equipo azulgrana sumó un punto en el estadio da Luz.'],
    ['fr', ['ES', 'FR'], 'Le Real Betis s’impose à Marseille', 'Les Andalous ont marqué deux fois en fin de match.'],
    ['en', ['GB', 'IT'], 'Arsenal win in Milan to reach the quarter-finals', 'Two late goals settled the tie.'],
  ])('names the club’s country beside the venue (%s)', (language, codes, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(codes);
  });
});
