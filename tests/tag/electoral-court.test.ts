// "TSE" is Brazil's electoral court in Portuguese, and the Tribunal Supremo Electoral of Bolivia, Guatemala or
// El Salvador in Spanish: it is read as Brazil's only in Portuguese entries that name no other country (`domestic:` in
// config/countries.yaml, issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('TSE, an electoral court several countries name alike', () => {
  it('Spanish: another country’s court, not Brazil’s', () => {
    const tags = tag(
      'El TSE publica el calendario de las elecciones',
      'SAN SALVADOR, 3 feb (EFE).- El Tribunal Supremo Electoral fijó la fecha de la primera vuelta.',
      'es',
    );
    expect(focus(tags)).toEqual(['SV']);
    expect(countries(tags)).not.toContain('BR');
  });

  it('Portuguese, alone: Brazil’s', () => {
    expect(
      focus(tag('TSE aprova novas regras para a propaganda eleitoral', 'As regras valem já para outubro.', 'pt')),
    ).toEqual(['BR']);
  });
});
