// A round of issue #13 read on dev59: a ship's quoted name ("el buque 'Brasil Express'"), more given names before a
// surname that is a country's word ("Lea Schweizer", "Jamie French"), Brazil's "pão francês", the London district
// Canada Water, Lisbon's Torre de Belém, Portugal's Ribatejo, Rotterdam, German regional adjectives ("oberbayerisch"), goods
// shipped to a country and what a figure is compared with ("outpacing Germany"); and from the real feeds of
// ../shared/corpus, country names that are words or given names there ("Malte und Severin", "Treasure Island", a
// "family reunion"), bigger towns named like words ("festas de Natal") and a compound surname ("Nuno Espírito
// Santo"). Sentences written for the test.
import { describe, expect, it } from 'vitest';
import { countries, focus, tagItem as tag } from './shared.ts';

describe("a place inside a ship's quoted name names the ship", () => {
  it.each([
    ['es', "El carguero 'Costa Rica Star' queda varado frente a Valparaíso", 'CL', 'CR'],
    ['pt', "O navio 'Cidade de Angola' atraca no porto de Leixões", 'PT', 'AO'],
    ['fr', 'Le chalutier « Île de France » coule au large de Brest', 'FR', ''],
    ['en', "The tanker 'Kenya Spirit' runs aground off Lisbon", 'PT', 'KE'],
    ['de', "Das Kreuzfahrtschiff 'Norwegian Star' legt in Kiel an", 'DE', 'NO'],
  ])('%s: %s', (language, title, right, wrong) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toContain(right);
    if (wrong) expect(countries(tags)).not.toContain(wrong);
  });

  it('a country outside the quotation stays', () => {
    expect(focus(tag("The ship 'Aurora' docks in Angola after a storm", '', 'en'))).toContain('AO');
  });
});

describe('a given name before a country word makes it a surname', () => {
  it.each([
    ['de', 'Skispringerin Lena Schweizer gewinnt in Willingen', 'CH'],
    ['en', 'Trainer Jamie French saddles two winners at Ascot', 'FR'],
    ['de', 'Schwimmerin Ingrid Schweizer holt Gold in Berlin', 'CH'],
  ])('%s: %s', (language, title, wrong) => {
    expect(countries(tag(title, '', language))).not.toContain(wrong);
  });

  it('the demonym after a word that is no given name still counts', () => {
    expect(countries(tag('Schweizer Bank streicht 500 Stellen', '', 'de'))).toContain('CH');
  });
});

describe('names that hold a country word and say nothing of it', () => {
  it.each([
    ['pt', 'Padarias de Campinas reajustam o preço do pão francês', 'BR', 'FR'],
    ['en', 'New homes approved at Canada Water in London', 'GB', 'CA'],
  ])('%s: %s', (language, title, right, wrong) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toContain(right);
    expect(countries(tags)).not.toContain(wrong);
  });
});

describe('places the tables now hold', () => {
  it.each([
    ['pt', 'Torre de Belém recebe um milhão de visitantes', 'PT', 'BR'],
    ['pt', 'Cheias no Ribatejo cortam estradas em Santarém', 'PT', 'BR'],
    ['de', 'Hochwasser im oberbayerischen Landkreis Traunstein', 'DE', ''],
    ['de', 'Unterfränkische Winzer melden eine gute Lese', 'DE', ''],
    ['de', 'Müllberge im Hafen von Rotterdam', 'NL', 'US'],
    ['en', 'Floods hit Blantyre after cyclone', 'MW', 'GB'],
  ])('%s: %s', (language, title, right, wrong) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toContain(right);
    if (wrong) expect(countries(tags)).not.toContain(wrong);
  });

  it("Brazil's Belém stays Brazil's", () => {
    expect(focus(tag('Chuvas alagam bairros de Belém', '', 'pt'))).toEqual(['BR']);
  });
});

describe('where goods are shipped, and what a figure is compared with', () => {
  it.each([
    ['en', 'Ghana cocoa board ships first beans to Malaysia', 'GH', 'MY'],
    ['en', "Chile's copper output rises, outpacing Peru", 'CL', 'PE'],
    ['en', 'Vietnam coffee exports grow faster than Brazil', 'VN', 'BR'],
  ])('%s: %s', (language, title, right, side) => {
    const tags = tag(title, '', language);
    expect(focus(tags)).toEqual([right]);
    expect(countries(tags)).toContain(side);
  });
});

describe('a country name that is a word or a given name in the language read', () => {
  it.each([
    ['de', 'Malte und Severin moderieren die neue Sendung', 'MT'],
    ['en', 'Fire breaks out on Treasure Island film set', 'IS'],
    ['en', 'Family Reunion Ends in Tragedy', 'RE'],
  ])('%s: %s', (language, title, wrong) => {
    expect(countries(tag(title, '', language))).not.toContain(wrong);
  });

  it.each([
    ['de', 'Urlaub auf Malta wird teurer', 'MT'],
    ['fr', 'Des migrants secourus au large de Malte', 'MT'],
    ['de', 'Island erwartet einen Vulkanausbruch', 'IS'],
    ['en', 'Iceland volcano erupts again', 'IS'],
  ])('%s: the country itself stays: %s', (language, title, code) => {
    expect(focus(tag(title, '', language))).toContain(code);
  });
});

describe('a bigger town named like a word is the town only where a town stands', () => {
  it.each([
    ['pt', 'Vendas nas festas de Natal crescem 5%', 'BR'],
    ['pt', 'Feliz Natal a todos os leitores', 'BR'],
    ['pt', 'Turistas enchem a Serra da Estrela', 'BR'],
    ['fr', 'Les tours de la cathédrale rouvrent au public', 'FR'],
    ['de', 'Ego-Shooter Metro 2033 heute kostenlos', 'ID'],
    ['pt', 'Nuno Espírito Santo com processo disciplinar', 'BR'],
  ])('%s: %s', (language, title, wrong) => {
    expect(countries(tag(title, '', language))).not.toContain(wrong);
  });

  it.each([
    ['pt', 'Temporal em Natal deixa 300 desalojados', 'BR'],
    ['pt', 'Natal: temporal deixa 300 desalojados', 'BR'],
    ['fr', 'Incendie dans un immeuble à Tours', 'FR'],
    ['pt', 'Chuvas no Espírito Santo deixam desalojados', 'BR'],
  ])('%s: %s', (language, title, code) => {
    expect(focus(tag(title, '', language))).toEqual([code]);
  });
});
