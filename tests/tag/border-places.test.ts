// Border towns, crossings and camps on migration routes (border_places in config/countries.yaml, issue #13): too small
// for the gazetteer's towns, they still name their country. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('border places on migration routes', () => {
  it.each([
    ['BR', 'Abrigo de Pacaraima amplia vagas', 'A prefeitura abriu mais 200 vagas para famílias.', 'pt'],
    ['CO', 'Necoclí recibe a cientos de migrantes cada día', 'Las lanchas salen al amanecer.', 'es'],
    ['TD', 'Les camps d’Adré débordent', 'Les ONG réclament davantage de fonds.', 'fr'],
    ['GR', 'Neues Lager auf Lesbos eröffnet', 'Es bietet Platz für 3.000 Menschen.', 'de'],
  ])('%s: %s', (code, title, summary, language) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });
});
