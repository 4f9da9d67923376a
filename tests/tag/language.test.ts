// Language-aware rules, one general rule each. Sentences are written for these tests, none is an eval item
// (tests/eval), so a rule fitted to an eval title cannot pass them by copying.
import { describe, expect, it } from 'vitest';
import { countries, defaultTagger, focus, topics } from './shared.ts';

const tag = (language: string, title: string, summary = '') => defaultTagger().tag({ title, summary, language });

describe('countries: reading the entry in its own language', () => {
  it('a demonym that qualifies the state names the country as surely as its name', () => {
    expect(
      focus(tag('es', 'Aprobada la nueva ley de vivienda', 'El Gobierno español la llevará al Senado en marzo.')),
    ).toEqual(['ES']);
    expect(
      focus(tag('pt', 'Nova regra para importações', 'O governo argentino publicou o decreto nesta segunda.')),
    ).toEqual(['AR']);
    expect(
      focus(tag('de', 'Neue Regeln für Mieten', 'Die österreichische Regierung will die Erhöhung begrenzen.')),
    ).toEqual(['AT']);
    // The same demonym beside a person or a product stays weak.
    expect(focus(tag('es', 'Concierto en el estadio', 'Un cantante español llenó el recinto.'))).toEqual([]);
  });

  it('a government named after its leader is not the country sharing the leader’s name', () => {
    expect(
      countries(tag('pt', 'Greve contra o governo Montenegro', 'Os sindicatos marcaram a paralisação para sexta.')),
    ).not.toContain('ME');
    // With a preposition it is the country.
    expect(
      focus(tag('pt', 'Protesto contra o governo de Montenegro', 'A oposição reuniu milhares em Podgorica.')),
    ).toContain('ME');
  });

  it('where people head to or come from is not where the story happens', () => {
    const tags = tag(
      'es',
      'Zarpan lanchas desde Túnez rumbo a Italia',
      'La guardia costera tunecina interceptó a 300 personas.',
    );
    expect(focus(tags)).toEqual(['TN']);
    expect(focus(tag('en', 'Ships bound for Italy wait off Tunisia', 'Coast guards in Sfax held the boats.'))).toEqual([
      'TN',
    ]);
  });

  it('regional and city adjectives point to their country, in their own language only', () => {
    expect(
      focus(tag('de', 'Hamburger Senat beschließt neuen Haushalt', 'Die Bürgerschaft stimmt im Dezember ab.')),
    ).toEqual(['DE']);
    expect(
      focus(tag('es', 'El Parlamento andaluz aprueba los presupuestos', 'La votación salió adelante con 58 votos.')),
    ).toEqual(['ES']);
    expect(focus(tag('pt', 'Metrô paulista amplia horário', 'A linha funcionará até a uma da manhã.'))).toEqual(['BR']);
    expect(
      countries(tag('en', 'Hamburger chain opens 40 new restaurants', 'The company plans more openings next year.')),
    ).toEqual([]);
  });

  it('a country name used as a given name before a surname is a person', () => {
    expect(
      countries(
        tag('es', 'Francia Gutiérrez publica su tercera novela', 'La autora presentó el libro en una librería.'),
      ),
    ).toEqual([]);
  });
});

describe('countries: names written in running text', () => {
  it('a name that starts with a common noun still counts by its capitalised last word, an article does not', () => {
    expect(
      focus(tag('fr', 'Nuit de frappes dans la bande de Gaza', 'Les secours parlent de dizaines de blessés.')),
    ).toEqual(['PS']);
    expect(
      countries(tag('en', 'A new capital called Ciudad de la Paz', 'Ministries move there next year.')),
    ).not.toContain('BO');
  });
});

describe('countries: the only country named', () => {
  it('is the focus on one place in the summary; beside another country it is not', () => {
    expect(
      focus(tag('en', 'New bus lanes open next month', 'The city council in Lyon approved the plan on Monday.')),
    ).toEqual(['FR']);
    expect(
      focus(tag('en', 'Chile opens new bus lanes', 'The plan copies one the city council in Lyon approved last year.')),
    ).toEqual(['CL']);
  });
});

describe('topics: keywords weighed by the entry language', () => {
  it('a word of another language alone does not make a topic (German "war" is "was")', () => {
    expect(
      topics(tag('de', 'Das Fest im Stadtpark', 'Die Stimmung war ausgelassen, sagte der Veranstalter.')),
    ).not.toContain('war');
    expect(topics(tag('en', 'Fighting resumes', 'The war entered its third year.'))).toContain('war');
  });

  it('a keyword of the entry language counts in full, a cognate from another language counts half', () => {
    const own = defaultTagger().tag({ title: 'Greve geral paralisa o país', language: 'pt' });
    expect(own.find((t) => t.value === 'strikes')?.reason.rule).toBe('topic.keyword');
    const cognate = defaultTagger().tag({
      title: 'Nova lei',
      summary: 'Críticos falam em impeachment.',
      language: 'fr',
    });
    expect(cognate.find((t) => t.value === 'coups')).toBeUndefined();
  });
});
