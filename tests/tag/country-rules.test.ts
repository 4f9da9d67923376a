// Country rules of issue #13 beyond datelines and seats: each with a sentence written for the test (not an eval item)
// and the reading it must not get.
import { describe, expect, it } from 'vitest';
import { countries, rulesTagger, focus } from './shared.ts';

const tag = (title: string, summary: string, language?: string) => rulesTagger().tag({ title, summary, language });

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

  it('a demonym beside the state’s weapons names the state acting, like its name', () => {
    const tags = tag(
      'Iranian missiles hit Haifa port',
      'JERUSALEM (Reuters) - Sirens sounded across northern Israel before dawn.',
      'en',
    );
    expect(focus(tags)).toEqual(['IL', 'IR']);
    expect(focus(tag('Missiles hit Haifa port', 'JERUSALEM (Reuters) - Sirens sounded before dawn.', 'en'))).toEqual([
      'IL',
    ]);
  });

  it('demonyms of Portuguese-speaking states the data packages lack', () => {
    const tags = tag('Governo recebe delegação timorense', 'LISBOA, 2 mar (Lusa) - A visita dura três dias.', 'pt');
    expect(countries(tags)).toContain('TL');
  });

  it('South Tyrol and its towns, as the German-language wires write them, are in Italy', () => {
    expect(
      focus(tag('Murenabgang in Südtirol: Straße gesperrt', 'Eine Mure verschüttete die Staatsstraße.', 'de')),
    ).toEqual(['IT']);
  });

  it('"Freiburg" is Freiburg im Breisgau unless a Swiss agency or the text says Fribourg', () => {
    const swiss = 'FREIBURG (Keystone-SDA) - Der Generalrat hat den Kredit von 40 Millionen Franken bewilligt.';
    expect(focus(tag('Stadtrat genehmigt neues Eisstadion', swiss, 'de'))).toEqual(['CH']);
    const german = 'FREIBURG (dpa) - Der Gemeinderat hat den Kredit von 40 Millionen Euro bewilligt.';
    expect(focus(tag('Stadtrat genehmigt neues Eisstadion', german, 'de'))).toEqual(['DE']);
  });

  it('the dateline place named again in the title is that place, not a country spelled the same', () => {
    const tags = tag(
      'Granada inaugura su nuevo mercado municipal',
      'GRANADA (Nicaragua), 3 mar (EFE).- La alcaldía abrió el edificio tras dos años de obras.',
      'es',
    );
    expect(countries(tags)).toEqual(['NI']);
  });

  it('a country word in a person’s name anywhere in the entry is that person in the title too', () => {
    const person = tag(
      'Francia anuncia que no volverá a la política',
      'BOGOTÁ, 4 may (EFE).- La exvicepresidenta colombiana Francia Márquez dijo que dedicará su tiempo a su fundación.',
      'es',
    );
    expect(countries(person)).toEqual(['CO']);
    const country = tag('Francia convoca elecciones', 'PARÍS, 4 may (EFE).- Macron disolvió la Asamblea.', 'es');
    expect(focus(country)).toEqual(['FR']);
  });

  it('a visit or a meeting in the title: the visitor named by leader or demonym is a focus beside the host', () => {
    const visit = tag(
      'Der Präsident empfängt den Premier im Élysée',
      'PARIS (dpa) - Der japanische Regierungschef ist zu einem dreitägigen Besuch in Frankreich.',
      'de',
    );
    expect(focus(visit)).toEqual(['FR', 'JP']);
    expect(visit.find((t) => t.value === 'JP')?.reason.rule).toBe('country.visit');
    expect(focus(tag('Australian PM meets Xi in Beijing', 'BEIJING (Reuters) - Trade was discussed.', 'en'))).toEqual([
      'AU',
      'CN',
    ]);
    // With no visit in the title, the same summary leaves the other leader a mention.
    const noVisit = tag(
      'Le budget de la défense en hausse',
      'PARIS (AFP) - Le président syrien était attendu la semaine prochaine à Paris.',
      'fr',
    );
    expect(focus(noVisit)).toEqual(['FR']);
  });

  it('a title kicker names the story’s country; another country only after a preposition in the title is a mention', () => {
    const tags = tag('Perú: miles de migrantes parten hacia Chile', 'Las autoridades reforzaron los controles.', 'es');
    expect(focus(tags)).toEqual(['PE']);
    expect(tags.find((t) => t.value === 'CL')?.reason.rule).toBe('country.kicker-object');
    // Named again below in a role (where people cross), it is still the object.
    const again = tag(
      'Perú: miles de migrantes parten hacia Chile',
      'Las autoridades calculan que 3.000 personas salieron rumbo a Chile en una semana.',
      'es',
    );
    expect(focus(again)).toEqual(['PE']);
    // As the subject, or beside the kicker country with no colon, it is an actor.
    expect(focus(tag('Perú: Chile cierra su frontera', 'Las autoridades reforzaron los controles.', 'es'))).toEqual([
      'CL',
      'PE',
    ]);
    expect(focus(tag('Perú y Chile refuerzan la frontera', 'Las autoridades reforzaron los controles.', 'es'))).toEqual(
      ['CL', 'PE'],
    );
  });

  it('beside a dateline, a country named only where goods or people go is a mention', () => {
    const tags = tag(
      'Chile envía cobre refinado hacia Japón',
      'ANTOFAGASTA, 4 feb (EFE).- Los embarques salieron del puerto tras dos semanas de retraso.',
      'es',
    );
    expect(focus(tags)).toEqual(['CL']);
    expect(tags.find((t) => t.value === 'JP')?.reason.rule).toBe('country.dateline-object');
    const de = tag(
      'Reederei schickt Frachter nach Norwegen',
      'KIEL (dpa) - Die Schiffe sollen im Sommer ankommen.',
      'de',
    );
    expect(focus(de)).toEqual(['DE']);
    // A journey or a visit makes the destination a side of the story; a topic (sur, for) is what it is about.
    const trip = tag('Ministra viaja hacia Japón', 'SANTIAGO, 4 feb (EFE).- La canciller firmará un acuerdo.', 'es');
    expect(focus(trip)).toEqual(['CL', 'JP']);
    const topic = tag(
      'Un colloque sur le Japon',
      'LYON, 4 févr (AFP) - Des chercheurs débattent pendant deux jours.',
      'fr',
    );
    expect(focus(topic)).toEqual(['FR', 'JP']);
    // The title's subject is a side even when it is only a demonym.
    const subject = tag('NORWEGIAN SHIPOWNER BUYS TANKERS', 'ATHENS, March 3 - The vessels were built in Korea.', 'en');
    expect(focus(subject)).toContain('NO');
  });

  it('with no dateline, a country named only as a destination beside one that acts is a mention', () => {
    const tags = tag(
      'Vendas de café para o Japão batem recorde',
      'O Brasil embarcou 3 milhões de sacas, informou o governo brasileiro.',
      'pt',
    );
    expect(focus(tags)).toEqual(['BR']);
    expect(tags.find((t) => t.value === 'JP')?.reason.rule).toBe('country.object');
    // Troops or envoys sent somewhere make it a side; a demonym alone may be the story's people.
    expect(focus(tag('Chile envía soldados hacia Haití', 'Chile aportará 200 efectivos.', 'es'))).toEqual(['CL', 'HT']);
  });

  it('a dateline is only the venue when the title names two other countries acting and not its own', () => {
    const tags = tag(
      'Armenia and Azerbaijan sign border deal',
      'GENEVA (Reuters) - The foreign ministers signed the text after two days of talks.',
      'en',
    );
    expect(focus(tags)).toEqual(['AM', 'AZ']);
    expect(tags.find((t) => t.value === 'CH')?.reason.rule).toBe('country.venue');
    // One other country, or the venue's own country in the title, keeps the dateline a focus.
    expect(focus(tag('Armenia signs border deal', 'GENEVA (Reuters) - The minister signed the text.', 'en'))).toEqual([
      'AM',
      'CH',
    ]);
    const named = tag('Swiss, Armenian and Azeri envoys meet', 'GENEVA (Reuters) - Talks went on for two days.', 'en');
    expect(focus(named)).toContain('CH');
  });

  it('beside a dateline, another country named by one city or place alone is a mention', () => {
    const tags = tag(
      'Concerto de homenagem a Milão no Coliseu',
      'PORTO, 2 mar (Lusa) - A orquestra toca Vivaldi e Monteverdi.',
      'pt',
    );
    expect(focus(tags)).toEqual(['PT']);
    expect(tags.find((t) => t.value === 'IT')?.reason.rule).toBe('country.lone-city');
    // Two places of that country are more than a namesake or a destination.
    const two = tag(
      'Homenagem a Nova Iorque no Museu de Arte',
      'LISBOA, 2 mar (Lusa) - A exposição reúne fotografias de Manhattan e de Brooklyn.',
      'pt',
    );
    expect(focus(two)).toEqual(['PT', 'US']);
  });
});
