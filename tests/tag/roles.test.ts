// A country's role in its sentence (src/tag/roles.ts, `roles:` in config/countries.yaml): a country named only where
// goods or flights go or come from, as the target of sanctions or a warrant, or as where two others meet, is a mention
// beside the country that acts; a country that acts keeps its focus. Sentences written for these tests, not eval items.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { compileRoles, roleBefore } from '../../src/tag/roles.ts';
import { tokenize } from '../../src/tag/text.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';
import { rulesTagger, focus } from './shared.ts';

const tag = (language: string, title: string, summary: string) => rulesTagger().tag({ title, summary, language });
const mention = (tags: ReturnType<typeof tag>, code: string) =>
  tags.find((t) => t.kind === 'country' && t.value === code)?.role;

describe('a country the sentence makes a side of what another does is a mention', () => {
  it.each([
    [
      'en',
      'Britain widens sanctions on Iran over drone supplies',
      'LONDON, May 3 (Reuters) - The government froze the assets of ten more officials and two shipping firms.',
      'GB',
      'IR',
    ],
    [
      'en',
      'Chile lifts copper sales to Japan to a record',
      'SANTIAGO, June 2 (Reuters) - State miner shipments rose 12% in the first half, the central bank said.',
      'CL',
      'JP',
    ],
    [
      'es',
      'Perú impondrá aranceles a las importaciones de Ecuador',
      'LIMA, 4 mar (EFE).- El Gobierno publicará el decreto la próxima semana, según el Ministerio de Economía.',
      'PE',
      'EC',
    ],
    [
      'es',
      'Detenido en Sevilla un empresario buscado por Francia',
      'SEVILLA, 9 may (EFE).- La Policía Nacional lo arrestó en su domicilio por una estafa millonaria.',
      'ES',
      'FR',
    ],
    [
      'pt',
      'Portugal compra gás natural à Argélia por mais dez anos',
      'LISBOA, 5 mar (Lusa) - O Governo assinou hoje o contrato de fornecimento com a empresa estatal.',
      'PT',
      'DZ',
    ],
    [
      'fr',
      'La France suspend ses livraisons d’armes au Niger',
      'PARIS (AFP) - Le ministère des Armées a confirmé la décision mardi soir.',
      'FR',
      'NE',
    ],
    [
      'de',
      'Österreich senkt Einfuhren aus Russland auf ein Rekordtief',
      'WIEN (APA) - Der Anteil russischen Gases sank im Oktober auf zwölf Prozent, teilte die Regulierungsbehörde mit.',
      'AT',
      'RU',
    ],
    [
      'es',
      'La textil gallega dispara sus ventas en México',
      'MADRID, 10 jun (EUROPA PRESS) La compañía facturó un 18 % más en el trimestre, según su informe.',
      'ES',
      'MX',
    ],
    [
      'de',
      'Flüchtlinge aus Eritrea: Zahl der Anträge steigt',
      'NÜRNBERG (dpa) - Das Bundesamt zählte im Quartal 4.000 Erstanträge, ein Drittel mehr als im Vorjahr.',
      'DE',
      'ER',
    ],
    [
      'en',
      'Thousands flee fighting in eastern Chad into Cameroon',
      'NDJAMENA (Reuters) - Aid groups said more than 8,000 people crossed the border in a week.',
      'TD',
      'CM',
    ],
  ])('%s: %s', (language, title, summary, actor, side) => {
    const tags = tag(language, title, summary);
    expect(focus(tags)).toEqual([actor]);
    expect(mention(tags, side)).toBe('mention');
  });

  it('a name below the title repeating the role does not make it an actor', () => {
    const tags = tag(
      'es',
      'Perú impondrá aranceles a las importaciones de Ecuador',
      'LIMA, 4 mar (EFE).- El arancel afectará a 300 productos de países vecinos, entre ellos Ecuador.',
    );
    expect(focus(tags)).toEqual(['PE']);
  });

  it('countries joined by "and" share the role: flights between two cities', () => {
    const tags = tag(
      'fr',
      'Air Sénégal ouvre une ligne vers Lisbonne via Casablanca',
      'DAKAR (AFP) - La compagnie desservira trois fois par semaine la liaison entre Dakar et Casablanca.',
    );
    expect(focus(tags)).toEqual(['SN']);
    expect(mention(tags, 'MA')).toBe('mention');
  });

  it.each([
    [
      'fr',
      'Hydro-Québec exporte plus d’électricité vers New York',
      'MONTRÉAL - La société a exporté 30 % de plus vers l’État de New York et la Nouvelle-Angleterre.',
      'CA',
      'US',
    ],
    [
      'es',
      'Chile exporta más cobre a Texas',
      'SANTIAGO (EFE) - Los envíos al estado de Texas crecieron un 20 %.',
      'CL',
      'US',
    ],
    [
      'de',
      'Kanada liefert mehr Strom nach New York',
      'OTTAWA (dpa) - Der Strom fließt in den Bundesstaat New York.',
      'CA',
      'US',
    ],
  ])('%s: a place named as "the state of ..." keeps the role before it', (language, title, summary, actor, side) => {
    const tags = tag(language, title, summary);
    expect(focus(tags)).toEqual([actor]);
    expect(mention(tags, side)).toBe('mention');
  });
});

