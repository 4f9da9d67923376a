// Acts between states (issue #13, the largest class of missed foreign-policy across dev5-dev17): a title that names two
// different states (the country stage's names, leaders, capitals, demonyms of the state), one of them before a word of
// agreeing, meeting, talks, accusing, a border closed or opened (`between_states` in config/topics.yaml), is about
// their relations. Sentences written for these tests, not taken from the sets; summaries are short, so that the
// learned model does not speak and the rules alone are tested. The controls name two states without such an act: a
// match, fighting, goods or people going to a country, one state acting alone.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/config/index.ts';
import { checkTaxonomy } from '../../src/tag/index.ts';
import { tempDir } from '../helpers/env.ts';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('two states acting together or on each other', () => {
  taggedTopic(
    [
      ['en', 'Ghana and Togo agree to build a shared power line', 'Officials met in Lomé.'],
      ['en', 'Bolivia accuses Paraguay of hiding fugitive ex-minister', 'La Paz recalled no one yet.'],
      ['es', 'Ecuador y Perú firman un convenio para limpiar el río Zarumilla', 'El acto fue en Tumbes.'],
      ['es', 'Costa Rica cierra la frontera con Nicaragua por tres días', 'La medida rige desde el lunes.'],
      ['pt', 'Moçambique e Malawi assinam memorando sobre o lago Niassa', 'O texto prevê barcos novos.'],
      ['pt', 'Guiné-Bissau acusa o Senegal de atrasar a estrada', 'Bissau pede uma resposta.'],
      ['fr', 'Le Bénin et le Niger rouvrent leur frontière après deux ans', 'Les camions circulent de nouveau.'],
      ['fr', 'Le Tchad et le Soudan signent un pacte sur le transport', 'Le texte entre en vigueur en mai.'],
      ['de', 'Dänemark und Schweden vereinbaren Brücke nach Bornholm', 'Der Bau soll 2030 beginnen.'],
      ['de', 'Österreich schließt Grenze zu Slowenien für Lastwagen', 'Die Regel gilt ab Montag.'],
    ],
    'foreign-policy',
  );
});

describe('two states without an act between them', () => {
  untaggedTopic(
    [
      ['en', 'Uruguay meet Colombia in the Copa América semi-final', 'The winner plays Argentina in the final.'],
      ['en', 'Chile ships record copper cargo to China', 'Shipments rose 9 percent in May.'],
      ['es', 'Bolivia vence a Paraguay y se acerca al Mundial', 'El equipo ganó 2-0 en La Paz.'],
      ['fr', 'Le Ghana bat le Togo en match amical à Accra', 'Le score final est de 3-1.'],
      ['en', 'Chile beat Peru after Lapadula accused of diving', 'The referee showed two red cards.'],
      ['es', 'Colombia y Ecuador firman un empate sin goles en Quito', 'Ninguno pudo romper el cero.'],
      ['pt', 'Portugal e Espanha assinam empate em Sevilha', 'O jogo acabou 1-1.'],
      ['de', 'Deutschland und Frankreich treffen sich im Finale', 'Anpfiff ist am Sonntag in Berlin.'],
    ],
    'foreign-policy',
  );
});

describe("a country's clubs, companies and institutions do not act for the state", () => {
  untaggedTopic(
    [
      ['en', 'Boca Juniors sign Brazilian midfielder from Palmeiras', 'He joins on a three-year contract.'],
      ['en', 'Petrobras signs supply pact with Mexican refiner Pemex', 'Shipments start in March.'],
    ],
    'foreign-policy',
  );
});

describe('between_states in topics.yaml', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('a word that is only a wildcard is refused with its file and line', () => {
    const dir = path.join(tmp.dir, 'acts');
    mkdirSync(dir, { recursive: true });
    const topics = path.join(dir, 'topics.yaml');
    writeFileSync(
      topics,
      ['topics:', '  - slug: relations', '    label: Relations', '    between_states:', '      en: [agree*, "*"]'].join(
        '\n',
      ),
    );
    expect(checkTaxonomy(dir).map(formatProblem)).toEqual([
      expect.stringMatching(
        /topics\.yaml:5: topics\[0\]\.between_states\.en\[1\]: expected words, each one a word or a stem/,
      ),
    ]);
  });
});
