// Seats of international organisations (src/tag/seats.ts): a dateline or place that is where a named organisation
// meets is no focus for the host country when the title names the organisation or the story has a focus elsewhere.
import { describe, expect, it } from 'vitest';
import { countries, defaultTagger, focus } from './shared.ts';

const tag = (title: string, summary: string, language?: string) => defaultTagger().tag({ title, summary, language });
const rule = (tags: ReturnType<typeof tag>, code: string) => tags.find((t) => t.value === code)?.reason.rule;

describe('seats of international organisations', () => {
  it('the host country is a mention when the title names the organisation', () => {
    const tags = tag(
      'WHO declares end of the cholera emergency',
      'GENEVA (Reuters) - The agency said cases fell.',
      'en',
    );
    expect(focus(tags)).toEqual([]);
    expect(countries(tags)).toEqual(['CH']);
    expect(rule(tags, 'CH')).toBe('country.seat');
  });

  it('works in every language, for the groups of regions.ts too', () => {
    expect(focus(tag('La OPEP mantiene su cuota', 'VIENA, 3 jun (EFE).- El cártel no cambió nada.', 'es'))).toEqual([]);
    expect(focus(tag('Die EZB hält die Zinsen', 'FRANKFURT (dpa) - Der Rat entschied einstimmig.', 'de'))).toEqual([]);
    expect(
      focus(tag('Le Conseil de l’Europe critique la loi', 'STRASBOURG (AFP) - Le texte est jugé trop vague.', 'fr')),
    ).toEqual([]);
  });

  it('the host country is a mention beside a focus elsewhere, even with the organisation named below the title', () => {
    const tags = tag(
      'Sanctions on Belarus widened',
      'BRUSSELS (Reuters) - European Union envoys agreed on a list.',
      'en',
    );
    expect(focus(tags)).toEqual(['BY']);
    expect(countries(tags)).toContain('BE');
  });

  it('Washington is the seat of the IMF and the World Bank, New York of the UN; other US evidence still counts', () => {
    expect(
      focus(
        tag(
          'Le FMI abaisse sa prévision de croissance mondiale',
          'WASHINGTON (AFP) - Le Fonds monétaire international a abaissé mardi sa prévision.',
          'fr',
        ),
      ),
    ).toEqual([]);
    expect(
      focus(tag('IWF senkt Prognose', 'WASHINGTON (Reuters) - Der Internationale Währungsfonds warnt.', 'de')),
    ).toEqual([]);
    expect(
      focus(
        tag(
          'ONU Mujeres alerta de los feminicidios',
          'NUEVA YORK, 25 nov (EFE).- Unas 50.000 mujeres fueron asesinadas, según un informe de la ONU.',
          'es',
        ),
      ),
    ).toEqual([]);
    // The organisation named below the title only, nothing else placed: the dateline stays the focus.
    expect(
      focus(tag('Growth forecast cut', 'WASHINGTON (Reuters) - The World Bank cut its forecast on Tuesday.', 'en')),
    ).toEqual(['US']);
    // A US story filed from the IMF's seat: the US is named.
    expect(
      focus(
        tag(
          'US Treasury backs IMF quota reform',
          'WASHINGTON (Reuters) - The Treasury said it would support the plan.',
          'en',
        ),
      ),
    ).toContain('US');
  });

  it('stays a focus when nothing else says where the story is, or when the organisation is not named', () => {
    expect(focus(tag('Ozone talks end', 'GENEVA (Reuters) - The United Nations panel met for a week.', 'en'))).toEqual([
      'CH',
    ]);
    expect(
      focus(tag('Rail strike halts trains', 'BRUSSELS (Reuters) - Unions walked out over pensions.', 'en')),
    ).toEqual(['BE']);
  });

  it('a region named by its seat ("Brussels" for the EU) names no organisation', () => {
    expect(
      focus(
        tag('Audi Brussels plant to close', 'BRUSSELS (Belga) - The carmaker confirmed the end of production.', 'en'),
      ),
    ).toEqual(['BE']);
  });

  it('Luxembourg is the seat of the EU court and of EU ministers’ meetings; the eurozone reports from Brussels', () => {
    const eu = tag(
      'EU ministers agree on asylum rules',
      'LUXEMBOURG (Reuters) - Interior ministers of the European Union reached a deal late on Thursday.',
      'en',
    );
    expect(focus(eu)).toEqual([]);
    expect(rule(eu, 'LU')).toBe('country.seat');
    const home = tag(
      'Luxembourg cuts income tax for families',
      'LUXEMBOURG (Reuters) - The grand duchy will lower rates from January.',
      'en',
    );
    expect(focus(home)).toEqual(['LU']);
    const euro = tag(
      'Desemprego na zona euro desce para 6,2%',
      'BRUXELAS, 2 jun (Lusa) - A taxa recuou uma décima em abril, segundo o Eurostat.',
      'pt',
    );
    expect(focus(euro)).toEqual([]);
  });

  it.each([
    ['Brussels metro strike halts trains', ''],
    ['Brussels police close Grand-Place after threat', 'Police said the square would reopen on Monday.'],
  ])('a seat with no organisation named is the city: %s', (title, summary) => {
    const tags = tag(title, summary, 'en');
    expect(focus(tags)).toEqual(['BE']);
    expect(rule(tags, 'BE')).toBe('country.place');
  });

  it('a seat opening the title as its subject stands for the organisation the entry names', () => {
    const tags = tag(
      'Brussels wants tougher rules for online marketplaces',
      'The European Commission will propose the changes next week.',
      'en',
    );
    expect(focus(tags)).toEqual([]);
    expect(rule(tags, 'BE')).toBe('country.seat');
    expect(tags.find((t) => t.value === 'european-union')?.reason.rule).toBe('region.name');
    // Where it happens, further in the title, it is the city.
    const meeting = tag('Copper producers gather for Geneva meeting', 'A U.N. conference will host the talks.', 'en');
    expect(focus(meeting)).toEqual(['CH']);
  });
});

