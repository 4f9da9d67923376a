import { describe, expect, it } from 'vitest';
import {
  comparePair,
  DEFAULT_STORY_SETTINGS,
  detectStory,
  probeOf,
  sketch,
  storyUrl,
  type Candidate,
  type Probe,
} from '../../src/dedup/index.ts';
import { hash32, jaccard, minhash, shingles, words } from '../../src/dedup/similarity.ts';

const s = DEFAULT_STORY_SETTINGS;
let nextId = 1;
function probe(
  sourceId: string,
  title: string,
  summary: string,
  publishedAt: string,
  extra: { url?: string; language?: string } = {},
): Probe {
  return probeOf(
    { id: nextId++, sourceId, publishedAt, title, summary, contentHtml: '', language: extra.language },
    storyUrl(extra.url),
    s,
  );
}
const cand = (p: Probe, storyId: number, blocked = false): Candidate => ({ ...p, storyId, blocked });

const lead =
  "Peru's government declared a nationwide state of emergency for 30 days on Wednesday, suspending the right to assembly and freedom of movement, as protests demanding the release of ousted president Pedro Castillo spread across the southern Andes.";

describe('sketch', () => {
  it('is deterministic and folds case and accents', () => {
    expect(words('Perú: ÉLECTIONS')).toEqual(['peru', 'elections']);
    const a = sketch({ title: 'T', summary: lead, contentHtml: '' });
    const b = sketch({ title: 't', summary: lead.toUpperCase(), contentHtml: '' });
    expect([...a.signature]).toEqual([...b.signature]);
    expect(a.bands).toEqual(b.bands);
    expect(a.bands.every((h) => Number.isSafeInteger(h) && h >= 0)).toBe(true);
  });

  it('reads the content when the feed gives no summary', () => {
    const a = sketch({ title: 'T', summary: '', contentHtml: `<p>${lead}</p>` });
    const b = sketch({ title: 'T', summary: lead, contentHtml: '' });
    expect(jaccard(a.shingles, b.shingles)).toBe(1);
  });
});

describe('shingles and signature', () => {
  it('are the hashes of the content-word bigrams as strings, and their minimum per permutation', () => {
    // shingles() hashes a bigram without building its string; the stored keys and buckets hold the string's hash.
    const ws = words('The Día 3 of São Paulo strike: 45 workers in Köln, 日本 and a 1 km march for the union');
    const content = ws.filter((w) => !['the', 'of', 'in', 'and', 'a', 'for'].includes(w));
    const expected = new Set(content.slice(1).map((w, i) => hash32(`${content[i]} ${w}`)));
    expect(shingles(ws)).toEqual(expected);
    expect(shingles(['the', 'solo'])).toEqual(new Set([hash32('solo')]));
    expect(shingles([])).toEqual(new Set());
    const sig = minhash(expected, 32);
    const one = (x: number) => minhash(new Set([x]), 32);
    for (let i = 0; i < 32; i++) expect(sig[i]).toBe(Math.min(...[...expected].map((x) => one(x)[i]!)));
    expect(minhash(new Set(), 4)).toEqual(new Uint32Array(4).fill(0xffffffff));
  });
});

