// A round of issue #13 read on dev65: where a flight is bound does not say which namesake a city is, a province named
// like a capital is the capital's country's, a market named by its demonym is a side, a town with its country named
// beside it is where the story happens, a dateline's namesake told by "la ciudad industrial venezolana", more nouns for
// a person before a given name, child marriage, and a price rising. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag, topics } from './shared.ts';

describe("where a flight is bound does not pick a namesake's country", () => {
  it.each([
    ['es', 'Un avión con destino a Houston aterriza de emergencia en Lima'],
    ['en', 'Plane bound for Miami makes emergency landing in Lima'],
  ])('%s: %s', (language, title) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toContain('PE');
    expect(focus(tags)).not.toContain('US');
  });

  it('a city named with its state is still that namesake', () => {
    expect(focus(tag('Factory in Lima, Ohio, to close next year', '', 'en'))).toContain('US');
  });
});

describe("a province named like a capital is the capital's country's", () => {
  it('beside a town another country has too', () => {
    const tags = tag(
      'Chuvas deixam famílias desalojadas em Viana',
      'As enxurradas atingiram o município de Viana, na província de Luanda, durante a noite.',
      'pt',
    );
    expect(focus(tags)).toEqual(['AO']);
  });
});

describe('a market named by its demonym is where goods go, beside the place the story happens', () => {
  it.each([
    ['es', 'Cafeteros de Medellín apuestan por el mercado japonés', 'CO', 'JP'],
    ['pt', 'Olivicultores de Évora apostam no mercado chinês', 'PT', 'CN'],
    ['fr', 'Les viticulteurs de Bordeaux misent sur le marché chinois', 'FR', 'CN'],
  ])('%s: %s', (language, title, home, market) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toContain(home);
    expect(focus(tags)).not.toContain(market);
  });

  it('a market that is the story stays its country', () => {
    expect(focus(tag('El mercado argentino se desploma tras las elecciones', '', 'es'))).toContain('AR');
  });
});

describe('a town with its country named beside it is where the story happens, not where goods go', () => {
  it('a market named below a destination in the title', () => {
    const tags = tag(
      'Cooperativa peruana de cacao logra exportar a Alemania',
      'La cooperativa, que agrupa a 400 productores de Moyobamba, enviará sus primeros contenedores al mercado alemán en abril.',
      'es',
    );
    expect(focus(tags)).toContain('PE');
    expect(focus(tags)).not.toContain('DE');
  });

  it('a town that needs context has it from a demonym of its country', () => {
    const tags = tag(
      'Cooperativa dominicana de café logra exportar a Corea del Sur',
      'La cooperativa, que reúne a 300 familias de Jarabacoa, prevé enviar los primeros contenedores al mercado surcoreano en mayo.',
      'es',
    );
    expect(focus(tags)).toEqual(['DO']);
  });
});

describe("a dateline's namesake told by a noun, an adjective and a demonym", () => {
  it('a curated city of one country filed by an agency of that country is the other when the text says so', () => {
    const tags = tag(
      'Valencia inaugura un nuevo hospital infantil',
      'VALENCIA, 5 jun (EFE) - El alcalde de la ciudad industrial venezolana anunció que el centro atenderá a 300 niños al día.',
      'es',
    );
    expect(focus(tags)).toContain('VE');
    expect(focus(tags)).not.toContain('ES');
  });

  it('a curated city is not a town of its name that the gazetteer lists below its cities', () => {
    const tags = tag(
      'Bank shares fall in early trading',
      'LONDON (Reuters) - Lenders based in the Canadian city of Toronto and in the City lost ground on Monday.',
      'en',
    );
    expect(focus(tags)).toContain('GB');
  });
});

describe('more nouns for a person before a given name', () => {
  it.each([
    ['es', 'La tenista Argentina Pérez gana el torneo de Monterrey', 'MX', 'AR'],
    ['en', 'Golfer Jordan Smith wins in Dubai', 'AE', 'JO'],
    ['de', 'Pianistin Kenya Müller begeistert in Salzburg', 'AT', 'KE'],
  ])('%s: %s', (language, title, code, not) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toContain(code);
    expect(countries(tags)).not.toContain(not);
  });
});

describe('child marriage is a women topic', () => {
  it.each([
    ['pt', 'Casamentos precoces preocupam autoridades de saúde'],
    ['es', 'Aumenta el matrimonio precoz en zonas rurales'],
    ['en', 'Charity warns of rise in early marriages after floods'],
    ['de', 'Hilfswerk warnt vor mehr Frühehen nach der Dürre'],
  ])('%s: %s', (language, title) => {
    expect(topics(tag(title, '', language))).toContain('women');
  });
});

describe('a price rising is the economy', () => {
  it.each([
    ['pt', 'Preço do arroz sobe 12% nos supermercados'],
    ['es', 'El precio del pan sube un 10% en las panaderías'],
    ['de', 'Der Milchpreis steigt zum dritten Mal in diesem Jahr'],
  ])('%s: %s', (language, title) => {
    expect(topics(tag(title, '', language))).toContain('economy');
  });

  it("a share's price is company news", () => {
    expect(topics(tag('Preço das ações sobe 5% após resultado trimestral', '', 'pt'))).not.toContain('economy');
  });
});
