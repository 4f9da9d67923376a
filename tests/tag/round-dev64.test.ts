// A round of issue #13 read on dev64: a bank of one country opening offices in another (Banco do Brasil), Brussels
// sprouts in four languages, a language named in German ("Französisch lernen"), a title of address before a given
// name ("Doña Argentina Rojas"), and frost as weather. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag, topics } from './shared.ts';

describe("a company's office abroad is not its home's story", () => {
  it.each([
    ['Banco do Brasil inaugura agência em Madrid', 'ES'],
    ['Banco do Brasil abre escritório em Tóquio', 'JP'],
  ])('%s', (title, code) => {
    const tags = tag(title, '', 'pt');
    expect(focus(tags)).toContain(code);
    expect(focus(tags)).not.toContain('BR');
  });

  it("the bank's own results at home are still Brazil's", () => {
    expect(focus(tag('Banco do Brasil tem lucro recorde no trimestre', '', 'pt'))).toContain('BR');
  });
});

describe('Brussels sprouts are a vegetable', () => {
  it.each([
    ['en', 'Kent Brussels sprout farmers fear a poor harvest'],
    ['es', 'Las coles de Bruselas suben de precio en Navarra'],
    ['pt', 'Couves-de-bruxelas chegam mais caras aos mercados do Porto'],
  ])('%s: %s', (language, title) => {
    expect(countries(tag(title, '', language))).not.toContain('BE');
  });

  it('Brussels itself still counts', () => {
    expect(focus(tag('Brussels airport closed by strike', '', 'en'))).toContain('BE');
  });
});

describe('a language named in German is not its country', () => {
  it.each([
    ['Österreichische Kinder sollen früher Englisch lernen', 'GB'],
    ['Neue Kurse für Spanisch an Berliner Volkshochschulen', 'ES'],
    ['Migranten lernen Deutsch in Wiener Sprachkursen', 'DE'],
  ])('%s', (title, code) => {
    expect(countries(tag(title, '', 'de'))).not.toContain(code);
  });

  it('an inflected adjective and the first half of a compound still name the country', () => {
    expect(focus(tag('Französische Bauern blockieren Autobahnen', '', 'de'))).toContain('FR');
    expect(focus(tag('Russisch-ukrainische Gespräche in Istanbul', '', 'de'))).toEqual(
      expect.arrayContaining(['RU', 'UA']),
    );
  });
});

describe('a title of address before a given name', () => {
  it.each([
    ['es', 'Doña Argentina Ramírez cumple 100 años en Puebla', 'MX', 'AR'],
    ['pt', 'Dona Angola Santos comemora 100 anos em Recife', 'BR', 'AO'],
  ])('%s: %s', (language, title, code, not) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toContain(code);
    expect(countries(tags)).not.toContain(not);
  });
});

describe('frost as weather', () => {
  it.each([
    ['es', 'Una helada tardía arruina los viñedos'],
    ['pt', 'Geada atinge cafezais no sul de Minas'],
  ])('%s: %s', (language, title) => {
    expect(topics(tag(title, '', language))).toContain('environment');
  });
});
