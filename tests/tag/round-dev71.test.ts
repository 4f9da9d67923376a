// A round of issue #13 read on dev71: a mid-size town that nothing else supports does not hide an institution of the
// country it would otherwise be ("migrants arrive in Kent" beside the Home Office, Kent being a Washington town too);
// "Swiss" outside English text is the airline, not the country; a national office that a visit story names without
// its nationality ("Der Bundeskanzler ... in Nigeria") is the visitor's; Germany's statistics office is Germany's.
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('a mid-size town with no support does not hide an institution', () => {
  it('the Home Office beside "Kent" (a Washington town too) is Britain', () => {
    const tags = tag(
      'Record number of small boats reach Kent in one weekend',
      'Home Office figures showed the crossings doubled on the previous record, adding pressure on ministers over their plans for asylum hotels.',
      'en',
    );
    expect(focus(tags)).toEqual(['GB']);
  });

  it('but a town its country backs is still that country', () => {
    const tags = tag('Storm floods Kent and Tacoma', 'The Home Office said it was monitoring the situation.', 'en');
    expect(focus(tags)).not.toContain('GB');
  });
});

describe('"Swiss" outside English text', () => {
  it.each([
    ['de', 'Swiss-Maschine landet nach Rauch in Wien', 'Der Airbus war auf dem Weg von Zürich nach Bukarest.', 'AT'],
    ['fr', "Un avion de Swiss se pose d'urgence à Lyon", "L'Airbus reliait Zurich à Barcelone.", 'FR'],
    [
      'es',
      'Un avión de Swiss aterriza de emergencia en Bilbao',
      'El aparato cubría la ruta entre Zúrich y Lisboa.',
      'ES',
    ],
  ])('%s: the airline landing abroad is no Swiss story: %s', (language, title, summary, code) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toContain(code);
    expect(focus(tags)).not.toContain('CH');
  });

  it('is the airline, its country when no other is named', () => {
    expect(focus(tag('Swiss streicht 300 Stellen in der Verwaltung', '', 'de'))).toEqual(['CH']);
  });

  it('and in English text still the demonym', () => {
    expect(focus(tag('Swiss voters back pension increase', '', 'en'))).toEqual(['CH']);
  });
});

describe("a national office in a visit story is the visitor's", () => {
  it.each([
    [
      'de',
      'Bundeskanzler zu Besuch in Kenia',
      'NAIROBI (dpa) - Der Bundeskanzler ist zu Gesprächen über Fachkräfte eingetroffen.',
      ['DE', 'KE'],
    ],
    [
      'fr',
      'Le Premier ministre en visite au Sénégal',
      'DAKAR (AFP) - Le chef du gouvernement est arrivé au Sénégal pour deux jours.',
      ['FR', 'SN'],
    ],
  ])('%s: %s', (language, title, summary, codes) => {
    expect(focus(tag(title, summary, language)).sort()).toEqual([...codes].sort());
  });

  it('not when the text gives the office its nationality', () => {
    const tags = tag(
      'Le Premier ministre canadien en visite au Sénégal',
      'DAKAR (AFP) - Le chef du gouvernement canadien est arrivé pour deux jours.',
      'fr',
    );
    expect(countries(tags)).not.toContain('FR');
  });
});

describe("Germany's statistics office", () => {
  it('is Germany', () => {
    const tags = tag(
      'Industrieproduktion sinkt zum dritten Mal in Folge',
      'Die Produktion im verarbeitenden Gewerbe ging im Oktober um 1,2 Prozent zurück, teilte das Statistische Bundesamt mit.',
      'de',
    );
    expect(focus(tags)).toEqual(['DE']);
  });

  it('beside German exports, over the market they go to', () => {
    const tags = tag(
      'Exporte in die USA sinken deutlich',
      'Die deutschen Ausfuhren in die Vereinigten Staaten sanken im Oktober um neun Prozent, teilte das Statistische Bundesamt mit.',
      'de',
    );
    expect(focus(tags)).toEqual(['DE']);
  });
});
