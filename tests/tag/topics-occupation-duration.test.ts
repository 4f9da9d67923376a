// Protesters named before the verb that occupies a building are a protest ("les étudiants occupent un bâtiment");
// a protest that lasted weeks before the story's act is its cause, named as background ("tras semanas de
// protestas", "nach wochenlangen Protesten"), not a topic of its own (issue #13). Sentences written for the test.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('occupations and protests as causes', () => {
  taggedTopic(
    [
      ['fr', 'Genève : des lycéens occupent la cour du collège depuis lundi', ''],
      ['es', 'Estudiantes ocupan el edificio de la facultad de Medicina en Córdoba', ''],
    ],
    'strikes',
  );
  untaggedTopic(
    [
      ['fr', 'Les troupes occupent la ville depuis lundi', ''],
      ['es', 'El Senado aprueba la reforma de pensiones tras semanas de protestas', 'La ley entra en vigor en enero.'],
      ['en', 'Parliament passes pension reform after weeks of protests', 'The law takes effect in January.'],
      ['pt', 'Senado aprova reforma da Previdência após semanas de protestos', 'A lei entra em vigor em janeiro.'],
      ['fr', 'Le Sénat adopte la réforme des retraites après des semaines de manifestations', 'Elle entre en vigueur.'],
      ['de', 'Senat beschließt Rentenreform nach wochenlangen Protesten', 'Sie gilt ab Januar.'],
    ],
    'strikes',
  );
});
