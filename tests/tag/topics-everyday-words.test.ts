// Words of other fields that the topic lists must not read as politics (found in review): an assist ("Vorlage") or a
// title holder ("sortant") beside a sport win is no election, and police officers arresting an organisation's
// president is no coup. Each of these headlines was tagged so before the words were taken out of the lists.
import { describe, expect, it } from 'vitest';
import { topics, tagItem as tag } from './shared.ts';

describe('sport headlines with an assist or a title holder', () => {
  it.each([
    ['Bayern gewinnt nach Vorlage von Müller', 'Der Stürmer traf in der 80. Minute zum 2:1 gegen Dortmund.', 'de'],
    [
      'Le champion sortant remporte le Tour de France',
      'Le coureur slovène a dominé la Grande Boucle de bout en bout.',
      'fr',
    ],
    ['Djokovic, tenant du titre sortant, remporte Wimbledon', 'Le Serbe a battu Alcaraz en cinq sets.', 'fr'],
  ])('%s is no election', (title, summary, language) => {
    expect(topics(tag(title, summary, language))).not.toContain('elections');
  });
});

describe('an arrest by police officers', () => {
  it('is no coup', () => {
    const tags = tag(
      'Police officers arrest the president of the football federation',
      'The official is accused of taking bribes over TV rights.',
      'en',
    );
    expect(topics(tags)).not.toContain('coups');
  });

  it('while soldiers detaining the president still is', () => {
    const tags = tag(
      'Soldiers detain the president in a dawn raid on the palace',
      'Mutinous troops announced on state television that they had dissolved the government.',
      'en',
    );
    expect(topics(tags)).toContain('coups');
  });
});
