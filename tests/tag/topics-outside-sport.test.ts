// A club's words in a match report (issue #13, the dev18-dev20 errors): a club named "Sturm", a striker's "Angriff",
// a first leg and a league table are sport, which policy gives no topic. New words of the sport kind of
// `background.outside` (European cups, derbies, league tables, replays, qualifiers). Sentences written for these tests,
// not taken from the sets; the control keeps its topic.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('a match report is no topic', () => {
  untaggedTopic(
    [
      [
        'de',
        'Sturm Graz übernimmt die Tabellenspitze',
        'Nach dem Auswärtssieg im Derby liegt der Meister zwei Punkte vor Rapid.',
      ],
    ],
    'environment',
  );
  untaggedTopic(
    [
      [
        'de',
        'Leverkusen gewinnt das Hinspiel in Lissabon',
        'Der Angriff der Gäste überzeugte, im Rückspiel reicht Bayer ein Unentschieden für die Europa League.',
      ],
    ],
    'war',
  );
  untaggedTopic(
    [
      [
        'en',
        'Irish Cup: Larne stun Glentoran in replay',
        'A striking header in stoppage time settled the replay at Inver Park.',
      ],
    ],
    'strikes',
  );
  untaggedTopic(
    [
      [
        'es',
        'El Betis golea al Valencia y recupera el liderato',
        'El equipo de Pellegrini ganó 4-0; la goleada deja al entrenador rival en una posición delicada y a su plantilla en crisis.',
      ],
    ],
    'labour',
  );
  // Control: a storm that is weather keeps its topic.
  taggedTopic(
    [['de', 'Sturm fegt über Norddeutschland: Bäume entwurzelt', 'Der Orkan richtete schwere Schäden an.']],
    'environment',
  );
});
