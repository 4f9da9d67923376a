// Tags in a real SQLite file: overrides survive a retag; the editors' commands run through main().
import { Readable } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retag } from '../../src/worker/index.ts';
import { storyRules } from '../../src/dedup/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { tagEntry } from '../../src/tag/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';
import { cli, tempDir, writeConfig } from '../helpers/env.ts';
import { defaultTagger } from './shared.ts';

const source: SourceConfig = {
  id: 'pe-news',
  url: 'https://pe.example/feed',
  enabled: true,
  topics: [],
  trusted: true,
  country: 'PE',
};

function entry(i: number, title: string, summary: string): Entry {
  return {
    sourceId: source.id,
    key: `k${i}`,
    title,
    summary,
    contentHtml: '',
    authors: [],
    categories: [],
    enclosures: [],
    publishedAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
    dateFlags: [],
  };
}

const ENTRIES = [
  entry(1, 'Peru: National Strike Against Boluarte', 'Workers and peasants marched on Lima.'),
  entry(2, 'Chile: teachers strike', 'The Colegio de Profesores called an indefinite strike.'),
  entry(3, 'Notes from the editors', 'Nothing about any country here.'),
];

describe('TagRepo and retag on a real SQLite file', () => {
  const tmp = tempDir();
  let store: Store;
  let ids: number[];
  beforeAll(() => {
    store = openStore(path.join(tmp.dir, 'db', 'wireroom.sqlite'));
    store.sources.sync([source], '2024-01-01T00:00:00.000Z');
    ids = store.transaction(() => store.entries.upsert(ENTRIES, '2024-02-01T00:00:00.000Z')).inserted.map((e) => e.id);
  });
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  it('stores tags with reasons and lists them', () => {
    const tagger = defaultTagger();
    const e = store.entries.get(ids[0]!)!;
    store.transaction(() => store.tags.replace(e.id, e.publishedAt, tagEntry(tagger, e, source)));
    const tags = store.tags.list(e.id);
    expect(tags.find((t) => t.kind === 'country' && t.value === 'PE')).toMatchObject({
      role: 'focus',
      reason: { rule: 'country.name', match: 'Peru', field: 'title' },
    });
    expect(tags.some((t) => t.kind === 'topic' && t.value === 'strikes')).toBe(true);
  });

  it('manual overrides apply at once and survive a retag', () => {
    const [peru, chile] = ids as [number, number];
    expect(store.tags.setOverride(peru, 'topic', 'strikes', 'remove')).toBe(true);
    expect(store.tags.setOverride(peru, 'country', 'BO', 'add')).toBe(true);
    expect(store.tags.setOverride(chile, 'topic', 'labour', 'add')).toBe(true);
    expect(store.tags.setOverride(999_999, 'topic', 'labour', 'add')).toBe(false);
    expect(store.tags.list(peru).some((t) => t.value === 'strikes')).toBe(false);

    const r = retag(store, defaultTagger(), new Map([[source.id, source]]), { batch: 2 });
    expect(r.entries).toBe(3);
    const after = store.tags.list(peru);
    expect(after.some((t) => t.value === 'strikes')).toBe(false);
    expect(after.find((t) => t.value === 'BO')).toMatchObject({
      role: 'focus',
      reason: { rule: 'manual', field: 'manual' },
    });
    expect(after.find((t) => t.value === 'PE')?.role).toBe('focus');
    expect(store.tags.list(chile).find((t) => t.value === 'labour')?.reason.rule).toBe('manual');
    // The source's country is the only clue for the editors' note: a prior, and it says so.
    expect(store.tags.list(ids[2]!).find((t) => t.kind === 'country')).toMatchObject({
      value: 'PE',
      reason: { rule: 'country.source-prior' },
    });

    expect(store.tags.clearOverride(peru, 'topic', 'strikes')).toBe(true);
    retag(store, defaultTagger(), new Map([[source.id, source]]));
    expect(store.tags.list(peru).some((t) => t.value === 'strikes')).toBe(true);
  });

  it('removing a country takes the regions derived from it, at once and after a retag', () => {
    const peru = ids[0]!;
    const regions = () =>
      store.tags
        .list(peru)
        .filter((t) => t.kind === 'region')
        .map((t) => t.value);
    expect(regions()).toContain('south-america');
    store.tags.setOverride(peru, 'country', 'PE', 'remove');
    store.tags.setOverride(peru, 'country', 'BO', 'remove');
    expect(store.tags.list(peru).some((t) => t.kind === 'country' && (t.value === 'PE' || t.value === 'BO'))).toBe(
      false,
    );
    expect(regions()).not.toContain('south-america');
    retag(store, defaultTagger(), new Map([[source.id, source]]));
    expect(regions()).not.toContain('south-america');
    store.tags.clearOverride(peru, 'country', 'PE');
    store.tags.clearOverride(peru, 'country', 'BO');
    retag(store, defaultTagger(), new Map([[source.id, source]]));
    expect(regions()).toContain('south-america');
  });
});

