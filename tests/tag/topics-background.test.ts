// config/topics.yaml `background`: words that make a topic word background (setting, dating) or say its thing did not
// happen (averting). Loaded with the taxonomy and handed to the scorer; none when absent; a bad entry is reported as
// file:line: field: reason like every taxonomy problem.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, formatProblem } from '../../src/config/index.ts';
import { checkTaxonomy, loadTaxonomy } from '../../src/tag/index.ts';
import { tokenize } from '../../src/tag/text.ts';
import { buildTopicMatcher, scoreTopics } from '../../src/tag/topics.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';

describe('topics.yaml background', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  const folder = (name: string, lines: string[]) => {
    const dir = path.join(tmp.dir, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'topics.yaml'), lines.join('\n'));
    return dir;
  };
  const strikes = ['topics:', '  - slug: strikes', '    label: Strikes', '    keywords: { en: [strike] }'];
  /** The topics the folder's taxonomy tags a summary with. */
  const tagged = (dir: string, summary: string) => {
    const t = loadTaxonomy(dir);
    return scoreTopics(buildTopicMatcher(t.topics, t.background), [
      { field: 'summary', tokens: tokenize(summary) },
    ]).map((tag) => tag.value);
  };

  it("an editor's own words count, written with accents and capitals; the shipped ones then do not", () => {
    const dir = folder('own', [
      ...strikes,
      'background:',
      '  setting: { en: [In the shadow of] }',
      '  averting: { es: [evitó] }',
      '  dating: { before: { en: [the] }, after: { en: [in] } }',
    ]);
    expect(tagged(dir, 'A strike')).toEqual(['strikes']);
    expect(tagged(dir, 'Talks held in the shadow of a strike')).toEqual([]);
    expect(tagged(dir, 'El acuerdo evitó la strike')).toEqual([]);
    expect(tagged(dir, 'Remembering the 2021 strike')).toEqual([]);
    expect(tagged(dir, 'After the strike in March 2021')).toEqual([]);
    expect(tagged(dir, 'Some 2021 strike')).toEqual(['strikes']);
    expect(tagged(dir, 'Talks averting a strike')).toEqual(['strikes']);
  });

  it('without the section there are none: a minimal taxonomy reads every topic word as evidence', () => {
    const dir = folder('minimal', strikes);
    expect(loadTaxonomy(dir).background).toEqual({ setting: {}, averting: {}, dating: { before: {}, after: {} } });
    expect(tagged(dir, 'Talks averting a strike')).toEqual(['strikes']);
    expect(tagged(dir, 'A vote amid a strike')).toEqual(['strikes']);
    expect(tagged(dir, 'Remembering the 2021 strike')).toEqual(['strikes']);
  });

  it('the shipped config has the words; a word matches with or without its accents', () => {
    const { background } = loadTaxonomy(path.join(REPO_ROOT, 'config'));
    expect(background?.setting.fr).toContain('sur fond de');
    expect(background?.averting.en).toContain('averting');
    expect(background?.dating.after.de).toEqual(['im', 'in']);
    const dir = folder('shipped-words', [...strikes, 'background:', '  averting: { fr: [éviter] }']);
    expect(tagged(dir, 'Pour eviter une strike')).toEqual([]);
  });

  it('a bad entry is reported with its file, line and field', () => {
    const dir = folder('bad', [
      ...strikes,
      'background:',
      '  setting:',
      '    en: [amid, "--"]',
      '  averting:',
      '    es: [evitar, para evitar]',
      '  dating:',
      '    after: { EN: [in] }',
      '  colour: red',
    ]);
    const file = path.join(dir, 'topics.yaml');
    const problems = checkTaxonomy(dir).map(formatProblem);
    expect(problems).toEqual([
      `${file}:7: background.setting.en[1]: expected a word or phrase`,
      `${file}:9: background.averting.es[1]: expected one word`,
      expect.stringMatching(/:11: background\.dating\.after\.EN: /),
      expect.stringMatching(/:12: background\.colour: unknown field/),
    ]);
    expect(() => loadTaxonomy(dir)).toThrow(ConfigError);
  });
});
