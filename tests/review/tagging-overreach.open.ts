// Open findings of the December review of the tagging rules (issue #13): everyday sentences a rule still reads in
// another sense, left open because every fix tried cost the development sets more than it gained (see the issue's
// note). The fixed ones moved to tests/tag/topics-overreach and tests/tag/country-overreach. This file is not a
// *.test.ts: it fails on purpose and stays out of `npm test`; run it with
//   npx vitest run --config tests/review/vitest.open.config.ts
import { describe, expect, it } from 'vitest';
import { countries, defaultTagger, focus, topics } from '../tag/shared.ts';

const tag = (language: string, title: string, summary: string) => defaultTagger().tag({ title, summary, language });

describe('9eaad29: two weak title words make a side topic, and a union s vote or campaign reads as an election', () => {
  it.each([
    ['en', 'Nurses vote to strike as union wins pay campaign', 'Members backed the walkout by a large margin.'],
    [
      'fr',
      'Grève à la SNCF : la CGT obtient la majorité, la campagne de mobilisation continue',
      'Les cheminots protestent contre la réforme.',
    ],
  ])('%s: %s is no election (policy: a union voting on a motion is not one)', (language, title, summary) => {
    expect(topics(tag(language, title, summary))).not.toContain('elections');
  });
});

describe('a0e9438: a year after "im/in (month)" dates a topic word, but an upcoming vote is dated the same way', () => {
  it('de: Merz will Kanzler bleiben is about the coming election', () => {
    const tags = tag(
      'de',
      'Merz will Kanzler bleiben',
      'Die Union setzt auf einen klaren Sieg bei der Wahl im September 2025.',
    );
    expect(topics(tags)).toContain('elections');
  });
});

// Review of the dev5 round (d30659a, c4dee2b; 58cebe4, 59a46ca, 8092be3, c0822bb): everyday sentences, written for the
// review and in no development set, that each rule reads wrongly; every one is tagged as expected at ea4c342.
type Case = [language: string, title: string, summary: string, expected: string];

describe('d30659a/c4dee2b background.outside: a political story that names two words of a field loses its topic', () => {
  it.each<Case>([
    [
      'fr',
      'Manifestation contre le gouvernement avant le match de Ligue 1',
      'Des supporters de football ont défilé avec les syndicats contre la réforme.',
      'strikes',
    ],
    [
      'fr',
      'Grève chez Airbus : les salariés réclament une hausse des salaires',
      "Le PDG a présenté un chiffre d'affaires en hausse.",
      'strikes',
    ],
    [
      'en',
      'Singer detained after concert criticising president',
      'Police arrested the singer as she left the stage.',
      'repression',
    ],
    [
      'de',
      'Museum schließt Ausstellung nach Zensur-Vorwürfen',
      'Künstler werfen der Regierung Zensur vor; das Museum bestreitet Druck.',
      'repression',
    ],
    [
      'en',
      'Company fined for polluting river',
      'Shareholders were told the chief executive would resign after the toxic spill.',
      'environment',
    ],
    [
      'en',
      'Government raises windfall tax as bank profit soars',
      'Shareholders of the big four banks face a levy on net income.',
      'economy',
    ],
    [
      'fr',
      'Manifestation contre les énergies fossiles à Paris',
      "Les militants réclament la fin des subventions aux combustibles fossiles et à l'industrie fossile.",
      'strikes',
    ],
    [
      'fr',
      'Naufrage dans la Manche : au moins 12 migrants morts',
      'Les secouristes ont repêché les corps au large de Boulogne-sur-Mer.',
      'migration',
    ],
    [
      'pt',
      'Naufrágio de barco com migrantes deixa mortos no Mediterrâneo',
      'Socorristas italianos resgataram 30 pessoas.',
      'migration',
    ],
    [
      'en',
      'Mine collapse kills 30 workers in Zambia',
      "Rescuers are searching the rubble; the miners' union blames safety failures.",
      'labour',
    ],
    [
      'fr',
      "Effondrement d'un immeuble à Marseille : manifestation contre le mal-logement",
      'Les secouristes fouillent les décombres ; des milliers de personnes défilent.',
      'strikes',
    ],
    [
      'en',
      'Police detain protesters at site of bridge collapse',
      'Rescuers were still searching the rubble as demonstrators demanded the minister resign.',
      'repression',
    ],
  ])('%s: %s / %s -> %s', (language, title, summary, expected) => {
    expect(topics(tag(language, title, summary))).toContain(expected);
  });
});

