import { UsageError } from './errors.ts';
// Plain-text tables and short times for terminal output.

export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.min(60, Math.max(...cells.map((r) => (r[i] ?? '').length))));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : (c ?? '').slice(0, widths[i]).padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** "3 min ago", "in 12 min", or the date for anything further than a day. */
export function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '-';
  const diff = (now - Date.parse(iso)) / 1000;
  const abs = Math.abs(diff);
  const span =
    abs < 90
      ? `${Math.round(abs)} s`
      : abs < 5400
        ? `${Math.round(abs / 60)} min`
        : abs < 86400
          ? `${Math.round(abs / 3600)} h`
          : '';
  if (!span) return iso.slice(0, 16).replace('T', ' ');
  return diff >= 0 ? `${span} ago` : `in ${span}`;
}

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
