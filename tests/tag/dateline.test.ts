// Wire datelines and "City, Region": the conventions of en, es, pt, fr and de wires, read as evidence for the
// country where the story happens (issue #13).
import { describe, expect, it } from 'vitest';
import { readDateline } from '../../src/tag/dateline.ts';
import { lookupSubdivision } from '../../src/tag/subdivisions.ts';
import { countries, defaultTagger, focus } from './shared.ts';

const tag = (title: string, summary: string, language?: string) => defaultTagger().tag({ title, summary, language });

describe('readDateline', () => {
  it.each([
    ['LIMA, 30 nov (EFE) - El Congreso aprobó', 'LIMA', [], 'EFE'],
    ['BUENOS AIRES (AFP) - El gobierno', 'BUENOS AIRES', [], 'AFP'],
    ['PARIS (Reuters) - The French', 'PARIS', [], 'Reuters'],
    ['WASHINGTON (AP) — The Senate', 'WASHINGTON', [], 'AP'],
    ['BERLIN, 3. März (dpa) - Die Regierung', 'BERLIN', [], 'dpa'],
    ['SÃO PAULO, 12 de março (Lusa) - O governo', 'SÃO PAULO', [], 'Lusa'],
    ['SAN MATEO, Calif., March 3 - The company', 'SAN MATEO', ['Calif.'], undefined],
    ['WASHINGTON, D.C., March 13 - Range Rover', 'WASHINGTON', ['D.C.'], undefined],
    ['Lima, 30 nov (EFE).- El presidente', 'Lima', [], 'EFE'],
    ['PARIS, Nov. 30, 2026 (AFP) -- Le gouvernement', 'PARIS', [], 'AFP'],
    ['Toronto, April 13 - Shares of Dome', 'Toronto', [], undefined],
    ['RIO DE JANEIRO (Reuters) - Moradores relatam', 'RIO DE JANEIRO', [], 'Reuters'],
    ['LONDON (Ontario), 14 mars (PC) - Les pompiers', 'LONDON', ['Ontario'], 'PC'],
  ])('%s', (text, place, regions, agency) => {
    const d = readDateline(text);
    expect(d?.place.text).toBe(place);
    expect(d?.regions.map((r) => r.text)).toEqual(regions);
    expect(d?.agency).toBe(agency);
    expect(text.slice(d?.end ?? 0).trimStart()).toMatch(/^\p{Lu}/u);
  });

  it('reads the colon form of South Asian papers below the title, and counts it only when its place is found', () => {
    expect(readDateline('SHIMLA: At least 14 passengers were killed')?.place.text).toBe('SHIMLA');
    expect(readDateline('NEW DELHI: The Supreme Court on Monday')?.loose).toBe(true);
    expect(readDateline('SHIMLA: At least 14 passengers were killed', true)).toBeUndefined();
    const shimla = tag(
      'Bus plunges into gorge, 14 dead',
      'SHIMLA: At least 14 passengers were killed on Tuesday.',
      'en',
    );
    expect(shimla.find((t) => t.value === 'IN')?.reason.rule).toBe('country.dateline');
    expect(
      countries(tag('Court orders probe', 'UPDATE: The court said on Monday it would hear the case.', 'en')),
    ).toEqual([]);
  });

  it('is not a headline, a sentence with a dash, or a title-case place without a date or agency', () => {
    expect(readDateline('Peru: Massive March on Lima - and a strike')).toBeUndefined();
    expect(readDateline('The president said - again - that')).toBeUndefined();
    expect(readDateline('Brazil - Lula wins a third term')).toBeUndefined();
    expect(readDateline('NEW YORK - shares fell', true)).toBeUndefined();
  });
});

describe('state and province abbreviations', () => {
  it.each([
    ['Calif.', 'US'],
    ['N.J.', 'US'],
    ['MICH.', 'US'],
    ['Mass.', 'US'],
    ['Conn.', 'US'],
    ['Pa.', 'US'],
    ['Fla', 'US'],
    ['ILL.', 'US'],
    ['W.Va.', 'US'],
    ['Ont.', 'CA'],
    ['B.C.', 'CA'],
    ['Quebec', 'CA'],
    ['New South Wales', 'AU'],
  ])('%s is in %s', (written, country) => expect(lookupSubdivision(written)?.country).toBe(country));

  it('in running text, postal codes and dotless short words are not states', () => {
    expect(lookupSubdivision('IN', true)).toBeUndefined();
    expect(lookupSubdivision('Miss', true)).toBeUndefined();
    expect(lookupSubdivision('Miss.', true)?.country).toBe('US');
  });
});

