// A state leaving an organisation of states, a treaty or an international court, and foreign troops leaving (issue
// #13; policy: foreign-policy covers leaving or joining a bloc): the foreign-policy patterns of config/topics.yaml.
// Sentences written for these tests, not taken from the sets; summaries are short, so that the learned model does not
// speak and the rules alone are tested. The controls leave something that is no organisation of states.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('a state leaves a bloc, a treaty or a court; foreign troops leave', () => {
  taggedTopic(
    [
      [
        'en',
        'Nauru announces it will withdraw from the regional fisheries organisation',
        'The decision takes effect in July.',
      ],
      ['es', 'Nicaragua anuncia su retiro de la Organización Mundial del Turismo', 'La medida rige en un año.'],
      ['pt', 'Cabo Verde anuncia a saída da Organização Internacional do Café', 'A decisão vale a partir de 2027.'],
      ['fr', 'Le Mali acte son retrait de la Communauté des États sahéliens', 'Le texte entre en vigueur lundi.'],
      ['fr', 'Le Tchad annonce le départ des derniers soldats étrangers', 'Les bases seront rendues en mars.'],
      ['de', 'Burundi tritt aus dem Internationalen Strafgerichtshof aus', 'Die Regierung nennt keine Gründe.'],
    ],
    'foreign-policy',
  );
});

describe('leaving something that is no organisation of states', () => {
  untaggedTopic(
    [
      ['en', 'Veteran striker to exit the club at the end of the season', 'He scored 80 goals in six years.'],
      ['de', 'Bürgermeisterin tritt aus der Partei aus', 'Sie bleibt im Amt.'],
    ],
    'foreign-policy',
  );
});
