// Editors' decisions in the database and the taxonomy dry-run, on a real SQLite file filled by `wireroom fetch` from
// a feed file in a temp copy of config/: tag corrections, merges and splits write an audit row naming the actor.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSeq, parseDocument } from 'yaml';
import type { Actor } from '../../src/auth/index.ts';
import { ConfigError, loadConfig } from '../../src/config/index.ts';
import {
  correctTag,
  fileVersion,
  InvalidEditError,
  mergeStories,
  NotFoundError,
  parseTagChange,
  rulesDiff,
  splitStory,
  tagChange,
} from '../../src/editor/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { cli, rss } from '../helpers/env.ts';
import { configCopy } from './fixture.ts';

const DATE = 'Mon, 06 Feb 2023 09:00:00 GMT';
const ITEMS = [
  {
    guid: 'q1',
    title: 'City council approves the quuxfest budget',
    link: 'https://local.test/quuxfest',
    description: 'The council voted on Monday to fund the festival for another year.',
    pubDate: DATE,
  },
  {
    guid: 'z1',
    title: 'Zebras escape Lima zoo',
    link: 'https://local.test/zebras',
    description: 'Several zebras escaped from the Lima zoo and were recaptured by noon.',
    pubDate: DATE,
  },
  {
    guid: 'f1',
    title: 'Forest fires in southern Chile kill 23',
    link: 'https://local.test/fires',
    description: 'Forest fires raging in southern Chile have killed at least 23 people, authorities said.',
    pubDate: DATE,
  },
];

const console_: Actor = { name: 'alice', origin: 'console', address: '192.0.2.7' };

