// Words French, German, Portuguese and English newsrooms use for a topic that the lists lacked, added by family as an
// editor would list them (election kinds and turnout, rioters and barricades, temp work and outsourcing, stripping
// nationality and death sentences, the Fed, excision and forced marriage). Sentences written for these tests.
import { describe } from 'vitest';
import { taggedTopic } from './shared.ts';

describe('French', () => {
  taggedTopic(
    [['fr', 'Faible taux de participation aux sénatoriales', 'Les résultats sont attendus dans la soirée.']],
    'elections',
  );
  taggedTopic(
    [['fr', 'Excision : un rapport alarmant', 'Des milliers de fillettes concernées chaque année.']],
    'women',
  );
  taggedTopic(
    [['fr', 'Déchéance de nationalité pour trois journalistes', 'La décision a été publiée au journal officiel.']],
    'repression',
  );
  taggedTopic([['fr', 'Des émeutiers incendient la mairie', 'Les dégâts sont importants.']], 'strikes');
});

describe('German', () => {
  taggedTopic(
    [['de', 'Todesurteil gegen Blogger bestätigt', 'Das Oberste Gericht wies die Berufung zurück.']],
    'repression',
  );
  taggedTopic([['de', 'Zwangsheirat: Beratungsstellen schlagen Alarm', 'Die Zahl der Fälle steigt.']], 'women');
});

describe('Portuguese', () => {
  taggedTopic([['pt', 'Terceirização avança no setor público', 'O projeto segue para o Senado.']], 'labour');
  taggedTopic([['pt', 'Prefeito é empossado em cerimônia discreta', 'A cerimônia durou meia hora.']], 'elections');
});

describe('English', () => {
  taggedTopic([['en', 'Federal Reserve holds steady', 'Markets had expected the decision.']], 'economy');
});
