// The nations of the United Kingdom are the UK's stories in every language, not only in English: "l'Écosse",
// "Schottland", "País de Gales", "Irlanda del Norte" (which is not Ireland). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem } from './shared.ts';

describe('the nations of the UK in the five languages', () => {
  it.each([
    ['fr', "L'Écosse réclame un nouveau référendum", 'Le gouvernement d’Édimbourg a publié un projet de loi.'],
    ['de', 'Schottland will ein neues Referendum', 'Die Regionalregierung legte einen Gesetzentwurf vor.'],
    ['pt', 'Greve de enfermeiros no País de Gales', 'Os sindicatos exigem aumentos salariais.'],
    ['es', 'Elecciones anticipadas en Irlanda del Norte', 'La Asamblea de Stormont fue disuelta.'],
  ])('%s: %s -> GB', (language, title, summary) => {
    expect(focus(tagItem(title, summary, language))).toEqual(['GB']);
  });
});
