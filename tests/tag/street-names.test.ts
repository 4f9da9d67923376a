// A country's or a city's name inside a street's is the street (namesStreet in src/tag/locate.ts, issue #13; the
// labelling policy's "places inside names of streets"): "Portugal Street" in London, "la avenida Brasil" in Lima,
// "Avenida de Roma" in Lisbon. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a place inside a street name', () => {
  it.each([
    ['en', 'GB', 'Water main bursts on Brazil Road in Leicester', 'Leicester council said repairs would take a week.'],
    ['es', 'PE', 'Cierran la avenida Argentina por obras en Lima', 'La municipalidad de Lima desvió el tránsito.'],
    ['pt', 'PT', 'Obras na Avenida de Madrid em Lisboa', 'A Câmara de Lisboa prevê terminar em março.'],
    ['fr', 'FR', 'Un incendie rue de Londres à Lyon', 'Les pompiers de Lyon ont évacué 20 personnes.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('a country named beside a street word, not in its name, stays', () => {
    expect(focus(tag('Brazil opens a new road to Peru', 'The road crosses the Amazon.', 'en'))).toContain('BR');
  });
});
