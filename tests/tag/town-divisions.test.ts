// A town named with a noun for the division it heads is that division (townDivisions in src/tag/locate.ts): where the
// story happens, as a curated region is. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a town named as its division', () => {
  it.each([
    [
      'en',
      ['RU', 'UA'],
      'Ukrainian drones strike a depot in the Tambov region',
      'Officials said the fire was contained.',
    ],
    ['fr', ['RU', 'UA'], 'Des drones ukrainiens frappent un dépôt dans la région de Tambov', 'Le feu a été maîtrisé.'],
    ['de', ['RU', 'UA'], 'Ukrainische Drohnen treffen Depot im Gebiet Kaluga', 'Das Feuer wurde gelöscht.'],
  ])('%s: %s', (language, codes, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(codes);
  });

  it('the town alone stays weak beside a stronger country', () => {
    expect(
      focus(tag('Ukrainian drones strike a depot near Tambov', 'Officials said the fire was contained.', 'en')),
    ).toEqual(['UA']);
  });
});
