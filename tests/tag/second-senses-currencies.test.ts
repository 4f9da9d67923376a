// Kinds found on dev39 (issue #13): a sport or science story reads some title words of kept topics in a second sense
// (a striker's "strike", a boxer's "golpe", a herd's or a planet's "migration", worker bees), and two forms of one word
// are one word there; a topic word in a work's quoted title ("l'album 'Lutte des classes'") names the work; a currency
// sign that belongs to one country's money ("R$ 10", "£2m") is that country's news; institutions whose name other
// countries of another language share ("Policía Federal" in Argentina and Mexico, the Spanish "SMI"); German regional
// papers' full-stop dateline ("ESSEN. ..."); a dateline whose name several countries have, the field naming towns of
// one of them ("HYDERABAD: ... Karachi"). Sentences written for these tests, not taken from the sets.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/config/index.ts';
import { readDateline } from '../../src/tag/dateline.ts';
import { checkTaxonomy } from '../../src/tag/index.ts';
import { tokenize } from '../../src/tag/text.ts';
import { tempDir } from '../helpers/env.ts';
import { countries, focus, tagItem, topicsOf } from './shared.ts';

describe('title words a kind of story reads in a second sense', () => {
  it.each([
    [
      'en',
      "Osimhen's stunning strike settles the derby",
      'The striker curled in from 25 yards in stoppage time to give his side the points in the tournament.',
      'strikes',
    ],
    [
      'pt',
      'Palmeiras dá o golpe na reta final e assume a liderança',
      'O atacante marcou de cabeça na última rodada do campeonato, com gol aos 44 minutos.',
      'coups',
    ],
    [
      'es',
      'El boxeador vasco gana por nocaut con un golpe al mentón',
      'Retuvo el título europeo del peso pesado en el noveno asalto.',
      'coups',
    ],
    [
      'en',
      'Astronomers watch a comet fragment on its migration inward',
      'Scientists using a space telescope say the object began migrating toward the sun a century ago.',
      'migration',
    ],
    [
      'de',
      'Ameisen: Forscher zeigen, wie Arbeiterinnen ihre Aufgaben tauschen',
      'Die Biologen berichten im Fachjournal über markierte Tiere in einem Nest.',
      'labour',
    ],
  ])('%s: %s has no %s', (language, title, summary, topic) => {
    expect(topicsOf(title, summary, language)).not.toContain(topic);
  });

  it.each([
    // The same kinds with a word that names the topic in its first sense: kept.
    [
      'en',
      'Referees strike halts the Premier League weekend',
      'Match officials walked out over pay; the tournament organisers called the stoppage unlawful.',
      'strikes',
    ],
    [
      'fr',
      'Manifestation de supporters avant le match de Ligue 1',
      'Des supporters de football ont défilé contre la hausse du prix des billets au championnat.',
      'strikes',
    ],
    [
      'en',
      'Migrants stranded at the border as asylum rules tighten',
      'Researchers counted 2,000 people waiting at the crossing, a study published on Monday said.',
      'migration',
    ],
  ])('%s: %s keeps %s', (language, title, summary, topic) => {
    expect(topicsOf(title, summary, language)).toContain(topic);
  });
});

describe('a topic word in the quoted title of a work', () => {
  it.each([
    [
      'en',
      "Band's new album 'General Strike' tops the charts",
      'The record sold 80,000 copies in its first week.',
      'strikes',
    ],
    ['de', "Der Roman 'Der Putsch' wird verfilmt", 'Die Dreharbeiten beginnen im Frühjahr in Wien.', 'coups'],
    [
      'es',
      "La cantante abre en Lima su gira 'Mujeres al poder'",
      'Ofrecerá cuatro conciertos en el Estadio Nacional.',
      'women',
    ],
  ])('%s: %s names the work, not %s', (language, title, summary, topic) => {
    expect(topicsOf(title, summary, language)).not.toContain(topic);
  });

  it('a quoted word after no noun for a work still counts', () => {
    expect(
      topicsOf("Unions call a 'general strike' for Monday", 'Rail and port workers will walk out for 24 hours.', 'en'),
    ).toContain('strikes');
  });
});

