// A country named only as a side (where goods go, where people head: roles.ts) is no focus beside another country's
// place named as where things happen (placeOverSides in src/tag/kicker.ts, issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { focus, rulesTagger } from './shared.ts';

const tag = (title: string, summary: string, language: string) => rulesTagger().tag({ title, summary, language });

describe('a place over countries named as sides', () => {
  it('goods sold to a country, from a plant in another', () => {
    const tags = tag(
      'Frigorífico bate récord de producción',
      'La planta, a las afueras de Rosario, vende casi toda la carne a China.',
      'es',
    );
    expect(focus(tags)).toEqual(['AR']);
  });

  it('a boat heading for a country, sunk off another', () => {
    const tags = tag(
      'Un navire de migrants chavire',
      "Le bateau qui faisait route vers l'Italie a coulé au large de Sfax, selon la garde nationale.",
      'fr',
    );
    expect(focus(tags)).toEqual(['TN']);
  });

  it('with no other place, the side stays the focus', () => {
    expect(
      focus(tag('Frigorífico bate récord de producción', 'La planta vende casi toda la carne a China.', 'es')),
    ).toEqual(['CN']);
  });

  it('a country the title names is no side only', () => {
    const tags = tag(
      'China compra más carne',
      'La planta, a las afueras de Rosario, vende casi toda la carne a China.',
      'es',
    );
    expect(focus(tags)).toContain('CN');
  });
});

describe('a place over a bare name, the title naming no place', () => {
  it('where the fire burns, not where help came from', () => {
    const tags = tag(
      'Wildfire forces evacuations',
      'The blaze near Coimbra has burned 5,000 hectares; firefighters from Spain joined the effort on Monday.',
      'en',
    );
    expect(focus(tags)).toEqual(['PT']);
  });

  it('a title that names the country keeps it', () => {
    const tags = tag(
      'Spain sends firefighters',
      'The blaze near Coimbra has burned 5,000 hectares; firefighters from Spain joined the effort on Monday.',
      'en',
    );
    expect(focus(tags)).toContain('ES');
  });
});
