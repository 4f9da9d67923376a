// A round of issue #13 read on dev72: the club a player comes from ("venu de Porto") is where he was; Hamburg Süd is a
// shipping line; a country joined by "and" to the one opening the title opens it too ("Philippine and Chinese vessels
// collide"); a race for an office written with a possessive ("the governor's race") is an election.
// Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, ruleTopicsOf, tagItem as tag } from './shared.ts';

describe('a transfer', () => {
  it('the city of the club a player comes from is where he was, not the story', () => {
    const tags = tag(
      'Le PSG recrute un défenseur venu de Lisbonne',
      "Le club a officialisé l'arrivée du joueur pour 40 millions d'euros.",
      'fr',
    );
    expect(focus(tags)).toEqual(['FR']);
  });

  it('but a country still opening the title is its story', () => {
    expect(focus(tag('Argentine : un défenseur quitte le club pour Marseille', '', 'fr'))).toContain('AR');
  });
});

describe('Hamburg Süd', () => {
  it("is a shipping line: its ship aground abroad is the port country's story", () => {
    const tags = tag(
      'Frachter der Reederei Hamburg Süd läuft vor Valparaíso auf Grund',
      'Ein Containerschiff ist bei der Einfahrt in den chilenischen Hafen auf Grund gelaufen.',
      'de',
    );
    expect(focus(tags)).toEqual(['CL']);
  });
});

describe('countries joined by "and" at the opening of the title', () => {
  it('both open it, beside a dateline', () => {
    const tags = tag(
      'Vietnamese and Chinese coast guard vessels collide near disputed reef',
      'HANOI (AP) — A Vietnamese coast guard ship and a Chinese vessel collided, each government said.',
      'en',
    );
    expect(focus(tags).sort()).toEqual(['CN', 'VN']);
  });

  it('not a demonym later in the title', () => {
    const tags = tag(
      'Philippine coast guard rescues 12 Chinese fishermen',
      'MANILA (AP) — The crew were picked up after their boat sank in a storm.',
      'en',
    );
    expect(countries(tags)).toContain('CN');
    expect(focus(tags)).toEqual(['PH']);
  });
});

describe('a race for an office', () => {
  it('written with a possessive is an election', () => {
    expect(ruleTopicsOf("Former mayor enters Ohio governor's race", '', 'en')).toContain('elections');
  });
});
