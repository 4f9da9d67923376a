// People whose arrival a title names by their demonym ("chegada de haitianos", "la llegada de hondureños") come from
// where the demonym says: an origin (the roles table's arrival frames, config/countries.yaml), a mention beside the
// country where they arrive (demoteKickerObjects in src/tag/kicker.ts, issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

/** The entry's one focus is where the people are; their demonym's country stays a mention. */
function placedNotFrom(where: string, from: string, title: string, summary: string, language: string): void {
  const tags = tag(title, summary, language);
  expect(focus(tags)).toEqual([where]);
  expect(countries(tags)).toContain(from);
}

describe('people arriving, named by their demonym', () => {
  it.each([
    [
      'BR',
      'HT',
      'Chegada de haitianos a Tabatinga triplica',
      'O abrigo da cidade recebeu 300 pessoas em outubro.',
      'pt',
    ],
    [
      'MX',
      'HN',
      'Se duplica la llegada de hondureños a Tapachula',
      'El albergue recibió a 300 personas en octubre.',
      'es',
    ],
    ['TD', 'SD', 'Arrivée de Soudanais à Adré : les camps débordent', 'Les ONG réclament davantage de fonds.', 'fr'],
  ])('%s, not %s: %s', placedNotFrom);

  it('a demonym without an arrival keeps its focus', () => {
    const tags = tag('Médico haitiano abre clínica em Tabatinga', 'O abrigo da cidade recebeu 300 pessoas.', 'pt');
    expect(focus(tags)).toEqual(['BR', 'HT']);
  });
});

// People a verb deports, expels or takes in, named by their demonym with only a count between, are objects too.
describe('people deported or taken in, named by their demonym', () => {
  it.each([
    [
      'CR',
      'NI',
      'Costa Rica deporta a más de 300 nicaragüenses en un mes',
      'Migración informó de los operativos en la frontera norte.',
      'es',
    ],
    ['BR', 'VE', 'Roraima volta a receber 600 venezuelanos por dia', 'O abrigo da cidade está lotado.', 'pt'],
    [
      'IT',
      'TN',
      'Italy deports some 200 Tunisians in a week',
      'The interior ministry said more flights would follow.',
      'en',
    ],
  ])('%s, not %s: %s', placedNotFrom);

  it('a noun between the verb and the demonym leaves it alone', () => {
    const tags = tag('Costa Rica deporta a un empresario nicaragüense', 'Migración informó del caso.', 'es');
    expect(focus(tags)).toContain('NI');
  });
});

// People counted by their demonym ("600 venezuelanos") are a crowd of nationals where the story places them, and a
// place that receives a counted crowd is not receiving a visit.
describe('people counted by their demonym', () => {
  it.each([
    ['BR', 'VE', 'Pacaraima recebe 600 venezuelanos por dia', 'Os abrigos da cidade estão lotados.', 'pt'],
    [
      'JP',
      'BR',
      'Fábrica fecha em Hamamatsu e deixa 400 brasileiros sem emprego',
      'A maior comunidade brasileira do Japão perde o emprego.',
      'pt',
    ],
    ['PA', 'CO', 'Más de 2.000 colombianos cruzan el Darién en una semana', 'Las autoridades piden ayuda.', 'es'],
  ])('%s, not %s: %s', placedNotFrom);

  it('a visit that receives a guest stays a visit', () => {
    const tags = tag('Lula recebe o presidente da Colômbia em Brasília', 'Os dois assinam acordos.', 'pt');
    expect(focus(tags)).toEqual(['BR', 'CO']);
  });
});

// Tourists, workers, fans and emigrants named by their demonym are nationals where the story places them.
describe('nationals abroad, named by their demonym beside what they are', () => {
  it.each([
    ['ES', 'GB', 'Three British tourists hurt in Málaga balcony fall', 'Police opened an inquiry.', 'en'],
    ['CH', 'PT', 'Trabalhadores portugueses em greve num estaleiro de Genebra', 'Exigem salários em atraso.', 'pt'],
    [
      'FR',
      'AR',
      'Des supporters argentins interpellés à Lyon',
      'Une vingtaine de personnes ont été placées en garde à vue.',
      'fr',
    ],
  ])('%s, not %s: %s', placedNotFrom);
});