describe('where two other countries meet is a mention; a host or a side that acts stays', () => {
  it.each([
    ['en', 'Japan and South Korea hold talks in Vietnam', 'The foreign ministers met for three hours.', 'VN'],
    ['es', 'Colombia y Venezuela se reúnen en Panamá para reabrir la frontera', 'Los cancilleres hablaron.', 'PA'],
    ['de', 'Indien und Pakistan verhandeln in Katar über eine Waffenruhe', 'Die Gespräche dauern an.', 'QA'],
    [
      'fr',
      'Le Sénégal et la Mauritanie signent un accord de pêche à Madrid',
      'Les deux ministres ont paraphé le texte vendredi.',
      'ES',
    ],
  ])('%s: %s', (language, title, summary, venue) => {
    const tags = tag(language, title, summary);
    expect(focus(tags)).not.toContain(venue);
    expect(focus(tags).length).toBe(2);
  });

  it.each([
    [
      'en',
      'Ceasefire in Lebanon holds as Israel and Iran trade threats',
      'BEIRUT (Reuters) - Residents returned south.',
    ],
    ['es', 'Tregua en el Líbano: Israel e Irán se acusan mutuamente', 'BEIRUT, 3 dic (EFE).- Miles regresaron al sur.'],
    ['fr', "Trêve au Liban : Israël et l'Iran échangent des menaces", 'BEYROUTH (AFP) - Des déplacés sont rentrés.'],
    ['de', 'Waffenruhe im Libanon: Israel und Iran drohen einander', 'BEIRUT (dpa) - Tausende kehrten zurück.'],
  ])('%s: a truce "in" a country is where the war is, not where others meet: %s', (language, title, summary) => {
    expect(focus(tag(language, title, summary))).toEqual(['IL', 'IR', 'LB']);
  });

  it('a host that acts in the title stays a focus', () => {
    const tags = tag('en', 'Vietnam hosts talks between Japan and South Korea', 'The ministers met in Hanoi.');
    expect(focus(tags)).toContain('VN');
  });

  it('one visitor is not two countries meeting: the place stays', () => {
    const tags = tag('pt', 'Lula se reúne com empresários em Angola', 'O presidente chegou a Luanda na segunda-feira.');
    expect(focus(tags)).toContain('AO');
  });
});

