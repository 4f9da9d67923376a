// Near-duplicate sketches: word-bigram shingles of title + lead, MinHash signature, LSH band hashes. Pure.

export interface SketchSettings {
  /** MinHash permutations; bands * rowsPerBand must equal it. */
  permutations: number;
  /** LSH bands: more bands find lower similarities (more candidates to verify). */
  bands: number;
  /** Words of the body used: syndicated copies keep the lead and trim the rest, so only the lead is compared. */
  leadWords: number;
}

export const DEFAULT_SKETCH: SketchSettings = { permutations: 32, bands: 16, leadWords: 25 };

export interface Sketch {
  /** Shingle hashes, sorted: the exact Jaccard check of a candidate the buckets found. */
  shingles: Uint32Array;
  signature: Uint32Array;
  /** One hash per band, each below 2^52 so it fits an SQLite INTEGER and a JS number exactly. */
  bands: number[];
  /** Distinct shingles; a sketch of very few says little. */
  shingleCount: number;
  /** Content words of the title (stop words dropped). */
  titleWords: string[];
  /** Numbers and dates in the title: "day 3", "45 dead", "2023". */
  titleNumbers: string[];
}

export interface SketchInput {
  title: string;
  summary: string;
  contentHtml: string;
}

const STOP = new Set(
  (
    'a an the of to in on at for and or but with by from as is are was were be been has have had it its this that these those ' +
    'after before over under into about amid than then there their they he she his her we our you your not no new says said ' +
    'el la los las de del y en un una que por con para al se su sus lo es'
  ).split(' '),
);

