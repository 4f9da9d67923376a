// German writes a place's genitive with -s ("Bayerns", "Wiens", "Nordrhein-Westfalens"): the curated regions, cities,
// capitals and US states are read in that form in German text (issue #13). Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem } from './shared.ts';

describe('German genitives of places', () => {
  it.each([
    [
      'Bayerns Ministerpräsident lehnt die Krankenhausreform ab',
      'Der Freistaat will vor dem Verfassungsgericht klagen.',
      'DE',
    ],
    [
      'Busse stehen still in Teilen Hessens und Thüringens',
      'Die Gewerkschaft fordert mehr Lohn für das Fahrpersonal.',
      'DE',
    ],
    ['Wiens Bürgermeister warnt vor Mietenexplosion', 'Die Stadt will den Gemeindebau ausweiten.', 'AT'],
    ['Kärntens Landeshauptmann tritt zurück', 'Neuwahlen im Frühjahr gelten als wahrscheinlich.', 'AT'],
    ['Die Wirtschaft Kataloniens wächst schneller als erwartet', 'Die Regionalregierung hebt ihre Prognose an.', 'ES'],
    ['Kaliforniens Gouverneur unterzeichnet Gesetz zu KI-Sicherheit', 'Das Gesetz tritt im Januar in Kraft.', 'US'],
    ['Floridas Küste erwartet den nächsten Hurrikan', 'Die Behörden ordnen Evakuierungen an.', 'US'],
  ])('%s', (title, summary, code) => {
    expect(focus(tagItem(title, summary, 'de'))).toEqual([code]);
  });

  it('is German only: the same letters in another language are no place', () => {
    expect(
      countries(tagItem('Limas y naranjas suben de precio', 'Los cítricos escasean en los mercados.', 'es')),
    ).toEqual([]);
    expect(countries(tagItem('Limas neuer Bürgermeister tritt an', 'Er verspricht mehr Sicherheit.', 'de'))).toEqual([
      'PE',
    ]);
  });
});
