// config/countries.yaml `institutions`: the airports that wires name without their city or country ("back to
// Stansted", "en Barajas", "aéroport de Roissy", "Changi handled...") are where the story happens, wherever the entry
// names them. Left out: airports named after a town the gazetteer already reads (Zaventem, Fiumicino), and names with
// another common sense ("La Guardia" is also "the guard"; "Jorge Chávez", "El Dorado", "Pearson"). Sentences written
// for the test.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('airports name their country', () => {
  it.each([
    [
      'en',
      ['GB'],
      'Hundreds of flights cancelled at Heathrow as fog lingers',
      'Passengers were told to check before travelling.',
    ],
    [
      'en',
      ['SG'],
      'Changi posts record passenger numbers',
      'The hub handled more travellers than before the pandemic.',
    ],
    [
      'es',
      ['ES'],
      'Un avión aterriza de emergencia en Barajas tras perder un motor',
      'Ningún pasajero resultó herido.',
    ],
    [
      'es',
      ['AR'],
      'Demoras en Ezeiza por una asamblea de controladores',
      'Los vuelos internacionales salen con tres horas de retraso.',
    ],
    ['fr', ['FR'], 'Aéroport d’Orly : un vol dérouté après une alerte', 'Les passagers ont été évacués sans incident.'],
    ['pt', ['BR'], 'Chuva fecha o Galeão por duas horas', 'Voos foram desviados para Confins e Viracopos.'],
    ['de', ['NL'], 'Schiphol begrenzt die Zahl der Flüge', 'Die Regierung will den Lärm verringern.'],
  ])('%s: %s', (language, codes, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual(codes);
  });
});
