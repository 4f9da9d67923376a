// A country's word inside a party's name is not a person's surname, and a common noun is no country: before, "United
// Seychelles" in a summary read as a person called Seychelles, which dropped the country from the whole entry, its
// title's kicker too; and German "Mann" (world-countries lists it as an old name of the Isle of Man) tagged IM.
// Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem } from './shared.ts';

describe('party names and common nouns', () => {
  it('fr: a party named "United" + a country keeps the title kicker', () => {
    const tags = tagItem(
      'Seychelles : le nouveau président prête serment',
      'Le chef de United Seychelles a prêté serment dimanche devant les juges de la Cour suprême.',
      'fr',
    );
    expect(focus(tags)).toEqual(['SC']);
  });

  it('en: United Russia is the party, and Russia stays the story', () => {
    const tags = tagItem(
      'Russia: ruling party sweeps regional polls',
      'United Russia took most seats in the regional assemblies, officials said on Monday.',
      'en',
    );
    expect(focus(tags)).toEqual(['RU']);
  });

  it('de: "Mann" is a man, not the Isle of Man', () => {
    const tags = tagItem(
      'Gericht in Köln verurteilt Mann nach Messerangriff',
      'Der Mann muss für acht Jahre in Haft, urteilte das Landgericht.',
      'de',
    );
    expect(countries(tags)).not.toContain('IM');
    expect(focus(tags)).toEqual(['DE']);
  });
});

describe('a city that several countries share, in an entry naming one of them', () => {
  it.each([
    ['fr', 'Élections municipales à Tripoli, dans le nord du Liban', 'Une liste de la société civile arrive en tête.'],
    ['en', 'Lebanese army deploys in Tripoli after clashes', 'Soldiers took positions in the old city on Sunday.'],
  ])('%s: %s -> the namesake of the country named', (language, title, summary) => {
    expect(focus(tagItem(title, summary, language))).toEqual(['LB']);
  });

  it('the city keeps its usual country when the entry names that one too', () => {
    const tags = tagItem(
      'Migrants from Venezuela arrive in Valencia',
      'Dozens reached the Spanish port on Monday.',
      'en',
    );
    expect(focus(tags)).toContain('ES');
  });
});
