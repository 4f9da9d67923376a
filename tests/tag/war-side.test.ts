// Gaza's news and Israel (war_sides in config/countries.yaml, issue #13): an entry whose focus is the Gaza Strip or the
// West Bank and that names Israel anywhere is Israel's story too; an entry whose focus is Israel does not make Gaza a
// focus. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, rulesTagger } from './shared.ts';

const tag = (title: string, summary: string, language: string) => rulesTagger().tag({ title, summary, language });

describe('the other side of a war', () => {
  it('Israel named in the summary of a Gaza story', () => {
    const tags = tag(
      'Gaza hospitals run short of fuel',
      'Doctors said generators would stop within two days, blaming Israel for holding up deliveries at the crossings.',
      'en',
    );
    expect(focus(tags)).toEqual(expect.arrayContaining(['PS', 'IL']));
  });

  it('by its demonym, in German', () => {
    const tags = tag(
      'Hilfskonvoi erreicht den Gazastreifen',
      'Die israelische Armee öffnete den Übergang für sechs Stunden, teilten die Vereinten Nationen mit.',
      'de',
    );
    expect(focus(tags)).toEqual(expect.arrayContaining(['PS', 'IL']));
  });

  it('Israel as the focus does not make Gaza one', () => {
    const tags = tag(
      'Israeli parliament passes budget',
      'The Knesset approved the spending plan late on Tuesday; the opposition said it ignored the needs of Gaza.',
      'en',
    );
    expect(focus(tags)).toEqual(['IL']);
    expect(countries(tags)).toContain('PS');
  });
});
