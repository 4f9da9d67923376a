// The classic gazetteer traps, one general rule each: longest match, case, person names, context, "Town, State".
// Sentences here are written for the tests: none is a title or summary of the eval set (tests/eval), so a rule
// fitted to an eval item does not pass them by copying.
import { describe, expect, it } from 'vitest';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { defaultTagger, focus, countries, regions, topics } from './shared.ts';
import { REPO_ROOT } from '../helpers/env.ts';
import path from 'node:path';

const tag = (title: string, summary = '') => defaultTagger().tag({ title, summary });

describe('country traps', () => {
  it('Georgia: the country by default, the US state with US context', () => {
    expect(focus(tag('Georgia: opposition rally outside parliament in Tbilisi enters third night'))).toEqual(['GE']);
    expect(
      focus(
        tag(
          'Georgia lawmakers pass new voting rules',
          'The Republican-led legislature in Atlanta sent the bill to the governor; Democrats in Washington objected.',
        ),
      ),
    ).toEqual(['US']);
    expect(focus(tag('Tornado damages homes in Rome, Georgia'))).toEqual(['US']);
    // One US town, named alone, is enough to choose between the two readings.
    expect(
      focus(tag('Recount confirms Savannah mayoral result', 'Georgia election officials found no irregularities.')),
    ).toEqual(['US']);
  });

  it('Jordan and Chad as people are not countries', () => {
    expect(countries(tag('Michael Jordan buys a stake in a racing team'))).toEqual([]);
    expect(countries(tag('Jordan Peterson announces a new podcast series'))).toEqual([]);
    expect(countries(tag('Chad Kroeger and his band announce a farewell tour'))).toEqual([]);
    expect(countries(tag('Chad Johnson signs with a new agent'))).toEqual([]);
    expect(focus(tag("Jordan's parliament approves a new cabinet"))).toEqual(['JO']);
    expect(focus(tag('Chad: floods displace thousands in the east'))).toEqual(['TD']);
  });

  it('turkey and china in lower case are food and plates', () => {
    expect(
      countries(tag('Grocers brace for the holiday rush', 'A frozen turkey costs more than last year, retailers say.')),
    ).toEqual([]);
    expect(
      countries(tag("Grandmother's fine china goes to auction", 'leftover turkey recipes for the weekend')),
    ).toEqual([]);
    expect(focus(tag("Turkey's parliament debates a new media law"))).toEqual(['TR']);
    expect(focus(tag("China's factories cut output"))).toEqual(['CN']);
  });

  it('the Guinea family, Niger/Nigeria, Dominica/Dominican Republic, Sudan/South Sudan by longest match', () => {
    expect(focus(tag('Guinea-Bissau opposition boycotts the vote'))).toEqual(['GW']);
    expect(focus(tag('Equatorial Guinea opens a new oil terminal'))).toEqual(['GQ']);
    expect(focus(tag('Papua New Guinea election count delayed'))).toEqual(['PG']);
    expect(focus(tag('Guinea junta sets a referendum date'))).toEqual(['GN']);
    expect(countries(tag('Children learn to care for guinea pigs at school'))).toEqual([]);
    expect(focus(tag('Niger suspends uranium exports'))).toEqual(['NE']);
    expect(focus(tag('Nigeria raises the petrol price again'))).toEqual(['NG']);
    expect(focus(tag('Dominican Republic tightens visa rules'))).toEqual(['DO']);
    expect(focus(tag('Dominica sells passports to fund a new airport'))).toEqual(['DM']);
    expect(focus(tag('South Sudan reopens its oil pipeline'))).toEqual(['SS']);
    expect(focus(tag('Sudan: army and RSF agree to talks'))).toEqual(['SD']);
  });

  it('the two Congos and Korea take the country the rest of the entry supports', () => {
    expect(focus(tag('Congo: cholera outbreak spreads', 'Health officials in Kinshasa report 300 new cases.'))).toEqual(
      ['CD'],
    );
    expect(focus(tag('Congo: new oil law signed', 'The decree was published in Brazzaville on Monday.'))).toEqual([
      'CG',
    ]);
    expect(focus(tag('DR Congo signs a mining deal')).includes('CD')).toBe(true);
    expect(focus(tag('Congo-Brazzaville opens its border'))).toEqual(['CG']);
    expect(focus(tag('North Korea opens its border to tourists'))).toEqual(['KP']);
    expect(focus(tag('South Korea raises the minimum wage'))).toEqual(['KR']);
    expect(focus(tag('Korea sends troops to the border', 'Pyongyang state media showed the convoy.'))).toEqual(['KP']);
    expect(focus(tag("Korea's exports rise", 'Officials in Seoul credited chip sales.'))).toEqual(['KR']);
  });

  it('"Lima, Ohio", "Paris, Texas" and New Mexico are in the US', () => {
    expect(focus(tag('Lima, Ohio, opens a new library'))).toEqual(['US']);
    expect(focus(tag('Paris, Texas, hosts its rodeo'))).toEqual(['US']);
    expect(focus(tag('Peru, Indiana, elects a new mayor'))).toEqual(['US']);
    expect(focus(tag('New Mexico expands water rationing'))).toEqual(['US']);
    expect(focus(tag('New Jersey teachers vote on a contract'))).toEqual(['US']);
    expect(focus(tag('Mexico City metro line reopens'))).toEqual(['MX']);
  });

  it('titles count more than summaries; a source prior adds score but does not override', () => {
    const t = tag('Peru: miners stop work', 'Unions in Chile sent solidarity messages.');
    expect(focus(t)).toEqual(['PE']);
    expect(t.find((x) => x.value === 'CL')?.role).toBe('mention');
    const withPrior = defaultTagger().tag({ title: 'Peru: miners stop work', sourceCountry: 'AR' });
    expect(focus(withPrior)).toEqual(['PE']);
    const onlyPrior = defaultTagger().tag({ title: 'Lawmakers approve the spending plan', sourceCountry: 'PE' });
    expect(onlyPrior.find((x) => x.kind === 'country')).toMatchObject({
      value: 'PE',
      role: 'focus',
      reason: { rule: 'country.source-prior', field: 'source' },
    });
  });

  it('demonyms in five languages, with and without accents', () => {
    const cases = [
      'Peruvian farmers block a highway',
      'El gobierno peruano anuncia nuevas medidas',
      'Las mujeres peruanas marchan en la capital',
      'O governo peruano anuncia medidas',
      'Le gouvernement péruvien annonce des mesures',
      'La police peruvienne arrête des manifestants',
      'Die peruanische Regierung kündigt Maßnahmen an',
      'Tausende Peruaner demonstrieren gegen die Regierung',
    ];
    for (const title of cases) expect(focus(tag(title)), title).toEqual(['PE']);
  });

  it('regions: named directly in five languages, or derived from focus countries', () => {
    for (const title of [
      'Latin America braces for drought',
      'América Latina ante la sequía',
      'Amérique latine : la sécheresse',
      'Lateinamerika vor der Dürre',
      'A seca na América Latina',
    ]) {
      expect(regions(tag(title)), title).toContain('latin-america');
    }
    expect(regions(tag('Peru: miners stop work'))).toEqual(
      expect.arrayContaining(['latin-america', 'south-america', 'americas']),
    );
    expect(regions(tag('EU fines a tech giant'))).toContain('european-union');
    expect(regions(tag('Il a eu raison'))).not.toContain('european-union');
  });

  it('national institutions are evidence for their country, in their own language', () => {
    const cases: [string, string][] = [
      ['Bundesbank warns of a mild recession', 'DE'],
      ['Bank of Japan holds rates steady', 'JP'],
      ['SEC fines a crypto lender', 'US'],
      ['Securities and Exchange Commission sues an exchange', 'US'],
      ['Banco Central do Brasil corta juros', 'BR'],
      ['Le gouverneur de la Banque de France met en garde', 'FR'],
      ['El Congreso de la República aprueba la ley de presupuesto', 'PE'],
      ['Sejm votes on the abortion bill', 'PL'],
      ['Riksbank cuts its policy rate', 'SE'],
    ];
    for (const [title, code] of cases) {
      const t = tag(title);
      expect(focus(t), title).toEqual([code]);
      expect(t.find((x) => x.value === code)?.reason.rule, title).toBe('country.alias');
    }
  });

  it('groups of states named as such are region tags; organisations are not derived from a member', () => {
    const cases: [string, string][] = [
      ['OPEC+ extends output cuts into next year', 'opec'],
      ["L'Opep maintient sa production", 'opec'],
      ['ASEAN foreign ministers meet on the South China Sea', 'asean'],
      ['Gulf states pledge billions for reconstruction', 'gulf-states'],
      ['GCC leaders meet for their annual summit', 'gulf-states'],
      ['Les pays du Golfe promettent des milliards', 'gulf-states'],
      ['Cúpula do Mercosul termina sem acordo', 'mercosur'],
      ['European Commission opens a competition probe', 'european-union'],
      ['Comisión Europea multa a una tecnológica', 'european-union'],
      ['ECB leaves rates on hold', 'european-union'],
      ['Inflation in the eurozone slows', 'european-union'],
    ];
    for (const [title, region] of cases) {
      const t = tag(title);
      expect(t.find((x) => x.kind === 'region' && x.value === region)?.reason.rule, title).toBe('region.name');
    }
    expect(regions(tag('Nigeria raises the petrol price again'))).not.toContain('opec');
    expect(regions(tag('Indonesia raises the petrol price again'))).not.toContain('asean');
    expect(regions(tag('Saudi Arabia raises the petrol price again'))).toContain('gulf-states');
  });

  it('every tag says why: rule, matched text, field', () => {
    const t = tag('Peru: army backs coup against the president', 'The political crisis deepened in Lima.');
    expect(t.find((x) => x.value === 'PE')?.reason).toEqual({ rule: 'country.name', match: 'Peru', field: 'title' });
    expect(t.find((x) => x.value === 'coups')?.reason).toMatchObject({ rule: 'topic.keyword', field: 'title' });
  });

  it('an editor alias that needs context counts only with the country named elsewhere', () => {
    expect(countries(tag('Castillo wins the match'))).toEqual([]);
    expect(focus(tag('Castillo released from jail', 'A court in Peru ordered the former president freed.'))).toEqual([
      'PE',
    ]);
  });
});

