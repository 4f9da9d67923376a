// A big city news call by the first words of its name ("Santa Cruz" for Santa Cruz de la Sierra) shares that short
// name with the towns that bear it, so the rest of the entry or a national agency's dateline can pick its country; a
// company's name that is a surname once folded ("Koné", Finland's lift maker KONE) leaves a country word before it a
// given name (issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('short forms of big cities, national agencies, surnames named like companies', () => {
  it.each([
    [
      'es',
      'BO',
      'Productores cruceños bloquean rutas por el precio del combustible',
      'SANTA CRUZ, 4 oct (ABI) - Los productores mantienen cerrados tres accesos a la ciudad desde el lunes.',
    ],
    [
      'es',
      'BO',
      'Incendios forestales en Bolivia cubren de humo Santa Cruz',
      'El humo obligó a suspender las clases en la capital oriental del país.',
    ],
  ])('%s: %s, %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('a country word before a surname spelt like a company is a given name', () => {
    const tags = tag(
      'Israël Koné prolonge à Lille jusqu’en 2029',
      'Le milieu de terrain formé au club a signé son nouveau contrat ce lundi au domaine de Luchin.',
      'fr',
    );
    expect(focus(tags)).toEqual(['FR']);
  });
});
