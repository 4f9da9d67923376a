// Everyday sentences, in the five languages, that this session's topic rules once read in another sense (review of
// issue #13, moved from tests/review/tagging-overreach.open.ts as each was fixed). Each block names the commit whose
// rule over-reached; the expectation is what the labelling policy asks.
import { describe, expect, it } from 'vitest';
import { defaultTagger, topics } from './shared.ts';

const tag = (language: string, title: string, summary: string) => defaultTagger().tag({ title, summary, language });

describe('a0e9438: a topic word dated to a year is not always background (an upcoming vote; a count)', () => {
  it.each([
    [
      'es',
      'El oficialismo define su estrategia',
      'El partido de gobierno busca retener la mayoría en las elecciones de 2027.',
    ],
    [
      'fr',
      'Le Rassemblement national se prépare',
      'Le parti veut arriver en tête à la présidentielle de 2027, a déclaré Jordan Bardella.',
    ],
  ])('%s: %s is about the coming election', (language, title, summary) => {
    expect(topics(tag(language, title, summary))).toContain('elections');
  });

  it('es: "2000 huelguistas" is a count of strikers, not a year', () => {
    const tags = tag(
      'es',
      'Marcha multitudinaria en Buenos Aires',
      'Unos 2000 huelguistas de la industria textil reclamaron aumentos salariales frente al Ministerio.',
    );
    expect(topics(tags)).toContain('labour');
  });
});

describe('955e6a0: "en pleno", "em plena" set a time or place; the clause after them is the news', () => {
  it.each([
    [
      'es',
      'Noche de tensión en Caracas',
      'En pleno centro, la policía reprimió a los manifestantes con gases lacrimógenos y balas de goma.',
    ],
    ['pt', 'Tensão em Belém', 'Em plena madrugada, a polícia prendeu 30 ativistas que ocupavam a sede do governo.'],
  ])('%s: %s is repression', (language, title, summary) => {
    expect(topics(tag(language, title, summary))).toContain('repression');
  });
});

describe('b37a91d: a road closed by the authorities is no protest; a transition prolonged is no coup', () => {
  it.each([
    ['pt', 'Defesa Civil interdita a ponte sobre o rio Tietê', 'Laudo apontou risco de desabamento após as chuvas.'],
    ['pt', 'Deslizamento: DNIT interdita trechos da BR-116 na serra', 'A pista deve ficar fechada até sexta-feira.'],
  ])('%s: %s is no protest', (language, title, summary) => {
    expect(topics(tag(language, title, summary))).not.toContain('strikes');
  });

  it.each([
    ['en', 'EU and UK agree to prolong the Brexit transition', 'Negotiators said more time was needed on customs.'],
    [
      'fr',
      'Bruxelles prolonge de deux ans la transition vers les nouvelles normes comptables',
      'Les banques avaient demandé un délai.',
    ],
    [
      'es',
      'El Gobierno prorroga un año la transición al nuevo sistema de facturación',
      'Los comercios tendrán más tiempo.',
    ],
  ])('%s: %s is no coup', (language, title, summary) => {
    expect(topics(tag(language, title, summary))).not.toContain('coups');
  });
});

describe('abcf8ad: the social-media pattern reads any "limit/corto/bloque/coup... social media" as a shutdown', () => {
  it.each([
    ['en', 'Doctors say teenagers should limit time on social media', 'A new study links heavy use to poor sleep.'],
    ['en', 'Brand coupled with social media stars to boost sales', 'The sportswear maker hired influencers.'],
    [
      'es',
      'El Presidente publicó un corto mensaje en redes sociales',
      'El mandatario agradeció a los bomberos por su trabajo.',
    ],
    [
      'es',
      'El bloque opositor denunció en redes sociales un fraude en la licitación',
      'Los diputados pidieron informes.',
    ],
    ['fr', 'Un coup dur pour les réseaux sociaux', 'La Commission européenne inflige une amende record à Meta.'],
  ])('%s: %s is no repression', (language, title, summary) => {
    expect(topics(tag(language, title, summary))).not.toContain('repression');
  });
});

describe('dbc31d8: police and arrests in one group lose the mass arrests the policy names as repression', () => {
  it.each([
    [
      'en',
      'Police detain 200 in Minsk',
      'Riot police detained more than 200 people who had gathered in central Minsk.',
    ],
    ['de', 'Polizei nimmt in Istanbul Hunderte fest', 'Bei Protesten wurden mehr als 300 Menschen festgenommen.'],
  ])('%s: %s is repression (mass arrests in the headline)', (language, title, summary) => {
    expect(topics(tag(language, title, summary))).toContain('repression');
  });
});

describe('e93ecd3: a road "cut" or "blocked" by its number is traffic news as often as a protest', () => {
  it.each([
    ['es', 'Tráfico corta la A-6 por la nevada', 'La DGT recomienda no viajar por el puerto de Guadarrama.'],
    ['fr', 'Un poids lourd accidenté bloque l A7 dans les deux sens', 'La circulation est perturbée au sud de Lyon.'],
    [
      'es',
      'La distribuidora corta a 20 mil usuarios por falta de pago',
      'La empresa dijo que las deudas superan los 300 millones.',
    ],
  ])('%s: %s is no protest', (language, title, summary) => {
    expect(topics(tag(language, title, summary))).not.toContain('strikes');
  });
});

describe('138f25f: "Evita" before a topic word is also a name (Movimiento Evita, Eva Perón), not "avoids"', () => {
  it('es: the Movimiento Evita marching is a protest', () => {
    const tags = tag(
      'es',
      'El Movimiento Evita marcha al Ministerio de Desarrollo Social',
      'Las organizaciones sociales reclaman por los recortes en los planes de empleo.',
    );
    expect(topics(tags)).toContain('strikes');
  });
});

describe('6bc3cc0: "workers ... strike" and "blocks ... access" in their other senses', () => {
  it.each([
    [
      'en',
      'Aid workers killed in strike on Gaza convoy',
      'The charity said its staff were travelling in a marked vehicle.',
    ],
    [
      'en',
      'Engineers strike oil off the coast of Guyana',
      'The find adds to one of the world s fastest-growing reserves.',
    ],
  ])('%s: %s is no labour story', (language, title, summary) => {
    expect(topics(tag(language, title, summary))).not.toContain('labour');
  });

  it('en: a court blocking someone s access to data is no protest', () => {
    const tags = tag(
      'en',
      'Judge blocks Musk s access to Treasury payment system',
      'The order bars the team from viewing taxpayer records until a hearing next week.',
    );
    expect(topics(tags)).not.toContain('strikes');
  });
});

// Review of the dev5 round (d30659a, c4dee2b; issue #13): everyday sentences written for the review, each tagged as
// expected at ea4c342; fixed by narrowing background.outside (words that sit in political copy out, the accident kind
// narrowed, outside_title_keeps), dropping the cause phrases and class-struggle's absorbs_unless.
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
