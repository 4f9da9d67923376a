// Editor writes to config files, on a temp copy of config/: comments survive every kind of edit, a stale version is
// refused with the file untouched, an edit that adds a problem is refused with file, line and field.
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../../src/config/index.ts';
import {
  ABSENT_VERSION,
  addCountryAlias,
  addSource,
  addTopic,
  addTopicKeywords,
  checkConfigDir,
  createCollection,
  deleteCollection,
  editConfigFile,
  fileVersion,
  listCollections,
  listSources,
  listTopics,
  NotFoundError,
  readConfigFile,
  removeCountryAlias,
  removeSource,
  removeTopicKeywords,
  setSourceEnabled,
  StaleFileError,
  updateCollection,
  updateSource,
  updateTopic,
  versionMatches,
} from '../../src/editor/index.ts';
import { bytes, commentLines, configCopy } from './fixture.ts';

let cfg: ReturnType<typeof configCopy>;
beforeEach(() => {
  cfg = configCopy();
});
afterEach(() => cfg.cleanup());

const sourcesOf = (file: string) =>
  (parse(readFileSync(file, 'utf8')) as { sources: Record<string, unknown>[] }).sources;

describe('file versions', () => {
  it('are quoted strong ETags that follow the bytes; a missing file has a fixed version', () => {
    const file = cfg.file('sources.yaml');
    const v = fileVersion(file);
    expect(v).toMatch(/^"sha256-[A-Za-z0-9_-]{22}"$/);
    expect(fileVersion(file)).toBe(v);
    appendFileSync(file, '# one more line\n');
    expect(fileVersion(file)).not.toBe(v);
    expect(fileVersion(cfg.file('nothing-here.yaml'))).toBe(ABSENT_VERSION);
    const read = readConfigFile(cfg.dir, 'sources.yaml');
    expect(read).toEqual({ file, text: readFileSync(file, 'utf8'), version: fileVersion(file) });
  });

  it('If-Match: * and no value match anything; a list matches any of its versions', () => {
    expect(versionMatches(undefined, '"a"')).toBe(true);
    expect(versionMatches('*', '"a"')).toBe(true);
    expect(versionMatches('"b", "a"', '"a"')).toBe(true);
    expect(versionMatches('W/"a"', '"a"')).toBe(true);
    expect(versionMatches('"b"', '"a"')).toBe(false);
  });

  it('each edit returns the version of what it wrote, and that version allows the next edit', () => {
    const file = cfg.file('sources.yaml');
    const first = updateSource(cfg.dir, 'idom', { title: 'IDOM' }, fileVersion(file));
    expect(first.version).toBe(fileVersion(file));
    const second = setSourceEnabled(cfg.dir, 'idom', false, first.version);
    expect(second.version).toBe(fileVersion(file));
    expect(sourcesOf(file).find((s) => s.id === 'idom')).toMatchObject({ title: 'IDOM', enabled: false });
    expect(second).toMatchObject({ action: 'sources.disable', target: 'source:idom' });
  });
});