describe('comparePair', () => {
  const original = probe(
    'wire',
    'Peru declares 30-day nationwide state of emergency as protests spread',
    lead,
    '2022-12-14T16:00:00Z',
  );

  it('joins a syndicated copy with an edited headline and trimmed body', () => {
    const copy = probe(
      'paper',
      'Peru imposes national emergency for a month amid deadly unrest',
      lead.split(', as')[0] + '.',
      '2022-12-14T18:20:00Z',
    );
    expect(comparePair(original, copy, s).same).toBe(true);
  });

  it('keeps a follow-up on the same topic apart', () => {
    const followUp = probe(
      'paper',
      'Peru extends state of emergency in Lima and southern regions',
      "Peru's government on Saturday extended a state of emergency in Lima, Cusco, Puno and Callao for another 30 days, allowing the army to support police, after weeks of protests against President Dina Boluarte.",
      '2022-12-16T22:30:00Z',
    );
    expect(comparePair(original, followUp, s).same).toBe(false);
  });

  it('keeps a translation apart', () => {
    const es = probe('diario', 'Perú declara estado de emergencia nacional', lead, '2022-12-14T17:00:00Z', {
      language: 'es',
    });
    const en = { ...original, language: 'en-GB' };
    expect(comparePair(en, es, s)).toMatchObject({ same: false, reason: 'different languages (en, es)' });
  });

  it('never joins two entries of one source by text (live-blog updates)', () => {
    const update = {
      ...probe('wire', original.sketch.titleWords.join(' '), lead, '2022-12-14T19:00:00Z'),
      sourceId: 'wire',
    };
    expect(comparePair(original, update, s).same).toBe(false);
  });

  it('keeps the same bare headline on two different days apart', () => {
    const d1 = probe('a', 'Peru: national strike', '', '2023-01-04T12:00:00Z');
    const d3 = probe('b', 'Peru: national strike', '', '2023-01-06T12:00:00Z');
    const sameDay = probe('c', 'Peru: national strike', '', '2023-01-04T15:00:00Z');
    expect(comparePair(d1, d3, s).same).toBe(false);
    expect(comparePair(d1, sameDay, s).same).toBe(true);
  });

  it('keeps near copies outside the time window apart', () => {
    const later = probe('paper', original.sketch.titleWords.join(' '), lead, '2022-12-20T16:00:00Z');
    expect(comparePair(original, later, s).same).toBe(false);
  });

  it('asks for a near copy when titles differ in their numbers', () => {
    const base =
      'The death toll from the earthquake that struck Turkey and Syria on Monday rose on Thursday as rescuers pulled a few survivors from the rubble and hopes dwindled';
    const a = probe(
      'a',
      'Turkey-Syria earthquake death toll passes 17,000',
      base + ' in the bitter cold.',
      '2023-02-09T10:00:00Z',
    );
    const b = probe(
      'b',
      'Turkey-Syria earthquake death toll passes 21,000',
      'The death toll from the earthquake in Turkey and Syria rose on Friday as the first UN aid convoy crossed into Syria.',
      '2023-02-10T09:00:00Z',
    );
    expect(comparePair(a, b, s).same).toBe(false);
  });
});

describe('detectStory', () => {
  const a = probe('wire', 'Peru declares state of emergency', lead, '2022-12-14T16:00:00Z', {
    url: 'https://wire.test/peru/emergency',
  });

  it('prefers a URL match, whatever the text', () => {
    const other = probe('agg', 'Something else entirely', '', '2022-12-15T16:00:00Z', {
      url: 'http://www.wire.test/peru/emergency/?utm_source=x',
    });
    expect(detectStory(other, [cand(a, 7)], [], s)).toEqual({
      method: 'url',
      storyId: 7,
      matchEntryId: a.entryId,
      score: 1,
      merged: [],
    });
  });

  it('picks the most similar candidate and skips stories an editor split the entry from', () => {
    const copy = probe('paper', 'Peru declares state of emergency', lead, '2022-12-14T17:00:00Z');
    const weaker = probe('third', 'Peru declares state of emergency', lead.slice(0, 120), '2022-12-14T16:30:00Z');
    expect(detectStory(copy, [], [cand(weaker, 3), cand(a, 1)], s)).toMatchObject({
      method: 'similarity',
      matchEntryId: a.entryId,
    });
    expect(detectStory(copy, [], [cand(a, 1, true)], s)).toEqual({ method: 'founder' });
  });

  it('merges every story the entry matches into the one created first, unless a split keeps two apart', () => {
    const copy = probe('paper', 'Peru declares state of emergency', lead, '2022-12-14T17:00:00Z');
    const weaker = probe('third', 'Peru declares state of emergency', lead.slice(0, 120), '2022-12-14T16:30:00Z');
    const third = probe('fourth', 'Peru declares state of emergency', lead, '2022-12-14T16:40:00Z');
    // The best match is in story 5, yet story 2 (older) survives and 5 and 9 fold into it.
    const all = [cand(a, 5), cand(weaker, 2), cand(third, 9)];
    expect(detectStory(copy, [], all, s)).toMatchObject({
      method: 'similarity',
      storyId: 2,
      merged: [5, 9],
      matchEntryId: a.entryId,
    });
    // An editor split a member of 9 out of 5: 9 stays out; 2 joins 5 (nothing keeps those apart).
    expect(detectStory(copy, [], all, s, [[9, 5]])).toMatchObject({ storyId: 2, merged: [5] });
    // The same decision whatever order the candidates come in.
    expect(detectStory(copy, [], [...all].reverse(), s, [[5, 9]])).toMatchObject({ storyId: 2, merged: [5] });
  });
});
