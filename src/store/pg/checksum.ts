// One checksum, computed the same way from either database: SHA-256 over a table's rows in primary-key order, each
// row written as a JSON array of its values in a canonical form, one line each. Equal checksums mean equal rows.
import { createHash, type Hash } from 'node:crypto';
import { withoutNul } from './text.ts';

/**
 * A cell as both drivers can give it: numbers (both give doubles and bigint-as-number the same way), text, null.
 * Integers print as integers and other numbers in JavaScript's shortest round-trip form, so a REAL read from
 * SQLite and the double precision PostgreSQL returns (shortest-exact text, parsed) print alike.
 */
export function canonicalCell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'bigint') return v.toString();
  // PostgreSQL cannot store U+0000: the copy writes U+FFFD instead, and both sides read it so (text.ts).
  if (typeof v === 'string') return withoutNul(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Buffer.isBuffer(v)) return `x'${v.toString('hex')}'`;
  throw new Error(`cannot checksum a ${typeof v}`);
}

export function canonicalRow(values: readonly unknown[]): string {
  return JSON.stringify(values.map(canonicalCell)) + '\n';
}

/** Rows in, count and hex digest out. */
export class TableChecksum {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;
  /** Text values holding U+0000 (read as U+FFFD). */
  nulValues = 0;

  add(values: readonly unknown[]): void {
    for (const v of values) if (typeof v === 'string' && v.includes('\u0000')) this.nulValues++;
    this.hash.update(canonicalRow(values));
    this.rows++;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
