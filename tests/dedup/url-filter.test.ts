// The filter of stored URL keys: never "surely not" for a key stored (at its build, or by this connection since),
// rarely "maybe" for one that is not, and no "surely not" at all before it is built or once another connection has
// committed, until the lookups asked so have cost about what reading every key costs (a tenth of the keys).
import { describe, expect, it } from 'vitest';
import { StoredUrlFilter, type UrlKeySource } from '../../src/dedup/url-filter.ts';

/** A store's URL keys as the filter reads them, with how often it read them all. */
function source(keys: string[]): UrlKeySource & { builds: number } {
  return {
    builds: 0,
    urlKeyCount: () => keys.length,
    urlKeys() {
      this.builds++;
      return [...keys];
    },
  };
}

const key = (i: number) => `//src-${i % 200}.test/news/story-${i}`;

describe('StoredUrlFilter', () => {
  it('holds every key stored at its build and every key added since, and few others', () => {
    const stored = Array.from({ length: 20_000 }, (_, i) => key(i));
    const urls = new StoredUrlFilter(source(stored));
    for (const k of stored) expect(urls.mayHold(k, 1)).toBe(true);
    // Past its headroom (twice the keys at the build) it is rebuilt from the store, which then has them too.
    const added = Array.from({ length: 30_000 }, (_, i) => key(100_000 + i));
    for (const k of added) {
      stored.push(k);
      urls.add(k);
    }
    for (const k of [...stored, ...added]) expect(urls.mayHold(k, 1)).toBe(true);
    let maybe = 0;
    for (let i = 0; i < 20_000; i++) if (urls.mayHold(`//other.test/world/${i}`, 1)) maybe++;
    expect(maybe).toBeLessThan(200); // under 1%
  });

  it('says "maybe" for every key once another connection has committed, until it is rebuilt', () => {
    const stored = Array.from({ length: 1000 }, (_, i) => key(i));
    const src = source(stored);
    const urls = new StoredUrlFilter(src);
    const fresh = '//other.test/world/fresh';
    for (let i = 0; i < 100; i++) urls.mayHold(`//other.test/world/y${i}`, 7);
    expect(urls.mayHold(fresh, 7)).toBe(false);
    expect(src.builds).toBe(1);
    // Another connection stores the fresh key: data_version moves from 7 to 8.
    stored.push(fresh);
    expect(urls.mayHold('//other.test/world/never', 8)).toBe(true);
    expect(urls.mayHold(fresh, 8)).toBe(true);
    expect(src.builds).toBe(1);
    // After about a tenth of its keys in lookups it reads them again, the other connection's included.
    for (let i = 0; i < 100; i++) urls.mayHold(`//other.test/world/x${i}`, 8);
    expect(src.builds).toBe(2);
    expect(urls.mayHold(fresh, 8)).toBe(true);
    expect(urls.mayHold('//other.test/world/never', 8)).toBe(false);
  });

  it('is not built by a process that looks up fewer keys than a tenth of those stored: the store is asked instead', () => {
    const stored = Array.from({ length: 50_000 }, (_, i) => key(i));
    const src = source(stored);
    const urls = new StoredUrlFilter(src);
    for (let i = 0; i < 4_999; i++) expect(urls.mayHold(`//other.test/world/${i}`, 3)).toBe(true);
    expect(src.builds).toBe(0);
    // Keys this connection stores meanwhile are asked of the store too (there is no filter to hold them).
    urls.add(stored[0] as string);
    // The 5,000th lookup has cost about a build: it builds, and "surely not" comes back.
    expect(urls.mayHold('//other.test/world/last', 3)).toBe(false);
    expect(src.builds).toBe(1);
    expect(urls.mayHold(stored[49_999] as string, 3)).toBe(true);
  });
});
