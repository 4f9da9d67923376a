// The supervised topic model beside the rules (src/tag/topic-model.ts, topics.yaml `model`): what it adds is explained
// and can be switched off, globally or per topic; a source's category is never dropped. Sentences written for the test,
// not eval items; the pure combination is tested with a hand-made model.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import {
  combineRowTopics,
  combineTopics,
  compileTopicModel,
  loadTopicModel,
  modelFeatures,
  modelWord,
  modelWordInfo,
  rowFeatureBuilder,
  type ModelField,
  type TopicModelData,
} from '../../src/tag/topic-model.ts';
import { tokenize } from '../../src/tag/text.ts';
import type { Tag } from '../../src/types.ts';
import { replaceYamlSection, shippedConfigCopies } from '../helpers/env.ts';
import { defaultTagger, topics } from './shared.ts';

const configs = shippedConfigCopies('wireroom-topic-model-');
afterAll(configs.removeAll);
/** A copy of the shipped config folder whose topics.yaml `model` section holds `model` in place of its values. */
const configWith = (model: string) =>
  configs.copy((dir) => {
    const file = path.join(dir, 'topics.yaml');
    writeFileSync(file, replaceYamlSection(readFileSync(file, 'utf8'), 'model', model));
  });
const taggerWith = (model: string) => createTagger(loadTaxonomy(configWith(model)));

/** The model switched on with the thresholds cross-validation chose (docs/topic-labelling.md). */
const ON = '  enabled: true\n  add_at: 0.6\n  remove_below: 0.01';
const withModel = taggerWith(ON);

// The rules name the walkout ("cruzam os braços"); the metalworkers' pay claim is labour in no keyword's words.
const METALWORKERS = {
  title: 'Metalúrgicos cruzam os braços em São Bernardo por reajuste',
  summary:
    'A assembleia desta manhã decidiu manter a paralisação até sexta-feira nas três fábricas de automóveis da ' +
    'região do ABC paulista, segundo a comissão.',
  language: 'pt',
};

