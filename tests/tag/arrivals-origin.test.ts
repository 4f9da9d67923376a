// Where arrivals come from is a side of the story of the country they reach: "Italy tightens rules for arrivals by
// sea from Tunisia" is Italy's (roles: `arrival*` ... from, in the five languages). Sentences written for the test
// (issue #13).
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('arrivals from a country', () => {
  it.each([
    ['en', 'Italy tightens rules for arrivals by sea from Tunisia', 'The interior ministry published the decree.'],
    ['es', 'Italia endurece las reglas para las llegadas por mar desde Túnez', 'El ministerio publicó el decreto.'],
    ['pt', 'Itália endurece regras para as chegadas por mar desde a Tunísia', 'O ministério publicou o decreto.'],
    [
      'fr',
      'L’Italie durcit les règles pour les arrivées par la mer depuis la Tunisie',
      'Le ministère a publié le décret.',
    ],
    [
      'de',
      'Italien verschärft Regeln für Ankünfte über das Meer aus Tunesien',
      'Das Ministerium veröffentlichte den Erlass.',
    ],
  ])('leave the country they reach the focus (%s)', (language, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(['IT']);
  });
});
