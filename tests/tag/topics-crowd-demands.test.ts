// A crowd counted in thousands that demands something or takes a city's centre or square is a protest (issue #13,
// misses of topics-dev5/dev6, dev13, dev15): "decenas de miles toman el centro", "Zehntausende fordern". Sentences
// written for these tests, not taken from the sets; summaries are short, so that the learned model does not speak and
// the rules alone are tested. The controls: thousands fleeing, or filling a place that is no civic square.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('thousands demand, or take the centre', () => {
  taggedTopic(
    [
      ['es', 'Miles de jubilados recorren el centro de Rosario', 'Los haberes no suben desde marzo.'],
      ['es', 'Decenas de miles exigen la renuncia del gobernador', 'El gobernador no respondió.'],
      ['pt', 'Milhares de moradores exigem creches em Manaus', 'O ato durou quatro horas.'],
      ['de', 'Zehntausende Eltern fordern mehr Kita-Plätze', 'Es fehlen 4.000 Plätze.'],
      ['fr', 'Des milliers de parents réclament plus de places en crèche', 'Il manque 2 000 places en ville.'],
      ['en', 'Thousands of parents demand smaller classes', 'They gathered outside city hall.'],
    ],
    'strikes',
  );
});

describe('thousands fleeing, or filling a place that is no civic square', () => {
  untaggedTopic(
    [
      ['es', 'Miles de turistas llenan las playas de Cancún', 'La ocupación hotelera supera el 90%.'],
      ['de', 'Zehntausende fliehen vor dem Hochwasser in Sachsen', 'Die Pegel steigen weiter.'],
    ],
    'strikes',
  );
});

// Found on dev43 (session 34): workers locking themselves in ("se encierran") is a protest.
describe('a lock-in is a protest', () => {
  taggedTopic(
    [
      ['es', 'Los mineros se encierran en el pozo contra el cierre de la explotación', ''],
      [
        'es',
        'Un centenar de vecinos mantienen un encierro en el ayuntamiento',
        'Exigen que no se cierre el centro de salud.',
      ],
    ],
    'strikes',
  );
});
