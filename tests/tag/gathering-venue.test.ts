// Talks and summits named after their city, the city first as English and German write it ("after Abu Dhabi talks",
// "Genfer Gespräche"), make the city a venue, as "talks in Geneva" does: where others meet, a mention when two or more
// other countries act in the title (roles.ts gatheringRole). A country's name before "talks" is their subject. Sentences
// written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('a city before talks or a summit is where others meet', () => {
  it.each([
    [
      'en',
      ['AM', 'AZ'],
      'QA',
      'Armenia and Azerbaijan agree on border map after Doha talks',
      'The two foreign ministers met for two days.',
    ],
    [
      'en',
      ['CO', 'VE'],
      'CH',
      'Colombia and Venezuela restore consular ties at Geneva peace talks',
      'The deal was signed on Friday.',
    ],
    [
      'de',
      ['IL', 'LB'],
      'AT',
      'Wiener Verhandlungen: Israel und Libanon einigen sich auf Seegrenze',
      'Die Vereinbarung gilt ab März.',
    ],
  ])('%s: %s', (language, codes, venue, title, summary) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toEqual(codes);
    expect(countries(tags)).toContain(venue);
  });

  it('a country named before its talks is their subject', () => {
    expect(
      focus(tag('Cyprus talks resume under UN auspices', 'The leaders of both communities met in Nicosia.', 'en')),
    ).toContain('CY');
  });
});
