// Places named after a bigger one (issue #13, found on dev33): "San Juan de Lurigancho" is a district of Lima, not
// Puerto Rico's capital; "Porto de Galinhas" a Brazilian beach, not Porto; a range's name is not the town it shares
// ("serra da Estrela"). The longer names the gazetteer holds still match whole, and a city after a singular article keeps
// its owner's reading ("la Barcelona de Colau"), not after a plural one ("los Lagos de Covadonga"). Sentences written for these tests, not taken from the sets.
import { describe, expect, it } from 'vitest';
import { focus, tagItem } from './shared.ts';

describe('a city name that starts a longer one', () => {
  it.each([
    ['es', 'Capturan en San Juan de Lurigancho a una banda de asaltantes', 'La Dirincri incautó tres pistolas.', 'PR'],
    ['pt', 'Turistas lotam as piscinas naturais de Porto de Galinhas', 'A ocupação hoteleira chega a 95%.', 'PT'],
    ['es', 'Un sismo de 5,1 sacude San José de Cúcuta', 'No se reportan víctimas.', 'CR'],
    ['pt', 'Neve volta a cair na serra da Estrela', 'As estradas de acesso à Torre estão fechadas.', 'BR'],
    // A plural article makes the name a plural noun, not a city someone owns: lakes, not Nigeria's Lagos.
    ['es', 'Ciclistas suben a los Lagos de Covadonga entre la niebla', 'La etapa se decidió en la última rampa.', 'NG'],
  ])('%s: %s', (language, title, summary, wrong) => {
    expect(focus(tagItem(title, summary, language))).not.toContain(wrong);
  });

  it.each([
    ['es', 'Protesta estudiantil en Santiago de Chile', 'Miles marcharon por la Alameda.', 'CL'],
    ['es', 'Apagón general en Santiago de Cuba', 'La Unión Eléctrica promete restablecer el servicio.', 'CU'],
    ['es', 'Así cambió la Barcelona de Colau', 'Ocho años de gobierno municipal en cifras.', 'ES'],
    ['es', 'Sismo de 5,1 sacude San José de Cúcuta', 'Cúcuta amaneció con daños menores.', 'CO'],
  ])('%s: %s', (language, title, summary, country) => {
    expect(focus(tagItem(title, summary, language))).toContain(country);
  });
});
