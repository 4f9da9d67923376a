// Main topics only (src/tag/topics.ts isMainTopic): beside the lead topic, a topic named in passing is not a tag;
// weak words never decide alone; a coup is never a detail. Headlines written for these rules, not taken from a set.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/tag/index.ts';
import { buildTopicMatcher, scoreTopics, type TopicDef } from '../../src/tag/topics.ts';
import { createTokenizer } from '../../src/tag/text.ts';
import { REPO_ROOT } from '../helpers/env.ts';
import { defaultTagger, topicsOf } from './shared.ts';

const tag = (title: string, summary = '', language = 'en') => topicsOf(title, summary, language).sort();

describe('main topics', () => {
  it('one word in the summary is a passing detail beside the lead topic', () => {
    // "inflation" once in the summary of an election story
    expect(tag('Voters elect new president in runoff', 'The winner promised to tame inflation.')).toEqual([
      'elections',
    ]);
  });

  it('a full keyword in the title, or two different words, make a second main topic', () => {
    expect(tag('Nurses strike over pay as union rejects offer', '')).toEqual(['labour', 'strikes']);
    expect(
      tag('Voters elect new president in runoff', 'Inflation and the budget deficit dominated the campaign.'),
    ).toEqual(['economy', 'elections']);
  });

  it('weak words never decide alone', () => {
    expect(tag('Flamengo vence o clássico no Maracanã', '', 'pt')).toEqual([]);
    expect(tag('Club in crisis after fifth straight defeat')).toEqual([]);
  });

  it('a coup named anywhere is a main topic (main_when_named)', () => {
    expect(
      tag('Tens of thousands march in Lima', 'Protesters rejected what they call a coup against the president.'),
    ).toEqual(['coups', 'strikes']);
  });

  it('idioms are not topics: a blow is not a coup, striking a deal is not a strike', () => {
    expect(tag('El Madrid asesta un golpe de autoridad en la Liga', '', 'es')).toEqual([]);
    expect(tag('Airline strikes a deal for new jets')).toEqual([]);
    expect(tag('Le champion annonce sa retraite sportive', '', 'fr')).toEqual([]);
  });

  it('a word two languages list with different wildcards counts in the entry language', () => {
    const tags = defaultTagger().tag({ title: 'Indígenas ocupam a Esplanada em Brasília', language: 'pt' });
    expect(tags.find((t) => t.value === 'indigenous')?.reason.rule).toBe('topic.keyword');
  });
});

