// Countries that are not where the story is: a demonym naming a currency, and a country the text only names below the
// title beside a stronger one.
import { describe, expect, it } from 'vitest';
import { countries, defaultTagger, focus } from './shared.ts';

const tag = (title: string, summary: string, language = 'en') => defaultTagger().tag({ title, summary, language });

describe('currencies', () => {
  it('a demonym naming a currency is no evidence, in either word order', () => {
    const bond = tag('Bremer Landesbank issues Australian dollar bond', 'BREMEN, March 3 (Reuters) - The bank said.');
    expect(countries(bond)).not.toContain('AU');
    expect(focus(bond)).toEqual(['DE']);
    const es = tag('El dólar australiano cae', 'MADRID, 3 mar (EFE) - La divisa cedió en la sesión.', 'es');
    expect(countries(es)).not.toContain('AU');
  });

  it("a country's letters fused with the dollar sign name its currency, not the country", () => {
    const pt = tag(
      'Petrobras vende refinaria por US$ 1,8 bilhão',
      'A estatal anunciou a venda nesta segunda-feira.',
      'pt',
    );
    expect(countries(pt)).not.toContain('US');
    expect(focus(pt)).toEqual(['BR']);
    const en = tag('Miner raises A$1.2bn for lithium push', 'PERTH (Reuters) - The company said on Monday.');
    expect(countries(en)).toEqual(['AU']);
    const fr = tag('Le groupe lève 2 milliards de $US au Canada', 'MONTRÉAL (AFP) - La société a annoncé lundi.', 'fr');
    expect(countries(fr)).not.toContain('US');
    expect(focus(fr)).toContain('CA');
  });

  it('the same demonym beside another noun still counts', () => {
    expect(focus(tag('Australian farmers protest drought aid', 'Growers marched in the capital.'))).toContain('AU');
  });
});

describe('countries named in passing', () => {
  it('beside a stronger country, one only named in the summary is a mention', () => {
    const tags = tag('Emergency declared in the capital', 'LIMA (Reuters) - Officials said Ecuador sent aid.');
    expect(focus(tags)).toEqual(['PE']);
    expect(countries(tags)).toContain('EC');
  });

  it('with other evidence for it (a demonym, a place), it stays a focus', () => {
    const tags = tag(
      'Israel restricts water in the Jordan Valley',
      'Palestinian farmers in the West Bank say soldiers block access to wells.',
    );
    expect(focus(tags)).toContain('PS');
  });
});
