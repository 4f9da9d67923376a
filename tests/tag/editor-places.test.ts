// Editors' places in config/countries.yaml (issue #13): exonyms, border places and war sides are data an editor
// changes, checked like the other sections (file:line: field: reason) and read by the tagger from the taxonomy.
// Sentences written for the test.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/config/index.ts';
import { checkTaxonomy, createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';
import { defaultTagger, focus } from './shared.ts';

const SHIPPED = path.join(REPO_ROOT, 'config', 'countries.yaml');

describe('exonyms, border places and war sides in countries.yaml', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const file = path.join(tmp.dir, 'countries.yaml');

  it('reports an unknown code with file, line and field', () => {
    writeFileSync(file, ['exonyms:', '  RS: [Belgrad]', '  XX: [Nirgendwo]', 'war_sides:', '  PS: ZZ'].join('\n'));
    expect(checkTaxonomy(tmp.dir).map(formatProblem)).toEqual([
      `${file}:3: exonyms.XX: unknown country code "XX"`,
      `${file}:5: war_sides.PS: unknown country code "ZZ"`,
    ]);
  });

  it('reports a wrong type with file, line and field', () => {
    writeFileSync(file, ['border_places:', '  BR: [Pacaraima]', '  CO: Necoclí'].join('\n'));
    const [problem, ...more] = checkTaxonomy(tmp.dir).map(formatProblem);
    expect(more).toEqual([]);
    expect(problem).toMatch(new RegExp(`^${file}:3: border_places\\.CO: `));
  });

  it('loads them into the taxonomy, each section in its place', () => {
    writeFileSync(
      file,
      ['exonyms:', '  RS: [Belgrad]', 'border_places:', '  TD: [Adré]', 'war_sides:', '  PS: IL'].join('\n'),
    );
    const t = loadTaxonomy(tmp.dir);
    expect(t.places).toEqual([{ RS: ['Belgrad'] }, { TD: ['Adré'] }]);
    expect(t.warSides).toEqual([{ territory: 'PS', side: 'IL' }]);
  });

  it('an exonym an editor adds names its country', () => {
    const input = {
      title: 'Gipfeltreffen in Preßburg vertagt',
      summary: 'Die Gespräche sollen im Mai weitergehen.',
      language: 'de',
    };
    expect(focus(defaultTagger().tag(input))).not.toContain('SK');
    writeFileSync(file, readFileSync(SHIPPED, 'utf8').replace(/^exonyms:\n/m, 'exonyms:\n  SK: [Preßburg]\n'));
    expect(focus(createTagger(loadTaxonomy(tmp.dir)).tag(input))).toEqual(['SK']);
  });

  it('without the war side, a Gaza story names Israel in passing only', () => {
    const shipped = loadTaxonomy(path.join(REPO_ROOT, 'config'));
    const input = {
      title: 'Gaza bakeries close as flour runs out',
      summary: 'Aid groups said Israel had let too few lorries through the crossings this week.',
      language: 'en',
    };
    expect(focus(createTagger(shipped).tag(input))).toEqual(['IL', 'PS']);
    expect(focus(createTagger({ ...shipped, warSides: [] }).tag(input))).toEqual(['PS']);
  });
});
