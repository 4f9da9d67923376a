// Kinds found on dev43 (read in session 34): German regions and landscapes named alone, and an English headline's
// town framed by a workplace of its own. Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { focus, tagItem } from './shared.ts';

describe("Bavaria's regions and Germany's landscapes are Germany's", () => {
  it.each([
    ['Hochwasser in Niederbayern: Pegel steigen weiter', 'Der Katastrophenfall wurde ausgerufen.'],
    ['Unwetter in der Oberpfalz deckt Dächer ab', 'Die Feuerwehr rückte 300 Mal aus.'],
    ['Waldbrand in der Sächsischen Schweiz breitet sich aus', 'Löschhubschrauber sind im Einsatz.'],
    ['Wanderer in der Fränkischen Schweiz vermisst', 'Die Bergwacht sucht seit Sonntag.'],
  ])('de: %s', (title, summary) => {
    expect(focus(tagItem(title, summary, 'de'))).toEqual(['DE']);
  });
});

describe("an English headline's town before a workplace of its own is where the story is", () => {
  it.each([
    ['Sheffield steelworks to shed 300 jobs', 'Workers were told on Monday.', 'GB'],
    ['Bristol airport passengers face delays after IT failure', 'Flights were held for hours.', 'GB'],
  ])('en: %s', (title, summary, code) => {
    expect(focus(tagItem(title, summary, 'en'))).toEqual([code]);
  });
});

describe('a German title opening with a small town that the text names again by its adjective', () => {
  it('de: Deggendorf ... die Deggendorfer Feuerwehr', () => {
    expect(
      focus(
        tagItem(
          'Deggendorf ruft Katastrophenfall aus',
          'Die Deggendorfer Feuerwehr pumpt seit Stunden Keller leer.',
          'de',
        ),
      ),
    ).toEqual(['DE']);
  });
});

// An airline's nationality is an aside where its plane lands: the story is the airport's (a kind in four read sets).
describe("an airline's plane landing abroad is the landing place's story", () => {
  it.each([
    ['es', 'Un avión de Aerolíneas Argentinas aterriza de emergencia en Montevideo', 'UY'],
    ['de', 'Turkish-Airlines-Maschine muss in Frankfurt notlanden', 'DE'],
    ['en', 'Qatar Airways jet makes emergency landing in Athens', 'GR'],
  ])('%s: %s', (language, title, code) => {
    expect(focus(tagItem(title, '', language))).toEqual([code]);
  });
});
