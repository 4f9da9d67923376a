// High-entropy secrets (API tokens, session secrets): made from 32 random bytes, stored only as SHA-256.
// A fast hash is right here: the secret cannot be guessed, so there is nothing for a slow hash to protect.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'wr_';
/** 32 random bytes in base64url: 43 characters. */
const SECRET_BYTES = 32;
const TOKEN_SHAPE = /^wr_[A-Za-z0-9_-]{43}$/;

/** A new API token: `wr_` + 32 random bytes in base64url. Shown once; only its hash is stored. */
export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
}

/** A new session secret (for the console's cookie). */
export function newSessionSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** What the database keeps of a token or session secret: hex SHA-256. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** True for a string shaped like a token this module makes (checked before any lookup). */
export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
