// A police force in a crime report (issue #13, the dev18-dev20 errors): police arresting a drug gang or charging a
// driver is crime, not repression. New words of the crime kind of `background.outside`. Sentences written for
// these tests, not taken from the sets; each group has a control that keeps its topic.
import { describe } from 'vitest';
import { ruleTopicsOf, taggedTopic, untaggedTopic } from './shared.ts';

describe('police in a crime report is no repression', () => {
  untaggedTopic(
    [
      [
        'en',
        'Ottawa police charge driver after crash at bus stop',
        'Police have charged a 40-year-old man with dangerous driving causing death after his car struck a shelter.',
      ],
      [
        'pt',
        'Polícia prende quadrilha que enganava idosos em Porto Alegre',
        'Os criminosos praticavam estelionato por telefone, segundo a Polícia Civil.',
      ],
      [
        'de',
        'Polizei nimmt zwei Männer in Göteborg fest',
        'Die Tatverdächtigen sollen zu kriminellen Netzwerken gehören, die sich eine Bandenfehde liefern.',
      ],
    ],
    'repression',
  );
  // The rules alone: on this one the shipped model adds repression (a known error in tests/tag/topic-model.test.ts).
  untaggedTopic(
    [
      [
        'en',
        'Police arrest 12 in dawn raids on drug gang in Leeds',
        'Officers found cocaine and two pistols; the drug gang used teenagers as couriers, the force said.',
      ],
    ],
    'repression',
    ruleTopicsOf,
  );
  // Control: police against protesters is still the state against people.
  taggedTopic(
    [
      [
        'en',
        'Police arrest 300 protesters in crackdown on opposition rally',
        'Riot police beat marchers in the capital.',
      ],
    ],
    'repression',
  );
});
