// config/countries.yaml `companies` (empty by default; an editor's table here): a company's home is its story's
// country only when the entry names no other country (scoring.ts dropAloneAliases). Sentences written for the test,
// not eval items.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { shippedConfigCopies } from '../helpers/env.ts';
import { countries, defaultTagger, focus } from './shared.ts';

const EDITORS_TABLE = [
  'companies:',
  '  KR: [Samsung]',
  '  US: [Boeing, Nvidia]',
  '  ES: [Iberdrola]',
  '  BR: [Ambev]',
  '  FR: [Danone]',
  '  DE: [Rheinmetall, BMW]',
  '  JP: [Toyota]',
  '  TW: [TSMC]',
].join('\n');

const configs = shippedConfigCopies('wireroom-companies-');
afterAll(configs.removeAll);
function taggerWithCompanies() {
  const dir = configs.copy((copy) => {
    const file = path.join(copy, 'countries.yaml');
    const text = readFileSync(file, 'utf8');
    if (!text.includes('\ncompanies: {}\n')) throw new Error('config/countries.yaml: no empty companies table to fill');
    writeFileSync(file, text.replace('\ncompanies: {}\n', `\n${EDITORS_TABLE}\n`));
  });
  return createTagger(loadTaxonomy(dir));
}
const tagger = taggerWithCompanies();
const tag = (title: string, summary: string, language: string) => tagger.tag({ title, summary, language });

describe('the default table is empty: product news is no country story', () => {
  it('a phone review names no country', () => {
    expect(
      countries(
        defaultTagger().tag({ title: 'iPhone Xr im Test', summary: 'Apples günstigeres iPhone.', language: 'de' }),
      ),
    ).toEqual([]);
  });
});

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

  it('a source that declares a country does not make a company its own', () => {
    const bySource = tagger.tag({
      title: 'Nvidia supera US$ 5 trilhões em valor',
      summary: 'As ações subiram 3%.',
      language: 'pt',
      sourceCountry: 'BR',
    });
    expect(focus(bySource)).toEqual(['US']);
  });
});