describe('d30659a setting phrases with causes ("due to", "wegen", "à cause de", "depuis l\'"): the named topic is lost', () => {
  it.each<Case>([
    ['de', 'Bahnchaos in Deutschland', 'Wegen des GDL-Streiks fallen Tausende Züge aus.', 'strikes'],
    ['fr', 'Journée noire dans les transports', 'Les trains sont supprimés à cause de la grève à la SNCF.', 'strikes'],
    [
      'en',
      'Hundreds of flights cancelled at Paris airports',
      'Airlines cancelled flights due to a strike by air traffic controllers.',
      'strikes',
    ],
    ['en', "Schools close due to teachers' strike", 'Parents scrambled for childcare.', 'strikes'],
    [
      'fr',
      "Le président s'exprime à la télévision",
      "Le chef de l'État a annoncé depuis l'Élysée une réforme des retraites.",
      'labour',
    ],
  ])('%s: %s / %s -> %s', (language, title, summary, expected) => {
    expect(topics(tag(language, title, summary))).toContain(expected);
  });
});

describe('d30659a class-struggle absorbs labour: a socialist group backing a strike for wages is still labour', () => {
  it('pt: metalworkers strike for a raise', () => {
    const tags = tag(
      'pt',
      'Movimento socialista apoia greve dos metalúrgicos',
      'Os trabalhadores pedem reajuste salarial.',
    );
    expect(topics(tags)).toContain('labour');
  });
});

describe('c0822bb agreement names: "acuerdo de México", "Abkommen von Kanada" are the country s own agreement', () => {
  it.each<[string, string, string, string]>([
    ['es', 'El acuerdo de México con Estados Unidos sobre aranceles', 'Ambos gobiernos firmaron el texto.', 'MX'],
    ['de', 'Das Abkommen von Kanada mit der EU tritt in Kraft', 'Ceta wurde ratifiziert.', 'CA'],
    ['pt', 'O acordo da Ucrânia com os EUA sobre minerais é assinado', 'Kiev e Washington assinaram o texto.', 'UA'],
  ])('%s: %s / %s -> %s focus', (language, title, summary, code) => {
    expect(focus(tag(language, title, summary))).toContain(code);
  });
});

describe('58cebe4 ORGANISATION_HEADS: a national carrier s own strike is that country s story', () => {
  it('en: Air France pilots strike over pay -> FR focus', () => {
    expect(
      focus(tag('en', 'Air France pilots strike over pay', "The walkout grounded half of the airline's flights.")),
    ).toContain('FR');
  });
});

describe('8092be3 moved people: "défenseur" is also a rights defender, not a football transfer', () => {
  it('fr: Russia sentences a Ukrainian rights defender -> UA stays a focus', () => {
    const tags = tag(
      'fr',
      'La Russie condamne un défenseur ukrainien des droits humains',
      'Le militant a été condamné à 12 ans.',
    );
    expect(focus(tags)).toContain('UA');
  });
});

describe('59a46ca places below the gazetteer: a namesake abroad adds the country', () => {
  it.each<[string, string, string, string]>([
    [
      'en',
      'Trump tells Davos elite to invest in America',
      'The president addressed the World Economic Forum by video.',
      'CH',
    ],
    ['fr', 'Le Louvre Abu Dhabi accueille une exposition', 'Le musée des Émirats présente des œuvres prêtées.', 'FR'],
  ])('%s: %s (%s) -> no %s', (language, title, summary, code) => {
    expect(countries(tag(language, title, summary))).not.toContain(code);
  });
});