describe('a currency sign that belongs to one country', () => {
  it.each([
    ['pt', 'Motoristas de aplicativo pedem tarifa mínima de R$ 12', 'A categoria fez carreata nesta quarta.', 'BR'],
    ['en', 'Council fined £2m over care home failures', 'The regulator said residents were left without help.', 'GB'],
    ['en', 'Grain prices hit A$ 400 a tonne', 'Growers expect a smaller harvest this year.', 'AU'],
    ['en', 'Rail fares to rise by ₹ 5 from April', 'Commuters on suburban lines will pay more.', 'IN'],
  ])('%s: %s is %s', (language, title, summary, country) => {
    expect(focus(tagItem(title, summary, language))).toContain(country);
  });

  it('another country named wins over the money', () => {
    const tags = tagItem('Chile buys Brazilian jets for R$ 2 bilhões', 'Santiago signed the contract on Monday.', 'pt');
    expect(focus(tags)).toContain('CL');
  });

  it('a dollar sign with "US" names no country, a sign without an amount is no money', () => {
    expect(countries(tagItem('Bond sale raises US$ 5 billion', 'Demand was strong, the bank said.', 'en'))).toEqual([]);
    // Quebec writes the sign before the letters, spaced: "120 millions $ US" is a sum in dollars, no US story.
    expect(
      countries(
        tagItem('Le groupe renoue avec les profits', 'MONTRÉAL - Il a dégagé 120 millions $ US l’an dernier.', 'fr'),
      ),
    ).toEqual(['CA']);
    expect(tokenize('US$ 5').folded).toEqual(['us$', '5']);
    expect(tokenize('R$ 10 e R$10').folded).toEqual(['r$', '10', 'e', 'r$', '10']);
    // Text decoded in the wrong charset: a "£" between letters is no pound.
    expect(tokenize('ÐÃ£º×').folded).not.toContain('£');
    expect(tokenize('£ sign').folded).toEqual(['sign']);
  });
});

describe('institutions another language writes alike', () => {
  it.each([
    ['es', 'La Policía Federal reprime a los jubilados frente al Congreso', 'Hubo 20 detenidos.', 'BR', false],
    ['pt', 'Polícia Federal prende prefeito em operação contra desvios', 'Foram cumpridos 12 mandados.', 'BR', true],
    ['es', 'El Gobierno y los sindicatos pactan subir el SMI un 4%', 'La patronal no firmó.', 'ES', true],
    ['de', 'SMI schließt im Plus, Pharmawerte gefragt', 'Die Bankaktien gaben nach.', 'CH', true],
    ['es', 'El SMI sube un 4%', 'La patronal no firmó.', 'CH', false],
    ['pt', 'INE: desemprego desce para 6,1% no trimestre', 'A taxa é a mais baixa desde 2002.', 'PT', true],
    ['de', 'ÖGB droht mit Kampfmaßnahmen', 'Die Gewerkschaft fordert höhere Löhne.', 'AT', true],
  ])('%s: %s -> %s %s', (language, title, summary, country, expected) => {
    expect(focus(tagItem(title, summary, language)).includes(country)).toBe(expected);
  });
});

describe('the full-stop dateline of German regional papers', () => {
  it('is read below the title, and counts only when its place is found', () => {
    expect(readDateline('ESSEN. Aldi Nord hat die Preise gesenkt.')?.place.text).toBe('ESSEN');
    expect(readDateline('ESSEN. Aldi Nord hat die Preise gesenkt.')?.loose).toBe(true);
    expect(readDateline('ESSEN. Aldi Nord hat die Preise gesenkt.', true)).toBeUndefined();
    // The dash form first: a place with a dot inside is the wire's.
    expect(readDateline('ST. LOUIS (AP) — A jury on Monday')?.place.text).toBe('ST. LOUIS');
    const essen = tagItem('Discounter senken Preise für Butter', 'ESSEN. Aldi Nord hat die Preise gesenkt.', 'de');
    expect(focus(essen)).toEqual(['DE']);
    expect(essen.find((t) => t.value === 'DE')?.reason.rule).toBe('country.dateline');
    // An ALL-CAPS word that is no place reads nothing.
    expect(focus(tagItem('Bündnis berät', 'NATO. Die Minister beraten über Munition.', 'de'))).not.toContain('DE');
  });
});

describe('a namesake dateline and the towns after it', () => {
  it("the one country whose cities the field names is the dateline's", () => {
    const pk = tagItem(
      'Heatwave closes schools',
      'HYDERABAD: Schools in Larkana, Sukkur and Nawabshah will stay shut until Monday, officials said.',
      'en',
    );
    expect(focus(pk)).toEqual(['PK']);
    // Without such towns the bigger namesake stands.
    expect(focus(tagItem('Heatwave closes schools', 'HYDERABAD: Schools will stay shut until Monday.', 'en'))).toEqual([
      'IN',
    ]);
    // A state names where the story's object is, not the dateline: Vancouver stays Canada's.
    const ca = tagItem(
      'Miner to drill at gold property',
      'VANCOUVER, March 3 - Pacific Ridge Mining said it will drill at its gold property in central Nevada.',
      'en',
    );
    expect(ca.find((t) => t.reason.rule === 'country.dateline')?.value).toBe('CA');
  });
});

describe('the second senses in topics.yaml', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('a kind of story that background.outside does not define is an error at its line', () => {
    const dir = path.join(tmp.dir, 'kinds');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'topics.yaml'),
      [
        'background:',
        '  outside:',
        '    sport:',
        '      en: [goalkeeper, striker]',
        '  outside_second_senses:',
        '    sprot: [strike]',
        'topics:',
        '  - slug: strikes',
        '    label: Strikes',
        '    keywords:',
        '      en: [strike]',
        '',
      ].join('\n'),
    );
    const problems = checkTaxonomy(dir).map(formatProblem);
    expect(problems).toContain(
      `${path.join(dir, 'topics.yaml')}:6: background.outside_second_senses.sprot: unknown kind of story "sprot" (not under background.outside)`,
    );
  });
});
