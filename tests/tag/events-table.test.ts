// config/countries.yaml `events`: festivals, prizes and fairs are where the story happens when the title names them,
// and background below it (a film's blurb naming the festivals it won at). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('events name their country in the title', () => {
  it.each([
    ['fr', ['FR'], "Festival de Cannes : la Palme d'or décernée à un premier film", 'Le jury a délibéré deux jours.'],
    ['en', ['GB'], 'Debut novel wins the Booker Prize', 'The judges praised its structure.'],
    ['de', ['DE'], 'Goldener Bär für einen Dokumentarfilm', 'Die Jury lobte die Bildsprache.'],
    ['es', ['ES'], 'Una ópera prima gana la Concha de Oro', 'El jurado destacó su guion.'],
    // Northern Ireland's cup, not Ireland's.
    ['en', ['GB'], 'Irish Cup: holders knocked out in replay', 'The winner was scored in extra time.'],
    [
      'fr',
      ['FR'],
      'Tennis : la tenante du titre éliminée au premier tour à Roland-Garros',
      'Elle a perdu en trois sets.',
    ],
  ])('%s: %s', (language, codes, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(codes);
  });

  it('below the title an event is background: the story stays where it happens', () => {
    const tags = tag(
      'Vitalina Varela - Trailer',
      'A Cape Verdean woman travels to Lisbon to reunite with her husband. Winner of the Golden Leopard at the Locarno Film Festival and an official selection of the Sundance Film Festival.',
      'en',
    );
    expect(focus(tags)).not.toContain('CH');
    expect(focus(tags)).not.toContain('US');
  });

  it('a tournament named after its venue is an event: where a player goes next is background', () => {
    const tags = tag(
      'Zverev gewinnt das Rasenturnier',
      'Der Hamburger setzte sich im Finale durch und reist mit Rückenwind nach Wimbledon.',
      'de',
    );
    expect(focus(tags)).not.toContain('GB');
  });
});
