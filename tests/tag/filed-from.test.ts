// A dateline abroad that only says where a story about another country was filed (kicker.ts demoteFilingDateline).
// Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { focus, tagItem } from './shared.ts';

const rule = (tags: ReturnType<typeof tagItem>, code: string) =>
  tags.find((t) => t.kind === 'country' && t.value === code)?.reason.rule;

/** The story's country is the only focus, and the dateline's a mention as where it was filed. */
function filedFrom(language: string, title: string, summary: string, story: string, filed: string) {
  const tags = tagItem(title, summary, language);
  expect(focus(tags)).toEqual([story]);
  expect(rule(tags, filed)).toBe('country.filed-from');
}

describe('the title opens with the country the story is about; the dateline is where it was filed', () => {
  it.each([
    [
      'de',
      'Nordkorea feuert zwei Raketen ab',
      'SEOUL, 4. Mai (dpa) - Nordkorea hat nach Angaben des südkoreanischen Militärs zwei Kurzstreckenraketen abgefeuert.',
      'KP',
      'KR',
    ],
    [
      'es',
      'Nicaragua despoja de la nacionalidad a otros 30 opositores',
      'SAN JOSÉ, 4 may (EFE).- Las autoridades retiraron la nacionalidad a 30 opositores, denunció un colectivo de exiliados en Costa Rica.',
      'NI',
      'CR',
    ],
  ])('%s: %s', filedFrom);
});

describe("a regional bureau's dateline over a neighbour's story, named nowhere else (sameBureauRegion)", () => {
  it.each([
    [
      'en',
      'Heavy rains flood dozens of villages in Fiji',
      'SYDNEY (AFP) - Rivers burst their banks after three days of downpours, and schools were closed across the main island.',
      'FJ',
      'AU',
    ],
    [
      'fr',
      "Lomé : l'Assemblée adopte la réforme du code foncier",
      "ACCRA (AFP) - Le texte, voté à l'unanimité, renforce les droits des femmes sur les terres héritées.",
      'TG',
      'GH',
    ],
    [
      'en',
      'Paraguayan senators approve the budget',
      'BUENOS AIRES (AP) - The upper house passed the spending plan by 30 votes to 12 after a long night session.',
      'PY',
      'AR',
    ],
  ])('%s: %s', filedFrom);

  it('not across continents, where a dateline is mostly the actor’s home (a company abroad)', () => {
    const tags = tagItem(
      'Canadian miners raise bid for Chilean copper stake',
      'LONDON (Reuters) - The group offered 1.2 billion dollars for a third of the mine, people familiar with the matter said.',
      'en',
    );
    expect(focus(tags)).toContain('GB');
  });

  it('not for a country that is only where the story goes ("to", "nach")', () => {
    const tags = tagItem(
      'Charter flight takes 40 deportees to Malawi',
      'HARARE (AFP) - Immigration officers escorted the men onto the plane after months in detention.',
      'en',
    );
    expect(focus(tags)).toContain('ZW');
  });
});

describe("below a title that names no place, a neighbour the summary makes the story's country (neighbourBelow)", () => {
  it.each([
    [
      'en',
      'Gunmen kill a dozen villagers in overnight raid',
      'DAKAR (Reuters) - The Malian army said militants attacked the village at night and burned the granaries.',
      'ML',
      'SN',
    ],
    [
      'es',
      'El Parlamento aprueba la reforma de las pensiones',
      'BOGOTÁ (EFE).- El Gobierno ecuatoriano celebró la aprobación del proyecto por 80 votos, tras un largo debate.',
      'EC',
      'CO',
    ],
  ])('%s: %s', filedFrom);

  it('not when the summary names the dateline’s country too', () => {
    const tags = tagItem(
      'Gunmen kill a dozen villagers in overnight raid',
      'DAKAR (Reuters) - The Malian army said the militants had fled across the border into Senegal after the raid.',
      'en',
    );
    expect(focus(tags)).toContain('SN');
  });
});

describe('the dateline stays a focus where the entry says more of its country', () => {
  it('named in the title', () => {
    const tags = tagItem(
      'Nicaragua y Costa Rica reabren la frontera',
      'SAN JOSÉ, 4 may (EFE).- Los dos gobiernos acordaron reabrir el paso de Peñas Blancas.',
      'es',
    );
    expect(focus(tags)).toEqual(['CR', 'NI']);
  });

  it('the title opening with a compound ("US-Zölle")', () => {
    const tags = tagItem(
      'US-Zölle: Bundesrat schickt Delegation nach Washington',
      'BERN (SDA) - Der Bundesrat will über die Zölle auf Schweizer Uhren verhandeln.',
      'de',
    );
    expect(focus(tags)).toContain('CH');
  });
});

describe('a title that names countries only as its objects: the dateline names its subject (promoteDatelineActor)', () => {
  it.each([
    [
      'es',
      'La Cancillería entrega una nota de protesta a Bolivia por la represa',
      'SANTIAGO (EFE).- El canciller convocó al embajador boliviano tras el inicio de las obras en el río Lauca.',
      ['BO', 'CL'],
      'CL',
    ],
    [
      'en',
      'Thousands still travel to Britain for treatment, report finds',
      'DUBLIN (Reuters) - Hundreds of patients a year still go to Britain because of waiting lists, officials said.',
      ['GB', 'IE'],
      'IE',
    ],
  ])('%s: %s', (language, title, summary, codes, dateline) => {
    const tags = tagItem(title, summary, language);
    expect(focus(tags)).toEqual(codes);
    expect(rule(tags, dateline)).toBe('country.dateline-actor');
  });
  it('not the seat of an organisation the entry names', () => {
    const tags = tagItem(
      'El FMI aprueba un nuevo programa de 20.000 millones de dólares para Argentina',
      'WASHINGTON, 11 abr (EFE).- El Fondo Monetario Internacional aprobó un acuerdo por 20.000 millones de dólares con Argentina.',
      'es',
    );
    expect(focus(tags)).toEqual(['AR']);
  });
});
