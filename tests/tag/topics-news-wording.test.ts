// General wording of Spanish, French, Portuguese and German news that the topic lists read (issue #13): a stoppage by
// a named trade is about work, a fire is the environment only when it burns land, prisoners of war are war and a
// censure motion is a political crisis, not repression. Headlines invented for these tests, none from an eval set.
import { describe, expect, it } from 'vitest';
import { topicsOf } from './shared.ts';

const tag = topicsOf;

describe('a stoppage by a named trade', () => {
  it.each([
    ['Huelga de los pilotos de una aerolínea en plena temporada alta', 'Cancelados 200 vuelos.', 'es'],
    ['Les aiguilleurs du ciel en grève jeudi', 'La DGAC demande aux compagnies de réduire leurs vols.', 'fr'],
    ['Metroviários de São Paulo entram em greve', 'Quatro linhas estão fechadas nesta manhã.', 'pt'],
    ['Lokführer streiken im Güterverkehr', 'Der Ausstand soll bis Sonntag dauern.', 'de'],
  ])('%s is labour and strikes', (title, summary, language) => {
    expect(tag(title, summary, language)).toEqual(expect.arrayContaining(['labour', 'strikes']));
  });

  it('while a general strike against a war is strikes without labour', () => {
    expect(tag('Huelga general contra la guerra en toda Italia', 'Miles de personas marcharon en Roma.', 'es')).toEqual(
      expect.not.arrayContaining(['labour']),
    );
  });
});

describe('fires', () => {
  it('in a building are no environment story', () => {
    expect(tag('Incendio en un edificio de viviendas en Valencia', 'Dos heridos leves.', 'es')).not.toContain(
      'environment',
    );
    expect(tag('Incendie dans un entrepôt près de Lille', 'Le feu a été maîtrisé dans la nuit.', 'fr')).not.toContain(
      'environment',
    );
  });

  it('on land are', () => {
    expect(
      tag('Incendies dans le Var : 3.000 hectares brûlés', 'Les pompiers luttent contre les flammes.', 'fr'),
    ).toContain('environment');
    expect(tag('Un incendio forestal obliga a desalojar tres pueblos', 'El fuego avanza sin control.', 'es')).toContain(
      'environment',
    );
  });
});

describe('words with a second meaning', () => {
  it('prisoners of war are war, not repression', () => {
    const t = tag('Les deux armées échangent 150 prisonniers de guerre', 'Un échange négocié par la Turquie.', 'fr');
    expect(t).toContain('war');
    expect(t).not.toContain('repression');
  });

  it('a cabinet censured by congress is a political crisis, not censorship', () => {
    const t = tag('El Congreso censura al gabinete y cae el primer ministro', 'La moción obtuvo 80 votos.', 'es');
    expect(t).toContain('coups');
    expect(t).not.toContain('repression');
  });

  it('a red card is no expulsion of migrants', () => {
    expect(
      tag('Expulsión y derrota del líder en el último minuto', 'El central vio la roja por una entrada.', 'es'),
    ).not.toContain('migration');
  });
});

describe('arrests', () => {
  it('of a suspect in a drug case are no rights story', () => {
    expect(
      tag('Detenidos tres sospechosos tras un alijo de hachís en Cádiz', 'La Guardia Civil incautó 900 kilos.', 'es'),
    ).not.toContain('repression');
  });

  it.each([
    ['Detienen a una periodista crítica con el Gobierno', 'Su medio denuncia que no ha podido ver a un abogado.', 'es'],
    ["Un opposant arrêté à l'aube par la police politique", 'Son parti dénonce un enlèvement.', 'fr'],
    ['Centenas de presos após protesto em Luanda', 'A polícia diz ter restabelecido a ordem.', 'pt'],
  ])('of a journalist, an opponent or hundreds at a protest are: %s', (title, summary, language) => {
    expect(tag(title, summary, language)).toContain('repression');
  });
});

describe('crime, parliament votes and match reports', () => {
  it('a murder suspect arrested by the police is no rights story (no weak word of another language counts)', () => {
    expect(
      tag('Detenido un hombre por matar a su vecino en Málaga', 'La Policía Nacional investiga una disputa.', 'es'),
    ).not.toContain('repression');
  });

  it('a parliament voting a law is no election, citizens voting are', () => {
    expect(tag('Le Sénat vote la loi sur la fin de vie', 'Le texte autorise l’aide à mourir.', 'fr')).not.toContain(
      'elections',
    );
    expect(tag('Les Vaudois votent sur une baisse d’impôts', 'Résultats attendus dimanche soir.', 'fr')).toContain(
      'elections',
    );
  });

  it('a win and a defeat in a match report are no election', () => {
    expect(
      tag('El Madrid logra la victoria y deja al Barça a dos puntos', 'La derrota del Atlético reabre la Liga.', 'es'),
    ).not.toContain('elections');
  });
});

describe('people leaving their homes', () => {
  it('named in the title is migration beside the war', () => {
    const t = tag(
      'Miles de familias huyen de sus hogares ante el avance de los rebeldes',
      'Los combates se extienden por el norte del país.',
      'es',
    );
    expect(t).toEqual(expect.arrayContaining(['migration', 'war']));
  });
});
