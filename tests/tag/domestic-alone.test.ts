// config/countries.yaml `domestic:`: institutions several countries name alike are, in an entry of one language, the
// country whose news most often names them, when the entry names no other country. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, defaultTagger, focus, tagItem as tag } from './shared.ts';

describe('shared institution names in the language of one country', () => {
  it.each([
    ['fr', 'FR', 'Le Sénat vote la réforme de l’assurance chômage', 'Le texte retourne en commission mixte paritaire.'],
    ['fr', 'FR', 'Le Premier ministre reçoit les syndicats', 'La rencontre doit durer toute la matinée.'],
    ['pt', 'PT', 'Conselho de Ministros aprova subida do salário mínimo', 'O aumento entra em vigor em janeiro.'],
    ['pt', 'BR', 'Senado aprova reforma do setor elétrico', 'O texto segue agora para sanção.'],
    ['pt', 'BR', 'Carteiros dos Correios param por melhores salários', 'A estatal diz que as entregas seguem.'],
    ['es', 'ES', 'El Consejo de Ministros aprueba el techo de gasto', 'Las cuentas prevén más inversión en vivienda.'],
    ['de', 'DE', 'Bundesregierung beschließt Heizungsförderung', 'Die Zuschüsse sollen ab März fließen.'],
    ['en', 'GB', 'Home Office to open two new processing centres', 'The sites will house up to 900 people.'],
    ['en', 'DE', 'Bundesliga clubs vote against outside investors', 'The league needed a two-thirds majority.'],
    [
      'de',
      'CH',
      'Der Grosse Rat lehnt die Steuersenkung ab',
      'Der Kanton hätte 80 Millionen Franken weniger eingenommen.',
    ],
    ['de', 'DE', 'FDP will Schuldenbremse nicht lockern', 'Die Parteispitze lehnt einen Kompromiss ab.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('beside another country they are that country’s, or nobody’s', () => {
    expect(countries(tag('Le Sénat belge adopte la loi', 'Le vote a eu lieu jeudi à Bruxelles.', 'fr'))).toEqual([
      'BE',
    ]);
    expect(countries(tag('Senado do Chile aprova reforma', 'O texto segue para a Câmara.', 'pt'))).toEqual(['CL']);
    // Austria's league is a Bundesliga too.
    expect(
      countries(
        tag('Rapid Wien verliert in der Bundesliga gegen Sturm Graz', 'Die Grazer führen die Tabelle an.', 'de'),
      ),
    ).toEqual(['AT']);
    // Switzerland's liberals are the FDP too.
    expect(
      focus(tag('FDP verliert zwei Sitze im Berner Stadtrat', 'Die SP bleibt im Kanton Bern stärkste Kraft.', 'de')),
    ).toEqual(['CH']);
  });

  it('a country named only as a side (where people head for, whom sanctions hit) leaves them their country', () => {
    const crossing = tag(
      'Deux migrants meurent au large de Calais',
      "Leur embarcation tentait de rejoindre l'Angleterre ; la préfecture maritime a secouru 40 personnes.",
      'fr',
    );
    expect(focus(crossing)).toEqual(['FR']);
    expect(
      focus(tag('Le Sénat vote de nouvelles sanctions contre la Russie', 'Le texte a été adopté à main levée.', 'fr')),
    ).toEqual(['FR']);
  });

  it('a name the lusophone states share is none of theirs beside another: Orçamento do Estado, IRS', () => {
    expect(
      countries(tag('Parlamento moçambicano aprova Orçamento do Estado', 'A votação decorreu em Maputo.', 'pt')),
    ).toEqual(['MZ']);
    expect(
      focus(tag('Governo baixa o IRS dos jovens', 'O primeiro-ministro anunciou a medida no parlamento.', 'pt')),
    ).toEqual(['PT']);
    expect(focus(tag('IRS to hire 5,000 auditors', 'The agency will focus on large estates.', 'en'))).toEqual(['US']);
  });

  it('a source that declares another country reads them as its own', () => {
    const bySource = (title: string, summary: string, language: string, sourceCountry: string) =>
      focus(defaultTagger().tag({ title, summary, language, sourceCountry }));
    expect(bySource('The Senate passes the climate bill', 'The vote was 38 to 31.', 'en', 'AU')).toEqual(['AU']);
    expect(bySource('Le Sénat adopte la réforme', 'Le vote a eu lieu mardi.', 'fr', 'FR')).toEqual(['FR']);
  });

  it('only in their language: the Sénat of an English entry is nobody’s', () => {
    expect(countries(tag('Sénat debate delayed again', 'Lawmakers will meet next week.', 'en'))).toEqual([]);
  });
});
