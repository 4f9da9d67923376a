// A place inside an organisation's name is not the place: a city names no country there; a country's name gives
// the company's nationality, weakly.
import { describe, expect, it } from 'vitest';
import { countries, defaultTagger, focus } from './shared.ts';

const tag = (title: string, summary: string) => defaultTagger().tag({ title, summary, language: 'en' });

describe('organisations named after places', () => {
  it('a city in a company name is no evidence for its country', () => {
    const tags = tag('Quarterly loss widens', 'Dallas Semiconductor Corp said on Monday its loss widened.');
    expect(countries(tags)).not.toContain('US');
    const fund = tag('Yields rise', 'The Houston Growth fund said its yield rose to 4 percent.');
    expect(countries(fund)).not.toContain('US');
  });

  it('the same city on its own still counts', () => {
    expect(countries(tag('Floods hit Dallas', 'Heavy rain flooded streets in Dallas on Monday.'))).toContain('US');
  });

  it("a country's name in a company name is weak evidence: kept alone, outweighed by a place named outright", () => {
    const score = (summary: string) =>
      tag('Jets ordered', summary).find((t) => t.kind === 'country' && t.value === 'SG')?.score ?? 0;
    const inName = score('Singapore Airlines Ltd said it would buy 20 jets.');
    expect(inName).toBeGreaterThan(0);
    expect(inName).toBeLessThan(score('An airline in Singapore said it would buy 20 jets.'));
    const beside = tag('Jets ordered', 'Singapore Airlines Ltd said it would buy jets from a maker in France.');
    expect(focus(beside)).toEqual(['FR']);
  });
});