describe('a country that acts keeps its focus', () => {
  it.each([
    [
      'fr',
      'Sanctions contre la Russie : Moscou saisit des actifs occidentaux',
      'MOSCOU (AFP) - Le Kremlin a ordonné la saisie de participations de groupes européens.',
      'RU',
    ],
    [
      'pt',
      'Argélia vende mais gás a Portugal e Espanha',
      'ARGEL (Lusa) - A Sonatrach aumentou as entregas em 8% no ano, segundo o ministério da Energia.',
      'DZ',
    ],
    [
      'de',
      'Russland stoppt Gaslieferungen nach Deutschland',
      'MOSKAU (dpa) - Gazprom begründete den Schritt mit Wartungsarbeiten an einer Verdichterstation.',
      'RU',
    ],
    [
      'es',
      'Marruecos responde a los aranceles de España',
      'RABAT, 2 jul (EFE).- El Gobierno marroquí anunció medidas recíprocas sobre productos agrícolas.',
      'MA',
    ],
  ])('%s: %s', (language, title, summary, actor) => {
    expect(focus(tag(language, title, summary))).toContain(actor);
  });

  it('sanctions a country imposes keep it: the sanctioning state is named as the actor, not after the preposition', () => {
    const tags = tag(
      'en',
      'Iran rejects new British sanctions',
      'TEHRAN, May 4 (Reuters) - The foreign ministry said.',
    );
    expect(focus(tags)).toContain('IR');
  });

  it.each([
    [
      'en',
      "Nirav Modi's extradition to India approved by UK court",
      'The fugitive jeweller, wanted by India over a $2 billion bank fraud, lost his appeal at the High Court.',
      ['GB', 'IN'],
    ],
    [
      'fr',
      "Le Maroc salue l'extradition d'un trafiquant accordée par l'Espagne",
      'RABAT (MAP) - Le ministère de la Justice a remercié les autorités judiciaires.',
      ['ES', 'MA'],
    ],
    [
      'de',
      'Russland kritisiert Auslieferung von Deutschland an die USA',
      'MOSKAU (dpa) - Der Kreml sprach von einem politisch motivierten Verfahren gegen den Geschäftsmann.',
      ['DE', 'RU'],
    ],
  ])('%s: the state that grants or carries out an extradition acts: %s', (language, title, summary, actors) => {
    const tags = tag(language, title, summary);
    for (const code of actors) expect(focus(tags)).toContain(code);
  });

  it.each([
    [
      'es',
      'El FMI aprueba un préstamo de 20.000 millones para Argentina',
      'WASHINGTON, 8 abr (EFE).- El directorio del Fondo dio luz verde al nuevo programa, que exige un ajuste fiscal.',
      'AR',
    ],
    [
      'es',
      'Buenas noticias para Chile: el cobre alcanza un máximo histórico',
      'LONDRES, 3 oct (EFE).- La tonelada superó los 11.000 dólares en la Bolsa de Metales.',
      'CL',
    ],
    [
      'pt',
      'FMI aprova novo empréstimo para Moçambique',
      'WASHINGTON (Lusa) - O conselho do Fundo libertou 60 milhões de dólares para apoiar a balança de pagamentos.',
      'MZ',
    ],
    [
      'pt',
      'Medalha de ouro para o Brasil no vôlei de praia',
      'PARIS (AFP) - A dupla brasileira venceu as americanas na final.',
      'BR',
    ],
  ])(
    '%s: "para" outside a frame says whom the story is for, not where goods go: %s',
    (language, title, summary, code) => {
      expect(focus(tag(language, title, summary))).toContain(code);
    },
  );

  it('pt: "para" inside a frame is still where goods go', () => {
    const tags = tag(
      'pt',
      'Brasil exporta mais café para os Estados Unidos',
      'BRASÍLIA (Agência Brasil) - As vendas cresceram 15% no trimestre, segundo o Cecafé.',
    );
    expect(focus(tags)).toEqual(['BR']);
    expect(mention(tags, 'US')).toBe('mention');
  });

  it.each([
    [
      'en',
      'Another World Cup without Italy after playoff defeat in Bosnia',
      'ZENICA, Bosnia (Reuters) - Bosnia won 2-1 to send the four-time champions out.',
    ],
    [
      'es',
      'Otro Mundial sin Italia: Bosnia elimina a la azzurra',
      'ZENICA, 31 mar (EFE).- La selección bosnia ganó 2-1.',
    ],
    ['de', 'WM ohne Italien: Bosnien gewinnt Playoff-Finale', 'ZENICA (dpa) - Die Bosnier siegten mit 2:1.'],
    [
      'fr',
      "Un Mondial sans l'Italie : la Bosnie élimine la Squadra Azzurra",
      'ZENICA (AFP) - Les Bosniens se sont imposés 2-1 en barrage.',
    ],
  ])('%s: a team left out is the story, absent only from a gathering: %s', (language, title, summary) => {
    expect(focus(tag(language, title, summary))).toEqual(['BA', 'IT']);
  });

  it('en: a gathering without a country still leaves it absent', () => {
    const tags = tag(
      'en',
      'Ukraine peace summit opens in Switzerland without Russia',
      'BUERGENSTOCK, Switzerland (Reuters) - Leaders of some 90 countries arrived for the two-day meeting.',
    );
    expect(mention(tags, 'RU')).toBe('mention');
  });

  it.each([
    [
      'fr',
      'Vol de bijoux en Suisse : deux Français arrêtés',
      'LYON (AFP) - Les suspects ont été interpellés mardi à leur domicile.',
      ['CH', 'FR'],
    ],
    [
      'es',
      'Colombia saca ventaja a Brasil en la tabla de las eliminatorias',
      'BOGOTÁ, 10 sep (EFE).- La selección ganó 2-0 y suma cuatro puntos más.',
      ['BR', 'CO'],
    ],
  ])(
    '%s: a word that only looks like a sale or a flight (vol = theft, ventaja) gives no role: %s',
    (language, title, summary, codes) => {
      expect(focus(tag(language, title, summary))).toEqual(codes);
    },
  );

  it.each([
    [
      'es',
      'Importante victoria de Uruguay en Lima',
      'LIMA, 3 jun (EFE).- La selección celeste ganó 2-0.',
      ['PE', 'UY'],
    ],
    [
      'fr',
      'Importante victoire du Sénégal à Abidjan',
      'ABIDJAN (AFP) - Les Lions ont battu les Éléphants.',
      ['CI', 'SN'],
    ],
    [
      'es',
      'Importantes lluvias de Argentina llegan a Uruguay',
      'MONTEVIDEO, 3 jun (EFE).- El frente frío dejó 80 mm.',
      ['AR', 'UY'],
    ],
  ])('%s: "importante" is no import: %s', (language, title, summary, codes) => {
    expect(focus(tag(language, title, summary))).toEqual(codes);
  });

  it('fr: a sale is still where goods go', () => {
    const tags = tag('fr', "L'Algérie vend davantage de gaz à l'Italie", 'ALGER (APS) - Sonatrach a signé un avenant.');
    expect(focus(tags)).toEqual(['DZ']);
    expect(mention(tags, 'IT')).toBe('mention');
  });

  it('de: a demonym before a compound of a noun for the state acting names the attacker', () => {
    const tags = tag(
      'de',
      'Russischer Drohnenangriff legt Stromnetz der Ukraine lahm',
      'KIEW (dpa) - Die Luftwaffe meldete 80 Drohnen; Tausende Haushalte sind ohne Strom.',
    );
    expect(focus(tags).sort()).toEqual(['RU', 'UA']);
  });

  it('a journey keeps its destination a side of the story', () => {
    const tags = tag('es', 'Lula viaja a China para firmar acuerdos de exportación', 'El presidente llega el lunes.');
    expect(focus(tags).sort()).toEqual(['BR', 'CN']);
  });
});

