// The package's alternative spellings of country names are read as those countries, except those that are a town of
// another country and no name of theirs in any language the package gives ("Nijar", Niger in Hausa, is Níjar in
// Almería); Spanish "Guayana" alone is Venezuela's region (the package's Spanish "official" name of French Guiana);
// "Conseil constitutionnel" and "Cour des comptes" are France's in French entries that name no other country, as
// francophone Africa has both (issue #13). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { SKIP_ALT_SPELLINGS } from '../../src/tag/countries.ts';
import { allCities, worldCountries } from '../../src/tag/data.ts';
import { foldPhrase } from '../../src/tag/text.ts';
import { countries, focus, tagItem as tag } from './shared.ts';

const key = (s: string) => foldPhrase(s).join(' ');

describe('alternative spellings that are towns elsewhere', () => {
  it('every one the package holds is skipped', () => {
    const towns = new Map<string, Set<string>>();
    for (const c of allCities())
      for (const n of [c.name, c.altName]) if (n) towns.set(key(n), (towns.get(key(n)) ?? new Set()).add(c.country));
    const found: string[] = [];
    for (const c of worldCountries) {
      const own = new Set<string>([c.name.common, c.name.official]);
      for (const n of Object.values(c.name.native ?? {})) own.add(n.common).add(n.official);
      for (const t of Object.values(c.translations)) own.add(t.common).add(t.official);
      const ownKeys = new Set([...own].map(key));
      for (const a of c.altSpellings)
        if (a.length >= 3 && !ownKeys.has(key(a)) && [...(towns.get(key(a)) ?? [])].some((t) => t !== c.cca2))
          found.push(a);
    }
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((a) => !SKIP_ALT_SPELLINGS.has(a))).toEqual([]);
  });

  it('a Spanish town named like one is not that country', () => {
    const tags = tag(
      'Detenidas 14 personas por explotación laboral en los invernaderos de Níjar',
      'La Guardia Civil investiga a tres empresas agrícolas de Almería.',
      'es',
    );
    expect(countries(tags)).not.toContain('NE');
  });

  it('Spanish "Guayana" alone is Venezuela’s region, "Guayana Francesa" the French department', () => {
    const venezuela = tag(
      'Detienen a un dirigente sindical en Guayana',
      'El trabajador de la siderúrgica estatal había convocado protestas por salarios.',
      'es',
    );
    expect(countries(venezuela)).not.toContain('GF');
    expect(focus(venezuela)).toEqual(['VE']);
    expect(focus(tag('Guayana Francesa vota en las elecciones regionales', 'Cayena acoge el recuento.', 'es'))).toEqual(
      ['GF'],
    );
  });
});

describe('institutions francophone countries share', () => {
  it('another country’s Conseil constitutionnel is not France’s', () => {
    const tags = tag(
      'Législatives au Cameroun : le Conseil constitutionnel proclame les résultats',
      'YAOUNDÉ (AFP) - Le Conseil constitutionnel a rejeté les recours de l’opposition.',
      'fr',
    );
    expect(focus(tags)).toEqual(['CM']);
  });

  it('alone in French, France’s', () => {
    expect(
      focus(tag('Le Conseil constitutionnel censure la loi immigration', 'La décision est attendue.', 'fr')),
    ).toEqual(['FR']);
    expect(
      focus(
        tag('La Cour des comptes alerte sur le déficit public', 'Le rapport annuel appelle à des économies.', 'fr'),
      ),
    ).toEqual(['FR']);
  });
});
