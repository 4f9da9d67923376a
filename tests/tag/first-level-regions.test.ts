// First-level regions of the countries in the news (states, provinces, island groups, historic regions: "Bihar
// polls", "Sindh floods") are places of their country, in the five languages' forms; names that are also words,
// people or companies are not (issue #13). Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem } from './shared.ts';

describe('first-level regions', () => {
  it.each([
    ['en', 'Bihar polls: ruling alliance leads early count', 'Votes are being counted in all constituencies.', 'IN'],
    ['en', 'Sindh floods leave thousands homeless', 'Rescue teams struggle to reach villages cut off by water.', 'PK'],
    ['en', 'Unrest in Balochistan after attack on a train', 'Gunmen opened fire on passengers on Tuesday.', 'PK'],
    ['en', 'Protests in Mindanao over mining permits', 'Farmers blocked a highway for a second day.', 'PH'],
    ['es', 'Explicador: qué está en juego en el Esequibo', 'La región concentra grandes reservas de petróleo.', 'GY'],
    ['es', 'Incendio forestal arrasa 500 hectáreas en Guanacaste', 'Los bomberos trabajan desde el lunes.', 'CR'],
    ['en', 'Quake hits Hokkaido, no tsunami warning issued', 'The tremor had a magnitude of 6.1.', 'JP'],
    ['en', 'Floods in KwaZulu-Natal kill 12', 'Heavy rain has battered the coast since Friday.', 'ZA'],
    ['en', 'Inner Mongolia mine collapse traps workers', 'Rescuers are searching for 40 miners.', 'CN'],
    ['en', 'Drone strikes hit refinery in Bashkortostan', 'A fire broke out at the plant overnight.', 'RU'],
    ['en', 'Gunmen kidnap pupils in Zamfara', 'Police said a rescue operation was under way.', 'NG'],
    [
      'es',
      'Inundaciones en el Punyab dejan decenas de muertos',
      'Las lluvias del monzón afectan a miles de aldeas.',
      'IN',
    ],
    ['fr', 'Nouveaux combats au Kordofan', "Les paramilitaires ont pris le contrôle d'une ville.", 'SD'],
    ['de', 'Schweres Erdbeben erschüttert Sumatra', 'Mehrere Gebäude stürzten ein.', 'ID'],
    ['pt', 'Chuvas em Mindanau deixam mortos', 'Deslizamentos atingiram aldeias no sul do arquipélago.', 'PH'],
    ['es', 'Alerta por lluvias en Boyacá y Tolima', 'Los ríos crecieron durante la noche.', 'CO'],
  ])('%s: %s', (language, title, summary, code) => {
    expect(focus(tagItem(title, summary, language))).toEqual([code]);
  });

  it('reads a name two countries share as the one the entry places it in', () => {
    expect(
      focus(tagItem('Punjab farmers block highway near Amritsar', 'They want guaranteed crop prices.', 'en')),
    ).toEqual(['IN']);
    expect(focus(tagItem('Lahore smog: Punjab shuts schools', 'Authorities cite hazardous air.', 'en'))).toEqual([
      'PK',
    ]);
    expect(
      focus(tagItem('Crecida del río afecta a Paraná', 'La capital de Entre Ríos evacuó a 200 familias.', 'es')),
    ).toEqual(['AR']);
    expect(focus(tagItem('Le Pendjab pakistanais sous les eaux', 'Des milliers de familles évacuées.', 'fr'))).toEqual([
      'PK',
    ]);
  });

  it("reads a country's name before another country's region as that country's city of the name", () => {
    // Armenia is a city of Colombia's Quindío department; the country stays the country in a list of countries.
    expect(
      countries(tagItem('Inundaciones en Armenia, Quindío', 'El río Quindío se desbordó durante la noche.', 'es')),
    ).toEqual(['CO']);
    expect(
      focus(tagItem('Georgia, Armenia y Azerbaiyán firman un corredor', 'El acuerdo une el Cáucaso Sur.', 'es')),
    ).toEqual(['AM', 'AZ', 'GE']);
  });

  it('reads Java as the island only beside other evidence for Indonesia', () => {
    expect(focus(tagItem('Floods on Java and Bali cut roads', 'Thousands of homes are under water.', 'en'))).toEqual([
      'ID',
    ]);
    expect(
      countries(tagItem('Oracle ships a new Java release', 'The update speeds up garbage collection.', 'en')),
    ).toEqual([]);
  });

  it.each([
    ['en', 'Mount Sinai researchers test a new cancer drug', 'The trial enrolled 300 patients.'],
    ['en', 'Help from afar: donors pledge aid', 'Volunteers answered the call.'],
    ['fr', 'Une quiche lorraine pour les fêtes', 'La recette facile pour huit personnes.'],
    ['de', 'Sind die Renten sicher?', 'Ökonomen streiten über die Reform.'],
    ['de', 'Pullover aus Kaschmir sind wieder gefragt', 'Die Modehäuser melden volle Auftragsbücher.'],
    ['es', 'Canelones de espinaca para la cena', 'Una receta fácil para cuatro personas.'],
    ['en', 'Delta posts record profit', 'The airline carried more passengers than ever.'],
    ['en', 'Rivers rise after storm', 'Flood warnings remain in place along the valley.'],
  ])('names no place: %s: %s', (language, title, summary) => {
    expect(countries(tagItem(title, summary, language))).toEqual([]);
  });
});
