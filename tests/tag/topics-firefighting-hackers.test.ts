// Second senses and plain words found on dev32 (issue #13), fixed as kinds, not items: firefighters and fighting a fire
// are no war (Portuguese "bombeiros" met English "bomb*"), nor is an attack by hackers; birds migrate without any
// migration story; a stoppage for a stated time ("paran 48 horas") is a strike, a union marching ("desfila") beside a
// threatened general strike is a protest, and the free movement of persons (Personenfreizügigkeit) is migration.
// Sentences written for these tests, not taken from the sets.
import { describe, expect, it } from 'vitest';
import { taggedTopic, topicsOf } from './shared.ts';

describe('fires, hackers and birds', () => {
  it.each([
    [
      'pt',
      'Bombeiros controlam incêndio em armazém de Setúbal',
      'Ninguém ficou ferido, disse a Proteção Civil.',
      'war',
    ],
    ['es', 'Brigadistas combaten el incendio forestal de Tenerife', 'Las llamas avanzan por la ladera norte.', 'war'],
    ['en', 'Crews fight wildfires across southern Oregon', 'Evacuation orders cover 2,000 homes.', 'war'],
    ['pt', 'Ataque hacker derruba sites de prefeituras no interior', 'Os sistemas voltaram ao ar à noite.', 'war'],
    [
      'es',
      'Llegan las aves migratorias a las lagunas de Villafáfila',
      'Los ornitólogos cuentan 30.000 gansos.',
      'migration',
    ],
    [
      'fr',
      'La migration des oiseaux observée depuis le col de Lizarrague',
      'Les ornithologues ont compté 20 000 palombes.',
      'migration',
    ],
  ])('%s: %s', (language, title, summary, topic) => {
    expect(topicsOf(title, summary, language)).not.toContain(topic);
  });
});

describe('strikes and migration named in other words', () => {
  taggedTopic(
    [
      ['es', 'Enfermeros del hospital provincial paran 72 horas', 'Reclaman el pase a planta de 400 contratados.'],
      ['pt', 'Vigilantes param por 24 horas em São Luís', 'A categoria cobra o reajuste do piso.'],
      [
        'pt',
        'Intersindical desfila no Porto contra o pacote laboral',
        'Os dirigentes ameaçam com uma greve geral em junho.',
      ],
    ],
    'strikes',
  );
  taggedTopic(
    [
      [
        'de',
        'Bundesrat legt Gegenvorschlag vor',
        'Die Regierung will die Personenfreizügigkeit erhalten und die Zuwanderung besser steuern.',
      ],
    ],
    'migration',
  );
});
