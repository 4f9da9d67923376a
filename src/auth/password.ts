// Password hashing with scrypt (node:crypto). Stored as `scrypt$N$r$p$salt$hash` (salt and hash in base64url), so
// the parameters can be raised later and old hashes still verify (needsRehash says when to store a new one).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** N 2^15, r 8, p 3: one of OWASP's recommended scrypt settings, 32 MiB and a few tenths of a second per hash. */
export const DEFAULT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
export const MIN_PASSWORD_LENGTH = 12;
/** Longer input only costs time; nobody types more. */
export const MAX_PASSWORD_LENGTH = 1024;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on stored parameters, so a damaged row cannot make a login allocate gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

let scryptRuns = 0;

/** How many scrypt derivations this process ran: lets tests see that an unknown name is hashed too. */
export function scryptRunCount(): number {
  return scryptRuns;
}

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  scryptRuns++;
  const maxmem = 256 * params.N * params.r + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, { ...params, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** The reason a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

const isPowerOfTwo = (n: number) => Number.isSafeInteger(n) && n > 1 && (n & (n - 1)) === 0;

/** Reads a stored hash; undefined when it is not one this module wrote (or its parameters are out of bounds). */
export function parsePasswordHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,9}$/.test(s) ? Number(s) : NaN));
  if (N === undefined || r === undefined || p === undefined) return undefined;
  if (!isPowerOfTwo(N) || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return undefined;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || key.length < 16) return undefined;
  return { params: { N, r, p }, salt, key };
}

let dummy: ParsedHash | undefined;

/** Random salt and key with the current parameters: what an unknown name is checked against (nothing matches it). */
function dummyHash(): ParsedHash {
  dummy ??= { params: DEFAULT_PARAMS, salt: randomBytes(SALT_BYTES), key: randomBytes(KEY_BYTES) };
  return dummy;
}

/**
 * True when `password` matches `stored`. With `stored` undefined (no such account) the same work is done against a
 * throwaway hash and the answer is false, so the time taken does not tell whether the account exists.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parsed = stored === undefined ? undefined : parsePasswordHash(stored);
  const against = parsed ?? dummyHash();
  const key = await derive(password, against.salt, against.params, against.key.length);
  const same = timingSafeEqual(key, against.key);
  return same && parsed !== undefined;
}

/** True when a stored hash uses other parameters than the current ones (re-hash it at the next good login). */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_PARAMS): boolean {
  const parsed = parsePasswordHash(stored);
  return !parsed || parsed.params.N !== params.N || parsed.params.r !== params.r || parsed.params.p !== params.p;
}
