// Causes of false topics fixed as a whole: an earthquake's words mark a disaster that policy gives no topic (its
// "casualties" are no war), commodity markets' and mines' production reports are business news, French "traité" after an auxiliary is a verb and "traite des êtres humains" a trade in
// people (no treaty), and "stoppage time" is a match's. Sentences written for these tests, not taken from the sets.
import { describe, expect, it } from 'vitest';
import { taggedTopic, topicsOf } from './shared.ts';

describe('another sense or a story outside the topics', () => {
  it.each([
    [
      'en',
      'Magnitude 5.9 earthquake rattles northern Chile',
      'No casualties were reported, the seismology agency said.',
      'war',
    ],
    [
      'es',
      'Un sismo de magnitud 6,1 sacude el sur del Perú',
      'No se reportaron víctimas ni ataques de pánico, dijo el instituto.',
      'war',
    ],
    [
      'fr',
      'Le port de Dakar a traité un volume record',
      'Les conteneurs à destination du Mali ont doublé en un an.',
      'foreign-policy',
    ],
    [
      'fr',
      'Traite des êtres humains : un réseau démantelé à Lyon',
      'Douze personnes ont été mises en examen.',
      'foreign-policy',
    ],
    [
      'en',
      'Gold output at Peru mine hits a record',
      'The mine produced 310,000 ounces this year, the company said.',
      'environment',
    ],
    [
      'es',
      'Sube el precio del cobre',
      'El metal cerró en la Bolsa de Metales de Londres en 9.800 dólares por tonelada.',
      'economy',
    ],
    ['en', 'Header in stoppage time rescues a draw for City', 'The visitors had led since the 20th minute.', 'strikes'],
  ])('%s: %s', (language, title, summary, topic) => {
    expect(topicsOf(title, summary, language)).not.toContain(topic);
  });
});

describe('the topic word in its own sense still counts', () => {
  taggedTopic(
    [
      [
        'fr',
        "La France et l'Algérie signent un traité d'amitié",
        'Le texte doit être ratifié par les deux parlements.',
      ],
    ],
    'foreign-policy',
  );
});
