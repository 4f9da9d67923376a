// A town under the gazetteer's towns (fewer than 100,000 people) that the title names and the text names again, the
// entry naming no other place, in a language of its country, is where the story happens (unlistedTitleTown in
// src/tag/locate.ts, issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a small town the title and the text name', () => {
  it.each([
    [
      'FR',
      'Colmar ferme son marché de Noël plus tôt',
      'La ville de Colmar a décidé de fermer les chalets dès le 22 décembre.',
      'fr',
    ],
    [
      'DE',
      'Neue Fähre für Lindau',
      'Die Stadtwerke Lindau stellen im Frühjahr ein elektrisches Schiff in Dienst.',
      'de',
    ],
    ['PT', 'Chaves recebe feira do fumeiro', 'A câmara de Chaves espera 30 mil visitantes no fim de semana.', 'pt'],
  ])('%s: %s', (code, title, summary, language) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('named once, it says nothing', () => {
    expect(
      focus(tag('Colmar ferme son marché de Noël plus tôt', 'Les chalets fermeront dès le 22 décembre.', 'fr')),
    ).toEqual([]);
  });

  it('not in a language its country does not speak', () => {
    expect(
      focus(
        tag('Neue Fähre für Colmar', 'Die Stadt Colmar stellt im Frühjahr ein elektrisches Schiff in Dienst.', 'de'),
      ),
    ).toEqual([]);
  });

  it('not a name several countries give a town', () => {
    expect(
      focus(
        tag(
          'Cuenca estrena su nuevo tranvía',
          'El tranvía de Cuenca transportó a 8.000 pasajeros el primer día.',
          'es',
        ),
      ),
    ).toEqual([]);
  });

  it('not beside a place the gazetteer knows', () => {
    const tags = tag('Chaves recebe feira do fumeiro', 'A câmara de Chaves espera muitos visitantes de Espanha.', 'pt');
    expect(focus(tags)).not.toContain('PT');
  });
});
