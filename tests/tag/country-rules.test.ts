// Country rules of issue #13 beyond datelines and seats: each with a sentence written for the test (not an eval item)
// and the reading it must not get.
import { describe, expect, it } from 'vitest';
import { countries, defaultTagger, focus } from './shared.ts';

const tag = (title: string, summary: string, language?: string) => defaultTagger().tag({ title, summary, language });

describe('country rules', () => {
  it('a country word before a surname is a person in sentence-case languages, also in a capitalised headline', () => {
    expect(
      countries(
        tag('Francia Pérez, nueva directora del Teatro Real', 'La actriz dirigirá el coliseo madrileño.', 'es'),
      ),
    ).toEqual(['ES']);
    expect(countries(tag('Jordânia Costa renova com o Benfica', 'A médio fica até 2028.', 'pt'))).toEqual(['PT']);
    // ...and still the country with no name after it.
    expect(focus(tag('Jordania cierra su frontera', 'El Gobierno de Amán lo anunció el lunes.', 'es'))).toContain('JO');
  });

  it('a demonym that qualifies a company is its nationality, not where the story is', () => {
    const tags = tag(
      'Chile lithium mine sold to a Chinese firm',
      'The deal needs approval from regulators in Santiago.',
      'en',
    );
    expect(focus(tags)).toEqual(['CL']);
  });

  it('a demonym that qualifies an attack names the state acting, like its name', () => {
    const tags = tag(
      'Siria: ataques israelíes contra depósitos cerca de Damasco',
      'Las explosiones se oyeron en la capital.',
      'es',
    );
    expect(focus(tags)).toEqual(['IL', 'SY']);
  });

  it('"City, en Region": a preposition may stand between the comma and the region', () => {
    const tags = tag('Inondations à London, en Ontario', 'La rivière Thames est sortie de son lit.', 'fr');
    expect(focus(tags)).toEqual(['CA']);
    expect(countries(tags)).not.toContain('GB');
  });

  it('a dateline city of the entry language beats a country name from another language ("SALVADOR" in pt)', () => {
    const tags = tag(
      'Chuva forte alaga bairros',
      'SALVADOR, 4 mai (Agência Brasil) - A Defesa Civil emitiu alerta.',
      'pt',
    );
    expect(focus(tags)).toEqual(['BR']);
    expect(countries(tags)).not.toContain('SV');
  });

  it('national institutions, stock indices and clubs of config/countries.yaml point to their country', () => {
    expect(focus(tag('Ibovespa fecha em alta de 1,2%', 'Os bancos puxaram o índice.', 'pt'))).toEqual(['BR']);
    expect(focus(tag('Grève à la RATP ce jeudi', 'Le trafic sera très perturbé.', 'fr'))).toEqual(['FR']);
    expect(focus(tag('Borussia Dortmund verpflichtet Stürmer', 'Der Vertrag läuft bis 2029.', 'de'))).toEqual(['DE']);
  });

  it('members a group in the title names outright are focus countries; the examples under a continent stay mentions', () => {
    const asean = tag('ASEAN ministers meet on haze', 'Indonesia and Malaysia agreed to share fire data.', 'en');
    expect(focus(asean)).toEqual(['ID', 'MY']);
    expect(asean.find((t) => t.value === 'MY')?.reason.rule).toBe('country.member');
    const africa = tag('Africa: a continent of startups', 'Nigeria and Kenya lead in venture funding.', 'en');
    expect(focus(africa)).toEqual([]);
  });

  it('a demonym that qualifies envoys names the state acting', () => {
    expect(
      focus(tag('Mali expels Swedish ambassador', 'BAMAKO (AFP) - The envoy was given 72 hours to leave.', 'en')),
    ).toEqual(['ML', 'SE']);
  });

  it('a town in the title is where the story happens when nothing else names a place, in a language of its country', () => {
    expect(focus(tag('Cheias em Sorocaba desalojam famílias', 'Os bombeiros retiraram 40 pessoas.', 'pt'))).toEqual([
      'BR',
    ]);
    // Not in English, and not in a language the town's country does not speak.
    expect(focus(tag('Sorocaba floods displace families', 'Firefighters rescued 40 people.', 'en'))).toEqual([]);
    expect(focus(tag('Inondations à Sorocaba', 'Les pompiers ont secouru 40 personnes.', 'fr'))).toEqual([]);
    expect(focus(tag('Limoges : grève des éboueurs', 'Les déchets s’accumulent depuis une semaine.', 'fr'))).toEqual([
      'FR',
    ]);
    // Beside a country named outright, a town of another country is still only weak evidence.
    expect(focus(tag('Limoges : un jumelage avec le Japon', 'La délégation arrive lundi.', 'fr'))).toEqual(['JP']);
  });

  it('a name after a river noun is the river', () => {
    const tags = tag('Seca no rio Madeira isola comunidades', 'A Marinha levou água potável.', 'pt');
    expect(countries(tags)).not.toContain('PT');
  });

  it('provinces and states of CA, AU, IN and CN are places of their country; New England is in the US', () => {
    expect(countries(tag('British Columbia wildfires force evacuations', 'Crews fought three blazes.', 'en'))).toEqual([
      'CA',
    ]);
    expect(countries(tag('Maharashtra farmers march on the state capital', 'They demand loan waivers.', 'en'))).toEqual(
      ['IN'],
    );
    expect(countries(tag('Storm batters New England coast', 'Power is out for 200,000 homes.', 'en'))).toEqual(['US']);
  });

  it('a national agency settles a dateline place that several countries have', () => {
    expect(focus(tag('Granizo en la ciudad', 'CÓRDOBA, 2 feb (Télam) - La tormenta dañó techos.', 'es'))).toEqual([
      'AR',
    ]);
    expect(focus(tag('Granizo en la ciudad', 'CÓRDOBA, 2 feb (EFE).- La tormenta dañó techos.', 'es'))).toEqual(['ES']);
  });

  it('a national team is its country; a criminal group nationality is not where the story is', () => {
    expect(focus(tag('La selección uruguaya gana en Quito', 'El equipo sumó tres puntos.', 'es'))).toEqual([
      'EC',
      'UY',
    ]);
    expect(
      focus(tag('Capturado en Lisboa un jefe de la mafia rusa', 'La policía lo buscaba desde 2020.', 'es')),
    ).toEqual(['PT']);
  });

  it('a place in an all-caps company name is no evidence, and a demonym beside "parent" is the parent company', () => {
    const fund = tag(
      'BOSTON CAPITAL SETS PAYOUT FOR KOREA FUND',
      'NEW YORK, March 3 - The closed-end fund said.',
      'en',
    );
    expect(focus(fund)).toEqual(['US']);
    const parent = tag(
      'Toronto retailer sells stake to its Dutch parent',
      'TORONTO, May 2 - The deal closes in June.',
      'en',
    );
    expect(focus(parent)).toEqual(['CA']);
  });
});
