// A country word before a state body is the owner of that body, not a given name ("Georgia Senate"), and the body
// tells which of two readings a shared name has (Georgia's senate is the US state's); a capital that speaks ("Beijing
// said") is its state; nationals climbing abroad are where the story is; a German coalition named after a flag
// ("Kenia-Koalition") is no country; a French regime's name (the Fifth Republic) is France's. And the topics
// of a few phrases: class war is class struggle, emergency rule repression, coral bleaching environment, a border
// fence migration, jobs cut in German labour, a women's prize or a late strike in a match no topic (issue #13).
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, ruleTopicsOf as rules, tagItem as tag } from './shared.ts';

describe('a state body after a country word', () => {
  it.each([
    ['en', ['US'], 'Georgia Senate passes voting bill', 'The measure now goes to the governor in Atlanta.'],
    ['en', ['US'], 'Georgia Republicans pick their nominee', 'The party held its convention over the weekend.'],
    ['en', ['GE'], 'Georgia Parliament passes foreign agents bill', 'Lawmakers voted 84 to 30 on Tuesday.'],
    ['en', ['GE'], 'Georgia votes in a tense election', 'Polls opened early across the country.'],
    ['en', ['IL'], 'Israel Police open inquiry into a minister', 'Officers questioned the minister for three hours.'],
  ])('%s: %j for %s', (language, codes, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(codes);
  });
});

describe('a capital speaking for its state', () => {
  it('"Beijing said" is China acting, beside the dateline\'s country', () => {
    const tags = tag(
      'Manila accuses Beijing of water cannon attack near the shoal',
      'MANILA (Reuters) - The coast guard said two crew were hurt, and Beijing said it had expelled the boat.',
      'en',
    );
    expect(focus(tags)).toEqual(['CN', 'PH']);
  });

  it('so does a capital under its name in the language ("Paris dénonce", beside a stronger country)', () => {
    const tags = tag(
      'Le Japon taxe le vin importé, Paris dénonce une mesure hostile',
      'Tokyo impose des droits de 20 % sur les vins européens à partir de juillet ; les viticulteurs redoutent des pertes.',
      'fr',
    );
    expect(focus(tags)).toEqual(['FR', 'JP']);
  });

  it.each([
    [
      'fr',
      ['DZ', 'FR'],
      'Paris et Alger s’opposent sur les visas',
      'Le ministre menace de revoir l’accord de 1968 si l’Algérie refuse encore de reprendre ses ressortissants.',
    ],
    [
      'es',
      ['ES', 'MA'],
      'Madrid y Rabat se enfrentan por la pesca',
      'Marruecos suspendió las licencias de los pesqueros y el Gobierno marroquí exige nuevas cuotas.',
    ],
  ])('%s: two capitals opening the title are their states (%j)', (language, codes, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(codes);
  });

  it('researchers "in Stockholm said" are where they work, not Sweden speaking', () => {
    const tags = tag(
      'Scientists sequence the genome of a woolly rhino found in Yakutia',
      'Researchers at a centre in Stockholm said the DNA was recovered from a frozen calf in Russia.',
      'en',
    );
    expect(focus(tags)).not.toContain('SE');
  });
});

describe('nationals on a climb or a hike abroad', () => {
  it('are where the story places them', () => {
    const tags = tag(
      'Valais : deux alpinistes allemands tués dans une avalanche',
      'Les victimes ont été emportées samedi, a indiqué la police cantonale.',
      'fr',
    );
    expect(focus(tags)).toEqual(['CH']);
  });
});

describe("a coalition named after a flag's colours", () => {
  it.each([
    ['Kenia-Koalition in Brandenburg einigt sich auf Haushalt', 'SPD, CDU und Grüne verständigen sich in Potsdam.'],
    ['Jamaika-Bündnis in Kiel hält', 'CDU, Grüne und FDP wollen weiter zusammen regieren.'],
  ])('%s names no country but Germany', (title, summary) => {
    expect(countries(tag(title, summary, 'de'))).toEqual(['DE']);
  });

  it('a visit to Kenya still names Kenya', () => {
    expect(
      countries(tag('Kenia-Reise des Kanzlers', 'Der Kanzler trifft in Nairobi den Präsidenten.', 'de')),
    ).toContain('KE');
  });
});

describe("a regime's name", () => {
  it('the Fifth Republic is France', () => {
    const tags = tag(
      'Le gouvernement renversé par une motion de censure',
      'Pour la deuxième fois sous la Ve République, les députés font tomber le gouvernement.',
      'fr',
    );
    expect(focus(tags)).toEqual(['FR']);
  });
});

describe('topics of a phrase', () => {
  it.each([
    ['en', 'Union leader calls soaring profits a class war', 'She told delegates that workers were paying for it.'],
    ['es', 'El sindicato habla de guerra de clases', 'La central acusó a los empresarios de enriquecerse.'],
    ['fr', 'La gauche dénonce une guerre des classes', 'Le député accuse le patronat de mépris.'],
  ])('%s class war: %s', (language, title, summary) => {
    const found = rules(title, summary, language);
    expect(found).toContain('class-struggle');
    expect(found).not.toContain('war');
  });

  it.each([
    ['de', 'environment', 'Korallenbleiche vor Australien erreicht Rekordausmaß', 'Fast alle Riffe sind betroffen.'],
    ['en', 'environment', 'Coral bleaching hits four in five reefs', 'The survey covered the whole reef system.'],
    ['de', 'migration', 'Polen verlängert den Grenzzaun zu Belarus', 'Der Zaun wird um 40 Kilometer länger.'],
    ['es', 'migration', 'Marruecos refuerza la valla fronteriza', 'Las obras durarán seis meses.'],
    ['de', 'labour', 'Zulieferer streicht weitere 1.200 Stellen', 'Betroffen sind zwei Werke in Sachsen.'],
  ])('%s %s: %s', (language, slug, title, summary) => {
    expect(rules(title, summary, language)).toContain(slug);
  });

  it('emergency rule is repression', () => {
    expect(
      rules('Junta extends emergency rule by six months', 'The order was read on state television.', 'en'),
    ).toContain('repression');
  });

  it.each([
    [
      'Nigerian author wins Women’s Prize for Fiction',
      'Her debut beat five other shortlisted novels at a ceremony in London.',
    ],
    ['Women’s World Cup final sells out', 'The match in Sydney drew a record crowd for the tournament.'],
    [
      'Arsenal go top after late strike against Chelsea',
      'An 89th-minute winner at the Emirates gave them a two-point lead.',
    ],
  ])('no topic: %s', (title, summary) => {
    expect(rules(title, summary, 'en')).toEqual([]);
  });
});