describe('the dateline makes the place’s country a focus', () => {
  it('a US town with its state, though the place name is elsewhere', () => {
    const tags = tag('VARIAN GETS 19 MLN DLR SUBCONTRACT', 'SAN JOSE, Calif., March 12 - Varian Associates said');
    expect(focus(tags)).toEqual(['US']);
    expect(tags.find((t) => t.value === 'US')?.reason.rule).toBe('country.dateline');
    expect(focus(tag('Plant expands', 'ALEXANDRIA, Va., March 3 - The plant will hire 200 workers.'))).toEqual(['US']);
    expect(countries(tag('Plant expands', 'ALEXANDRIA, Va., March 3 - The plant will hire.'))).not.toContain('EG');
  });

  it('LONDON, Ontario is Canada, LONDON alone Britain', () => {
    expect(countries(tag('Factory closes', 'LONDON, Ontario, March 3 - The factory will close.'))).toEqual(['CA']);
    expect(focus(tag('Shares fall', 'LONDON, March 3 (Reuters) - Shares fell on Tuesday.'))).toEqual(['GB']);
  });

  it('in each language', () => {
    expect(focus(tag('Congreso aprueba reforma', 'LIMA, 30 nov (EFE) - El Congreso aprobó la reforma.', 'es'))).toEqual(
      ['PE'],
    );
    expect(focus(tag('Governo anuncia plano', 'SÃO PAULO, 12 de março (Lusa) - O governo anunciou.', 'pt'))).toEqual([
      'BR',
    ]);
    expect(
      focus(tag('Grève dans les transports', 'MARSEILLE, 3 mars (AFP) - Les syndicats ont appelé.', 'fr')),
    ).toEqual(['FR']);
    expect(focus(tag('Regierung plant Reform', 'BERLIN, 3. März (dpa) - Die Regierung will.', 'de'))).toEqual(['DE']);
    expect(focus(tag('Parlamento dissolvido', 'LISBOA, 9 nov (Lusa) - O Presidente anunciou.', 'pt'))).toEqual(['PT']);
    expect(focus(tag('Incendie dans un entrepôt', 'LONDON (Ontario), 14 mars (PC) - Les pompiers.', 'fr'))).toEqual([
      'CA',
    ]);
  });

  it('a city name several countries share: the one where the entry’s language is spoken, if of comparable size', () => {
    expect(
      focus(tag('Tempête sur le Finistère', 'BREST (AFP) - Des rafales de 200 km/h ont été mesurées.', 'fr')),
    ).toEqual(['FR']);
    expect(focus(tag('Port strike ends', 'HAMBURG (Reuters) - Dock workers returned to work.', 'en'))).toEqual(['DE']);
  });

  it('a country named inside the place', () => {
    expect(
      focus(tag('Ministro renuncia', 'CIUDAD DE GUATEMALA, 16 nov (AP).- La solicitud del ministro.', 'es')),
    ).toEqual(['GT']);
  });

  it('the story stays elsewhere when the text is clearly about another country', () => {
    const tags = tag(
      'Japan and Brazil sign trade pact; Japan to cut tariffs on Brazilian beef',
      'WASHINGTON (Reuters) - Japan and Brazil signed a trade pact.',
    );
    expect(focus(tags)).toEqual(['BR', 'JP']);
  });

  it('"City, State" in running text: the pair names the state’s country', () => {
    expect(countries(tag('Plant', 'Columbia Aluminum Corp, of Hermiston, Ore., failed to pay.'))).toEqual(['US']);
    expect(countries(tag('Plant', 'A new mill opened in Edmonton, Alberta on Monday.'))).toEqual(['CA']);
    expect(countries(tag('Protest', 'Thousands marched in Tbilisi, Georgia, against the law.'))).toEqual(['GE']);
  });
});

describe('passing mentions beside a focus', () => {
  it('a country named once deep in the body of a story about elsewhere is not tagged; alone, it stays', () => {
    const tags = defaultTagger().tag({
      title: 'Peru raises copper royalties',
      summary: 'The Peruvian Congress approved higher royalties for copper miners.',
      content:
        'LIMA, March 3 - The Peruvian Congress approved higher royalties. Mines sell much of their ore to China.',
    });
    expect(countries(tags)).toEqual(['PE']);
    expect(
      countries(defaultTagger().tag({ title: 'Notes', content: 'Mines sell much of their ore to China.' })),
    ).toEqual(['CN']);
  });
});
