// The classic gazetteer traps, one general rule each: longest match, case, person names, context, "Town, State".
import { describe, expect, it } from 'vitest';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { defaultTagger, focus, countries, regions, topics } from './shared.ts';
import { REPO_ROOT } from '../helpers/env.ts';
import path from 'node:path';

const tag = (title: string, summary = '') => defaultTagger().tag({ title, summary });

describe('country traps', () => {
  it('Georgia: the country by default, the US state with US context', () => {
    expect(focus(tag('Georgia protesters fill Tbilisi streets over foreign agents law'))).toEqual(['GE']);
    expect(focus(tag('Georgia Senate runoff: Warnock wins', 'Turnout in Atlanta exceeded expectations.'))).toEqual([
      'US',
    ]);
    expect(focus(tag('Police arrest man in Athens, Georgia'))).toEqual(['US']);
  });

  it('Jordan and Chad as people are not countries', () => {
    expect(countries(tag("Michael Jordan's rookie sneakers sell for record sum"))).toEqual([]);
    expect(countries(tag('Jordan Peterson suspended from Twitter over tweet'))).toEqual([]);
    expect(countries(tag('Chad Daybell sentenced to death for murders'))).toEqual([]);
    expect(countries(tag('Chad Wolf testifies on border security'))).toEqual([]);
    expect(focus(tag("Jordan's King Abdullah warns of regional war"))).toEqual(['JO']);
    expect(focus(tag('Chad: fighting between soldiers and rebels near the border'))).toEqual(['TD']);
  });

  it('turkey and china in lower case are food and plates', () => {
    expect(
      countries(tag('Prices jump ahead of Thanksgiving', 'Shoppers will pay more for a whole turkey this year.')),
    ).toEqual([]);
    expect(countries(tag('Fine china and silverware on a budget', 'how to roast a turkey'))).toEqual([]);
    expect(focus(tag("Turkey's central bank raises rates as inflation soars"))).toEqual(['TR']);
    expect(focus(tag("China's exports slump"))).toEqual(['CN']);
  });

  it('the Guinea family, Niger/Nigeria, Dominica/Dominican Republic, Sudan/South Sudan by longest match', () => {
    expect(focus(tag('Guinea-Bissau president dissolves parliament'))).toEqual(['GW']);
    expect(focus(tag("Equatorial Guinea's Obiang extends rule"))).toEqual(['GQ']);
    expect(focus(tag('Papua New Guinea landslide buries village'))).toEqual(['PG']);
    expect(focus(tag('Guinea junta leader dissolves government'))).toEqual(['GN']);
    expect(countries(tag('Scientists use guinea pigs to test a vaccine'))).toEqual([]);
    expect(focus(tag('Niger junta expels ambassador'))).toEqual(['NE']);
    expect(focus(tag("Nigeria's unions call general strike"))).toEqual(['NG']);
    expect(focus(tag('Dominican Republic starts building border wall'))).toEqual(['DO']);
    expect(focus(tag('Dominica rebuilds after hurricane'))).toEqual(['DM']);
    expect(focus(tag("South Sudan's Kiir postpones elections"))).toEqual(['SS']);
    expect(focus(tag('Sudan: RSF attacks El Fasher'))).toEqual(['SD']);
  });

  it('the two Congos and Korea take the country the rest of the entry supports', () => {
    expect(focus(tag('Congo: rebels advance', 'Fighting near Goma; Kinshasa accuses its neighbour.'))).toEqual(['CD']);
    expect(focus(tag('Congo: president wins fourth term', 'Protests in Brazzaville after the vote.'))).toEqual(['CG']);
    expect(focus(tag('DR Congo accuses Rwanda')).includes('CD')).toBe(true);
    expect(focus(tag('Congo-Brazzaville votes'))).toEqual(['CG']);
    expect(focus(tag('North Korea fires missile into sea'))).toEqual(['KP']);
    expect(focus(tag('South Korea declares martial law'))).toEqual(['KR']);
    expect(focus(tag('Korea warns of retaliation', 'Pyongyang said the drills were a provocation.'))).toEqual(['KP']);
    expect(focus(tag("Korea's birth rate falls", 'Seoul announces new subsidies.'))).toEqual(['KR']);
  });

  it('"Lima, Ohio", "Paris, Texas" and New Mexico are in the US', () => {
    expect(focus(tag('Police chief in Lima, Ohio, resigns'))).toEqual(['US']);
    expect(focus(tag('Paris, Texas, police face lawsuit'))).toEqual(['US']);
    expect(focus(tag('Peru, Indiana: circus town celebrates its history'))).toEqual(['US']);
    expect(focus(tag('New Mexico declares state of emergency over wildfires'))).toEqual(['US']);
    expect(focus(tag('New Jersey transit engineers strike'))).toEqual(['US']);
    expect(focus(tag('Mexico City water crisis'))).toEqual(['MX']);
  });

  it('titles count more than summaries; a source prior adds score but does not override', () => {
    const t = tag('Peru: general strike', 'Unions in Chile sent solidarity messages.');
    expect(focus(t)).toEqual(['PE']);
    expect(t.find((x) => x.value === 'CL')?.role).toBe('mention');
    const withPrior = defaultTagger().tag({ title: 'Peru: general strike', sourceCountry: 'AR' });
    expect(focus(withPrior)).toEqual(['PE']);
    const onlyPrior = defaultTagger().tag({ title: 'Congress approves budget', sourceCountry: 'PE' });
    expect(onlyPrior.find((x) => x.kind === 'country')).toMatchObject({
      value: 'PE',
      role: 'focus',
      reason: { rule: 'country.source-prior', field: 'source' },
    });
  });

  it('demonyms in five languages, with and without accents', () => {
    const cases = [
      'Peruvian police clear protest camp',
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
      'Latin America in crisis',
      'América Latina en crisis',
      'Amérique latine : la crise',
      'Lateinamerika in der Krise',
      'A crise na América Latina',
    ]) {
      expect(regions(tag(title)), title).toContain('latin-america');
    }
    expect(regions(tag('Peru: general strike'))).toEqual(
      expect.arrayContaining(['latin-america', 'south-america', 'americas']),
    );
    expect(regions(tag('EU agrees sanctions'))).toContain('european-union');
    expect(regions(tag('Il a eu raison'))).not.toContain('european-union');
  });

  it('every tag says why: rule, matched text, field', () => {
    const t = tag(
      'Peru: Oligarchy Launches Coup against Pedro Castillo',
      'The political crisis has accelerated in Peru.',
    );
    expect(t.find((x) => x.value === 'PE')?.reason).toEqual({ rule: 'country.name', match: 'Peru', field: 'title' });
    expect(t.find((x) => x.value === 'coups')?.reason).toMatchObject({ rule: 'topic.keyword', field: 'title' });
  });

  it('an editor alias that needs context counts only with the country named elsewhere', () => {
    expect(countries(tag('Castillo wins the match'))).toEqual([]);
    expect(focus(tag('Castillo arrested', 'Police in Peru detained the president.'))).toEqual(['PE']);
  });
});

describe('topic traps', () => {
  it('exclusions swallow the keyword: an air strike is not a strike', () => {
    expect(topics(tag('Air strikes pound Khan Younis'))).not.toContain('strikes');
    expect(topics(tag('Air strikes pound Khan Younis'))).toContain('war');
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

it('tags 1,000 realistic entries in well under a second', () => {
  const tagger = createTagger(loadTaxonomy(path.join(REPO_ROOT, 'config')));
  const title = 'Peru: Massive March on Lima and National Strike Puts Dina Boluarte against the Ropes';
  const summary =
    'The mass movement against the coup in Peru has reached that point that the ruling class fears across the globe.';
  const start = performance.now();
  for (let i = 0; i < 1000; i++) tagger.tag({ title: `${title} ${i}`, summary });
  expect(performance.now() - start).toBeLessThan(1000);
});