describe('the UN system: its seats in Geneva, Vienna, Rome and Nairobi', () => {
  const tag = (title: string, summary: string, language: string) =>
    defaultTagger().tag({ title, summary, language, categories: [] });

  it.each([
    [
      'Somalia: aid agencies warn of famine in the south',
      'GENEVA (Reuters) - The World Food Programme said on Monday that rations would run out within weeks.',
      'en',
      'SO',
      'CH',
    ],
    [
      'Tchad : 20 000 arrivées en une semaine dans l’est du pays',
      'ROME (AFP) - Le Haut-Commissariat, le HCR, redoute une crise alimentaire.',
      'fr',
      'TD',
      'IT',
    ],
    [
      'Jemen: Cholera breitet sich aus',
      'WIEN (APA) - Die Weltgesundheitsorganisation warnt vor Engpässen bei Impfstoffen.',
      'de',
      'YE',
      'AT',
    ],
  ])('an agency named for the UN makes any UN seat one: %s', (title, summary, language, story, host) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toEqual([story]);
    expect(tags.find((t) => t.value === host)?.reason.rule).toBe('country.seat');
  });

  it('"UN" in capitals names the UN; a headline all in capitals says nothing of it (French "un")', () => {
    const tags = tag(
      'UN: Sudan war has displaced 12 million people',
      'GENEVA (Reuters) - The refugee agency said fighting had pushed 4 million people abroad.',
      'en',
    );
    expect(focus(tags)).toEqual(['SD']);
    expect(rule(tags, 'CH')).toBe('country.seat');
    expect(focus(tag('UN HOMME ARRÊTÉ À GENÈVE', 'La police genevoise a interpellé un suspect.', 'fr'))).toEqual([
      'CH',
    ]);
  });

  it.each([
    [
      'en',
      'Bird strikes on aircraft rose 20% last year, ICAO says',
      'MONTREAL (Reuters) - Collisions between aircraft and birds reached a record.',
      'CA',
    ],
    [
      'fr',
      'La BCEAO maintient son taux directeur à 3,5 %',
      'DAKAR, 5 mars (Reuters) - La banque centrale a laissé son taux inchangé.',
      'SN',
    ],
    [
      'de',
      'Ölpreise ziehen nach Opec+-Beschluss an',
      'WIEN (dpa) - Die Förderallianz verlängert ihre Kürzungen bis Jahresende.',
      'AT',
    ],
  ])('%s: the seat of the body in "%s" is no focus', (language, title, summary, host) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toEqual([]);
    expect(rule(tags, host)).toBe('country.seat');
  });

  it('bodies outside the UN system do not make another UN city a seat', () => {
    const tags = tag(
      'Observers criticise vote count',
      'ROME (Reuters) - The OSCE said the count lacked transparency, and the Red Cross reported calm.',
      'en',
    );
    expect(focus(tags)).toEqual(['IT']);
  });
});
