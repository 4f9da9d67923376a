// A second topic only the summary names (issue #13, docs/topic-labelling.md): beside the title's topic, a summary
// topic is a main topic when two different words name it, one full, outside a subordinate clause. Everyday sentences
// in the five languages, written for this rule (not taken from an eval set): a topic word in passing, in a clause
// that says when, why or of what ("while", "alors que", "während", "which"), is no second topic; a summary that
// spends its main clause on a second topic (a protest's demand, a strike's wages) keeps it.
import { describe, expect, it } from 'vitest';
import { ruleTopicsOf, topicsOf } from './shared.ts';

const tag = (language: string, title: string, summary: string) => topicsOf(title, summary, language);

describe('a topic the summary names in passing is no second topic', () => {
  it.each([
    [
      'en',
      'Central bank holds rates steady',
      'Policymakers kept borrowing costs unchanged as they weighed slowing growth, a day after dock workers ended a brief strike.',
      'economy',
      ['strikes', 'labour'],
    ],
    [
      'en',
      'Floods force thousands from their homes in Bangladesh',
      'The monsoon rains, the heaviest in decades, submerged rice fields across the delta weeks before the general election.',
      'environment',
      ['elections'],
    ],
    [
      'en',
      'Carmaker and union agree four-year wage deal',
      'The agreement, reached after talks that ran past midnight, comes as the company faces tariffs on its exports to the United States.',
      'labour',
      ['economy', 'foreign-policy'],
    ],
    [
      'es',
      'El Gobierno aprueba la subida del salario mínimo',
      'La medida, que entrará en vigor en enero, fue anunciada un día después de una manifestación de jubilados frente al Congreso.',
      'labour',
      ['strikes'],
    ],
    [
      'es',
      'Inundaciones dejan cinco muertos en Valencia',
      'Las lluvias obligaron a suspender el acto de campaña que el alcalde tenía previsto en el centro de la ciudad.',
      'environment',
      ['elections'],
    ],
    [
      'es',
      'El Congreso aprueba los presupuestos de 2026',
      'La votación se celebró mientras la policía vigilaba los alrededores del edificio.',
      'economy',
      ['repression'],
    ],
    // "Detenido en Caracas un periodista...", a strike named in passing: a known error of the topic model
    // (tests/tag/topic-model.test.ts).
    [
      'pt',
      'Seca no Amazonas isola comunidades ribeirinhas',
      'O governo enviou ajuda humanitária enquanto os preços dos alimentos sobem nas cidades do interior.',
      'environment',
      ['economy'],
    ],
    [
      'pt',
      'Câmara aprova a reforma tributária',
      'A sessão chegou a ser interrompida por um protesto de servidores na galeria.',
      'economy',
      ['strikes', 'labour'],
    ],
    [
      'pt',
      'Lula recebe o presidente francês em Brasília',
      'Os dois líderes discutiram cooperação em defesa e energia; na véspera, professores fizeram greve em São Paulo.',
      'foreign-policy',
      ['strikes', 'labour', 'war'],
    ],
    [
      'fr',
      'La BCE maintient ses taux directeurs',
      'La décision intervient alors que la grève des contrôleurs aériens perturbe le trafic en Europe.',
      'economy',
      ['strikes', 'labour'],
    ],
    [
      'fr',
      "Le Sénat adopte le projet de loi sur l'immigration",
      "Le texte, voté après des mois de débats, durcit l'accès aux titres de séjour ; quelques manifestants étaient réunis devant le palais du Luxembourg.",
      'migration',
      ['strikes'],
    ],
    [
      'de',
      'Bundestag beschließt den Haushalt für 2026',
      'Die Abstimmung fand statt, während vor dem Reichstag einige Landwirte mit Traktoren demonstrierten.',
      'economy',
      ['strikes', 'indigenous'],
    ],
    [
      'de',
      'Hochwasser in Bayern: Tausende evakuiert',
      'Eine Wahlkampfveranstaltung des Ministerpräsidenten wurde wegen des Regens abgesagt.',
      'environment',
      ['elections'],
    ],
    [
      'de',
      'Kanzler empfängt den kenianischen Präsidenten in Berlin',
      'Bei dem Treffen ging es um Handel und Energie; vor dem Kanzleramt protestierten einige Dutzend Menschen.',
      'foreign-policy',
      ['strikes'],
    ],
  ])('%s: %s', (language, title, summary, main, passing) => {
    const got = tag(language, title, summary);
    expect(got).toContain(main);
    for (const slug of passing) expect(got).not.toContain(slug);
  });
});
// The rule alone: the shipped tagger's model adds labour here from the union's words (a known error,
// tests/tag/topic-model.test.ts).
it('fr: a strike threatened in a "tandis que" clause is no second topic (the rules)', () => {
  const got = ruleTopicsOf(
    'Le Parlement adopte le budget 2026',
    'Le texte a été voté dans la nuit, tandis que les syndicats de soignants menacent d’une grève.',
    'fr',
  );
  expect(got).toContain('economy');
  for (const slug of ['strikes', 'labour']) expect(got).not.toContain(slug);
});

