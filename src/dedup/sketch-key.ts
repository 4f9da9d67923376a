// The part of a sketch that verifying a candidate reads, as text stored beside the entry's band hashes
// (story_keys.sketch): a candidate is compared without reading its text back and sketching it again. Pure.
import type { Sketch } from './similarity.ts';

/** What comparePair reads of a sketch: shingles and title words (the bands and signature only find candidates). */
export type ComparedSketch = Pick<Sketch, 'shingles' | 'shingleCount' | 'titleWords' | 'titleNumbers'>;

/** Only what comparing reads: what a cache of candidates' sketches keeps. */
export function compared(sk: ComparedSketch): ComparedSketch {
  return {
    shingles: sk.shingles,
    shingleCount: sk.shingleCount,
    titleWords: sk.titleWords,
    titleNumbers: sk.titleNumbers,
  };
}

/** Whether this machine stores a Uint32Array's values little-endian, as keys hold them (then copied as bytes). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * `contentHash leadWords shingles titleWord...`, separated by spaces: the hash and lead length name the text and
 * settings it was made from (a stored key of other text or settings is not used); shingles are base64 of 32-bit
 * little-endian values in ascending order. Words hold no spaces (similarity.words splits on them).
 */
export function encodeSketchKey(contentHash: string, leadWords: number, sk: ComparedSketch): string {
  const n = sk.shingles.length;
  const bytes = LITTLE_ENDIAN
    ? Buffer.from(sk.shingles.buffer, sk.shingles.byteOffset, n * 4)
    : Buffer.allocUnsafe(n * 4);
  if (!LITTLE_ENDIAN) for (let i = 0; i < n; i++) bytes.writeUInt32LE(sk.shingles[i] as number, i * 4);
  return [contentHash, String(leadWords), bytes.toString('base64'), ...sk.titleWords].join(' ');
}

/** The stored sketch of text with this hash and settings; undefined when there is none or it is of other text. */
export function decodeSketchKey(
  key: string | null | undefined,
  contentHash: string,
  leadWords: number,
): ComparedSketch | undefined {
  if (!key) return undefined;
  const parts = key.split(' ');
  if (parts.length < 3 || parts[0] !== contentHash || parts[1] !== String(leadWords)) return undefined;
  const bytes = Buffer.from(parts[2] as string, 'base64');
  const shingles = new Uint32Array(bytes.length >>> 2);
  if (LITTLE_ENDIAN) new Uint8Array(shingles.buffer).set(bytes.subarray(0, shingles.length * 4));
  else for (let i = 0; i < shingles.length; i++) shingles[i] = bytes.readUInt32LE(i * 4);
  const titleWords = parts.slice(3);
  // sketch() takes a title's numbers as its words with a digit, in order; no stop word has one, so they are
  // exactly the title words with a digit.
  return {
    shingles,
    shingleCount: shingles.length,
    titleWords,
    titleNumbers: titleWords.filter((w) => /\d/.test(w)),
  };
}
