// When the title names a country only in a role (where a flight goes, whom sanctions hit), an editors' alias that counts
// only beside other evidence (a movement, a common surname: "the Taliban") does not show the country acting: beside
// the dateline's country it is a mention. Sentences written for the test (issue #13).
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a context-only alias below a title that names its country in a role', () => {
  it.each([
    [
      'de',
      'Abschiebeflug nach Afghanistan in Hamburg gestartet',
      'HAMBURG (dpa) - An Bord waren 40 Männer. Es ist der dritte Flug seit der Machtübernahme der Taliban.',
    ],
    [
      'en',
      'Deportation flight to Afghanistan leaves Hamburg',
      'HAMBURG (Reuters) - Forty men were on board, the third such flight since the Taliban took power.',
    ],
  ])('leaves the destination a mention (%s)', (language, title, summary) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toEqual(['DE']);
    expect(tags.find((t) => t.kind === 'country' && t.value === 'AF')?.reason.rule).toBe('country.dateline-object');
  });

  it('the alias in the title still makes the country act', () => {
    expect(
      focus(tag('Taliban ban flights to Afghanistan from Hamburg', 'HAMBURG (Reuters) - The ban starts Monday.', 'en')),
    ).toContain('AF');
  });
});