describe('the shipped model, switched on', () => {
  it('adds a topic the rules miss, with its probability and the words that raised it', () => {
    const tags = withModel.tag(METALWORKERS);
    expect(topics(tags)).toEqual(['strikes', 'labour']);
    const labour = tags.find((t) => t.value === 'labour');
    expect(labour?.reason.rule).toBe('topic.model');
    expect(labour?.reason.match).toMatch(/^p 0\.\d\d: .*metal \+\d/);
  });

  it('adds nothing to copy outside its topics', () => {
    const tags = withModel.tag({
      title: 'Concert de rock à Lyon: 20 000 spectateurs',
      summary: 'Le groupe a joué trois heures devant un public enthousiaste.',
      language: 'fr',
    });
    expect(topics(tags)).toEqual([]);
  });

  it('is on in the shipped config; off per topic by off, and altogether by enabled: false', () => {
    expect(topics(defaultTagger().tag(METALWORKERS))).toEqual(['strikes', 'labour']);
    expect(topics(taggerWith(`${ON}\n  off: [labour]`).tag(METALWORKERS))).toEqual(['strikes']);
    expect(topics(taggerWith('  enabled: false').tag(METALWORKERS))).toEqual(['strikes']);
  });

  it('leaves a bare headline to the rules: a word or two is no evidence either way', () => {
    const headline = { title: METALWORKERS.title, language: 'pt' };
    expect(topics(withModel.tag(headline))).toEqual(['strikes']);
  });

  // Known error, kept visible: a topic named in passing in the summary, which the rules leave out
  // (tests/tag/topics-summary.test.ts) and the model's words add back. When a better model gets it right, this test
  // fails: move the case back to its file. (A topic named only as what did not happen, "without election", is now
  // kept from the model by the entry's exclusions: tests/tag/topics-blind-causes.test.ts.)
  it.fails('known error: a strike named in passing in the summary is no second topic', () => {
    const tags = defaultTagger().tag({
      title: 'Detenido en Caracas un periodista crítico con el Gobierno',
      summary:
        'La detención se produjo horas antes de que los sindicatos del sector eléctrico iniciaran una huelga por salarios.',
      language: 'es',
    });
    expect(topics(tags)).toContain('repression');
    expect(topics(tags).filter((t) => t === 'strikes' || t === 'labour')).toEqual([]);
  });

  // Known errors of the model on a headline and one sentence (15 words or more, where it speaks since the short-teaser
  // measurements of docs/topic-labelling.md), kept visible; the rules they overrule are pinned in
  // tests/tag/topics-one-summary-word.test.ts and tests/tag/topics-summary.test.ts. When a better model gets one
  // right, its test fails: delete it here.
  // A topic the shipped tagger's model drops though the rules give it: language, title, summary, the topic.
  const DROPPED: [string, string, string, string][] = [
    [
      'en',
      'Government presents its plan for next year',
      'The plan would cut taxes and bring the deficit below 3% by 2028.',
      'economy',
    ],
    [
      'en',
      'Government announces sweeping spending cuts',
      'The finance minister said pensions and public-sector wages would be frozen for two years; unions called it an attack on workers.',
      'economy',
    ],
  ];
  for (const [language, title, summary, topic] of DROPPED)
    it.fails(`known error: ${language}: "${title}" keeps ${topic}`, () => {
      expect(topics(defaultTagger().tag({ title, summary, language }))).toContain(topic);
    });

  // Police in a crime report, which the rules read as crime (tests/tag/topics-outside-police.test.ts), and the model
  // retrained with dev44-dev67 reads as repression from "police", "arrest" and "force".
  it.fails('known error: police arresting a drug gang is no repression', () => {
    const tags = defaultTagger().tag({
      title: 'Police arrest 12 in dawn raids on drug gang in Leeds',
      summary: 'Officers found cocaine and two pistols; the drug gang used teenagers as couriers, the force said.',
      language: 'en',
    });
    expect(topics(tags)).not.toContain('repression');
  });

  it.fails('known error: a strike threatened in a "tandis que" clause is no second topic', () => {
    const tags = defaultTagger().tag({
      title: 'Le Parlement adopte le budget 2026',
      summary: 'Le texte a été voté dans la nuit, tandis que les syndicats de soignants menacent d’une grève.',
      language: 'fr',
    });
    expect(topics(tags).filter((t) => t === 'strikes' || t === 'labour')).toEqual([]);
  });

  it('loads the weights into typed arrays that score as the file says, and a changed file has a new digest', () => {
    const dir = configWith(ON);
    const before = loadTaxonomy(dir).topicModel;
    const file = path.join(dir, 'topic-model.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as TopicModelData;
    const [feature, list] = Object.entries(data.features)[0] ?? ['', []];
    const model = before?.model;
    const row = model?.index.get(feature) ?? -1;
    expect(row).toBeGreaterThanOrEqual(0);
    const start = model?.offsets[row] ?? 0;
    expect(Array.from(model?.topicOf.subarray(start, start + list.length / 2) ?? [])).toEqual(
      list.filter((_, j) => j % 2 === 0),
    );
    expect(model?.weight[start]).toBeCloseTo(list[1] ?? NaN, 6);
    data.bias[0] = (data.bias[0] ?? 0) + 1;
    writeFileSync(file, JSON.stringify(data));
    expect(loadTaxonomy(dir).topicModel?.digest).not.toBe(before?.digest);
  });

  it('refuses a weights file that is not a model', () => {
    const dir = configWith(ON);
    writeFileSync(path.join(dir, 'topic-model.json'), '{"topics": {}}');
    expect(() => loadTaxonomy(dir)).toThrow(/not a topic model/);
  });
});

describe('combineTopics', () => {
  // A hand-made model over five-letter prefixes: "concert" speaks against strikes, "strike" and "union" for it.
  const data: TopicModelData = {
    about: {},
    options: { prefix: 5, bigrams: false },
    topics: ['strikes'],
    bias: [-2],
    features: { conce: [0, -100], strik: [0, 30], union: [0, 3] },
  };
  const cm = compileTopicModel({ model: loadTopicModel(data), digest: 'test', addAt: 0.6, removeBelow: 0.01, off: [] });
  const known = new Map([['strikes', 'Strikes']]);
  const ruleTag = (rule: string): Tag => ({ kind: 'topic', value: 'strikes', score: 2, reason: { rule } });
  // A teaser's length: 20 words the model does not know besides those of the case (the model is silent below 20).
  const FILLER =
    'alpha bravo charl delta echoo foxtr golfo hotel india julie kilos limas mikes novem oscar papas quebe romeo sierr tango';
  const title = (text: string) => [
    { field: 'title' as const, folded: text.split(' ') },
    { field: 'summary' as const, folded: FILLER.split(' ') },
  ];

  it('drops a keyword topic the model is very sure of not, never a source category', () => {
    expect(combineTopics(cm, title('concert strike'), [ruleTag('topic.keyword')], known)).toEqual([]);
    expect(combineTopics(cm, title('concert strike'), [ruleTag('topic.category')], known)).toHaveLength(1);
  });

  it('adds only topics of the taxonomy, and only above add_at', () => {
    const added = combineTopics(cm, title('union strike'), [], known);
    expect(added.map((t) => [t.value, t.reason.rule])).toEqual([['strikes', 'topic.model']]);
    expect(combineTopics(cm, title('union strike'), [], new Map())).toEqual([]);
    expect(combineTopics(cm, title('union'), [], known)).toEqual([]);
  });

  it('never adds a topic whose words the entry uses in another sense (an exclusion of topics.yaml)', () => {
    expect(combineTopics(cm, title('union strike'), [], known, false, new Set(['strikes']))).toEqual([]);
    expect(combineTopics(cm, title('union strike'), [], known, false, new Set(['war']))).toHaveLength(1);
  });

  it('is silent on fewer than 20 words: it neither drops nor adds', () => {
    const bare = (text: string) => [{ field: 'title' as const, folded: text.split(' ') }];
    expect(combineTopics(cm, bare('concert strike'), [ruleTag('topic.keyword')], known)).toHaveLength(1);
    expect(combineTopics(cm, bare('union strike'), [], known)).toEqual([]);
  });

  it('reads words cut to the prefix, the title above the summary', () => {
    const f = modelFeatures(
      [
        { field: 'title', folded: ['huelguistas', 'de'] },
        { field: 'summary', folded: ['salarios'] },
      ],
      { prefix: 5, bigrams: false },
    );
    expect([...f.keys()]).toEqual(['huelg', 'salar']);
    expect(f.get('huelg')).toBeGreaterThan(f.get('salar') ?? 1);
  });

  it('gives the same features from words the tagger cut once (modelWord) as from the words themselves', () => {
    const opts = { prefix: 5, bigrams: true };
    const fields = [
      { field: 'title' as const, folded: ['huelga', 'de', '2025', 'en', 'las', 'fabricas', '12345x'] },
      { field: 'summary' as const, folded: ['los', 'huelguistas', 'piden', 'salarios', 'dignos'] },
    ];
    const cut = fields.map((f) => ({ field: f.field, folded: f.folded.map((w) => modelWord(w, opts)) }));
    expect(cut[0]?.folded).toEqual(['huelg', '', '', '', 'las', 'fabri', '12345x'.slice(0, 5)]);
    expect([...modelFeatures(cut, opts, true)]).toEqual([...modelFeatures(fields, opts)]);
  });

  it("scores the tagger's features by row exactly as by name: the same tags, probabilities and words", () => {
    // The shipped model, on sentences where it adds topics, drops one, reads a body for a missing summary, and meets
    // words it does not know (which still scale the vector).
    const shipped = loadTaxonomy(path.resolve(import.meta.dirname, '../../config')).topicModel;
    if (!shipped) throw new Error('the shipped config has a topic model');
    const scm = compileTopicModel({ ...shipped, addAt: 0.25, removeBelow: 0.2 });
    const build = rowFeatureBuilder(scm.model);
    const cases: [ModelField, string][][] = [
      [
        ['title', 'Dockers walk out over pay as union calls nationwide strike'],
        [
          'summary',
          'Port workers stopped loading ships on Monday, the union said, demanding wages that keep up with prices.',
        ],
        ['content', 'Zyxwv qwrtp flibber: the strike closed three terminals and the ministry called talks for Friday.'],
      ],
      [
        ['title', 'Parliament votes to remove the president after weeks of protests'],
        [
          'content',
          'Lawmakers voted 87 to 40 to impeach him, as thousands marched in the capital demanding new elections.',
        ],
      ],
      [
        ['title', 'Concert tour sells out in minutes'],
        [
          'summary',
          'The band added dates after fans queued overnight; a strike by ticket staff was averted on Sunday.',
        ],
      ],
    ];
    const rule: Tag = { kind: 'topic', value: 'strikes', score: 2, reason: { rule: 'topic.keyword' } };
    const seen: Tag[][] = [];
    for (const fields of cases) {
      const folded = fields.map(([field, text]) => ({ field, folded: tokenize(text).folded }));
      const byName = combineTopics(scm, folded, [rule], defaultTagger().topics, false);
      const words = folded.map((f) => ({ field: f.field, words: f.folded.map((w) => modelWordInfo(w, scm.model)) }));
      const byRow = combineRowTopics(scm, build(words), [rule], defaultTagger().topics);
      expect(byRow).toEqual(byName);
      seen.push(byName);
    }
    // The cases do what they are for: topics added with their words, the rule's topic kept and dropped.
    expect(seen.flat().filter((t) => t.reason.rule === 'topic.model').length).toBeGreaterThanOrEqual(3);
    expect(seen.map((tags) => tags.some((t) => t.reason.rule === 'topic.keyword'))).toEqual([true, true, false]);
  });
});
