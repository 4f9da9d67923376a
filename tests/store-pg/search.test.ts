// Full-text search on PostgreSQL (the entries.search tsvector, 'simple' + unaccent) against SQLite's FTS5, on the
// same entries: what may differ, said as tests. Plain words, phrases and prefixes match the same entries, folded the
// same way (case, accents, markup). Feeds are in date order on both stores, so a different ranking never shows. What
// differs: PostgreSQL's parser keeps a host name or an e-mail address as one token, where FTS5 splits it into words,
// so a word of a host name matches on SQLite only; and it reads a number after a hyphen as a signed number
// (COVID-19 is 'covid' and '-19'), so the number alone matches on SQLite only. The whole term matches on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownEntry } from '../../src/publish/index.ts';
import { sqliteFeedReader, type FeedReader } from '../../src/store/index.ts';
import { needsPostgres, postgresMissing } from '../helpers/postgres.ts';
import { stores } from '../helpers/stores.ts';
import { makeFixture, type Fixture, type SeedEntry } from '../publish/seed.ts';

const day = (n: number) => `2024-05-${String(n).padStart(2, '0')}T08:00:00.000Z`;
const ENTRIES: SeedEntry[] = [
  { sourceId: 'andina', key: 'lima', title: 'Huelga en Lima: los mineros marchan', publishedAt: day(1) },
  {
    sourceId: 'lared',
    key: 'sao',
    title: 'São Paulo metro workers strike',
    publishedAt: day(2),
    contentHtml: '<p>The <b>Ñandú</b> line &amp; the airport line stopped.</p>',
  },
  { sourceId: 'wire', key: 'covid', title: 'COVID-19 cases fall in Quito', publishedAt: day(3) },
  {
    sourceId: 'bolnews',
    key: 'host',
    title: 'Ministry posts the decree',
    publishedAt: day(4),
    summary: 'Read it at gaceta.example.bo or write to prensa@gob.example',
  },
  { sourceId: 'wire', key: 'elect', title: 'Electoral court sets the election date', publishedAt: day(5) },
  { sourceId: 'andina', key: 'strike2', title: 'Dockers strike again; strikers block the port', publishedAt: day(6) },
];

/** Queries whose matches must be the same on both stores. */
const SAME = [
  'strike',
  'STRIKE',
  'huelga lima',
  'sao paulo',
  'São',
  'nandu',
  'Ñandú',
  'airport',
  '"metro workers"',
  '"workers metro"',
  'elect*',
  'strike*',
  'covid',
  'covid-19',
  'quito covid',
  'decree',
  'nothing-here',
];

describe.skipIf(!!postgresMissing)(`search on PostgreSQL against FTS5${needsPostgres}`, () => {
  const pg = stores().find((s) => s.kind === 'postgres')!;
  let f: Fixture;
  let sqlite: FeedReader;
  let postgres: FeedReader;
  const keys = async (reader: FeedReader, q: string) =>
    (await reader.page({ q: [q] }, { limit: 50, shownEntry })).items.map((i) => i.entry.key).sort();

  beforeAll(async () => {
    f = makeFixture(ENTRIES);
    sqlite = sqliteFeedReader(f.store);
    postgres = await pg.reader(f);
  }, 120_000);
  afterAll(async () => {
    await pg.close();
    f?.cleanup();
  });

  it('plain words, phrases and prefixes match the same entries (case, accents and markup folded alike)', async () => {
    for (const q of SAME) expect(await keys(postgres, q), q).toEqual(await keys(sqlite, q));
    // Not vacuous: these match what they should.
    expect(await keys(postgres, 'nandu')).toEqual(['sao']);
    expect(await keys(postgres, 'strike*')).toEqual(['sao', 'strike2']);
    expect(await keys(postgres, '"workers metro"')).toEqual([]);
  });

  it('excluded words and several queries combine alike', async () => {
    const page = async (reader: FeedReader) =>
      (await reader.page({ q: ['strike*', 'port'], exclude: { q: ['metro'] } }, { limit: 50, shownEntry })).items.map(
        (i) => i.entry.key,
      );
    expect(await page(postgres)).toEqual(await page(sqlite));
    expect(await page(postgres)).toEqual(['strike2']);
  });

  it('differs on host names: one token on PostgreSQL, words on FTS5', async () => {
    expect(await keys(sqlite, 'gaceta')).toEqual(['host']);
    expect(await keys(postgres, 'gaceta')).toEqual([]);
    // The whole host name matches on both.
    expect(await keys(postgres, 'gaceta.example.bo')).toEqual(['host']);
    expect(await keys(sqlite, 'gaceta.example.bo')).toEqual(['host']);
  });

  it('differs on a number after a hyphen: a signed number on PostgreSQL', async () => {
    expect(await keys(sqlite, '19')).toEqual(['covid']);
    expect(await keys(postgres, '19')).toEqual([]);
    expect(await keys(postgres, 'COVID-19')).toEqual(['covid']);
  });
});