/** Lower case, accents folded, split on anything that is not a letter or digit. */
export function words(text: string): string[] {
  // Most feed text is ASCII: skip the Unicode normalization it would not change.
  const folded = /^[\x00-\x7f]*$/.test(text)
    ? text.toLowerCase()
    : text
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function htmlText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&(?:#\d+|#x[\da-f]+|\w+);/gi, ' ');
}

/** A summary of fewer words than this does not stand for the body. */
const SHORT_SUMMARY = 12;

/** Whether a sketch of this entry reads its HTML: only when the summary is too short to stand for the body. */
export function needsContent(summary: string): boolean {
  return words(summary).length < SHORT_SUMMARY;
}

/** The body words compared: the summary when the feed gives one, else the content's opening. */
export function leadWords(e: SketchInput, limit: number): string[] {
  const summary = words(e.summary);
  const body = summary.length >= SHORT_SUMMARY ? summary : openingWords(e.contentHtml, Math.max(limit, SHORT_SUMMARY));
  return (body.length >= summary.length ? body : summary).slice(0, limit);
}

/**
 * At least `atLeast` words from the start of sanitized HTML (all of them when it has fewer), reading only as much
 * of it as that takes: a sketch needs an article's opening, and candidates are sketched again and again.
 */
export function openingWords(html: string, atLeast: number): string[] {
  for (let size = 2048; size < html.length; size *= 4) {
    // A tag cut open at the end would read as words; the last word may be cut in half.
    const ws = words(htmlText(html.slice(0, size).replace(/<[^>]*$/, '')));
    ws.pop();
    if (ws.length >= atLeast) return ws;
  }
  return words(htmlText(html));
}

export function titleWords(title: string): string[] {
  return contentWordsOf(words(title));
}

export function titleNumbers(title: string): string[] {
  return numbersOf(words(title));
}

function contentWordsOf(ws: string[]): string[] {
  return [...new Set(ws.filter((w) => !STOP.has(w) && (w.length > 2 || /\d/.test(w))))];
}

function numbersOf(ws: string[]): string[] {
  return [...new Set(ws.filter((w) => /\d/.test(w)))];
}

/** FNV-1a over UTF-16 units, then a murmur3 finalizer for avalanche. */
export function hash32(s: string, seed = 0x811c9dc5): number {
  return mix32(fnv(s, seed >>> 0));
}

/** FNV-1a's state after `s`, from state `h`. */
function fnv(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** Between a bigram's two words. */
const SPACE = 0x20;

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const seedCache = new Map<number, Uint32Array>();
function seeds(n: number): Uint32Array {
  let s = seedCache.get(n);
  if (!s) {
    s = new Uint32Array(n);
    for (let i = 0; i < n; i++) s[i] = mix32(0x9e3779b9 + i * 0x632be5ab);
    seedCache.set(n, s);
  }
  return s;
}

/**
 * Bigrams of content words (stop words dropped, so "said on" or "of the" do not make unrelated texts look alike);
 * a single word when that is all there is.
 */
export function shingles(ws: string[]): Set<number> {
  const content = ws.filter((w) => !STOP.has(w));
  const out = new Set<number>();
  if (content.length === 1) out.add(hash32(content[0]));
  // hash32(`${a} ${b}`) without building the string: FNV-1a runs on from its state after `a` and the space.
  let after = content.length ? Math.imul(fnv(content[0], 0x811c9dc5) ^ SPACE, 0x01000193) : 0;
  for (let i = 0; i + 1 < content.length; i++) {
    const next = content[i + 1];
    out.add(mix32(fnv(next, after)));
    after = Math.imul(fnv(next, 0x811c9dc5) ^ SPACE, 0x01000193);
  }
  return out;
}

export function minhash(set: Set<number>, permutations: number): Uint32Array {
  return minhashOf(Uint32Array.from(set), permutations);
}

/** minhash over the values in an array (a minimum does not depend on their order): one permutation at a time. */
function minhashOf(values: Uint32Array, permutations: number): Uint32Array {
  const sig = new Uint32Array(permutations);
  const sd = seeds(permutations);
  for (let i = 0; i < permutations; i++) {
    const seed = sd[i] as number;
    let min = 0xffffffff;
    for (let j = 0; j < values.length; j++) {
      const h = mix32((values[j] as number) ^ seed);
      if (h < min) min = h;
    }
    sig[i] = min;
  }
  return sig;
}

export function bandHashes(sig: Uint32Array, bands: number): number[] {
  const rows = sig.length / bands;
  if (!Number.isInteger(rows)) throw new Error(`sketch: ${sig.length} permutations do not split into ${bands} bands`);
  const out: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h1 = mix32(0x1b873593 + b);
    let h2 = mix32(0xcc9e2d51 ^ b);
    for (let r = 0; r < rows; r++) {
      const v = sig[b * rows + r];
      h1 = mix32(h1 ^ v);
      h2 = mix32(Math.imul(h2, 31) ^ v);
    }
    out.push((h1 & 0xfffff) * 0x100000000 + h2); // 20 + 32 bits
  }
  return out;
}

export function sketch(e: SketchInput, settings: SketchSettings = DEFAULT_SKETCH): Sketch {
  // The title's words, split once for its shingles, content words and numbers.
  const title = words(e.title);
  const lead = leadWords(e, settings.leadWords);
  const set = shingles(title.concat(lead));
  const sorted = Uint32Array.from(set).sort();
  const signature = minhashOf(sorted, settings.permutations);
  return {
    shingles: sorted,
    signature,
    bands: bandHashes(signature, settings.bands),
    shingleCount: set.size,
    titleWords: contentWordsOf(title),
    titleNumbers: numbersOf(title),
  };
}

/** Exact Jaccard of two sorted shingle arrays. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (!a.length && !b.length) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

/** Overlap of title content words relative to the shorter title: tolerant of a headline shortened by an editor. */
export function titleSimilarity(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  // Titles hold a dozen words at most: scanning is cheaper than building a set for every pair compared.
  let common = 0;
  for (const w of a) if (b.includes(w)) common++;
  return common / Math.min(a.length, b.length);
}

/** Both titles carry numbers the other lacks: day 2 vs day 3, 45 dead vs 60 dead, 2022 vs 2023. */
export function numbersConflict(a: string[], b: string[]): boolean {
  if (!a.length || !b.length) return false;
  return a.some((x) => !b.includes(x)) && b.some((x) => !a.includes(x));
}
