// Names and articles. A phrase of the gazetteer none of whose readings fits the text's case leaves its words to
// shorter phrases: "in the Netherlands" (the phrase is "The Netherlands") and "en la Moncloa" (the institution is "La
// Moncloa") were read as nothing, the longer phrase swallowing the name. And a country's name that is the language's
// word for a meeting (es "Reunión", pt "Reunião", fr "Réunion") is read as the island only after an article ("La
// Réunion", "ilha da Reunião"): a title opens with "Reunión de urgencia..." as often as not. Sentences written for the
// test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('a name inside a phrase whose case does not fit', () => {
  it.each([
    ['en', 'NL', 'Chipmaker expands', 'The company will move production to the Netherlands next year.'],
    ['es', 'ES', 'Reunión de urgencia en la Moncloa por la sequía', 'El Gobierno convocó a las comunidades autónomas.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(countries(tag(title, summary, language))).toContain(code);
  });
});

describe('Réunion, and the meeting', () => {
  it.each([
    ['es', 'Reunión de ministros de Agricultura en Bruselas', 'Debatirán la reforma de la PAC.'],
    ['pt', 'Reunião do Copom termina sem surpresa', 'Os diretores mantiveram os juros.'],
    ['fr', 'Réunion des ministres des Finances à Bruxelles', "L'Eurogroupe doit valider le budget."],
  ])('%s: %s', (language, title, summary) => {
    expect(countries(tag(title, summary, language))).not.toContain('RE');
  });

  it.each([
    ['fr', 'Cyclone : La Réunion placée en alerte rouge', 'Les écoles resteront fermées mardi.'],
    ['pt', 'Ciclone atinge a ilha da Reunião', 'Milhares de casas ficaram sem luz.'],
    ['en', 'Cyclone hits Reunion island', 'Schools will stay shut on Tuesday.'],
  ])('%s: %s', (language, title, summary) => {
    expect(focus(tag(title, summary, language))).toContain('RE');
  });
});
