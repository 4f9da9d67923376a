// A round of issue #13 read on dev54: a country word that names a language or a side taken ("Russian-language",
// "de habla rusa", "pro-serbisch") is no focus, capitals' Spanish and German exonyms, vote buying as an election
// matter, and film festivals as culture stories. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, ruleTopicsOf as rules, taggedTopic, tagItem as tag, untaggedTopic } from './shared.ts';

describe('a country word naming a language or a side taken is a mention', () => {
  it.each([
    [
      'en',
      'Riga cuts Russian-language broadcasts on public radio',
      'The Latvian broadcaster will air its last programme in March.',
      'LV',
      'RU',
    ],
    [
      'en',
      'Chisinau court jails pro-Russian mayor for fraud',
      'Moldova’s anti-corruption prosecutors had sought eight years.',
      'MD',
      'RU',
    ],
    [
      'es',
      'Los vecinos de habla rusa de Narva votan en las municipales',
      'La ciudad del noreste de Estonia elige alcalde el domingo entre cuatro candidatos.',
      'EE',
      'RU',
    ],
    [
      'de',
      'Pro-ungarische Partei gewinnt Kommunalwahl in der Südslowakei',
      'In Komárno kam das Bündnis auf 40 Prozent der Stimmen.',
      'SK',
      'HU',
    ],
  ])('%s: %s', (language, title, summary, story, named) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toEqual([story]);
    expect(focus(tags)).not.toContain(named);
  });

  it('the country itself is still read ("Russian troops")', () => {
    expect(focus(tag('Russian troops shell Kharkiv overnight', 'Two people were killed.', 'en'))).toContain('RU');
  });
});

describe('capitals under their Spanish and German names', () => {
  it.each([
    ['es', 'MR', 'Nuakchot acoge una cumbre sobre la pesca', 'Los ministros debatirán las cuotas de captura.'],
    ['es', 'NG', 'Abuya endurece los controles en los aeropuertos', 'El Gobierno anunció nuevas medidas de seguridad.'],
    ['es', 'BI', 'Buyumbura sufre cortes de luz por tercer día', 'La empresa eléctrica culpa a la sequía.'],
    ['de', 'CM', 'Jaunde verschiebt die Regionalwahlen', 'Die Wahlkommission nannte keinen neuen Termin.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(countries(tag(title, summary, language))).toContain(code);
  });
});

describe('vote buying is an election matter', () => {
  taggedTopic(
    [
      ['en', 'Twelve arrested over vote-buying in mayoral race', 'Prosecutors said cash was handed out at markets.'],
      ['es', 'Investigan una red de compra de votos en Tucumán', 'La fiscalía allanó cuatro locales partidarios.'],
      ['fr', 'Soupçons d’achat de voix à la mairie de Perpignan', 'Le parquet a ouvert une enquête préliminaire.'],
      ['de', 'Ermittlungen wegen Stimmenkaufs in Bulgarien', 'Die Staatsanwaltschaft durchsuchte mehrere Büros.'],
    ],
    'elections',
    rules,
  );
});

describe('a film festival is a culture story: the war in its programme is no war topic', () => {
  untaggedTopic(
    [
      [
        'pt',
        'Festival de cinema de Maputo abre com drama sobre a guerra',
        'A longa-metragem de um jovem realizador esgotou a sala na noite de estreia.',
      ],
      [
        'es',
        'El festival de cine de Cartagena premia un documental sobre la guerra',
        'El largometraje sigue a tres excombatientes durante diez años.',
      ],
    ],
    'war',
    rules,
  );
});