describe('a second topic the summary spends its main clause on is kept', () => {
  it.each([
    [
      'en',
      'Dockers walk out at ports across Britain',
      'The union wants a pay rise that matches inflation after wages lagged for three years.',
      ['strikes', 'labour'],
    ],
    [
      'en',
      'Thousands march in Nairobi against the finance bill',
      'Protesters rejected new taxes on bread and fuel that the government says it needs to cut the budget deficit.',
      ['strikes', 'economy'],
    ],
    [
      'es',
      'Miles de personas marchan en Santiago',
      'Los manifestantes exigieron pensiones dignas y el fin de las AFP; los sindicatos convocaron un paro nacional para el jueves.',
      ['strikes', 'labour'],
    ],
    [
      'es',
      'Campesinos bloquean carreteras en Bolivia',
      'Los productores exigen que el Gobierno garantice el abastecimiento de diésel y frene la subida de los precios de los combustibles.',
      ['indigenous', 'strikes', 'economy'],
    ],
    [
      'es',
      'Marcha de mujeres en Ciudad de México',
      'Las manifestantes denunciaron los feminicidios y exigieron justicia para las víctimas de la violencia de género.',
      ['strikes', 'women'],
    ],
    [
      'pt',
      'Greve dos metroviários para São Paulo',
      'Os trabalhadores reivindicam reajuste salarial e melhores condições de trabalho; o sindicato diz que a paralisação continua.',
      ['strikes', 'labour'],
    ],
    [
      'pt',
      'Protesto de estudantes toma a Avenida Paulista',
      'Os estudantes protestam contra o corte no orçamento das universidades federais e o congelamento dos gastos públicos.',
      ['strikes', 'economy'],
    ],
    [
      'fr',
      'Grève à la SNCF : un TGV sur trois',
      "Les syndicats réclament une hausse des salaires et l'embauche de contrôleurs.",
      ['strikes', 'labour'],
    ],
    [
      'fr',
      'Des milliers de manifestants à Dakar',
      "Ils dénoncent le report de l'élection présidentielle et exigent la tenue du scrutin à la date prévue.",
      ['strikes', 'elections'],
    ],
    [
      'de',
      'Warnstreik legt Flughäfen lahm',
      'Verdi fordert acht Prozent mehr Lohn für die Beschäftigten im öffentlichen Dienst; die Arbeitgeber lehnen die Forderung ab.',
      ['strikes', 'labour'],
    ],
    [
      'de',
      'Tausende demonstrieren in Berlin',
      'Die Demonstranten forderten mehr Klimaschutz und einen schnelleren Kohleausstieg.',
      ['strikes', 'environment'],
    ],
  ])('%s: %s', (language, title, summary, main) => {
    const got = tag(language, title, summary);
    for (const slug of main) expect(got).toContain(slug);
  });

  // The rules alone: the shipped tagger's model drops economy here for the pay words (a known error,
  // tests/tag/topic-model.test.ts).
  it('en: spending cuts in the title, frozen wages in the summary: economy and labour (the rules)', () => {
    const got = ruleTopicsOf(
      'Government announces sweeping spending cuts',
      'The finance minister said pensions and public-sector wages would be frozen for two years; unions called it an attack on workers.',
      'en',
    );
    for (const slug of ['economy', 'labour']) expect(got).toContain(slug);
  });

  it('pt: "As" opening a sentence is an article, not the English "as" that opens a subordinate clause', () => {
    const got = tag(
      'pt',
      'Greve dos professores fecha escolas em Lisboa',
      'As professoras exigem aumento salarial e a contagem do tempo de serviço; o sindicato fala em adesão de 90%.',
    );
    expect(got).toEqual(expect.arrayContaining(['strikes', 'labour']));
  });
});
