// Parsers for arguments several commands take: dates and spans, whole numbers, entry ids.
import type { StoredEntry } from '../store/index.ts';
import type { CliContext } from './context.ts';
import { UsageError } from './errors.ts';

/** Parses --since: an ISO date, or a relative span like 24h / 7d. */
export function parseSince(value: string, now = new Date()): string {
  const rel = /^(\d+)\s*([hd])$/.exec(value.trim());
  if (rel) return new Date(now.getTime() - Number(rel[1]) * (rel[2] === 'h' ? 3_600_000 : 86_400_000)).toISOString();
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new UsageError(`--since: expected a date (2024-01-31) or a span (24h, 7d), got "${value}"`);
  return new Date(t).toISOString();
}

/** Option and argument parser: a positive whole number, at most `max`. */
export function positiveInt(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0 || n > max) {
      throw new UsageError(
        `${name}: expected a whole number from 1 to ${max === Number.MAX_SAFE_INTEGER ? 'up' : max}, got "${value}"`,
      );
    }
    return n;
  };
}

const entryId = positiveInt('ENTRY_ID');

/** The stored entry an ENTRY_ID argument names; an id that is not stored is a usage error. */
export function storedEntry(ctx: CliContext, raw: string): StoredEntry {
  const id = entryId(raw);
  const entry = ctx.store().entries.get(id);
  if (!entry) throw new UsageError(`no entry #${id}`);
  return entry;
}
