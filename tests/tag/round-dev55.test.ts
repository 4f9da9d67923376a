// A round of issue #13 read on dev55: a country word after a known given name is a surname ("Márcio França",
// "Markus Schweizer"), more country names that are given names ("Maurice", "France"), a title that opens with its
// scene ("Au Burkina Faso, ...") under a regional bureau's dateline, a demonym several countries share as the
// bureau's neighbour, a big town that gives way to its smaller namesake's state ("Birmingham ... Alabama"), and
// topic words (Chile's "reforma previsional", German warning strikes, dock and building workers and jobs that
// "fallen weg" as labour, a woman's first office in German, the Atlantic route). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, ruleTopicsOf as rules, taggedTopic, tagItem as tag } from './shared.ts';

describe('a country word after a known given name is a surname', () => {
  it.each([
    [
      'pt',
      'Márcio França assume secretaria no governo federal',
      'O ex-governador paulista tomou posse em Brasília nesta segunda-feira.',
      'FR',
      'BR',
    ],
    [
      'de',
      'Werder Bremen holt Verteidiger Stefan Schweizer zurück',
      'Der 29-Jährige unterschrieb einen Vertrag bis 2028, teilte der Verein mit.',
      'CH',
      'DE',
    ],
    [
      'de',
      'Ayse Türk führt die Grünen in Kassel in den Wahlkampf',
      'Die Kreisversammlung wählte die Stadtverordnete mit großer Mehrheit.',
      'TR',
      'DE',
    ],
  ])('%s: %s', (language, title, summary, surname, story) => {
    const tags = tag(title, summary, language);
    expect(countries(tags)).not.toContain(surname);
    expect(focus(tags)).toContain(story);
  });

  it('the country word alone, or after a word that is no given name, is still read', () => {
    expect(focus(tag('França anuncia novas tarifas', 'O governo de Paris reagiu a Washington.', 'pt'))).toContain('FR');
    expect(focus(tag('Türkische Armee greift im Nordirak an', 'Ankara meldete zwei Angriffe.', 'de'))).toContain('TR');
  });
});

describe('country names that are also given names, before a surname', () => {
  it.each([
    [
      'fr',
      "L'opposant Maurice Kamto conteste les résultats à Yaoundé",
      'Le Conseil constitutionnel camerounais a rejeté ses recours.',
      'MU',
      'CM',
    ],
    [
      'fr',
      'France Castel reçoit un prix pour sa carrière à Montréal',
      "L'animatrice québécoise a été saluée par ses pairs au gala.",
      'FR',
      'CA',
    ],
  ])('%s: %s', (language, title, summary, name, story) => {
    const tags = tag(title, summary, language);
    expect(countries(tags)).not.toContain(name);
    expect(focus(tags)).toContain(story);
  });

  it('the country itself is still read', () => {
    expect(focus(tag("L'île Maurice accueille le sommet", 'Les dirigeants arrivent à Port-Louis.', 'fr'))).toContain(
      'MU',
    );
  });
});

describe('a regional bureau dateline under a title about a neighbour', () => {
  it('a title that opens with its scene is no object of a preposition', () => {
    const tags = tag(
      'Au Mali, la junte reporte encore la présidentielle',
      'DAKAR (AFP) - Le gouvernement de transition a annoncé un nouveau calendrier à Bamako.',
      'fr',
    );
    expect(focus(tags)).toEqual(['ML']);
  });

  it('a title that ends on the neighbour after a preposition keeps the dateline as its actor', () => {
    const tags = tag(
      'Le Sénégal envoie des vivres au Mali',
      "DAKAR (AFP) - Vingt camions sont partis jeudi vers Bamako, selon le ministère de l'Intérieur.",
      'fr',
    );
    expect(focus(tags)).toContain('SN');
  });

  it('a demonym several countries share is a neighbour of the bureau', () => {
    const tags = tag(
      'Militares guineenses prendem dois ex-ministros',
      'DACAR, 3 de março (Lusa) - As detenções ocorreram em Bissau na madrugada de domingo.',
      'pt',
    );
    expect(focus(tags)).toEqual(['GW']);
  });
});

describe('topic words of this round', () => {
  taggedTopic(
    [
      [
        'es',
        'El Senado chileno vota la reforma previsional',
        'La propuesta eleva la cotización que pagan los empleadores.',
      ],
      ['de', 'Warnstreik bei der Bahn: Hunderte Züge fallen aus', 'Die Gewerkschaft fordert acht Prozent mehr.'],
      ['de', 'Hafenarbeiter in Rotterdam legen die Arbeit nieder', 'Der Ausstand dauert bis Freitag.'],
      ['de', 'Gießerei schließt: 300 Stellen fallen weg', 'Die Produktion wandert nach Tschechien.'],
      ['de', 'Generalstreik gegen den Zwölf-Stunden-Arbeitstag', 'Die Regierung hält an dem Gesetz fest.'],
    ],
    'labour',
    rules,
  );
  taggedTopic(
    [['de', 'Lena Maier wird erste Bürgermeisterin von Tübingen', 'Die Kandidatin gewann die Stichwahl knapp.']],
    'women',
    rules,
  );
  taggedTopic(
    [
      ['de', 'Mehr Boote auf der Atlantikroute', 'Die Zahl der Ankünfte auf den Kanaren stieg im Oktober stark.'],
      ['es', 'La ruta canaria bate su récord de llegadas', 'Salvamento Marítimo atendió a doce embarcaciones.'],
    ],
    'migration',
    rules,
  );

  it('where arrivals come from, in any case of the German noun, is their origin', () => {
    const tags = tag(
      'Lampedusa meldet Rekord bei Ankünften von Booten aus Tunesien',
      'Die Insel fordert Hilfe aus Rom.',
      'de',
    );
    expect(focus(tags)).toEqual(['IT']);
  });

  it('the Canary Islands under their German name are Spain', () => {
    expect(
      focus(tag('Waldbrand auf den Kanaren unter Kontrolle', 'Die Feuerwehr meldete keine Verletzten.', 'de')),
    ).toEqual(['ES']);
  });
});

describe('a town that leads its namesakes gives way to a state of a smaller namesake', () => {
  it('"Birmingham" under a story about Alabama is the American city', () => {
    const tags = tag(
      'Birmingham council approves new bus routes',
      'The Alabama city will add six lines in March.',
      'en',
    );
    expect(focus(tags)).toEqual(['US']);
  });

  it('the English city stays English; a city of the namesake’s country does not move it', () => {
    expect(focus(tag('Birmingham council approves new bus routes', 'The English city adds six lines.', 'en'))).toEqual([
      'GB',
    ]);
    const tags = tag('Birmingham council approves new bus routes', 'It copied a scheme first tried in Dallas.', 'en');
    expect(focus(tags)).not.toContain('US');
  });
});
