// Activists gluing themselves to a road, a runway or a painting protest, in every language, even when the text names
// no protest word. Sentences written for these tests, not taken from the sets.
import { describe } from 'vitest';
import { taggedTopic } from './shared.ts';

describe('gluing oneself down is a protest', () => {
  taggedTopic(
    [
      ['en', 'Climate activists glued themselves to a motorway gantry', 'Traffic was halted for three hours.'],
      ['de', 'Klimagruppe klebt sich auf Kreuzung in München fest', 'Der Verkehr stand zwei Stunden still.'],
      ['de', 'Aktivisten haben sich an einem Gemälde festgeklebt', 'Das Museum blieb geschlossen.'],
      ['fr', 'Des militants se sont collés sur le périphérique', 'La circulation a été interrompue.'],
      ['pt', 'Ativistas colaram as mãos no asfalto da avenida', 'O trânsito ficou parado por duas horas.'],
      ['es', 'Activistas se pegaron las manos al asfalto de la Castellana', 'El tráfico estuvo cortado dos horas.'],
    ],
    'strikes',
  );
});
