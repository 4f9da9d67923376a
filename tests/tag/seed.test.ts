// The seed sample from shared/seed: every item is about Peru except the Latin America one.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED } from '../helpers/env.ts';
import { defaultTagger, focus, regions, topics } from './shared.ts';

const SEED = path.join(SHARED, 'seed', 'peru-feed-sample.txt');

/** The sample is title / blank / summary paragraphs. */
function seedItems(): { title: string; summary: string }[] {
  const paras = readFileSync(SEED, 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const items: { title: string; summary: string }[] = [];
  for (let i = 0; i + 1 < paras.length; i += 2) items.push({ title: paras[i]!, summary: paras[i + 1]! });
  return items;
}

describe.skipIf(!existsSync(SEED))('seed sample (needs ../shared/seed)', () => {
  const items = existsSync(SEED) ? seedItems() : [];
  const tagger = defaultTagger();

  it('has the ten items', () => expect(items).toHaveLength(10));

  // Without a prior, and with the PE prior the bundled sample source declares: the prior must not change the answer.
  for (const sourceCountry of [undefined, 'PE'])
    for (const item of items) {
      const text = `${item.title} ${item.summary}`.toLowerCase();
      it(`${item.title}${sourceCountry ? ` (source prior ${sourceCountry})` : ''}`, () => {
        const tags = tagger.tag({ ...item, sourceCountry });
        if (item.title.startsWith('Latin America:')) {
          expect(focus(tags)).toEqual([]);
          expect(regions(tags)).toContain('latin-america');
          expect(tags.find((t) => t.value === 'latin-america')?.reason.rule).toBe('region.name');
        } else {
          expect(focus(tags)).toEqual(['PE']);
          expect(regions(tags)).toContain('latin-america');
        }
        if (/\bcoup\b/.test(text)) expect(topics(tags)).toContain('coups');
        if (/\bstrike\b/.test(text)) expect(topics(tags)).toContain('strikes');
        if (/\belections?\b/.test(text)) expect(topics(tags)).toContain('elections');
        for (const t of tags) expect(t.reason.rule).toMatch(/^(country|region|topic)\./);
      });
    }
});
