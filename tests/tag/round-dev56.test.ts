// A round of issue #13 read on dev56: Canada's provinces and Australia's states as the other languages write them
// ("Colombie-Britannique" is no Colombia), the country across a border ("an der Grenze zu Deutschland") as a side,
// the demonyms two countries share read as demonyms ("la diaspora congolaise de Bruxelles"), places inside a square's
// name ("le square Port-Saïd"), Swiss cantons by their German names, a company's shops abroad as its market, a
// restaurant's or a mining company's nationality as an aside, "Marcos Portugal" as a person, and a currency's fall as
// economy. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, ruleTopicsOf as rules, tagItem as tag } from './shared.ts';

describe("provinces and states whose names hold another country's", () => {
  it.each([
    [
      'fr',
      'Feux de forêt : Kamloops évacuée en Colombie-Britannique',
      'Les pompiers luttent contre trois brasiers.',
      'CO',
    ],
    [
      'es',
      'Nevadas cortan carreteras en Nueva Escocia',
      'Miles de hogares siguen sin electricidad desde el lunes.',
      'GB',
    ],
    [
      'de',
      'Waldbrände bedrohen Kleinstädte in Britisch-Kolumbien',
      'Tausende Menschen mussten ihre Häuser verlassen.',
      'CO',
    ],
    ['pt', 'Incêndios florestais avançam na Nova Gales do Sul', 'Os bombeiros combatem mais de quarenta focos.', 'GB'],
  ])('%s: %s', (language, title, summary, inName) => {
    const tags = tag(title, summary, language);
    expect(countries(tags)).not.toContain(inName);
    expect(focus(tags).some((c) => c === 'CA' || c === 'AU')).toBe(true);
  });
});

describe('the country across a border is a side of the country that acts', () => {
  it.each([
    [
      'de',
      'Österreich verschärft Kontrollen an der Grenze zu Ungarn',
      'Wien verweist auf steigende Zahlen.',
      'AT',
      'HU',
    ],
    ['es', 'Ecuador militariza la frontera con Colombia', 'El gobierno de Quito desplegó 3.000 soldados.', 'EC', 'CO'],
    [
      'pt',
      'Brasil reforça vigilância na fronteira com a Bolívia',
      'O Exército enviou tropas para Corumbá.',
      'BR',
      'BO',
    ],
    ['fr', 'Le Tchad ferme sa frontière avec la Libye', 'Le gouvernement invoque des raisons de sécurité.', 'TD', 'LY'],
    ['en', 'Finland extends closure of its border with Russia', 'Helsinki cited hybrid threats.', 'FI', 'RU'],
  ])('%s: %s', (language, title, summary, actor, side) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toContain(actor);
    expect(focus(tags)).not.toContain(side);
    expect(countries(tags)).toContain(side);
  });

  it('a border clash between the two keeps both', () => {
    const tags = tag('Clashes on the border between Armenia and Azerbaijan', 'Both sides reported casualties.', 'en');
    expect(focus(tags)).toEqual(expect.arrayContaining(['AM', 'AZ']));
  });
});

describe('a demonym two countries share is a demonym', () => {
  // Beside a diaspora where the story is placed: see the table of asides below.
  it('and still the story alone', () => {
    expect(focus(tag('Congolese army retakes town from rebels', 'Fighting lasted three days.', 'en'))).toContain('CD');
  });
});

describe('a place inside the name of a square', () => {
  it('is the square, not the place', () => {
    const tags = tag(
      'Le marché noir des devises prospère',
      "À Oran, les changeurs de la place d'Alger proposent l'euro à 250 dinars au square Port-Saïd.",
      'fr',
    );
    expect(focus(tags)).toContain('DZ');
    expect(countries(tags)).not.toContain('EG');
  });
});

describe('a currency falling is economy', () => {
  it.each([
    ['fr', 'Le kwacha poursuit sa chute', 'Une dépréciation de 20 % depuis janvier inquiète les importateurs.'],
    ['es', 'El boliviano cae en el mercado paralelo', 'Las casas de cambio informales lo venden a 14 por dólar.'],
    ['de', 'Kursverfall der Lira setzt sich fort', 'Importeure klagen über steigende Kosten.'],
  ])('%s: %s', (language, title, summary) => {
    expect(rules(title, summary, language)).toContain('economy');
  });
});

describe("where the story is, beside a diaspora, a company's shops and operations abroad, border checks and asides", () => {
  it.each([
    [
      'es',
      'Una cadena de moda abrirá 25 tiendas en México',
      'BARCELONA, 3 mar (EFE).- La empresa invertirá 90 millones en su expansión americana.',
      'ES',
      'MX',
    ],
    [
      'pt',
      'Grupo vende a operação na Argentina e sai do país',
      'SÃO PAULO, 4 de maio (Lusa) - A empresa concentra-se no mercado doméstico.',
      'BR',
      'AR',
    ],
    [
      'de',
      'Görlitz: Grenzkontrollen zu Polen bis zum Sommer verlängert',
      'Die Bundespolizei kontrolliert weiter an der Altstadtbrücke.',
      'DE',
      'PL',
    ],
    [
      'fr',
      'La diaspora congolaise de Lyon inaugure un centre culturel',
      'Les associations ont obtenu un local de la mairie.',
      'FR',
      'CD',
    ],
    [
      'es',
      'Restaurante argentino de Valencia gana un premio gastronómico',
      'El local del Carmen abrió en 2015.',
      'ES',
      'AR',
    ],
    [
      'es',
      'Vecinos de Jujuy denuncian a una minera australiana',
      'Acusan a la empresa de contaminar el río Grande.',
      'AR',
      'AU',
    ],
  ])('%s: %s', (language, title, summary, home, market) => {
    const tags = tag(title, summary, language);
    expect(focus(tags)).toContain(home);
    expect(focus(tags)).not.toContain(market);
  });
});

describe('Swiss cantons by their German names', () => {
  it('"Kanton Freiburg" is Fribourg, not Breisgau', () => {
    const tags = tag(
      'Kanton Freiburg senkt die Steuern für Familien',
      'Der Grosse Rat stimmte der Vorlage zu; die Gemeinden verlieren Einnahmen auf Französisch und Deutsch.',
      'de',
    );
    expect(focus(tags)).toEqual(['CH']);
  });

  it('Freiburg alone is still the German city', () => {
    expect(focus(tag('Freiburg baut neue Straßenbahnlinie', 'Die Stadt im Breisgau investiert.', 'de'))).toContain(
      'DE',
    );
  });
});

describe('a given name that is also an alias or a town still makes the country word after it a surname', () => {
  it('"Marcos Portugal" is a person, not Portugal', () => {
    const tags = tag('Marcos Portugal renova contrato com o Grêmio até 2027', 'O meia seguirá em Porto Alegre.', 'pt');
    expect(countries(tags)).not.toContain('PT');
    expect(focus(tags)).toContain('BR');
  });

  it('Marcos alone is still the Philippine president', () => {
    expect(focus(tag('Marcos orders rice imports to curb prices', 'The president spoke in Manila.', 'en'))).toContain(
      'PH',
    );
  });
});
