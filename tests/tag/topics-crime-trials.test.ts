// A criminal trial named by its own vocabulary in each language (a knife attack, a murder trial, Spain's jury and
// provincial court, Germany's "Prozessauftakt" and "Sicherungsverfahren") is crime news, outside the topics, even
// when it names an attack. Sentences written for these tests, not taken from the sets.
import { describe } from 'vitest';
import { untaggedTopic } from './shared.ts';

describe('a trial for a knife attack is crime news, not war', () => {
  untaggedTopic(
    [
      [
        'en',
        'Knife attack at station: murder trial opens',
        'The man is charged with murder over the stabbing of two commuters.',
      ],
      [
        'es',
        'Comienza el juicio por el ataque con cuchillo en la estación',
        'Un jurado popular de la Audiencia Provincial juzga al acusado de asesinato.',
      ],
      ['pt', 'Começa o júri do ataque a faca na estação', 'O tribunal do júri ouve hoje as primeiras testemunhas.'],
      [
        'fr',
        'Attaque au couteau à la gare : ouverture du procès pour meurtre',
        'L’accusé a porté plusieurs coups de couteau.',
      ],
      ['de', 'Messerangriff am Bahnhof: Prozessauftakt in Köln', 'Der Angeklagte soll zwei Menschen getötet haben.'],
    ],
    'war',
  );
});
