// German writes part of a country as one word, compass and name ("in der Westukraine", "Nordnorwegen", "im Nordirak"):
// a place of that country in German text (addGermanCompassCompounds in src/tag/gazetteer.ts, issue #13). "Moldau" is
// Moldova's German name. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('German compass compounds', () => {
  it.each([
    ['UA', 'Stromausfall in der Westukraine', 'Ein Umspannwerk bei Lwiw wurde in der Nacht getroffen.'],
    ['NO', 'Fähre läuft in Nordnorwegen auf Grund', 'Alle 120 Menschen an Bord blieben unverletzt.'],
    ['IQ', 'Anschlag im Nordirak', 'Bei der Explosion auf einem Markt starben neun Menschen.'],
    ['FR', 'Waldbrände in Südwestfrankreich', 'Die Feuerwehr kämpft in den Landes gegen drei Brände.'],
    ['SO', 'Miliz erobert Kleinstadt in Zentralsomalia', 'Die Regierungstruppen zogen sich zurück.'],
    ['MD', 'Moldau wählt ein neues Parlament', 'Die Wahlbeteiligung lag am Mittag bei 30 Prozent.'],
  ])('%s: %s', (code, title, summary) => {
    expect(focus(tag(title, summary, 'de'))).toEqual([code]);
  });

  it('keeps the compounds that are countries of their own', () => {
    expect(countries(tag('Südkorea und Nordkorea reden wieder', 'Gespräche an der Grenze.', 'de')).sort()).toEqual([
      'KP',
      'KR',
    ]);
  });

  it('is German only', () => {
    expect(countries(tag('Westukraine is a new band', 'The band from Ohio plays on Friday.', 'en'))).not.toContain(
      'UA',
    );
  });
});
