// The protest words' second senses, per language: a word that names a protest in one construction names something
// else in another (Spanish "paro" is also unemployment and a cardiac arrest, "en marcha" is under way, Mexican "rinde
// protesta" is a swearing-in; French "manifestement" is an adverb; German "Einmarsch" is an invasion; a state or a
// chamber that blocks a law or sanctions is no blockade). Sentences written for these tests, not taken from the sets.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

const tagged = taggedTopic;
const notTagged = untaggedTopic;

describe('a protest word in another sense is no protest', () => {
  notTagged(
    [
      ['en', 'Stocks rally as inflation cools', 'The main index gained 2 percent on the day.'],
      ['en', 'The vote demonstrated the party’s strength in the north', 'Turnout was 70 percent.'],
      ['en', 'Russia announces partial mobilization', 'Reservists are called to the front.'],
      ['es', 'El paro registrado baja en 30.000 personas en octubre', 'Es el mejor octubre de la década.'],
      ['es', 'Muere un hombre de un paro cardiaco en el metro', 'Los sanitarios no pudieron reanimarlo.'],
      ['es', 'El Gobierno pone en marcha un plan de vivienda', 'El programa incluye 20.000 pisos.'],
      ['es', 'El Gobierno da marcha atrás con la reforma', 'La medida había generado rechazo.'],
      ['es', 'La nueva alcaldesa rinde protesta en Monterrey', 'Asumió el cargo ante el cabildo.'],
      ['es', 'Estados Unidos anuncia el levantamiento de sanciones a Caracas', 'La medida afecta al petróleo.'],
      ['es', 'Rusia ordena una movilización de reservistas', 'Putin llama a filas a 300.000 hombres.'],
      ['es', 'El Senado bloquea la reforma judicial', 'La oposición votó en contra.'],
      ['es', 'Washington mantiene el bloqueo a Cuba', 'La Asamblea General votó de nuevo contra el embargo.'],
      ['pt', 'Ministro que ocupa o cargo desde 2019 deixa o governo', 'Ele será substituído pelo secretário.'],
      ['pt', 'Governo põe em marcha plano de habitação', 'O programa prevê 20 mil casas.'],
      ['pt', 'Senado bloqueia a reforma tributária', 'A oposição votou contra.'],
      ['pt', 'Caso de agressão causou revolta nas redes', 'O vídeo teve milhões de visualizações.'],
      ['fr', 'Le président a manifestement sous-estimé la crise', 'Son entourage reconnaît des erreurs.'],
      ['fr', 'Un long cortège funèbre pour l’ancien président', 'Des milliers de personnes lui rendent hommage.'],
      ['fr', 'Le gouvernement annonce un blocage des prix de l’énergie', 'Les tarifs réglementés seront gelés.'],
      ['de', 'Ungarn blockiert neue EU-Sanktionen gegen Russland', 'Budapest verlangt Ausnahmen für Öl.'],
      ['de', 'Der Bundesrat blockiert das Heizungsgesetz', 'Die Länder fordern Nachbesserungen.'],
      ['de', 'Russische Armee setzt Vormarsch im Donbass fort', 'Die ukrainischen Truppen ziehen sich zurück.'],
      [
        'de',
        'Die Regierung demonstriert Einigkeit',
        'Nach dem Streit um den Haushalt gibt sich die Koalition geschlossen.',
      ],
    ],
    'strikes',
  );
});

describe('the other sense keeps its own topic', () => {
  tagged([['es', 'La nueva alcaldesa rinde protesta en Monterrey', 'Asumió el cargo ante el cabildo.']], 'elections');
  tagged(
    [['es', 'El paro registrado baja en 30.000 personas en octubre', 'Es el mejor octubre de la década.']],
    'economy',
  );
  tagged([['es', 'Rusia ordena una movilización de reservistas', 'Putin llama a filas a 300.000 hombres.']], 'war');
  tagged([['de', 'Vor zwei Jahren begann der Einmarsch in die Ukraine', 'Kiew bittet um mehr Waffen.']], 'war');
  tagged(
    [['es', 'Washington mantiene el bloqueo a Cuba', 'La Asamblea General votó de nuevo contra el embargo.']],
    'foreign-policy',
  );
});

describe('people blocking a place, marching or demonstrating still protest', () => {
  tagged(
    [
      ['en', 'Thousands demonstrate against the pension reform', 'Unions called a day of action.'],
      ['es', 'Camioneros bloquean la ruta 5 en el sur', 'Exigen más seguridad en las carreteras.'],
      ['es', 'La central obrera bloquea los accesos a la refinería', 'Los trabajadores exigen un aumento.'],
      ['es', 'Muere un estudiante en marcha contra el Congreso', 'Un agente disparó durante la protesta.'],
      ['pt', 'Sem-terra bloqueiam rodovias em cinco estados', 'Eles pedem reforma agrária.'],
      ['fr', 'La jeunesse manifeste pour la santé et l’éducation', 'Des milliers de jeunes dans les rues.'],
      ['de', 'Klimagruppe blockiert den Flughafen', 'Aktivisten klebten sich auf dem Rollfeld fest.'],
    ],
    'strikes',
  );
});
