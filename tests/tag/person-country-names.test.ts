// People named like countries (issue #13): "Kenya" is a given name as "Israel" and "Jordan" are; an English headline
// that leaves two long words in lower case is written in sentence case, so a capital after a country word proves a
// surname there ("Israel Okafor signs..."), where a Title Case headline proves nothing; and a nickname in quotes
// between a country word and a capitalised word makes it a given name in any case. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('people named like countries', () => {
  it('Kenya as a given name, before a surname', () => {
    expect(
      countries(tag('Kenya Hollis to direct new drama series', 'The series starts shooting in Toronto in May.', 'en')),
    ).not.toContain('KE');
  });

  it('a sentence-case English headline: a capital after the country word is a surname', () => {
    expect(
      countries(tag('Israel Okafor signs two-year contract with Leeds', 'The striker joins from Porto.', 'en')),
    ).not.toContain('IL');
  });

  it('a Title Case headline still reads the country', () => {
    expect(focus(tag('Israel Approves New Budget After Long Debate', 'The vote was 61 to 59.', 'en'))).toContain('IL');
  });

  it('a nickname in quotes after the country word', () => {
    expect(
      countries(
        tag('Israel "Toro" Méndez defiende su título', 'El boxeador ganó por nocaut en el quinto asalto.', 'es'),
      ),
    ).not.toContain('IL');
  });

  it('the country itself, as subject of the headline', () => {
    expect(focus(tag('Kenya raises fuel prices', 'The energy regulator cited a weaker shilling.', 'en'))).toEqual([
      'KE',
    ]);
  });
});

describe('a country word that is the surname of a person the editors list', () => {
  it('Montenegro beside Portugal’s evidence is Portugal’s prime minister', () => {
    const tags = tag(
      'Montenegro anuncia descida do IRS para 2027',
      'LISBOA, 4 mar (Lusa) - O primeiro-ministro português apresentou hoje as medidas aos parceiros sociais.',
      'pt',
    );
    expect(countries(tags)).not.toContain('ME');
    expect(focus(tags)).toEqual(['PT']);
  });

  it('named in full below, the surname in the title is the person: his country, his visit', () => {
    const tags = tag(
      'Montenegro em Maputo para reforçar relações com Moçambique',
      'O primeiro-ministro Luís Montenegro chegou hoje para uma visita oficial de dois dias.',
      'pt',
    );
    expect(countries(tags)).not.toContain('ME');
    expect(focus(tags)).toEqual(['MZ', 'PT']);
  });

  it('Montenegro with evidence of its own stays the country', () => {
    const tags = tag(
      'Montenegro abre novo capítulo das negociações com a UE',
      'PODGORICA, 4 mar (Lusa) - O governo montenegrino saudou a decisão de Bruxelas.',
      'pt',
    );
    expect(focus(tags)).toContain('ME');
  });
});
