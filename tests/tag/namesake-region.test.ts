// A city whose name several countries' cities share is the one in the country another place of the entry is in,
// when nothing else names the country it was first read for (namesakeByRegion in src/tag/dateline.ts, issue #13).
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('a namesake city settled by a region of the entry', () => {
  it('Valencia beside a Venezuelan state', () => {
    const tags = tag(
      'Valencia amanece sin agua tras la avería',
      'La falla en la planta afectó a Valencia y a otros municipios del estado Carabobo.',
      'es',
    );
    expect(focus(tags)).toEqual(['VE']);
    expect(countries(tags)).not.toContain('ES');
  });

  it('Lagos beside the Algarve', () => {
    expect(
      focus(tag('Lagos recebe festival de música em agosto', 'A cidade do Algarve espera 40 mil visitantes.', 'pt')),
    ).toEqual(['PT']);
  });

  it('a dateline of the first country keeps it', () => {
    const tags = tag(
      'Valencia estrena tranvía',
      'VALENCIA, 3 mar (EFE) - La nueva línea une la ciudad con el puerto; la empresa fabricó los vagones en Carabobo.',
      'es',
    );
    expect(focus(tags)).toContain('ES');
  });
});
