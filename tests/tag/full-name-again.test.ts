// A place named in full in the entry ("Santiago de Compostela") makes its short name elsewhere in the entry that place,
// not the bigger city abroad (fullNamesAgain in src/tag/dateline.ts, issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('a short name after the full one', () => {
  it('Santiago, with Santiago de Compostela in the summary', () => {
    const tags = tag(
      'Santiago estrena un nuevo museo de arte sacro',
      'El museo abre junto a la catedral de Santiago de Compostela con 300 piezas cedidas por la diócesis.',
      'es',
    );
    expect(focus(tags)).toEqual(['ES']);
    expect(countries(tags)).not.toContain('CL');
  });

  it('Santiago alone stays Chile’s capital', () => {
    expect(focus(tag('Santiago estrena una nueva línea de metro', 'La línea une el centro con el sur.', 'es'))).toEqual(
      ['CL'],
    );
  });

  it('a country named "of the South" is no place name', () => {
    const tags = tag(
      'Miles de refugiados llegan a Sudán del Sur',
      'Los desplazados huyen de los combates en Sudán, según la ONU.',
      'es',
    );
    expect(focus(tags)).toContain('SS');
  });
});
