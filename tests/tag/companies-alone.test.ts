// config/countries.yaml `companies`: a company's home is its story's country only when the entry names no other
// country (scoring.ts dropAloneAliases). Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { countries, defaultTagger, focus } from './shared.ts';

const tag = (title: string, summary: string, language: string) => defaultTagger().tag({ title, summary, language });

describe('a company alone names its home', () => {
  it.each([
    ['en', 'KR', 'Samsung unveils a thinner foldable phone', 'The device goes on sale next month at a higher price.'],
    ['en', 'US', 'Boeing delays delivery of its largest jet again', 'Certification tests will run into next year.'],
    ['es', 'ES', 'Iberdrola gana un 12% más en el semestre', 'Las redes compensaron la caída de los precios.'],
    ['pt', 'BR', 'Ambev aumenta preço da cerveja', 'A empresa atribuiu o reajuste ao custo do alumínio.'],
    ['fr', 'FR', 'Danone relève ses prévisions annuelles', 'Les ventes de produits laitiers ont progressé de 5 %.'],
    ['de', 'DE', 'Rheinmetall baut neues Munitionswerk', 'Die Produktion soll im Herbst beginnen.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('beside another country the company says nothing of where the story is', () => {
    expect(countries(tag('TSMC raises prices for Nvidia', 'Taiwan’s chipmaker cited costs.', 'en'))).toEqual(['TW']);
    expect(countries(tag('Samsung abre fábrica em Manaus', 'A unidade produzirá televisores.', 'pt'))).toEqual(['BR']);
  });

  it('two companies of two countries name neither', () => {
    expect(
      countries(tag('Toyota and BMW extend their hydrogen alliance', 'Fuel-cell cars are planned.', 'en')),
    ).toEqual([]);
  });
});
