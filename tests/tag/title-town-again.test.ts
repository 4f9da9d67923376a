// A mid-size town abroad named in the title and again below it, the entry naming no other place, is where the story
// happens, whatever the language of the four (soleTown in src/tag/locate.ts, issue #13): "Schüsse in Uppsala ...
// im Zentrum von Uppsala". Named once, it still needs a language of its country; in English, other evidence (the
// English rule, a town named again, is tests/tag/english-title-town.test.ts).
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a foreign town the title names and the text names again', () => {
  it.each([
    ['SE', 'Neue Fußgängerzone in Malmö eröffnet', 'Die Stadt Malmö weihte am Samstag die erweiterte Zone ein.', 'de'],
    ['FI', 'Tampere inaugure son tramway', 'Le nouveau tramway de Tampere transporte ses premiers passagers.', 'fr'],
    ['LT', 'Kaunas celebra su festival de jazz', 'El festival de jazz de Kaunas reunió a 20.000 personas.', 'es'],
  ])('%s: %s', (code, title, summary, language) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('named once, in a language its country does not speak, it stays weak', () => {
    expect(
      focus(tag('Neue Fußgängerzone in Malmö eröffnet', 'Die Stadt weihte am Samstag die Zone ein.', 'de')),
    ).toEqual([]);
  });

  it('in English, not when named once', () => {
    expect(focus(tag('Tampere opens its new tram line', 'The new tram carried its first riders.', 'en'))).toEqual([]);
  });

  it('not beside a place of another country', () => {
    const tags = tag(
      'Kaunas celebra su festival de jazz',
      'Músicos de Kaunas y de Varsovia tocaron ante 20.000 personas.',
      'es',
    );
    expect(focus(tags)).not.toContain('LT');
  });
});
