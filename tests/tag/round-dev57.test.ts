// A round of issue #13 read on dev57: a namesake dateline told apart by a region or canton named below it ("MÉRIDA
// (EFE) - ... de toda Extremadura" is Spain's Mérida), a capital's dateline kept whatever the text names, "chérifien"
// as Morocco's adjective, a stage race that starts abroad ("Tour de France" from Barcelona) as the host's story, a German compound for a policy toward a country ("Russland-Kurs") as a modifier, and
// German climate conferences as environment but not the storming of a parliament. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, ruleTopicsOf as rules, tagItem as tag } from './shared.ts';

describe('a namesake dateline is the one in the region named below it', () => {
  it.each([
    [
      'es',
      'Los regantes exigen más agua para las vegas',
      'MÉRIDA, 5 may (EFE).- Agricultores de toda Extremadura reclamaron este martes a la Junta un plan de regadíos.',
      'ES',
      'MX',
    ],
    [
      'de',
      'Parlament streicht Stellen in der Verwaltung',
      'FREIBURG - Der Grosse Rat des Kantons Freiburg hat am Dienstag ein Sparprogramm angenommen.',
      'CH',
      'DE',
    ],
  ])('%s: %s', (language, title, summary, right, namesake) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toContain(right);
    expect(countries(tags)).not.toContain(namesake);
  });

  it.each([
    [
      'fr',
      'Ottawa impose des contre-tarifs sur l’acier',
      'OTTAWA (La Presse canadienne) - Le gouvernement fédéral répond aux mesures annoncées par la Maison-Blanche.',
      'CA',
    ],
    [
      'en',
      'Gold explorer starts drilling program',
      'VANCOUVER, March 3 - Northern Ridge Resources Ltd said drilling will begin at its gold property in Nevada.',
      'CA',
    ],
  ])('%s: keeps a capital or a city whose namesake only a state would tell: %s', (language, title, summary, home) => {
    expect(focus(tag(title, summary, language))).toContain(home);
  });
});

describe("a country's adjectives and compounds", () => {
  it('fr: "chérifien" is Morocco', () => {
    const tags = tag(
      'Le royaume chérifien renforce ses contrôles aux frontières',
      'Les autorités invoquent la sécurité.',
      'fr',
    );
    expect(focus(tags)).toContain('MA');
  });

  it.each([
    ['Tausende protestieren in Prag gegen den Russland-Kurs der Regierung', 'CZ', 'RU'],
    ['Opposition in Budapest kritisiert die China-Politik Orbáns', 'HU', 'CN'],
  ])('de: a policy toward a country qualifies it: %s', (title, place, qualified) => {
    const tags = tag(title, 'Die Kundgebung verlief friedlich.', 'de');
    expect(focus(tags)).toContain(place);
    expect(focus(tags)).not.toContain(qualified);
    expect(countries(tags)).toContain(qualified);
  });
});

describe('German climate conferences and storms', () => {
  it('a climate conference or summit in a compound is environment', () => {
    expect(
      rules('Weltklimakonferenz vertagt Streit über Finanzierung', 'Die Delegierten reisen ohne Einigung ab.', 'de'),
    ).toContain('environment');
    expect(
      rules('Klimagipfel in Bonn: Zusagen bleiben aus', 'Viele Staaten legten keine neuen Ziele vor.', 'de'),
    ).toContain('environment');
  });

  it('the storming of a parliament is no storm', () => {
    const summary = 'Die Anklage wirft den Männern einen bewaffneten Sturm auf den Landtag vor.';
    expect(rules('Prozess gegen zwölf Männer beginnt in Stuttgart', summary, 'de')).not.toContain('environment');
    expect(rules('Sturm entwurzelt Bäume an der Nordsee', 'Der Bahnverkehr ist unterbrochen.', 'de')).toContain(
      'environment',
    );
  });
});

describe('a stage race named after a country, abroad', () => {
  it.each([
    [
      'fr',
      'Le Tour de France partira de Florence en 2028',
      'Les organisateurs ont présenté trois étapes en Toscane.',
      'IT',
      'FR',
    ],
    [
      'es',
      'La Vuelta a España saldrá de Lisboa el próximo verano',
      'La organización presentó el recorrido de tres etapas.',
      'PT',
      'ES',
    ],
    [
      'en',
      'Tour de France to start in Copenhagen next summer',
      'Organisers unveiled a time trial through the city.',
      'DK',
      'FR',
    ],
  ])('%s: the host city is the story, the race a mention: %s', (language, title, summary, host, race) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toContain(host);
    expect(focus(tags)).not.toContain(race);
    expect(countries(tags)).toContain(race);
  });

  it('keeps its country on its own ground', () => {
    expect(
      focus(tag('Tour de France : Vingegaard attaque dans les Alpes', 'Le Danois a repris deux minutes.', 'fr')),
    ).toContain('FR');
  });
});
