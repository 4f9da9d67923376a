// Tag lists cross from a prepare thread packed flat (packTags) and come back as the same lists (unpackTags): every
// entry's list in order, empty ones too, and optional fields present exactly where the tagger set them; an entry left
// untagged (out of a retag's scope) comes back untagged, not as an empty list.
import { describe, expect, it } from 'vitest';
import { packTags, unpackTags } from '../../src/worker/thread-protocol.ts';
import type { Tag } from '../../src/types.ts';

const lists: Tag[][] = [
  [
    {
      kind: 'country',
      value: 'PE',
      score: 6.8,
      role: 'focus',
      reason: { rule: 'country.name', match: 'Peru', field: 'title' },
    },
    { kind: 'region', value: 'americas', score: 3.4, reason: { rule: 'region.derived', match: 'PE' } },
  ],
  [],
  [
    { kind: 'topic', value: 'strikes', score: 1.5, reason: { rule: 'topic.keyword', field: 'summary' } },
    { kind: 'country', value: 'FR', score: 0.7, role: 'mention', reason: { rule: 'country.city', match: '' } },
    { kind: 'topic', value: 'coups', score: 1, reason: { rule: 'source.prior' } },
  ],
];

describe('packed tag lists', () => {
  it('come back as the lists packed, empty ones and optional fields as they were', () => {
    const back = unpackTags(structuredClone(packTags(lists)));
    expect(back).toStrictEqual(lists);
  });

  it('are one flat array of plain values: a count per entry, seven values per tag', () => {
    const packed = packTags(lists);
    expect(packed).toHaveLength(3 + 5 * 7);
    expect(packed.every((v) => v === null || typeof v !== 'object')).toBe(true);
    expect(unpackTags([])).toEqual([]);
  });

  it('keep an entry left untagged apart from one with no tags', () => {
    const mixed = [null, lists[0]!, [], null, lists[2]!];
    const packed = packTags(mixed);
    expect(packed.filter((v) => v === -1)).toHaveLength(2);
    expect(unpackTags(structuredClone(packed))).toStrictEqual(mixed);
  });
});
