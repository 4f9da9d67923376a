// English headlines name towns of many countries alone ("Kandy tea pickers win pay rise"): a town the title names and
// the text below names again, the entry naming no other place, is where the story happens, as in the four other
// languages (soleTown, unlistedTitleTown in src/tag/locate.ts, issue #13). Named once it says nothing: English
// Title Case capitalises every headline word. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('an English title town named again below the title', () => {
  it.each([
    ['FI', 'Tampere opens its new tram line', 'The new tram in Tampere carried 20,000 riders on its first day.'],
    ['KE', 'Eldoret traders shut shops over new market fees', 'Traders in Eldoret said the county doubled the levy.'],
    ['GB', 'Wrexham council approves new bus station', 'Councillors in Wrexham voted 30-12 for the scheme on Monday.'],
  ])('%s: %s', (code, title, summary) => {
    expect(focus(tag(title, summary, 'en'))).toEqual([code]);
  });

  it('named once, it says nothing', () => {
    expect(
      focus(tag('Eldoret traders shut shops over new market fees', 'Traders said the county doubled the levy.', 'en')),
    ).toEqual([]);
  });

  it('a small town needs a country that speaks English', () => {
    expect(
      focus(
        tag('Colmar closes its Christmas market early', 'The town of Colmar will shut the stalls on Dec. 22.', 'en'),
      ),
    ).toEqual([]);
  });

  it('not a month or a weekday', () => {
    expect(
      focus(tag('Renew your licence by March 31', 'Licences not renewed by March 31 will lapse on Friday.', 'en')),
    ).toEqual([]);
  });

  it('not beside a place of another country', () => {
    const tags = tag(
      'Eldoret traders shut shops over new market fees',
      'Traders in Eldoret said goods from Kampala now cost more.',
      'en',
    );
    expect(focus(tags)).not.toContain('KE');
  });
});