describe('tag commands through main()', () => {
  const tmp = tempDir();
  const configDir = writeConfig(tmp.dir, {
    sources: `sources:\n  - id: ${source.id}\n    url: ${source.url}\n    country: PE\n`,
  });
  const db = path.join(tmp.dir, 'db', 'cli.sqlite');
  const run = (...args: string[]) => cli(['--config', configDir, '--db', db, ...args]);
  let ids: number[];
  beforeAll(() => {
    const store = openStore(db);
    store.sources.sync([source], '2024-01-01T00:00:00.000Z');
    ids = store.transaction(() => store.entries.upsert(ENTRIES, '2024-02-01T00:00:00.000Z')).inserted.map((e) => e.id);
    store.close();
  });
  afterAll(() => tmp.cleanup());

  it('retag, explain, tag and rules test', async () => {
    const r = await run('retag');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^retagged 3 entries in [\d.]+ s \(\d+ entries\/s\): no record of the taxonomy/);

    const ex = await run('explain', String(ids[0]));
    expect(ex.code).toBe(0);
    expect(ex.out).toMatch(/country\s+PE\s+focus\s+[\d.]+\s+high\s+country\.name\s+title\s+Peru/);
    expect(ex.out).toMatch(/topic\s+strikes/);

    const t = await run('tag', String(ids[0]), '+country:bo', '-topic:strikes');
    expect(t.code).toBe(0);
    expect(t.out).toContain('+country:BO');
    expect(t.out).toContain('-topic:strikes');
    const ex2 = await run('explain', String(ids[0]));
    expect(ex2.out).toMatch(/manual overrides \(kept on retag\):\n\s+\+country:BO/);
    expect(ex2.out).not.toMatch(/topic\s+strikes/);

    // One story, one decision: a tag change on one entry holds for the story's other entries too.
    const s1 = openStore(db);
    try {
      const now = new Date().toISOString();
      const [a, b] = [s1.entries.get(ids[0]!)!, s1.entries.get(ids[1]!)!];
      s1.transaction(() => [a, b].forEach((e) => s1.stories.found(e, now)));
      s1.stories.merge(b.id, a.id, now, storyRules());
      expect(s1.tags.list(b.id).some((t) => t.value === 'CL')).toBe(true);
    } finally {
      s1.close();
    }
    const t2 = await run('tag', String(ids[0]), '-country:CL');
    expect(t2.out).toMatch(/-country:CL \(all 2 entries of its story\)/);
    const s2 = openStore(db);
    try {
      expect(s2.tags.list(ids[1]!).some((t) => t.value === 'CL')).toBe(false);
    } finally {
      s2.close();
    }

    const bad = await run('tag', String(ids[0]), 'country:PE');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/expected \+kind:value/);

    const unchanged = await run('rules', 'test');
    expect(unchanged.out).toMatch(/0 of 3 entries would change/);

    const missing = await run('explain', '424242');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/no entry #424242/);
  });

  it('classify reads JSON lines on stdin and writes one JSON line each', async () => {
    const lines = [
      {
        title: 'Peru: Massive March on Lima and National Strike Puts Dina Boluarte against the Ropes',
        summary: 'The mass movement against the coup in Peru.',
      },
      { title: 'Latin America: A Powder Keg About to Explode', summary: '' },
      { title: 'Police chief in Lima, Ohio, resigns', language: 'en' },
    ];
    const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
    Object.defineProperty(process, 'stdin', {
      value: Readable.from([lines.map((l) => JSON.stringify(l)).join('\n') + '\nnot json\n']),
      configurable: true,
    });
    try {
      const r = await run('classify', '--json');
      const out = r.out.split('\n').map(
        (l) =>
          JSON.parse(l) as {
            countries: { code: string; role: string; score: number }[];
            regions: { slug: string }[];
            topics: { slug: string }[];
          },
      );
      expect(out).toHaveLength(3);
      expect(out[0]!.countries[0]).toMatchObject({ code: 'PE', role: 'focus' });
      expect(out[0]!.topics.map((t) => t.slug)).toEqual(expect.arrayContaining(['strikes', 'coups']));
      expect(out[1]!.countries).toEqual([]);
      expect(out[1]!.regions.map((x) => x.slug)).toEqual(['latin-america']);
      expect(out[2]!.countries).toEqual([expect.objectContaining({ code: 'US', role: 'focus' })]);
      expect(r.err).toMatch(/stdin:4: not JSON/);
      expect(r.code).toBe(1);
    } finally {
      Object.defineProperty(process, 'stdin', original);
    }
  });
});
