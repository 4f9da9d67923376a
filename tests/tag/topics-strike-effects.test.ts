// Strikes told by their effect with the workers named (issue #13, misses of dev6-dev17): a union or a trade bringing
// something to a halt ("legt ... lahm", "para el país", "dejan en tierra") and headline English "walk off job". Sentences written for these tests, not taken from the sets; summaries are short, so
// that the learned model does not speak and the rules alone are tested. The controls: a halt with no workers named.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('workers bring something to a halt or walk off', () => {
  taggedTopic(
    [
      ['de', 'Lokführer legen den Güterverkehr im Ruhrgebiet lahm', 'Betroffen sind 300 Züge.'],
      ['de', 'Verdi legt Kitas in Bremen lahm', 'Eltern suchen Betreuung.'],
      ['es', 'Los camioneros paran el país por segunda vez en un mes', 'No hay combustible en Rosario.'],
      ['es', 'Los pilotos de la aerolínea dejan en tierra 80 vuelos', 'Afecta a Madrid y Lisboa.'],
      ['en', 'Bus drivers in Leeds walk off job over rosters', 'Services are cancelled until Friday.'],
    ],
    'strikes',
  );
});

describe('a halt with no workers named', () => {
  untaggedTopic(
    [
      ['de', 'Sturmtief legt Bahnverkehr in Norddeutschland lahm', 'Bäume stürzten auf die Gleise.'],
      ['de', 'Hackerangriff legt Verwaltung in Kassel lahm', 'Die Bürgerbüros bleiben geschlossen.'],
      ['es', 'La niebla deja en tierra 40 vuelos en Barajas', 'Aena recomienda consultar con las aerolíneas.'],
    ],
    'strikes',
  );
});
