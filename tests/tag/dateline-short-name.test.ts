// The dateline's place named again by its first words (src/tag/dateline.ts, datelinePlaceAgain): "SANTIAGO DE
// COMPOSTELA" then "Santiago" is the Galician city, not Chile's capital; the tail after "de" is what locals leave out.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('a dateline place named again without its tail', () => {
  it.each([
    [
      'es',
      'Santa Cruz estrena su nuevo tranvía',
      'SANTA CRUZ DE TENERIFE, 3 mar (EFE).- El Cabildo inauguró este lunes la tercera línea.',
      'ES',
      'BO',
    ],
    [
      'es',
      'Santiago celebra el carnaval con récord de visitantes',
      'SANTIAGO DE CUBA, 20 jul (EFE).- Miles de personas llenaron las calles durante la semana.',
      'CU',
      'CL',
    ],
    [
      'pt',
      'Santiago recebe 2 mil peregrinos por dia',
      'SANTIAGO DE COMPOSTELA, 12 ago (Lusa) - A cidade galega bateu o recorde de visitantes em agosto.',
      'ES',
      'CL',
    ],
  ])('%s: %s', (language, title, summary, place, namesake) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toEqual([place]);
    expect(countries(tags)).not.toContain(namesake);
  });

  it('a dateline with no tail is the place itself', () => {
    expect(
      focus(
        tag('Santiago vota el nuevo plan de transporte', 'SANTIAGO, 3 mar (EFE).- El concejo aprobó el plan.', 'es'),
      ),
    ).toEqual(['CL']);
  });
});
