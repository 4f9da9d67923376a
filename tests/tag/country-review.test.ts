// Country rules that must not overreach: a seat city opening the title stands for an organisation only where its
// name is a fixed metonym (Brussels for the EU), not in a local story that happens to name an agency seated there;
// a city the title is about keeps its country as a focus beside a dateline that is only the filing desk; a country
// word that is part of a person's name elsewhere in the entry still names the country where the entry shows it does.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('a seat city opening the title of a local story', () => {
  it.each([
    [
      'Geneva voters back a minimum wage',
      'Staff of the WHO and other agencies will be affected, the canton said.',
      'en',
      'CH',
    ],
    ['Genf stimmt über Mindestlohn ab', 'Auch Angestellte der WHO sind betroffen, teilte der Kanton mit.', 'de', 'CH'],
    [
      'Paris braces for transport strike',
      'Metro lines will close on Thursday as OECD ministers meet in the city.',
      'en',
      'FR',
    ],
    ['Rome mayor bans cars from centre', 'The measure starts in March; FAO staff welcomed it.', 'en', 'IT'],
    [
      'Frankfurt airport strike grounds flights',
      'Lufthansa cancelled 300 flights; the ECB said its staff would work from home.',
      'en',
      'DE',
    ],
    ['Nairobi floods kill 20', 'UNEP offices were closed as rain continued.', 'en', 'KE'],
    ['Jakarta sinking faster than expected', 'ASEAN leaders will meet in the capital next month.', 'en', 'ID'],
  ])('%s keeps its country as focus', (title, summary, language, code) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('Brussels opening the title beside the EU named in the summary is the EU, not Belgium', () => {
    const eu = tag(
      'Bruxelles propose de reporter la loi anti-déforestation',
      'La Commission européenne cède aux pressions de plusieurs États membres.',
      'fr',
    );
    expect(focus(eu)).toEqual([]);
    expect(eu.find((t) => t.value === 'BE')?.reason.rule).toBe('country.seat');
  });
});

describe('a city named in the title, beside a dateline in another country', () => {
  it.each([
    [
      'Earthquake shakes Istanbul',
      'ATHENS (Reuters) - The quake was felt across the Aegean, seismologists said.',
      'en',
      'TR',
    ],
    ['Hochwasser in Prag: Altstadt gesperrt', 'BERLIN (dpa) - Die Feuerwehr pumpte die ganze Nacht.', 'de', 'CZ'],
    [
      'Incendio arrasa mercado en Valparaíso',
      'BUENOS AIRES (EFE) - Los bomberos trabajaron toda la noche.',
      'es',
      'CL',
    ],
    ['Incendio en el mercado de Valparaíso', 'BUENOS AIRES (EFE) - Los bomberos trabajaron toda la noche.', 'es', 'CL'],
  ])('%s keeps the country of the city as a focus', (title, summary, language, code) => {
    expect(focus(tag(title, summary, language))).toContain(code);
  });

  it('a city the title names as a destination, or inside a name, stays a mention', () => {
    const train = tag(
      'Deutsche Bahn kündigt Schnellverbindung nach Prag an',
      'BERLIN (dpa) - Ab Dezember fahren die Züge.',
      'de',
    );
    expect(focus(train)).toEqual(['DE']);
    const cafe = tag('Café de Milão reabre na Baixa', 'PORTO, 2 mar (Lusa) - O espaço esteve fechado dois anos.', 'pt');
    expect(focus(cafe)).toEqual(['PT']);
    expect(cafe.find((t) => t.value === 'IT')?.reason.rule).toBe('country.lone-city');
    expect(countries(cafe)).toContain('IT');
  });
});

describe('a country word that is also part of a person named elsewhere in the entry', () => {
  it('still names the country joined by "and" to another country', () => {
    const tags = tag(
      'Francia y Colombia firman un acuerdo comercial',
      'BOGOTÁ (EFE) - La vicepresidenta Francia Márquez viajó para la firma.',
      'es',
    );
    expect(countries(tags)).toContain('FR');
  });

  it('still names the country beside its demonym', () => {
    const tags = tag(
      'Montenegro e Portugal assinam acordo de cooperação',
      'O primeiro-ministro Luís Montenegro recebeu o homólogo montenegrino em Lisboa.',
      'pt',
    );
    expect(countries(tags)).toContain('ME');
    const demonym = tag(
      'Governo recebe delegação montenegrina',
      'LISBOA, 2 mar (Lusa) - A visita dura dois dias.',
      'pt',
    );
    expect(countries(demonym)).toContain('ME');
  });

  it('is the person where nothing else says it is the country', () => {
    const tags = tag(
      'Montenegro recebe o presidente do Conselho Europeu',
      'O primeiro-ministro Luís Montenegro falou com António Costa em Lisboa.',
      'pt',
    );
    expect(countries(tags)).not.toContain('ME');
    const joinedToPerson = tag(
      'Francia y Petro firman un acuerdo',
      'BOGOTÁ (EFE) - La vicepresidenta Francia Márquez y el presidente viajaron a la firma.',
      'es',
    );
    expect(countries(joinedToPerson)).not.toContain('FR');
  });
});
