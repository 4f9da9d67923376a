// A dateline is where the story happens when the title names its only other country as a side (where people head
// for); the pope is the Holy See's head of state in the editors' table; a Champions League night or a home defeat
// makes a sport story, where one word of war ("ataque") or of a crisis is a second sense (issue #13). Sentences written
// for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag, topics } from './shared.ts';

describe('dateline over sides, the pope, sport words', () => {
  it('a dateline beats a country named only as where people head for', () => {
    const tags = tag(
      'Deux migrants meurent lors d’une traversée vers l’Italie',
      'SFAX (AFP) - Deux hommes sont morts lorsque leur embarcation a chaviré au large, a indiqué la garde nationale. ' +
        'Depuis janvier, 40 exilés sont morts en tentant de rejoindre l’Italie.',
      'fr',
    );
    expect(focus(tags)).toEqual(['TN']);
  });

  it('the pope travelling names the Holy See beside his hosts', () => {
    const tags = tag(
      'Pope Francis begins visit to Singapore',
      'The pontiff was greeted by the prime minister at the airport before a meeting with religious leaders.',
      'en',
    );
    expect(focus(tags).sort()).toEqual(['SG', 'VA']);
  });

  it.each([
    [
      'es',
      'El Sevilla remonta en Turín y sale de su crisis defensiva',
      'TURÍN, 4 nov (EFE).- El Sevilla FC ganó 2-3 a la Juventus en un partido loco de la Liga de Campeones, con un ' +
        'doblete de su nueve y un ataque sevillista que tapó otra noche de errores atrás.',
    ],
    [
      'fr',
      'Wydad : la crise s’aggrave, le président jette l’éponge',
      'CASABLANCA (MAP) - Au lendemain d’une nouvelle défaite à domicile, le président du Wydad a annoncé sa démission ' +
        'lors d’une assemblée générale houleuse. Le club, endetté, reste sous le coup d’une interdiction de recrutement ' +
        'de la FIFA.',
    ],
  ])('%s: a sport story keeps no topic: %s', (language, title, summary) => {
    expect(topics(tag(title, summary, language))).toEqual([]);
  });
});
