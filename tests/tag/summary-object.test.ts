// A country the entry names only in roles below the title (where sales grow, whom a warrant concerns) is a mention
// beside a country that acts, as one named so in the title is: "gracias a sus ventas en Estados Unidos" does not make
// a Spanish retailer's results an American story. Sentences written for the test (issue #13).
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a country named only in roles below the title', () => {
  it('is a mention beside the country that acts (es)', () => {
    const tags = tag(
      'La textil gana un 8% más',
      'El grupo obtuvo 900 millones gracias a sus ventas en México, informó la empresa a la CNMV.',
      'es',
    );
    expect(focus(tags)).toEqual(['ES']);
    expect(tags.find((t) => t.kind === 'country' && t.value === 'MX')?.reason.rule).toBe('country.object');
  });

  it('is a mention beside the country that acts (en)', () => {
    const tags = tag(
      'Retailer lifts profit by 8%',
      'The group credited higher sales in Canada, it told the Financial Conduct Authority.',
      'en',
    );
    expect(focus(tags)).toEqual(['GB']);
  });
});