describe('comments and order survive every kind of edit', () => {
  it('sources: add, update, disable, enable, remove', () => {
    const file = cfg.file('sources.yaml');
    const comments = commentLines(file);
    const order = sourcesOf(file).map((s) => s.id);
    addSource(cfg.dir, { url: 'https://news.example/feed.xml', title: 'Example', country: 'PE' });
    updateSource(cfg.dir, 'bbc-world', { title: 'BBC World', topics: ['elections'], interval: '30m' });
    setSourceEnabled(cfg.dir, 'aljazeera', false);
    setSourceEnabled(cfg.dir, 'aljazeera', true);
    removeSource(cfg.dir, 'news-example');
    expect(commentLines(file)).toEqual(comments);
    expect(sourcesOf(file).map((s) => s.id)).toEqual(order);
    expect(sourcesOf(file).find((s) => s.id === 'bbc-world')).toMatchObject({
      title: 'BBC World',
      topics: ['elections'],
      interval: '30m',
    });
    expect(sourcesOf(file).find((s) => s.id === 'aljazeera')).not.toHaveProperty('enabled');
    expect(listSources(cfg.dir).version).toBe(fileVersion(file));
  });

  it('collections: create, update, delete', () => {
    const file = cfg.file('collections.yaml');
    const comments = commentLines(file);
    createCollection(cfg.dir, {
      slug: 'peru-elections',
      title: 'Peru elections',
      filter: { countries: ['PE'], topics: ['elections'] },
      limit: 20,
    });
    updateCollection(cfg.dir, 'labour-and-strikes', {
      slug: 'labour-and-strikes',
      title: 'Labour, strikes and unions',
      description: "Strikes, unions and workers' protests everywhere",
      filter: { topics: ['strikes', 'labour'], exclude: { countries: ['US'] } },
      limit: 40,
    });
    deleteCollection(cfg.dir, 'peru-elections');
    expect(commentLines(file)).toEqual(comments);
    const { collections } = listCollections(cfg.dir);
    expect(collections.map((c) => c.slug)).toEqual(['latin-america', 'labour-and-strikes', 'andes-protests']);
    expect(collections[1]).toMatchObject({ title: 'Labour, strikes and unions', limit: 40 });
    expect(collections[1]?.filter?.exclude?.countries).toEqual(['US']);
    expect(checkConfigDir(cfg.dir)).toEqual([]);
  });

  it('topics: add and remove keywords, update a field, add a topic; word lists stay flow lists', () => {
    const file = cfg.file('topics.yaml');
    const comments = commentLines(file);
    addTopicKeywords(cfg.dir, 'strikes', 'en', ['work-to-rule', 'general strikes']);
    removeTopicKeywords(cfg.dir, 'strikes', 'en', ['work-to-rule']);
    updateTopic(cfg.dir, 'war', { categories: ['War', 'Guerra', 'Krieg'] });
    addTopic(cfg.dir, { slug: 'housing', label: 'Housing', keywords: { en: ['housing', 'rent*'] } });
    expect(commentLines(file)).toEqual(comments);
    const strikes = listTopics(cfg.dir).topics.find((t) => t.slug === 'strikes');
    expect(strikes?.keywords?.en).toContain('general strikes');
    expect(strikes?.keywords?.en).not.toContain('work-to-rule');
    expect(readFileSync(file, 'utf8')).toMatch(/^ {6}en: \[strike, strikes, .*general strikes\]$/m);
    expect(readFileSync(file, 'utf8')).toMatch(/categories: \[War, Guerra, Krieg\]/);
    expect(listTopics(cfg.dir).topics.at(-1)).toMatchObject({ slug: 'housing', label: 'Housing' });
  });

  it('countries: an alias goes into its country group; removing a group head keeps the heading', () => {
    const file = cfg.file('countries.yaml');
    const comments = commentLines(file);
    // The file's own last PE alias, whatever the taxonomy holds today: the new one must follow it.
    const before = readFileSync(file, 'utf8').split('\n');
    const lastPeru = before.findLastIndex((l) => /^ {2}- \{ name: .*, country: PE \}$/.test(l));
    expect(lastPeru).toBeGreaterThan(0);
    addCountryAlias(cfg.dir, { name: 'Ollanta Humala', country: 'PE' });
    const lines = readFileSync(file, 'utf8').split('\n');
    const added = lines.indexOf('  - { name: Ollanta Humala, country: PE }');
    expect(added).toBe(lastPeru + 1);
    expect(lines[added + 1]).toBe(before[lastPeru + 1]);
    // Milei is the first alias under "# Latin America": the heading must stay for the rest of the group.
    removeCountryAlias(cfg.dir, 'Milei');
    expect(commentLines(file)).toEqual(comments);
    expect(readFileSync(file, 'utf8')).toMatch(/# Latin America\n {2}- \{ name: Cristina Kirchner, country: AR \}/);
    expect(readFileSync(file, 'utf8')).not.toMatch(/Milei/);
  });
});

describe('an edit changes only the lines it must', () => {
  const changedLines = (before: string, after: string) => {
    const a = before.split('\n');
    const b = after.split('\n');
    return b.filter((line, i) => a[i] !== line).length + Math.max(0, a.length - b.length);
  };

  it('one keyword added to topics.yaml changes one line; an alias added to countries.yaml adds one', () => {
    const topics = readFileSync(cfg.file('topics.yaml'), 'utf8');
    addTopicKeywords(cfg.dir, 'economy', 'es', ['inflacion*']);
    expect(changedLines(topics, readFileSync(cfg.file('topics.yaml'), 'utf8'))).toBe(1);
    const countries = readFileSync(cfg.file('countries.yaml'), 'utf8');
    addCountryAlias(cfg.dir, { name: 'Zorblax Party', region: 'latin-america', context: true });
    const after = readFileSync(cfg.file('countries.yaml'), 'utf8');
    expect(after.split('\n').length).toBe(countries.split('\n').length + 1);
    expect(after).toContain('  - { name: Zorblax Party, region: latin-america, context: true }');
  });
});

describe('a stale version is refused and the file stays as it is', () => {
  const cases: [string, string, (v: string) => unknown][] = [
    ['sources.yaml', 'update', (v) => updateSource(cfg.dir, 'idom', { title: 'x' }, v)],
    ['sources.yaml', 'remove', (v) => removeSource(cfg.dir, 'idom', v)],
    ['sources.yaml', 'add', (v) => addSource(cfg.dir, { url: 'https://a.example/rss' }, v)],
    ['collections.yaml', 'create', (v) => createCollection(cfg.dir, { slug: 'x', title: 'X' }, v)],
    ['collections.yaml', 'delete', (v) => deleteCollection(cfg.dir, 'andes-protests', v)],
    ['topics.yaml', 'keywords', (v) => addTopicKeywords(cfg.dir, 'war', 'en', ['skirmish*'], v)],
    ['countries.yaml', 'alias', (v) => addCountryAlias(cfg.dir, { name: 'Humala', country: 'PE' }, v)],
  ];
  it.each(cases)('%s %s', (name, _op, edit) => {
    const file = cfg.file(name);
    const read = fileVersion(file);
    // Someone else (the CLI, another browser) saves the file after this editor read it.
    appendFileSync(file, '# saved by someone else\n');
    const saved = bytes(file);
    let err: unknown;
    try {
      edit(read);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StaleFileError);
    expect((err as Error).message).toContain(name);
    expect(bytes(file).equals(saved)).toBe(true);
  });

  it('also when the file changes while the edit is being validated (checked again just before the rename)', () => {
    const file = cfg.file('sources.yaml');
    let concurrent = Buffer.alloc(0);
    expect(() =>
      editConfigFile(cfg.dir, 'sources.yaml', fileVersion(file), (_copyDir, copyFile) => {
        writeFileSync(copyFile, 'sources: []\n');
        appendFileSync(file, '# written during the edit\n');
        concurrent = bytes(file);
        return { action: 't', target: 't', before: undefined, after: undefined, result: undefined };
      }),
    ).toThrow(StaleFileError);
    expect(bytes(file).equals(concurrent)).toBe(true);
  });
});

describe('an edit that adds a problem is refused with file, line and field, and the file is unchanged', () => {
  function refusal(file: string, edit: () => unknown): ConfigError {
    const before = bytes(file);
    let err: unknown;
    try {
      edit();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(bytes(file).equals(before)).toBe(true);
    return err as ConfigError;
  }

  it('an unknown country on a source', () => {
    const file = cfg.file('sources.yaml');
    const index = sourcesOf(file).findIndex((s) => s.id === 'idom');
    const err = refusal(file, () => updateSource(cfg.dir, 'idom', { country: 'XX' }, fileVersion(file)));
    expect(err.problems).toEqual([
      expect.objectContaining({ file, field: `sources[${index}].country`, reason: 'unknown country or region "XX"' }),
    ]);
    // The line is in the edited text: inside idom's entry, where its new `country` key went.
    const lines = readFileSync(file, 'utf8').split('\n');
    const start = lines.indexOf('  - id: idom') + 1;
    expect(err.problems[0]?.line).toBeGreaterThan(start);
    expect(err.problems[0]?.line).toBeLessThan(lines.indexOf('  - id: bbc-latin-america') + 1);
    expect(err.message).toMatch(/sources\.yaml:\d+: sources\[\d+\]\.country: unknown country or region "XX"/);
  });

  it('a collection naming an unknown topic', () => {
    const file = cfg.file('collections.yaml');
    const err = refusal(file, () =>
      createCollection(cfg.dir, { slug: 'ghosts', title: 'Ghosts', filter: { topics: ['ghost-stories'] } }),
    );
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file, field: 'collections[3].filter.topics[0]' });
    expect(err.problems[0]?.reason).toMatch(/unknown topic.*ghost-stories/);
    expect(err.problems[0]?.line).toBeGreaterThan(30);
  });

  it('a bad regular expression in a topic (unsafe, and not a regex at all)', () => {
    const file = cfg.file('topics.yaml');
    const index = listTopics(cfg.dir).topics.findIndex((t) => t.slug === 'war');
    for (const pattern of ['(a+)+$', '\\bwar(']) {
      const err = refusal(file, () => updateTopic(cfg.dir, 'war', { patterns: [pattern] }));
      expect(err.problems).toHaveLength(1);
      expect(err.problems[0]).toMatchObject({ file, field: `topics[${index}].patterns[0]` });
      expect(err.problems[0]?.line).toBeGreaterThan(0);
    }
  });

  it('an alias for a country code that does not exist; a source id that is taken', () => {
    const countries = cfg.file('countries.yaml');
    const err = refusal(countries, () => addCountryAlias(cfg.dir, { name: 'Nobody', country: 'QQ' }));
    expect(err.problems[0]).toMatchObject({ file: countries });
    expect(err.problems[0]?.field).toMatch(/^aliases\[\d+\]\.country$/);
    const sources = cfg.file('sources.yaml');
    const dup = refusal(sources, () => addSource(cfg.dir, { id: 'idom', url: 'https://x.example/rss' }));
    expect(dup.problems[0]?.reason).toMatch(/duplicate id "idom"/);
  });

  it('a problem the folder already had does not block an unrelated edit', () => {
    const file = cfg.file('collections.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}\n  - slug: broken\n    title: Broken\n    filter:\n      topics: [nope]\n`,
    );
    expect(checkConfigDir(cfg.dir)).toHaveLength(1);
    const edit = updateSource(cfg.dir, 'idom', { title: 'IDOM' });
    expect(edit.version).toBe(fileVersion(cfg.file('sources.yaml')));
  });

  it('an edit naming something that is not there is NotFoundError', () => {
    expect(() => updateSource(cfg.dir, 'no-such-source', { title: 'x' })).toThrow(NotFoundError);
    expect(() => deleteCollection(cfg.dir, 'no-such-collection')).toThrow(NotFoundError);
    expect(() => removeTopicKeywords(cfg.dir, 'war', 'en', ['not-a-keyword'])).toThrow(NotFoundError);
  });
});
