// isBlank scans bytes for one that is not whitespace; it must say what trimming the body read as latin1 says.
import { describe, expect, it } from 'vitest';
import { isBlank } from '../../src/fetch/outcome.ts';
import { prng } from '../helpers/prng.ts';

const byLatin1Trim = (body: Buffer) => body.toString('latin1').trim() === '';

describe('isBlank', () => {
  it('agrees with trimming the latin1 text on every byte and on random mixes of the edge bytes', () => {
    expect(isBlank(Buffer.alloc(0))).toBe(true);
    for (let b = 0; b < 256; b++) {
      const body = Buffer.from([0x20, b, 0x0a]);
      expect(isBlank(body), `byte 0x${b.toString(16)}`).toBe(byLatin1Trim(body));
    }
    const edges = [
      0x00, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x1f, 0x20, 0x3c, 0x85, 0x9f, 0xa0, 0xa1, 0xef, 0xff,
    ];
    const rnd = prng(14);
    let blank = 0;
    for (let n = 0; n < 5000; n++) {
      const body = Buffer.from(
        Array.from({ length: Math.floor(rnd() * 8) }, () => edges[Math.floor(rnd() * edges.length)] ?? 0),
      );
      expect(isBlank(body)).toBe(byLatin1Trim(body));
      if (isBlank(body)) blank++;
    }
    expect(blank).toBeGreaterThan(100);
  });
});
