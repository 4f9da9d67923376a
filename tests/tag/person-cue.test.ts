// A country word between a noun for a person (or a nationality) and a capitalised word is a given name, whatever the
// headline's case: "Aufbauspieler Jordan Mayo", "le boxeur français Kenya Diallo"; in English and German a name
// particle shows it too ("Chad le Clos"); "Franco" is a known given name ("Franco Israel"). Everyday sentences written
// for this rule (issue #13).
import { describe, expect, it } from 'vitest';
import { countries, tagItem as tag } from './shared.ts';

describe('a country word named after a person', () => {
  it('after a noun for a player, in German (capitals prove nothing there)', () => {
    expect(countries(tag('Verein holt Mittelfeldspieler Jordan Weber', 'Der Vertrag läuft bis 2027.', 'de'))).toEqual(
      [],
    );
  });

  it('after a nationality and a noun for a person', () => {
    expect(
      countries(tag('Boxe : nouveau titre', 'Le boxeur français Kenya Martin a gagné samedi à Marseille.', 'fr')),
    ).not.toContain('KE');
    expect(
      countries(tag('Boxeo: nuevo título', 'El boxeador argentino Chad Gómez ganó el sábado en Rosario.', 'es')),
    ).not.toContain('TD');
  });

  it('before a name particle in English', () => {
    expect(countries(tag('Chad van Dyke wins the sprint title', 'The 24-year-old won in 10.1 seconds.', 'en'))).toEqual(
      [],
    );
  });

  it('after a known given name', () => {
    expect(countries(tag('Franco Israel marca e o Sporting vence', 'O avançado marcou aos 88 minutos.', 'pt'))).toEqual(
      [],
    );
  });

  it('the country itself, after a preposition, stays', () => {
    expect(
      countries(tag('Jugador argentino ficha por un club de Chad', 'El contrato es de dos años.', 'es')),
    ).toContain('TD');
  });
});
