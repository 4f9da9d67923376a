// Islands, mountains, volcanoes, parks, valleys and resorts that wires name alone (src/tag/countries.ts LANDMARKS) are
// places of their country, in the five languages' forms (issue #13). Sentences written for the test, not eval items.
import { describe, expect, it } from 'vitest';
import { focus, tagItem as tag } from './shared.ts';

describe('landmarks named alone', () => {
  it.each([
    ['en', 'GR', 'Wildfire on Crete forces hundreds to leave their homes', 'Firefighters battled the blaze overnight.'],
    ['es', 'IT', 'El Etna entra en erupción y obliga a cerrar el aeropuerto', 'La ceniza cubre las carreteras.'],
    ['de', 'AT', 'Murenabgang im Ötztal: Straße gesperrt', 'Mehrere Ortschaften sind nicht erreichbar.'],
    ['fr', 'FR', 'Chamonix : un alpiniste secouru après deux nuits en montagne', 'Il souffre de gelures.'],
    ['pt', 'TZ', 'Alpinistas resgatados no Kilimanjaro após tempestade', 'Dois guias ficaram feridos.'],
    ['en', 'IS', 'Lava reaches the edge of Grindavik as eruption intensifies', 'Residents had left the town days ago.'],
    // Winter sports venues that the city tables miss or hold below the towns read alone.
    ['de', 'SI', 'Weltcup-Skifliegen in Planica wegen Sturm abgesagt', 'Die Jury verschob den Bewerb auf Sonntag.'],
    ['fr', 'IT', 'Ski alpin : la descente de Val Gardena annulée', 'Le vent souffle trop fort sur la piste.'],
    ['de', 'AT', 'Lawinengefahr: Straße nach Sölden gesperrt', 'Die Behörden raten von Fahrten ab.'],
    // Spanish "Guadalupe" is also Guadeloupe; the basilica is Mexico's.
    [
      'es',
      'MX',
      'Millones de peregrinos llegan a la Basílica de Guadalupe',
      'Las autoridades reforzaron la seguridad.',
    ],
    ['pt', 'BR', 'Círio de Nazaré reúne multidão em Belém do Pará', 'A procissão durou nove horas.'],
  ])('%s: %s', (language, code, title, summary) => {
    expect(focus(tag(title, summary, language))).toEqual([code]);
  });

  it('a landmark says which country a shared city name is', () => {
    const tags = tag('Córdoba estrena un paseo fluvial junto al Guadalquivir', 'La obra costó 12 millones.', 'es');
    expect(focus(tags)).toEqual(['ES']);
  });
});
