// A city whose name several countries' cities share is the one in the country another place of the entry is in,
// when nothing else names the country it was first read for (namesakeByPlace in src/tag/dateline.ts, issue #13).
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('a namesake city settled by another place of the entry', () => {
  it('Valencia beside a Venezuelan state', () => {
    const tags = tag(
      'Valencia inaugura un nuevo hospital',
      'El centro atenderá a 300.000 habitantes de Valencia y de otros municipios del estado Carabobo.',
      'es',
    );
    expect(focus(tags)).toEqual(['VE']);
    expect(countries(tags)).not.toContain('ES');
  });

  it('Valencia beside its country named outright, over a namesake of a third country', () => {
    const tags = tag(
      'Valencia sin agua por una avería',
      'Vecinos de San Diego y de la capital carabobeña, en Venezuela, esperan las cisternas.',
      'es',
    );
    expect(focus(tags)).toEqual(['VE']);
  });

  it('Florida beside the capital of the country its town is in', () => {
    const tags = tag(
      'Florida: cierran el puente sobre el río Santa Lucía',
      'Las lluvias aislaron a Florida de la ruta que la une a Montevideo.',
      'es',
    );
    expect(focus(tags)).toEqual(['UY']);
    expect(countries(tags)).not.toContain('US');
  });

  it('alone, the first reading stays', () => {
    expect(
      focus(tag('Florida braces for hurricane', 'Residents boarded up windows as the storm neared.', 'en')),
    ).toEqual(['US']);
  });

  it('a dateline of the first country keeps it', () => {
    const tags = tag(
      'Valencia estrena tranvía',
      'VALENCIA, 3 mar (EFE) - La nueva línea une la ciudad con el puerto; la empresa fabricó los vagones en Carabobo.',
      'es',
    );
    expect(focus(tags)).toContain('ES');
  });

  it('a place of a country without a city of that name changes nothing', () => {
    const tags = tag('Valencia inaugura un nuevo hospital', 'Los equipos médicos llegaron desde Lisboa.', 'es');
    expect(countries(tags)).toContain('ES');
  });
});
