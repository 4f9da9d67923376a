// Kinds found on dev40 (issue #13): a region's or city's adjective beside a company noun says where the company is at
// home ("der Stuttgarter Konzern", "el grupo vasco"); a country's name in one language that is a word of another
// ("Gana" is Spanish for "wins", "Chili" English food) or a given name ("Mauricio Macri"); seas named after a country;
// national regulators, programmes and universities named alone; a town whose name towns abroad share, read in the
// language of the one country among them that speaks it ("Brest" in French); Antarctica, a region no state governs.
// Sentences written for these tests, not taken from the sets.
import { describe, expect, it } from 'vitest';
import { countries, focus, regions, tagItem } from './shared.ts';

describe("a region's or city's adjective beside a company noun: the company's home", () => {
  it.each([
    [
      'de',
      'Porsche senkt die Renditeprognose',
      'Der Stuttgarter Konzern verweist auf schwache Verkäufe und Kosten für neue Modelle.',
      'DE',
    ],
    [
      'es',
      'Iberdrola dispara su beneficio semestral',
      'El grupo vasco ganó 4.000 millones de euros gracias a las redes eléctricas.',
      'ES',
    ],
    [
      'fr',
      'Le chiffre d’affaires de Seb recule',
      'Le groupe lyonnais pâtit de la baisse des ventes de petit électroménager.',
      'FR',
    ],
    [
      'en',
      'Scottish firm wins offshore wind contract',
      'The company will build turbines for a new farm next year.',
      'GB',
    ],
  ])('%s: %s -> %s', (language, title, summary, code) => {
    expect(focus(tagItem(title, summary, language))).toEqual([code]);
  });

  it.each([
    // A country's demonym beside a company noun stays its nationality, not where the story is.
    [
      'es',
      'Una empresa china compra el puerto de Chancay',
      'La firma invertirá 1.000 millones en la terminal peruana.',
      'CN',
    ],
    // A work's regional adjective: the festival abroad is the story's place.
    ['es', 'Una película gallega gana en Berlín', 'La cinta recibió el Oso de Plata del festival.', 'ES'],
  ])('%s: %s: %s is no focus', (language, title, summary, code) => {
    expect(focus(tagItem(title, summary, language))).not.toContain(code);
  });
});

describe("a country's name that is a word or a given name in the entry's language", () => {
  it.each([
    ['es', 'Gana el premio un equipo de químicos', 'El jurado distinguió su trabajo sobre baterías.', 'GH'],
    [
      'es',
      'Polen en el aire: la alergia se adelanta',
      'Los especialistas recomiendan mascarillas en los parques.',
      'PL',
    ],
    ['en', 'Best Chili Recipes For A Cold Night', 'A bowl of chili is the ultimate comfort food.', 'CL'],
    ['en', 'Suede Boots Are Back This Autumn', 'Designers showed suede everywhere this season.', 'SE'],
    ['en', 'Grenade attack wounds three at market', 'Police said the grenade was thrown from a motorbike.', 'GD'],
    ['es', 'Mauricio Macri presenta su libro', 'El expresidente habló de su paso por el gobierno.', 'MU'],
  ])('%s: %s has no %s', (language, title, summary, code) => {
    expect(countries(tagItem(title, summary, language))).not.toContain(code);
  });

  it.each([
    // In the language whose name it is, the country.
    ['pt', 'Gana vai às urnas para eleger presidente', 'Os eleitores escolhem entre dois candidatos.', 'GH'],
    ['fr', 'Le Chili adopte une nouvelle loi sur l’eau', 'Le Parlement a voté le texte mardi.', 'CL'],
    ['fr', 'La Suède renforce son armée', 'Stockholm a annoncé un budget record.', 'SE'],
    ['es', 'Mauricio celebra elecciones legislativas', 'La isla del océano Índico vota este domingo.', 'MU'],
  ])('%s: %s -> %s', (language, title, summary, code) => {
    expect(focus(tagItem(title, summary, language))).toContain(code);
  });
});