describe('the role table is the editors', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('reads a frame: an activity word, a gap, the word before the country; stems with * at either end', () => {
    const roles = compileRoles({
      de: { articles: ['die', 'der'], frames: [{ role: 'origin', words: ['*importe', 'einfuhr*'], then: ['aus'] }] },
    });
    const lang = roles.byLanguage.get('de')!;
    const at = (text: string, word: string) => {
      const t = tokenize(text);
      return roleBefore(lang, t, t.folded.indexOf(word));
    };
    expect(at('Gasimporte aus Norwegen steigen', 'norwegen')).toBe('origin');
    expect(at('Einfuhren von Stahl aus der Türkei', 'turkei')).toBe('origin');
    expect(at('Einfuhren sinken. Aus Norwegen kommt mehr', 'norwegen')).toBeUndefined();
    expect(at('Touristen aus Norwegen', 'norwegen')).toBeUndefined();
  });

  it('without a `roles:` table no country is given a role; with one of its own an editor adds a frame', () => {
    const dir = path.join(tmp.dir, 'roles');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'countries.yaml');
    const title = 'Perú impondrá aranceles a las importaciones de Ecuador';
    const summary = 'LIMA, 4 mar (EFE).- El decreto se publicará la próxima semana.';
    writeFileSync(file, 'aliases: []\n');
    expect(focus(createTagger(loadTaxonomy(dir)).tag({ title, summary, language: 'es' }))).toEqual(['EC', 'PE']);
    writeFileSync(
      file,
      ['roles:', '  es:', '    frames:', '      - { role: origin, words: [importaci*], then: [de] }'].join('\n'),
    );
    expect(focus(createTagger(loadTaxonomy(dir)).tag({ title, summary, language: 'es' }))).toEqual(['PE']);
  });

  it("a demonym naming whose border a place lies on is a side; the state's border service acts", () => {
    expect(
      focus(
        tag(
          'fr',
          'Tillabéri : dix soldats tués dans une embuscade près de la frontière malienne',
          'Le bilan est lourd.',
        ),
      ),
    ).toEqual(['NE']);
    expect(
      focus(tag('de', 'Kaliningrad: Militärübung nahe der polnischen Grenze', 'Die Übung dauert eine Woche.')),
    ).toEqual(['RU']);
    expect(
      focus(tag('en', 'Canadian border agents seize record fentanyl haul', 'The agency said it was the largest.')),
    ).toEqual(['CA']);
  });

  it('the shipped table loads for the five languages', () => {
    const roles = loadTaxonomy(path.join(REPO_ROOT, 'config')).roles ?? {};
    expect(Object.keys(roles).sort()).toEqual(['de', 'en', 'es', 'fr', 'pt']);
  });
});
