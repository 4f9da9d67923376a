// A province or state named like a country (src/tag/locate.ts, dropRegionNamesakes): "la province de Luxembourg" is
// Belgium's, "Niger state" Nigeria's, when the entry names the country it lies in; alone it stays the country.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('regions named like a country', () => {
  it.each([
    [
      'en',
      "Floods cut roads in Nigeria's Niger state",
      'Rescue teams reached three villages in Niger state on Sunday.',
      'NG',
      'NE',
    ],
    [
      'en',
      'Cholera cases rise in Niger state',
      'Officials in Nigeria said 40 people had died in Niger state and Kano.',
      'NG',
      'NE',
    ],
    [
      'fr',
      'Tempête : la province de Luxembourg en alerte',
      'Les pompiers de Wallonie ont reçu 600 appels dans la nuit.',
      'BE',
      'LU',
    ],
    [
      'de',
      'Sturm richtet Schäden in der Provinz Luxemburg an',
      'In der Wallonie fiel in der Nacht in 20.000 Haushalten der Strom aus.',
      'BE',
      'LU',
    ],
    [
      'es',
      'Incendios en la provincia de Luxemburgo',
      'Los bomberos belgas combatieron las llamas en Valonia durante tres días.',
      'BE',
      'LU',
    ],
  ])('%s: %s', (language, title, summary, story, namesake) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toEqual([story]);
    expect(countries(tags)).not.toContain(namesake);
  });

  it('stays the country when the entry names no other, or when "state" qualifies a noun', () => {
    expect(
      focus(
        tag('Inundaciones en la provincia de Panamá dejan tres muertos', 'Las lluvias afectaron a 400 familias.', 'es'),
      ),
    ).toEqual(['PA']);
    expect(
      focus(tag('Iran state media reports arrests', 'Iran state television said 12 people were held in Tehran.', 'en')),
    ).toEqual(['IR']);
    expect(
      focus(tag('Israel recognises Palestine state, Iran state TV says', 'The report could not be confirmed.', 'en')),
    ).toContain('PS');
  });
});
