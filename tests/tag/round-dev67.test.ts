// A round of issue #13 read on dev67: a namesake dateline that the text calls a city of a named country is that
// country's; nationals where the story places them are no focus even when they open the title; a lone member of a
// group named in the title is an aside, not one of the members acting. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('a namesake dateline the text calls a city of a named country', () => {
  it.each([
    [
      'pt',
      'Trânsito caótico após forte chuva',
      'LAGOS, 3 mar (Lusa) - A maior cidade da Nigéria ficou parada durante horas.',
      'NG',
    ],
    [
      'en',
      'Traffic snarled after heavy rain',
      'LAGOS, March 3 (Reuters) - The largest city of Nigeria ground to a halt.',
      'NG',
    ],
    [
      'fr',
      'Embouteillages monstres après la pluie',
      'LAGOS, 3 mars (AFP) - La plus grande ville du Nigeria est restée paralysée.',
      'NG',
    ],
  ])('%s: %s', (language, title, summary, want) => {
    expect(focus(tag(title, summary, language))).toEqual([want]);
  });

  it("a national agency's namesake stays at home when the text names no other country", () => {
    expect(
      focus(
        tag(
          'Câmara aprova novo mercado',
          'LAGOS, 3 mar (Lusa) - A autarquia algarvia investe um milhão de euros.',
          'pt',
        ),
      ),
    ).toEqual(['PT']);
  });
});

describe('nationals where the story places them', () => {
  it.each([
    ['de', 'Deutsche Urlauber bei Lawinenunglück in Tirol verletzt', 'AT'],
    ['pt', 'Brasileiros em Angola denunciam atrasos nos vistos', 'AO'],
    ['es', 'Venezolanos en Chile protestan por nuevas reglas de residencia', 'CL'],
    ['en', 'Ukrainians in Poland face new rules on benefits', 'PL'],
  ])('%s: %s', (language, title, want) => {
    expect(focus(tag(title, '', language))).toEqual([want]);
  });

  it('a demonym opening the title for the state itself still acts', () => {
    expect(focus(tag('Brasileiros vencem Argentina e vão à final', '', 'pt'))).toContain('BR');
  });
});

describe("a group's members acting are named together", () => {
  it('a lone member named below the group is an aside', () => {
    const tags = tag(
      'Serbia opens two more chapters of its EU accession talks',
      'BRUSSELS (Reuters) - The government in Belgrade hopes to join by 2030, the first new member since Croatia.',
      'en',
    );
    expect(focus(tags)).toEqual(['RS']);
  });

  it('members named together below the group act', () => {
    const tags = tag(
      'Mercosur leaders meet without a deal on tariffs',
      'Los presidentes de Argentina, Brasil y Uruguay no lograron acordar la rebaja del arancel común.',
      'es',
    );
    expect(focus(tags)).toEqual(['AR', 'BR', 'UY']);
  });
});
