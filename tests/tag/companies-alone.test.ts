// config/countries.yaml `companies` and `company_news`: a company's home is its story's country only in news about the
// company as a firm (a title naming it, and a word of its results, deals, jobs, plants, fines or chief), only when the
// entry names no other country (scoring.ts dropAloneAliases) or its title tells of the company's own results and deals
// (`company_deals`), and not when it is named with a site the text does not place (src/tag/company-news.ts). Sentences written for the test, not eval items.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { replaceYamlSection, shippedConfigCopies } from '../helpers/env.ts';
import { countries, defaultTagger, focus } from './shared.ts';

const tag = (title: string, summary: string, language: string) => defaultTagger().tag({ title, summary, language });

describe('news about a company as a firm names its home', () => {
  it.each([
    ['en', 'US', "Nvidia's quarterly revenue beats estimates", 'Demand for data-centre chips kept growing.'],
    ['en', 'KR', 'Samsung to cut 3,000 jobs at its memory unit', 'The group blamed weak demand.'],
    ['es', 'ES', 'Iberdrola gana un 12% más en el semestre', 'El beneficio neto alcanzó 3.000 millones de euros.'],
    ['pt', 'BR', 'Ambev tem lucro recorde no trimestre', 'As vendas de cerveja subiram 8%.'],
    ['fr', 'FR', 'Danone relève ses prévisions annuelles', 'Les ventes de produits laitiers ont progressé de 5 %.'],
    ['de', 'DE', 'Rheinmetall erhöht die Prognose', 'Der Umsatz mit Munition hat sich verdoppelt.'],
    // A company named after a place abroad ("Norfolk") is the company.
    ['en', 'US', 'Norfolk Southern quarterly profit rises', 'Freight volumes grew on coal and grain shipments.'],
    // A sum after "de" is no site ("lucro de US$ 3 bilhões").
    ['pt', 'BR', 'Vale tem lucro de US$ 3 bilhões no semestre', 'A mineradora exportou mais minério de ferro.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });
});

describe('a brand in other news names no country', () => {
  it.each([
    ['de', 'iPhone Xr im Test', 'Apples günstigeres iPhone ist nicht günstig.'],
    ['de', 'Xiaomi: Das Mi Mix 3 hat keine Notch', 'Die Frontkamera fährt aus dem Gehäuse.'],
    ['en', 'Podcast 530: Olympic Uno', 'We talk about the new Nintendo console and what Sony plans next.'],
    ['en', 'Five tips for your new phone', 'Samsung and Apple hide these settings deep in their menus.'],
  ])('%s: %s', (language, title, summary) => {
    expect(countries(tag(title, summary, language))).toEqual([]);
  });

  it('Vale is the miner only in news about a firm', () => {
    expect(focus(tag('Vale a pena viajar para Lisboa no inverno', 'A cidade tem menos turistas.', 'pt'))).toEqual([
      'PT',
    ]);
  });

  it('Americanas is the Brazilian retailer, not a demonym', () => {
    expect(
      countries(tag('Justiça bloqueia bens da Americanas por fraude contábil', 'O rombo chega a R$ 25 bilhões.', 'pt')),
    ).not.toContain('US');
  });

  it('a company named only below the title says nothing', () => {
    expect(countries(tag('Quarterly profits beat estimates', 'Analysts had expected less from Nvidia.', 'en'))).toEqual(
      [],
    );
  });
});

describe('where the company acts is the story', () => {
  it('beside another country the company says nothing of where the story is', () => {
    expect(countries(tag('TSMC raises prices for Nvidia', 'Taiwan’s chipmaker cited costs.', 'en'))).toEqual(['TW']);
    expect(focus(tag('Samsung abre fábrica em Manaus', 'A unidade terá 2.000 trabalhadores.', 'pt'))).toEqual(['BR']);
  });

  it('a company named with a site the text does not place names no country', () => {
    expect(
      countries(tag('Tesla darf Werk in Brandenwalde erweitern', 'Tesla will die Produktion verdoppeln.', 'de')),
    ).toEqual([]);
    expect(
      countries(tag('Trabajadores de la Volkswagen de Valdelosa van a la huelga', 'Piden mejores salarios.', 'es')),
    ).toEqual([]);
    expect(
      countries(
        tag('Stellantis fabricará un nuevo modelo eléctrico en Valdelosa', 'La inversión crea 800 empleos.', 'es'),
      ),
    ).toEqual([]);
  });

  it('what follows a comma after the company is what it is or owns, not its site', () => {
    expect(
      focus(
        tag(
          'Inditex gana un 9 % más en el semestre',
          'El grupo textil Inditex, dueño de Zara, obtuvo un beneficio neto de 2.760 millones de euros.',
          'es',
        ),
      ),
    ).toEqual(['ES']);
    expect(
      focus(
        tag('Kering voit ses ventes reculer', 'Le groupe de luxe Kering, propriétaire de Gucci, recule de 12 %.', 'fr'),
      ),
    ).toEqual(['FR']);
  });

  it('a company beside a town of another country leaves the town its story', () => {
    expect(focus(tag('Fujitsu schließt Werk in Augsburg', 'Rund 1.500 Stellen fallen weg.', 'de'))).toEqual(['DE']);
  });

  it('below a title naming only the company, other countries are its markets', () => {
    expect(
      focus(tag('Volkswagen: Gewinn bricht um ein Viertel ein', 'Der Absatz in China sank um 20 Prozent.', 'de')),
    ).toContain('DE');
    expect(focus(tag('Inditex gana un 9% más', 'Las ventas en Estados Unidos crecieron un 12%.', 'es'))).toContain(
      'ES',
    );
  });

  it.each([
    ['de', 'DE', 'Siemens kauft Softwarefirma aus Kanada', 'Der Kaufpreis liegt bei zwei Milliarden Euro.'],
    ['fr', 'FR', 'Carrefour cède ses magasins en Pologne', 'Le groupe se recentre sur ses marchés historiques.'],
    ['es', 'ES', 'Repsol vende su filial en Ecuador', 'La operación asciende a 400 millones de euros.'],
    ['en', 'CH', 'Nestlé agrees takeover of Brazilian coffee maker', 'The deal values the firm at $3bn.'],
  ])(
    '%s: a title on the company’s own deals keeps its home beside its target’s country (%s)',
    (language, code, title, summary) => {
      expect(focus(tag(title, summary, language))).toContain(code);
    },
  );

  it.each([
    ['es', 'ES', 'Repsol vende su filial en Ecuador', 'La operación asciende a 400 millones de euros.'],
    ['fr', 'FR', 'Carrefour cède ses activités au Brésil', 'Le groupe se recentre sur ses marchés historiques.'],
    ['pt', 'PT', 'Galp vende ativos no Brasil por 800 milhões', 'A petrolífera reduz a dívida.'],
    ['de', 'DE', 'Siemens verkauft Tochter in Indien', 'Der Kaufpreis liegt bei einer Milliarde Euro.'],
    ['en', 'GB', 'Unilever sells tea business in India', 'The deal values the unit at $1bn.'],
  ])(
    '%s: a unit or assets sold abroad are the company’s market, not a focus (%s)',
    (language, code, title, summary) => {
      expect(focus(tag(title, summary, language))).toEqual([code]);
    },
  );

  it('a plant abroad is its site’s story, not the company’s home', () => {
    const tags = tag('Siemens to build turbine plant in Mexico', 'The factory will employ 1,200 people.', 'en');
    expect(countries(tags)).toEqual(['MX']);
  });

  it('beside a dateline the company is no country of the story', () => {
    const tags = tag(
      'BP unit to build gold extraction plant',
      'DENVER (Reuters) - A unit of BP said on Monday it would invest $40 million.',
      'en',
    );
    expect(focus(tags)).toEqual(['US']);
  });

  it('a group of states acting on a company, or the company as a workplace, names no home', () => {
    expect(
      countries(tag('EU regulators fine Google €2bn over ad tech', 'The company said it would appeal.', 'en')),
    ).toEqual([]);
    expect(countries(tag('Operários entram em greve na Volkswagen por reajuste', 'A fábrica parou.', 'pt'))).toEqual(
      [],
    );
  });

  it('two companies of two countries name neither', () => {
    expect(countries(tag('Toyota and BMW extend their joint venture', 'Shares of both rose.', 'en'))).toEqual([]);
  });

  it('companies never outvote the state’s own institutions', () => {
    const tags = tag(
      'Governo abre venda de 40% da companhia aérea; Lufthansa e KLM na corrida',
      'O Conselho de Ministros aprovou o decreto-lei da privatização.',
      'pt',
    );
    expect(focus(tags)).toEqual(['PT']);
  });

  it('a source that declares a country does not make a company its own', () => {
    const bySource = defaultTagger().tag({
      title: 'Nvidia supera US$ 5 trilhões em valor de mercado',
      summary: 'As ações subiram 3%.',
      language: 'pt',
      sourceCountry: 'BR',
    });
    expect(focus(bySource)).toEqual(['US']);
  });
});

describe("editors' tables", () => {
  const configs = shippedConfigCopies('wireroom-companies-');
  afterAll(configs.removeAll);
  const withCountries = (edit: (text: string) => string) => {
    const dir = configs.copy((copy) => {
      const file = path.join(copy, 'countries.yaml');
      writeFileSync(file, edit(readFileSync(file, 'utf8')));
    });
    return createTagger(loadTaxonomy(dir));
  };

  it('an editor adds a company', () => {
    const t = withCountries((text) => replaceYamlSection(text, 'companies', '  BR: [Totvs]'));
    const title = 'Totvs tem lucro recorde';
    expect(focus(t.tag({ title, summary: 'As entregas de jatos subiram.', language: 'pt' }))).toEqual(['BR']);
    expect(focus(tag(title, 'As entregas de jatos subiram.', 'pt'))).toEqual([]);
  });

  it('without company_deals words a deal abroad is its target country’s story', () => {
    const t = withCountries((text) => replaceYamlSection(text, 'company_deals', '  {}'));
    const title = 'Carrefour cède ses magasins en Pologne';
    const summary = 'Le groupe se recentre sur ses marchés historiques.';
    expect(countries(t.tag({ title, summary, language: 'fr' }))).toEqual(['PL']);
    expect(focus(tag(title, summary, 'fr'))).toContain('FR');
  });

  it('without company_news words every company named alone counts', () => {
    const t = withCountries((text) => replaceYamlSection(text, 'company_news', '  {}'));
    const title = 'Apple zeigt neues iPhone';
    expect(focus(t.tag({ title, summary: 'Es kostet mehr.', language: 'de' }))).toEqual(['US']);
    expect(focus(tag(title, 'Es kostet mehr.', 'de'))).toEqual([]);
  });
});
