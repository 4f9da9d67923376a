// Wire forms and German capitals the country rules misread (issue #13, the blind set dev5's error kinds): each with
// a sentence written for the test, not an eval item.
import { describe, expect, it } from 'vitest';
import { countries, rulesTagger, focus } from './shared.ts';

const tag = (title: string, summary: string, language?: string) => rulesTagger().tag({ title, summary, language });

describe('country wire forms', () => {
  it('"guineense" is either Guinea, as its place says: Bissau makes it Guinea-Bissau', () => {
    const title = 'Governo guineense anuncia novo calendário eleitoral';
    expect(focus(tag(title, 'O executivo reuniu-se em Bissau na quinta-feira.', 'pt'))).toEqual(['GW']);
    expect(focus(tag(title, 'O executivo reuniu-se em Conacri na quinta-feira.', 'pt'))).toEqual(['GN']);
  });

  it('Lusa writes the Democratic Republic of the Congo as one word, "RDCongo"', () => {
    const tags = tag('RDCongo e Ruanda assinam acordo de paz em Doha', 'O texto prevê a retirada de tropas.', 'pt');
    expect(countries(tags)).toContain('CD');
  });

  it('a capitalised German noun before a country word does not make it a surname', () => {
    const tags = tag(
      'Ägypten verschärft Haftstrafen für Journalisten',
      'Laut der Pressefreiheitsorganisation Ägypten Watch sitzen in Ägypten derzeit mehr als 20 Reporter in Haft, viele davon seit den Unruhen von 2019.',
      'de',
    );
    expect(focus(tags)).toEqual(['EG']);
  });

  it('Brazilian state codes after a dateline city are states of Brazil in Portuguese', () => {
    const tags = tag(
      'Cheia do rio atinge bairros ribeirinhos',
      'MARABÁ (PA), 2 mar (Agência Brasil) - A Defesa Civil retirou 400 famílias das áreas alagadas.',
      'pt',
    );
    expect(focus(tags)).toEqual(['BR']);
    expect(countries(tags)).not.toContain('US');
  });

  it('a Mexican state after a dateline city settles it, though in running text such names are often surnames', () => {
    const tags = tag(
      'Detienen a dos policías por extorsión',
      'MORELIA, Michoacán, 4 jun (EFE).- La Fiscalía informó de la captura.',
      'es',
    );
    expect(focus(tags)).toEqual(['MX']);
    const leon = tag(
      'Abre sus puertas un nuevo hospital',
      'LEÓN, Guanajuato, 2 feb (EFE).- El centro atenderá a 5.000 pacientes.',
      'es',
    );
    expect(focus(leon)).toEqual(['MX']);
  });

  it('the abbreviations Mexican datelines give their states are Mexico in Spanish ("Mich." is not Michigan)', () => {
    for (const summary of [
      'LEÓN, Gto., 2 feb (EFE).- La planta cerrará en marzo y despedirá a 600 obreros.',
      'MORELIA, Mich., 4 jun.- La Fiscalía informó de la captura de tres policías.',
      'SAN PEDRO GARZA GARCÍA, N.L., 9 oct (EFE).- El municipio prohibió la pirotecnia.',
    ])
      expect(focus(tag('Noticias de la región', summary, 'es'))).toEqual(['MX']);
  });

  it('Europa Press datelines have no dash after the agency', () => {
    const tags = tag(
      'El Ayuntamiento de Mérida licita la reforma del mercado',
      'MÉRIDA, 12 (EUROPA PRESS) La Junta de Gobierno Local ha aprobado este martes el pliego de las obras.',
      'es',
    );
    expect(focus(tags)).toEqual(['ES']);
    expect(countries(tags)).not.toContain('MX');
  });

  it('a domestic agency files from its own country’s town of a name a bigger city abroad shares', () => {
    const tags = tag(
      'Câmara aprova novo parque de estacionamento',
      'LAGOS, 9 jan (Lusa) - A autarquia investe dois milhões de euros junto à estação.',
      'pt',
    );
    expect(focus(tags)).toEqual(['PT']);
    // An international agency's dateline is still read by the cities' size.
    expect(focus(tag('Explosão em mercado', 'LAGOS, 9 jan (AFP) - Pelo menos dez pessoas morreram.', 'pt'))).toEqual([
      'NG',
    ]);
  });

  it('a national institution named in the title stays a focus beside a stronger dateline country', () => {
    const tags = tag(
      'Bundeswehr übernimmt Luftraumüberwachung über Estland',
      'TALLINN (dpa) - Vier Eurofighter sind auf dem Stützpunkt Ämari in Estland gelandet.',
      'de',
    );
    expect(focus(tags)).toEqual(['DE', 'EE']);
  });

  it('a country word after an organisation’s first word is that organisation’s name, not a surname', () => {
    // "Agência Brasil" in the dateline used to read Brasil as a person's surname and drop it from the title too.
    const tags = tag(
      'Brasil bate recorde de vendas de café',
      'ROTERDÃ, 3 fev (Agência Brasil) - O Brasil embarcou 4 milhões de sacas em janeiro para a Europa.',
      'pt',
    );
    expect(focus(tags)).toEqual(['BR']);
    // ...and a national team's name is no person either, nor where the match is.
    const cup = tag('HC Davos verliert Final', 'Das Team Canada gewann das Turnier in der Schweiz.', 'de');
    expect(focus(cup)).toEqual(['CH']);
  });

  it('a title city whose name the dateline’s country also has is that country’s town', () => {
    const tags = tag(
      'Valencia : la ville rouvre son stade après les inondations',
      'CARACAS (AFP) - La troisième ville du pays a rouvert le stade.',
      'fr',
    );
    expect(focus(tags)).toEqual(['VE']);
    // The same city named again below the title is still one place, not a second one.
    const twice = tag(
      'Nouvelle liaison ferroviaire vers Munich',
      'ZURICH (AFP) - Les CFF relieront Zurich à Munich en trois heures ; le premier train pour Munich partira en juin.',
      'fr',
    );
    expect(focus(twice)).toEqual(['CH']);
  });

  it('regions and towns below the big cities that wires name: German and British regions, the Pilbara, Biel/Bienne', () => {
    expect(focus(tag('Hochwasser im Sauerland', 'Mehrere Orte sind von der Außenwelt abgeschnitten.', 'de'))).toEqual([
      'DE',
    ]);
    expect(focus(tag('Floods cut off villages across Yorkshire', 'Rescue teams used boats overnight.', 'en'))).toEqual([
      'GB',
    ]);
    expect(focus(tag('Cyclone nears the Pilbara coast', 'Iron ore ports closed ahead of landfall.', 'en'))).toEqual([
      'AU',
    ]);
    expect(
      focus(tag('Un horloger de Bienne licencie 80 personnes', 'La direction invoque la baisse des commandes.', 'fr')),
    ).toEqual(['CH']);
  });

  it('US states and New Orleans as es, pt, fr and de write them; not the French town inside the name', () => {
    const tags = tag('La Nouvelle-Orléans sous les eaux', 'Un ouragan a touché la Louisiane dans la nuit.', 'fr');
    expect(focus(tags)).toEqual(['US']);
    expect(countries(tags)).not.toContain('FR');
    expect(focus(tag('Incendios en Carolina del Norte', 'Miles de vecinos fueron evacuados.', 'es'))).toEqual(['US']);
  });

  it('clubs, festivals and courts of config/countries.yaml: national institutions wires name', () => {
    expect(
      focus(tag('Manchester United part company with their manager', 'The club is ninth in the table.', 'en')),
    ).toEqual(['GB']);
    expect(focus(tag('Berlinale eröffnet mit einer Komödie', 'Die Jury tagt ab Freitag.', 'de'))).toEqual(['DE']);
    expect(
      focus(tag('Le HC Davos renverse le match en prolongation', 'Les Grisons mènent la série 3-1.', 'fr')),
    ).toEqual(['CH']);
  });

  it('ministers of the cabinets in office, and a famous person named like a country', () => {
    expect(focus(tag('Dobrindt verschärft Kontrollen an den Grenzen', 'Die Maßnahme gilt ab Montag.', 'de'))).toEqual([
      'DE',
    ]);
    const essay = tag(
      'Was bleibt von der Revolution?',
      'Ein Abend über Streiks, Räte und die Schriften von Rosa Luxemburg in der Volksbühne.',
      'de',
    );
    expect(countries(essay)).not.toContain('LU');
  });

  it('with no dateline, a demonym beside people moved or signed is their nationality, an object of the country acting', () => {
    const deport = tag(
      'Alemania deporta a 28 refugiados afganos y sirios',
      'El vuelo despegó de Leipzig; la mayoría afganos con condenas.',
      'es',
    );
    expect(focus(deport)).toEqual(['DE']);
    expect(focus(tag('Benfica contrata médio uruguaio por 12 milhões', 'O jogador assinou até 2030.', 'pt'))).toEqual([
      'PT',
    ]);
    // Other demonyms are often the story's own people, and stay.
    expect(
      focus(tag('Francia: un médico ruandés condenado por genocidio', 'El juicio duró seis semanas.', 'es')),
    ).toContain('RW');
  });

  it('a place in an agreement’s name is where it was signed, not where the story is', () => {
    const tags = tag(
      'Los rebeldes rompen la tregua pese al acuerdo de Doha',
      'JARTUM (EFE) - Los combates se reanudaron en Darfur.',
      'es',
    );
    expect(focus(tags)).toEqual(['SD']);
    expect(countries(tags)).not.toContain('QA');
    const treaty = tag('Ukraine says Minsk agreements are dead', 'Kyiv said the ceasefire had collapsed.', 'en');
    expect(countries(treaty)).not.toContain('BY');
  });
});
