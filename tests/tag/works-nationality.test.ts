// A demonym beside a work (a film, a novel), a fund or a bank is its nationality, weak like a company's: a festival
// abroad is the host's story ("Berlinale: Goldener Bär für norwegischen Film"). A coach signed is moved like a player.
// Sentences written for the test (issue #13).
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('the nationality of a work, a fund, a bank', () => {
  it.each([
    ['en', 'IT', 'Venice prize goes to a Danish film', 'The jury praised the director.'],
    ['es', 'AR', 'Una película chilena gana el festival de Mar del Plata', 'El jurado premió su guion.'],
    ['pt', 'PT', 'Filme espanhol vence o festival de Lisboa', 'O júri destacou a fotografia.'],
    [
      'fr',
      'FR',
      'Un film iranien remporte le grand prix du festival de Marseille',
      'Le jury a salué la mise en scène.',
    ],
    ['de', 'DE', 'Berlinale: Preis für dänisches Familiendrama', 'Die Jury lobte die Darsteller.'],
    ['en', 'IE', 'Deutsche Bank opens a new office in Dublin', 'The office will employ 200 people.'],
  ])('is not the story’s country (%s)', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('a coach signed abroad is moved like a player', () => {
    expect(focus(tag('Boca Juniors contrata entrenador uruguayo', 'El técnico firmó por dos años.', 'es'))).toEqual([
      'AR',
    ]);
  });
});