describe('scoreTopics with a small taxonomy', () => {
  const def = (slug: string, keywords: string[], weak: string[] = [], mainWhenNamed = false): TopicDef => ({
    slug,
    label: slug,
    keywords: { en: keywords },
    weak: { en: weak },
    exclude: [],
    patterns: [],
    categories: [],
    mainWhenNamed,
  });
  // With the shipped background words (config/topics.yaml `background`): "averting", "amid", "the 2021 ..."
  const m = buildTopicMatcher(
    [def('a', ['alpha', 'apex']), def('b', ['beta', 'bravo'], ['bee', 'buzz']), def('c', ['gamma'], [], true)],
    loadTaxonomy(path.join(REPO_ROOT, 'config')).background,
  );
  const tokenize = createTokenizer(() => undefined);
  const score = (title: string, summary: string) =>
    scoreTopics(
      m,
      [
        { field: 'title' as const, tokens: tokenize(title) },
        { field: 'summary' as const, tokens: tokenize(summary) },
      ],
      { language: 'en' },
    ).map((t) => t.value);

  it('keeps the lead, drops a one-word side topic, keeps a two-word one', () => {
    expect(score('alpha apex', 'beta')).toEqual(['a']);
    expect(score('alpha apex', 'beta bravo')).toEqual(['a', 'b']);
    expect(score('alpha', 'beta bee')).toEqual(['a', 'b']);
  });

  it('a side topic of weak words only is dropped; two different weak words decide when nothing else does', () => {
    expect(score('alpha', 'bee')).toEqual(['a']);
    expect(score('bee', '')).toEqual([]);
    expect(score('bee buzz', '')).toEqual(['b']);
  });

  it('two different weak words in the title make a side topic; in the summary they do not', () => {
    expect(score('alpha apex bee buzz', '')).toEqual(['a', 'b']);
    expect(score('alpha apex', 'bee buzz')).toEqual(['a']);
  });

  it('main_when_named keeps a one-word side topic', () => expect(score('alpha apex', 'gamma')).toEqual(['a', 'c']));

  it('a topic it absorbs stands beside the absorbing one only when it scores more', () => {
    const absorbing = buildTopicMatcher([
      { ...def('a', ['alpha', 'apex']), absorbs: ['b'] },
      def('b', ['beta', 'bravo']),
    ]);
    const run = (title: string, summary: string) =>
      scoreTopics(
        absorbing,
        [
          { field: 'title' as const, tokens: tokenize(title) },
          { field: 'summary' as const, tokens: tokenize(summary) },
        ],
        { language: 'en' },
      ).map((t) => t.value);
    expect(score('alpha', 'beta bravo')).toEqual(['a', 'b']);
    expect(run('alpha', 'beta bravo')).toEqual(['a']);
    expect(run('alpha beta', '')).toEqual(['a']);
    expect(run('beta bravo', 'alpha')).toEqual(['b']);
    expect(run('alpha beta bravo', '')).toEqual(['b', 'a']);
  });

  it('named in the title by a full keyword, a topic that absorbs_when_titled drops them whatever they score', () => {
    const titled = buildTopicMatcher([
      { ...def('a', ['alpha', 'apex'], ['aside']), absorbs: ['b'], absorbsWhenTitled: true },
      def('b', ['beta', 'bravo']),
    ]);
    const run = (title: string, summary: string) =>
      scoreTopics(
        titled,
        [
          { field: 'title' as const, tokens: tokenize(title) },
          { field: 'summary' as const, tokens: tokenize(summary) },
        ],
        { language: 'en' },
      ).map((t) => t.value);
    expect(run('alpha beta bravo', 'beta')).toEqual(['a']);
    // Named only below the title, or only by a weak word in it, it absorbs what scores no more than it, as before.
    expect(run('beta bravo', 'alpha apex')).toEqual(['b', 'a']);
    expect(run('aside beta bravo', 'alpha apex')).toEqual(['b', 'a']);
  });

  it('a topic word after an averting verb names what did not happen', () => {
    expect(score('alpha apex, averting a gamma', '')).toEqual(['a']);
    expect(score('alpha apex', 'para evitar la gamma')).toEqual(['a']);
    expect(score('alpha apex, then a gamma', '')).toEqual(['a', 'c']);
  });

  it('a topic word in a setting phrase below the title is background; in the title it counts', () => {
    expect(score('alpha apex', 'a vote held amid fears of gamma')).toEqual(['a']);
    expect(score('alpha apex', 'comicios marcados por la gamma')).toEqual(['a']);
    expect(score('alpha apex amid gamma', '')).toEqual(['a', 'c']);
  });

  it('a topic named only in a setting phrase of the title stands beside another topic, never alone', () => {
    expect(score('apex amid gamma', '')).toEqual(['a', 'c']);
    expect(score('quits a year after the gamma', '')).toEqual([]);
    expect(score('gamma a year after the gamma', '')).toEqual(['c']);
  });

  it('a topic word dated to a year below the title is background, not evidence', () => {
    expect(score('alpha apex', 'since the 2021 gamma')).toEqual(['a']);
    expect(score('alpha apex', 'after the gamma in June 2021')).toEqual(['a']);
    expect(score('alpha apex', 'after the gamma in June, 300 left')).toEqual(['a', 'c']);
    expect(score('gamma 2021', '')).toEqual(['c']);
  });

  it('a year that names which one, or a count, leaves the topic word evidence', () => {
    // "las elecciones de 2027" may be the coming one; "unos 2000 huelguistas" is a count, not a year.
    expect(score('alpha apex', 'the party wants to win the gamma of 2027')).toEqual(['a', 'c']);
    expect(score('alpha apex', 'some 2000 gamma marched')).toEqual(['a', 'c']);
  });

  it('a word group is one piece of evidence: two of its weak words do not decide, one beside another word does', () => {
    const grouped = buildTopicMatcher([
      { ...def('r', ['rights'], ['jailed', 'charged', 'reporter']), groups: [['jailed', 'charged']] },
    ]);
    const run = (title: string, summary = '') =>
      scoreTopics(
        grouped,
        [
          { field: 'title' as const, tokens: tokenize(title) },
          { field: 'summary' as const, tokens: tokenize(summary) },
        ],
        { language: 'en' },
      );
    // Without the group, two different weak words decide (the test above); grouped, they are one.
    expect(run('Man charged and jailed')).toEqual([]);
    expect(run('Reporter charged and jailed').map((t) => t.value)).toEqual(['r']);
    // Once per field, at its heaviest word: two group words in the title weigh as one (2 x 0.5), plus the reporter.
    expect(run('Reporter charged and jailed')[0]?.score).toBe(2);
    // In another field the group counts again.
    expect(run('Reporter jailed', 'He was charged')[0]?.score).toBe(2.5);
  });
});
