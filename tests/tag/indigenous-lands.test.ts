// Indigenous lands ("terra indígena", "Terra Yanomami") are a legal category of Brazil's: an entry that places its
// story there is Brazil's (REGIONS_AND_CITIES in src/tag/countries.ts, issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('Brazil’s indigenous lands', () => {
  it('a terra indígena named in the summary, in lower case', () => {
    expect(
      focus(
        tag(
          'Garimpeiros voltam a invadir aldeias',
          'A Polícia Federal encontrou dez balsas dentro da terra indígena.',
          'pt',
        ),
      ),
    ).toEqual(['BR']);
  });

  it('the Terra Yanomami', () => {
    expect(focus(tag('Malária avança na Terra Yanomami', 'Os casos dobraram em seis meses.', 'pt'))).toEqual(['BR']);
  });
});