describe('topic traps', () => {
  it('exclusions swallow the keyword: an air strike is not a strike', () => {
    expect(topics(tag('Air strikes hit a fuel depot near Kharkiv'))).not.toContain('strikes');
    expect(topics(tag('Air strikes hit a fuel depot near Kharkiv'))).toContain('war');
    expect(topics(tag('Dockers strike in Antwerp'))).toContain('strikes');
  });

  it('keywords in all five languages, accents optional', () => {
    for (const t of [
      'Huelga general en Lima',
      'Greve geral em São Paulo',
      'Grève générale à Paris',
      'Generalstreik in Berlin',
      'General strike in Lagos',
      'huelga general',
    ]) {
      expect(topics(tag(t)), t).toContain('strikes');
    }
  });

  it('source categories map to topics', () => {
    const t = defaultTagger().tag({ title: 'Notes from the week', categories: ['Huelgas'] });
    expect(t.find((x) => x.value === 'strikes')?.reason).toMatchObject({ rule: 'topic.category', field: 'category' });
  });

  it('content counts: HTML is read as text', () => {
    const t = defaultTagger().tag({
      title: 'Notes',
      content:
        '<p>The <b>general strike</b> in <a href="x">Bolivia</a> continues. The strike is in its third week.</p>',
    });
    expect(countries(t)).toContain('BO');
  });
});

// Speed is measured in bench/ (`npm run bench -- --only tagging`), beside its baselines; a test on a shared machine
// cannot tell slow code from a busy neighbour. What a test can say: a thousand tags of one kind of text agree.
it('tags 1,000 variants of a realistic entry alike (the caches do not drift)', () => {
  const tagger = createTagger(loadTaxonomy(path.join(REPO_ROOT, 'config')));
  const title = 'Bolivia: miners and teachers march on La Paz as the general strike enters its second week';
  const summary =
    'Unions say the government of Luis Arce ignores their demands while fuel queues grow across the country.';
  const shapes = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const tags = tagger.tag({ title: `${title} ${i}`, summary });
    shapes.add(tags.map((t) => `${t.kind}:${t.value}:${t.role ?? ''}`).join(' '));
  }
  expect(shapes.size).toBe(1);
  expect([...shapes][0]).toContain('country:BO:focus');
});
