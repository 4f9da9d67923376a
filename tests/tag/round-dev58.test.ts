// A round of issue #13 read on dev58: a namesake dateline told by the country the title names ("CÓRDOBA (EFE)" below
// a title about Argentines), dishes, games and sayings named after a country ("ensaladilla rusa", "Russian
// roulette"), the Vltava in German ("an der Moldau"), a street "dos Estados Unidos", and a place that is a quoted
// work's title ("le film « Casablanca »"), regions of Mongolia and francophone Africa, and towns the world knows by
// name though under the city tables' size ("Dubrovnik", "Zermatt"). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe('a namesake dateline is the country the title names', () => {
  it('es: "CÓRDOBA (EFE)" below a title about Argentines is Argentina', () => {
    const tags = tag(
      'Estudiantes argentinos marchan por el presupuesto universitario',
      'CÓRDOBA, 3 jun (EFE) - Miles de alumnos recorrieron el centro de la ciudad para exigir más fondos.',
      'es',
    );
    expect(focus(tags)).toEqual(['AR']);
  });

  it('es: with no country in the title, the agency files from home', () => {
    const tags = tag(
      'Huelga de taxis en el centro de la ciudad',
      'CÓRDOBA, 3 jun (EFE) - Los taxistas protestan contra las nuevas licencias de vehículos con conductor.',
      'es',
    );
    expect(focus(tags)).toEqual(['ES']);
  });
});

describe('names that hold a country word and say nothing of it', () => {
  it.each([
    ['es', 'Un restaurante de Málaga gana el premio a la mejor ensaladilla rusa', 'ES', 'RU'],
    ['fr', 'Le filet américain, fierté des bouchers bruxellois', 'BE', 'US'],
    ['de', 'Eine Bäckerei in Leipzig backt Russisch Brot nach altem Rezept', 'DE', 'RU'],
    ['en', 'Teenager dies playing Russian roulette in Ohio', 'US', 'RU'],
    ['de', 'Pegel der Moldau in Prag steigt weiter', 'CZ', 'MD'],
    ['pt', 'Trânsito cortado na Avenida dos Estados Unidos da América, em Lisboa', 'PT', 'US'],
    ['fr', 'Le film « Casablanca » revient dans les salles de Lyon', 'FR', 'MA'],
    ['es', "La película 'Roma' vuelve a los cines de Sevilla", 'ES', 'IT'],
  ])('%s: %s', (language, title, right, wrong) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toContain(right);
    expect(countries(tags)).not.toContain(wrong);
  });

  it.each([
    ['de', 'Die Republik Moldau wählt ein neues Parlament', 'MD'],
    ['de', 'Wahlen in Moldau: Proeuropäische Partei vorn', 'MD'],
    ['fr', 'Des touristes affluent à Casablanca pour le festival', 'MA'],
    ['en', 'Russian forces shell Kharkiv overnight', 'RU'],
  ])('%s: the country itself stays: %s', (language, title, code) => {
    expect(countries(tag(title, '', language))).toContain(code);
  });
});

describe('regions and well-known towns under the size limit', () => {
  it.each([
    ['de', 'Neue Kupfermine in der Provinz Ömnögovi eröffnet', 'MN'],
    ['fr', 'Les pluies coupent la route nationale dans le Haut-Ogooué', 'GA'],
    ['fr', 'Afflux de réfugiés dans le Ouaddaï', 'TD'],
    ['fr', 'Les orpailleurs de Kédougou inquiètent les autorités', 'SN'],
    ['fr', 'Les planteurs de cacao du Haut-Sassandra manifestent', 'CI'],
    ['es', 'Los incendios arrasan la Chiquitanía', 'BO'],
    ['en', 'Cruise ships limited to two a day in Dubrovnik', 'HR'],
    ['de', 'Hotelpreise in Zermatt steigen vor der Wintersaison', 'CH'],
    ['pt', 'Gramado abre a temporada de Natal', 'BR'],
  ])('%s: %s', (language, title, code) => {
    expect(focus(tag(title, '', language))).toContain(code);
  });
});
