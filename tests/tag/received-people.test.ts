// Receiving people moved or signed is no visit (src/tag/visits.ts, namesVisit): "Cuba recibe a 60 migrantes
// devueltos por..." is the host's story; the country they come from or that sends them stays a side.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a title that receives migrants, refugees or deportees', () => {
  it.each([
    [
      'es',
      'Honduras recibe a 120 deportados en vuelos estadounidenses',
      'SAN PEDRO SULA, 4 mar (EFE).- Dos aviones aterrizaron este martes con hondureños retornados.',
      'HN',
    ],
    [
      'pt',
      'Portugal recebe 80 refugiados afegãos esta semana',
      'LISBOA, 2 jun (Lusa) - O grupo chega num voo fretado e será acolhido em três municípios.',
      'PT',
    ],
    [
      'en',
      'Guatemala receives 90 migrants on Mexican charter flights',
      'GUATEMALA CITY (Reuters) - The group landed on Monday, officials said.',
      'GT',
    ],
  ])('%s: %s', (language, title, summary, host) => {
    expect(focus(tag(title, summary, language))).toEqual([host]);
  });

  it('a visitor received is still a side of the story', () => {
    const tags = tag(
      'Lula recebe presidente argentino em Brasília',
      'BRASÍLIA (Agência Brasil) - O presidente argentino chega para uma visita de dois dias.',
      'pt',
    );
    expect(focus(tags)).toEqual(expect.arrayContaining(['BR', 'AR']));
  });
});
