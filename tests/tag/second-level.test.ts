// France's departments, Spain's provinces, Portugal's districts and England's counties named alone are places of
// their country (SECOND_LEVEL in src/tag/provinces.ts, issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('second-level divisions', () => {
  it.each([
    ['fr', 'FR', 'Une usine ferme en Mayenne', '180 salariés perdront leur emploi d’ici l’été.'],
    ['fr', 'FR', 'Crues : la Gironde en vigilance rouge', 'Les pompiers ont évacué trois campings.'],
    ['en', 'FR', 'Wildfire forces evacuations in the Pyrénées-Orientales', 'About 2,000 people left their homes.'],
    [
      'es',
      'ES',
      'Una nevada deja aislados 20 pueblos de Teruel',
      'Los equipos de emergencia rescataron a dos conductores.',
    ],
    ['pt', 'PT', 'Incêndio no distrito de Portalegre obriga a cortar estrada', 'Os bombeiros combatem três frentes.'],
    ['en', 'GB', 'Floods close roads across Lincolnshire', 'Police urged drivers to stay at home.'],
    ['en', 'GB', 'Norfolk farmers stage go-slow on the A11', 'Tractors queued for miles on Tuesday.'],
  ])('%s %s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('French departments are not read in German, where "Landes" is a genitive', () => {
    expect(countries(tag('Die Hauptstadt des Landes ist gesperrt', 'Demonstranten blockieren Straßen.', 'de'))).toEqual(
      [],
    );
  });
});
