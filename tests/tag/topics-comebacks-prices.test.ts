// Second senses found on dev33 and dev34 (issue #13), fixed as kinds: a side that comes from behind "renverse" its
// opponent (French "renverser" is weak; a government, a ruler or a regime toppled stays a coup), firefighters fight
// no war, a price war is business, a solar storm is space weather, and an award voted by journalists ("Wahl zum
// Sportler des Jahres") is no election. Sentences written for these tests, not taken from the sets.
import { describe } from 'vitest';
import { taggedTopic, untaggedTopic } from './shared.ts';

describe('sport, business and weather in space', () => {
  untaggedTopic(
    [
      [
        'fr',
        'Rugby : Toulouse renverse le Racing en fin de match',
        'Menés de dix points, les Toulousains ont arraché la victoire.',
      ],
      ['fr', 'Ligue 1 : Lille renverse Nantes au Stade Pierre-Mauroy', 'Les Dogues se sont imposés 2-1.'],
    ],
    'coups',
  );
  untaggedTopic(
    [
      ['en', 'Warehouse blaze in Surabaya kills six', 'Firefighters needed eight hours to bring it under control.'],
      ['es', 'Guerra de precios entre supermercados en Chile', 'Las cadenas rebajan la canasta básica un 10%.'],
      ['fr', 'Guerre des prix dans la téléphonie mobile', 'Les opérateurs cassent leurs forfaits.'],
    ],
    'war',
  );
  untaggedTopic(
    [['en', 'Strong solar storm could bring auroras to southern skies', 'Forecasters warned of GPS disruption.']],
    'environment',
  );
  untaggedTopic(
    [['de', 'Wahl zum Sportler des Jahres: Radprofi vorn', 'Die Sporthilfe ehrt die Besten.']],
    'elections',
  );
});

describe('a ruler or a government toppled', () => {
  taggedTopic(
    [
      ['fr', "L'Assemblée renverse le gouvernement", 'La motion de censure a réuni 331 voix.'],
      ['fr', 'Des militaires renversent le président', 'La télévision nationale a diffusé un communiqué.'],
      ['fr', 'Le président renversé par la garde présidentielle', 'La frontière est fermée.'],
    ],
    'coups',
  );
});

describe('animals, appeals and orchestras', () => {
  untaggedTopic(
    [['de', 'Wolfsangriff im Allgäu: 20 Schafe gerissen', 'Der Landrat fordert eine Abschussgenehmigung.']],
    'war',
  );
  untaggedTopic(
    [['en', 'United lodge protest over disallowed goal', 'The club wrote to the league on Monday.']],
    'strikes',
  );
  untaggedTopic(
    [['fr', 'Migration des batraciens : des routes fermées la nuit', 'Crapauds et grenouilles rejoignent les mares.']],
    'migration',
  );
  untaggedTopic(
    [['de', 'Berliner Philharmoniker wählen neuen Chefdirigenten', 'Das Orchester stellt ihn am Montag vor.']],
    'elections',
  );
});
