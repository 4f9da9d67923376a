// A country word that is a given name before a surname that is also a town's name (src/tag/locate.ts,
// surnameCovered): "Jordan Henderson" is a person, as "Jordan Smith" is; "Israel Gaza" stays two places.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('a surname that is a town does not make the given name a country', () => {
  it('en: Jordan Henderson', () => {
    const tags = tag(
      "Jordan Henderson's header sinks PSV",
      'Jordan Henderson scored in the 88th minute in Amsterdam.',
      'en',
    );
    expect(focus(tags)).toEqual(['NL']);
    expect(countries(tags)).not.toContain('JO');
  });

  it('two places side by side stay places', () => {
    expect(focus(tag('Israel Gaza talks stall', 'Negotiators met again on Sunday.', 'en'))).toEqual(
      expect.arrayContaining(['IL', 'PS']),
    );
  });
});
