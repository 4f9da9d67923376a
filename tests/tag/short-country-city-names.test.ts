// Short forms newsrooms write for a country and a capital: French titles call Burkina Faso "Burkina" ("Burkina :
// ..."), Mexican ones call Mexico City "CDMX"; and German compounds that join a person's names by hyphens
// ("Rosa-Luxemburg-Stiftung") name the person, not the country (issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('short names of a country and a capital', () => {
  it.each([
    [
      'fr',
      ['BF'],
      'Burkina : des dizaines de soldats tués dans une attaque dans le Nord',
      'ABIDJAN (AFP) - Des hommes armés ont attaqué dimanche un détachement militaire, selon des sources sécuritaires.',
    ],
    [
      'fr',
      ['BF'],
      'Au Burkina, la junte suspend deux radios étrangères',
      'Le gouvernement de transition leur reproche leur couverture.',
    ],
    [
      'es',
      ['MX'],
      'Miles marchan en la CDMX por los desaparecidos',
      'Las familias caminaron desde el Ángel de la Independencia.',
    ],
  ])('%s: %j for %s', (language, codes, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(codes);
  });
});

describe('a person named in a German compound', () => {
  it('"Rosa-Luxemburg-Konferenz" names Rosa Luxemburg, not Luxembourg', () => {
    const tags = tag(
      'Rosa-Luxemburg-Konferenz: Tausende diskutieren in Berlin',
      'Rund 3.000 Menschen nahmen an der Konferenz der Rosa-Luxemburg-Stiftung teil.',
      'de',
    );
    expect(focus(tags)).toEqual(['DE']);
  });
});
