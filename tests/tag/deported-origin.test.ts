// Roles (config/countries.yaml `roles`): where deportees come from, where migrants try to get to and where grain comes
// from are sides of a story that happens elsewhere. Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('deportees’ origin, migrants’ destination, goods’ origin', () => {
  it.each([
    ['pt', 'BR', 'Governo brasileiro critica tratamento de deportados dos EUA', 'O Itamaraty pediu explicações.'],
    ['es', 'MX', 'El Gobierno mexicano atiende a 300 deportados de Estados Unidos', 'Los albergues están llenos.'],
    ['en', 'UA', 'Ukraine says 40 citizens deported from Russia', 'They crossed at a border point overnight.'],
    ['es', 'PA', 'Panamá registra 3.000 migrantes que renuncian a llegar a Estados Unidos', 'Regresan hacia el sur.'],
    ['en', 'HU', 'Hungarian farmers protest over grain from Ukraine', 'Tractors blocked roads for a third day.'],
  ])('%s: %s', (language, code, title, summary) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toEqual([code]);
    expect(countries(tags).length).toBe(2); // the side stays a mention
  });

  it('a leader arriving in a country is still there', () => {
    expect(focus(tag('Sánchez llega a China para una visita oficial', 'Se reunirá con Xi Jinping.', 'es'))).toContain(
      'CN',
    );
  });
});