describe('editor decisions and the rules dry-run', () => {
  const cfg = configCopy();
  const db = path.join(cfg.root, 'db', 'wireroom.sqlite');
  let store: Store;
  let ids: Record<string, number>;

  beforeAll(async () => {
    writeFileSync(cfg.file('local.rss'), rss(ITEMS));
    writeFileSync(cfg.file('sources.yaml'), 'sources:\n  - id: local\n    url: file:local.rss\n    title: Local\n');
    const r = await cli(['--config', cfg.dir, '--db', db, 'fetch']);
    expect(r.code, r.err).toBe(0);
    store = openStore(db);
    const entries = store.entries.list({ limit: 10 });
    expect(entries).toHaveLength(3);
    ids = Object.fromEntries(entries.map((e) => [e.guid ?? '', e.id]));
  });
  afterAll(() => {
    store?.close();
    cfg.cleanup();
  });

  /** topics.yaml with a keyword added to a topic, as an editor's unsaved text. */
  function withKeyword(slug: string, word: string): string {
    const doc = parseDocument(readFileSync(cfg.file('topics.yaml'), 'utf8'));
    const topics = doc.get('topics', true);
    if (!isSeq(topics)) throw new Error('topics.yaml has no topics list');
    const index = topics.items.findIndex((t) => (t as { get(k: string): unknown }).get('slug') === slug);
    const list = doc.getIn(['topics', index, 'keywords', 'en'], true);
    if (!isSeq(list)) throw new Error(`topic ${slug} has no English keywords`);
    list.items.push(doc.createNode(word));
    return String(doc);
  }

  it('the dry-run shows an entry gaining a topic when a keyword is added, without writing anything', () => {
    const topicsFile = cfg.file('topics.yaml');
    const version = fileVersion(topicsFile);
    const target = ids.q1;
    expect(store.tags.list(target ?? 0).some((t) => t.kind === 'topic' && t.value === 'environment')).toBe(false);
    const baseline = rulesDiff(store, cfg.dir);
    expect(baseline.checked).toBe(3);
    expect(baseline.changed).toEqual([]);

    const diff = rulesDiff(store, cfg.dir, { topics: withKeyword('environment', 'quuxfest') });
    expect(diff.checked).toBe(3);
    expect(diff.changed.map((d) => d.entryId)).toEqual([target]);
    expect(diff.changed[0]?.gained.map((t) => `${t.kind}:${t.value}`)).toEqual(['topic:environment']);
    expect(diff.changed[0]?.lost).toEqual([]);
    expect(diff.changed[0]?.title).toBe('City council approves the quuxfest budget');
    expect(fileVersion(topicsFile)).toBe(version);
    expect(store.tags.list(target ?? 0).some((t) => t.value === 'environment')).toBe(false);
  });

  it('a candidate taxonomy with a bad pattern is refused naming the real file, line and field', () => {
    // A function, not a replacement string: `$'` in one means "the text after the match".
    const bad = readFileSync(cfg.file('topics.yaml'), 'utf8').replace(
      /\n {4}patterns:\n/,
      (m) => `${m}      - '(a+)+$'\n`,
    );
    let err: unknown;
    try {
      rulesDiff(store, cfg.dir, { topics: bad });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problem = (err as ConfigError).problems[0];
    expect(problem?.file).toBe(cfg.file('topics.yaml'));
    expect(problem?.field).toMatch(/^topics\[\d+\]\.patterns\[0\]$/);
    expect(problem?.line).toBeGreaterThan(0);
  });

  it('a tag correction is applied to the entry and audited with the actor, in the same transaction', () => {
    const entry = ids.z1 ?? 0;
    const done = correctTag(
      store,
      console_,
      entry,
      [parseTagChange('+topic:environment'), tagChange('add', 'country', 'pe')],
      {
        knownTopics: new Set(['environment']),
      },
    );
    expect(done.entryIds).toContain(entry);
    expect(done.unknownTopics).toEqual([]);
    expect(store.tags.list(entry).map((t) => `${t.kind}:${t.value}`)).toEqual(
      expect.arrayContaining(['topic:environment', 'country:PE']),
    );
    const [row] = store.accounts.audit.recent({ target: `entry:${entry}` });
    expect(row).toMatchObject({
      id: done.auditId,
      actor: 'alice',
      origin: 'console',
      address: '192.0.2.7',
      action: 'tags.correct',
    });
    expect(row?.after).toMatchObject({ changes: ['+topic:environment', '+country:PE'] });
    expect((row?.before as { tags: string[] }).tags).not.toContain('topic:environment');
  });

  it('the CLI `tag` command records the same row, as cli:<os user>', async () => {
    const entry = ids.f1 ?? 0;
    const r = await cli([
      '--config',
      cfg.dir,
      '--db',
      db,
      'tag',
      String(entry),
      '-topic:environment',
      '+topic:nonesuch',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`#${entry} -topic:environment\n#${entry} +topic:nonesuch`);
    expect(r.err).toBe('note: topic "nonesuch" is not in topics.yaml');
    const [row] = store.accounts.audit.recent({ target: `entry:${entry}` });
    expect(row?.actor).toMatch(/^cli:.+/);
    expect(row).toMatchObject({ origin: 'cli', action: 'tags.correct' });
    expect(row?.after).toMatchObject({ changes: ['-topic:environment', '+topic:nonesuch'] });
  });

  it('a malformed change or an unknown entry is refused and audits nothing', () => {
    expect(() => parseTagChange('country:PE')).toThrow(InvalidEditError);
    expect(() => tagChange('add', 'country', 'Peru')).toThrow(InvalidEditError);
    const count = store.accounts.audit.recent({ limit: 1000 }).length;
    expect(() => correctTag(store, console_, 999_999, [parseTagChange('+country:PE')])).toThrow(NotFoundError);
    expect(store.accounts.audit.recent({ limit: 1000 })).toHaveLength(count);
  });

  it('merge and split put entries together and apart, each audited with the actor', () => {
    const sources = loadConfig(cfg.dir).sources;
    const a = ids.q1 ?? 0;
    const b = ids.z1 ?? 0;
    const api: Actor = { name: 'bob', origin: 'api' };
    const merged = mergeStories(store, api, a, b, sources);
    expect(store.stories.membership(a).storyId).toBe(merged.storyId);
    expect(store.stories.membership(b).storyId).toBe(merged.storyId);
    const [m] = store.accounts.audit.recent({ target: `entry:${a}` });
    expect(m).toMatchObject({ id: merged.auditId, actor: 'bob', origin: 'api', action: 'stories.merge' });
    expect(m?.after).toMatchObject({ story: merged.storyUid, entries: [a, b] });

    const split = splitStory(store, console_, b, sources);
    expect(store.stories.membership(b).storyId).toBe(split.storyId);
    expect(store.stories.membership(a).storyId).not.toBe(split.storyId);
    const [s] = store.accounts.audit.recent({ target: `entry:${b}` });
    expect(s).toMatchObject({ id: split.auditId, actor: 'alice', action: 'stories.split' });
    expect(() => mergeStories(store, api, a, a, sources)).toThrow(InvalidEditError);
  });
});