describe('seas named after a country', () => {
  it.each([
    [
      'en',
      'Manila and Hanoi hold joint patrol amid South China Sea tensions',
      'Coast guards of both sides sailed together.',
      'CN',
    ],
    [
      'fr',
      'Exercice naval en mer de Chine méridionale',
      'Les marines philippine et japonaise ont manœuvré trois jours.',
      'CN',
    ],
  ])('%s: %s has no %s', (language, title, summary, code) => {
    expect(countries(tagItem(title, summary, language))).not.toContain(code);
  });

  it('the country acting there is still named', () => {
    const tags = tagItem(
      'Chinese ships water-cannon supply boat in South China Sea',
      'Beijing defended its coast guard.',
      'en',
    );
    expect(focus(tags)).toContain('CN');
  });
});

describe('national regulators, programmes and universities named alone', () => {
  it.each([
    [
      'de',
      'Mindestlohn: Kommission empfiehlt kräftiges Plus',
      'Die Mindestlohnkommission legt ihren Bericht vor.',
      'DE',
    ],
    ['de', 'Was sich beim Bürgergeld ändert', 'Ab Januar gelten neue Regeln für Terminversäumnisse.', 'DE'],
    [
      'fr',
      'Électricité : le tarif réglementé va baisser',
      "La Commission de régulation de l'énergie a proposé une baisse de 5 %.",
      'FR',
    ],
    [
      'es',
      'La CNMC multa a cuatro constructoras',
      'El organismo de competencia impuso sanciones por reparto de obras.',
      'ES',
    ],
    ['pt', 'CMVM aperta regras para fundos', 'O regulador publicou novas exigências de transparência.', 'PT'],
    ['es', 'Estudiantes toman la UNAM en protesta', 'La rectoría pidió diálogo tras la toma de la facultad.', 'MX'],
  ])('%s: %s -> %s', (language, title, summary, code) => {
    expect(focus(tagItem(title, summary, language))).toEqual([code]);
  });
});

describe('a town whose name towns abroad share, in the language of the one country among them that speaks it', () => {
  it('fr: "Brest :" is the French port', () => {
    const tags = tagItem(
      'Brest : la métropole rend les bus gratuits le samedi',
      'Le conseil communautaire a voté la mesure jeudi soir.',
      'fr',
    );
    expect(focus(tags)).toEqual(['FR']);
  });

  it('en: "Brest" stays unread without its country', () => {
    expect(focus(tagItem('Brest council votes on free buses', 'The measure passed on Thursday night.', 'en'))).toEqual(
      [],
    );
  });

  it('a French reading does not read a German dateline: "ESSEN." is Essen in Germany', () => {
    const tags = tagItem(
      'Discounter senken die Preise für Butter',
      'ESSEN. Die Handelsketten haben die Preise zum Monatsbeginn gesenkt.',
      'de',
    );
    expect(focus(tags)).toEqual(['DE']);
  });
});

describe('Antarctica is a region, not a country', () => {
  it.each([
    [
      'en',
      'Antarctic sea ice shrinks to a new winter low',
      'Satellite data show the ice around the continent retreated again.',
    ],
    [
      'de',
      'Forscher bohren in der Antarktis nach altem Eis',
      'Die Expedition will Proben von 1,5 Millionen Jahren gewinnen.',
    ],
  ])('%s: %s', (language, title, summary) => {
    const tags = tagItem(title, summary, language);
    expect(countries(tags)).toEqual([]);
    expect(regions(tags)).toContain('antarctica');
  });

  it("a state's base there is that state's story", () => {
    const tags = tagItem(
      'Base chilena en la Antártida mide un récord de calor',
      'La estación registró 19 grados.',
      'es',
    );
    expect(focus(tags)).toEqual(['CL']);
  });
});
