// A round of issue #13 read on dev53: French and German "coup" is no coup d'État (topics.yaml false_friends), German
// compounds of "Abschiebung", stagings and musicals as culture stories, tear gas at a protest is no repression on its
// own, the Organization of American States and the inter-American human-rights bodies as seats, and a few national
// institutions (Peruvian parties, Venezuela's central bank, an Austrian union). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, ruleTopicsOf as rules, taggedTopic, tagItem as tag, untaggedTopic } from './shared.ts';

describe('another language’s keyword that is a common word of the entry’s language (false_friends)', () => {
  untaggedTopic(
    [
      ['fr', 'Coup de gueule des maires ruraux contre la réforme', 'Ils dénoncent la fermeture des écoles.'],
      ['fr', 'Coup de maître pour la mairie de Lyon', 'La ville a obtenu l’organisation du congrès.'],
      ['de', 'Transfer-Coup: Leipzig holt einen Stürmer aus Lyon', 'Der Vertrag läuft bis 2030.'],
    ],
    'coups',
    rules,
  );

  taggedTopic(
    [
      [
        'fr',
        'Coup d’État au Gabon : les militaires prennent le pouvoir',
        'Le président a été placé en résidence surveillée.',
      ],
      ['de', 'Putsch in Niger: Militär setzt Präsidenten ab', 'Die Junta kündigte eine Übergangszeit an.'],
      [
        'en',
        'Coup in Gabon as officers seize the state broadcaster',
        'Soldiers said they had dissolved the government.',
      ],
    ],
    'coups',
    rules,
  );
});

describe('topic words', () => {
  it('a German compound of "Abschiebung" is migration', () => {
    expect(
      rules('Massenabschiebung aus Sachsen geplant', 'Das Innenministerium bestätigte den Termin.', 'de'),
    ).toContain('migration');
  });

  untaggedTopic(
    [
      [
        'de',
        'Bregenzer Festspiele zeigen „Krieg der Welten“',
        'Die Inszenierung feierte bei der Premiere auf der Seebühne einen großen Erfolg.',
      ],
      [
        'es',
        'Un musical sobre la guerra de Malvinas agota entradas en Córdoba',
        'El espectáculo, con canciones de rock nacional, recorre la vida de dos soldados.',
      ],
    ],
    'war',
    rules,
  );
});

describe('a tariff truce is a trade matter, not a war (economy)', () => {
  it.each([
    [
      'en',
      'Washington and Beijing extend their tariff truce',
      'Negotiators agreed to keep current duties for 90 days.',
    ],
    ['es', 'EEUU y China prorrogan la tregua comercial', 'Los negociadores acordaron mantener los aranceles actuales.'],
    ['de', 'Zollwaffenstillstand zwischen Washington und Peking verlängert', 'Die Zölle bleiben 90 Tage unverändert.'],
  ])('%s: %s', (language, title, summary) => {
    const got = rules(title, summary, language);
    expect(got).not.toContain('war');
    expect(got).toContain('economy');
  });
});

describe('a heist on an armoured van is crime news: its "attack" is no war', () => {
  untaggedTopic(
    [
      ['fr', 'Attaque d’un fourgon blindé à Lyon : 15 ans de réclusion', 'Le tribunal a condamné le chef du commando.'],
      [
        'es',
        'Asalto armado a un camión de caudales en Córdoba',
        'Los asaltantes se llevaron 200 millones de pesos tras un ataque.',
      ],
    ],
    'war',
    rules,
  );
});

describe('police with tear gas or water cannon at a protest is one fact, not repression (the labelling policy)', () => {
  untaggedTopic(
    [
      [
        'en',
        'Police fire tear gas at Accra march over power cuts',
        'Thousands had gathered outside the energy ministry.',
      ],
      [
        'fr',
        'Gaz lacrymogène contre les taxis en colère à Dakar',
        'Les chauffeurs protestaient contre le prix du carburant.',
      ],
      [
        'de',
        'Wasserwerfer gegen Bauernprotest in Brüssel',
        'Tausende Landwirte protestierten gegen die Agrarpolitik der EU.',
      ],
    ],
    'repression',
    rules,
  );

  it('deaths or mass arrests beside it still are', () => {
    expect(
      rules('Police fire tear gas and arrest 300 at Accra march', 'Rights groups condemned the crackdown.', 'en'),
    ).toContain('repression');
  });
});

describe('seats and institutions', () => {
  it('the IACHR and the OAS sit in Washington: a dateline there is their seat', () => {
    const tags = tag(
      'La CIDH pide liberar a periodistas nicaragüenses',
      'WASHINGTON (EFE) - La Comisión Interamericana de Derechos Humanos pidió a las autoridades la liberación de los reporteros.',
      'es',
    );
    expect(focus(tags)).toEqual(['NI']);
  });

  it('the Inter-American Court sits in San José', () => {
    const tags = tag(
      'La Corte IDH condena a Guatemala por la desaparición de un sindicalista',
      'SAN JOSÉ (EFE) - El tribunal ordenó al Estado reparar a la familia y reabrir la investigación.',
      'es',
    );
    expect(focus(tags)).toEqual(['GT']);
  });

  it.each([
    [
      'es',
      'PE',
      'Renovación Popular presenta su lista al Senado',
      'La agrupación inscribió a sus candidatos el lunes.',
    ],
    ['es', 'VE', 'El BCV fija una nueva tasa oficial', 'La autoridad monetaria publicó el tipo de cambio del día.'],
    ['de', 'AT', 'PRO-GE droht mit Betriebsversammlungen', 'Die Gewerkschaft fordert höhere Löhne.'],
  ])('%s: %s from %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });
});
