// Plain-text tables and short times for terminal output.

export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.min(60, Math.max(...cells.map((r) => (r[i] ?? '').length))));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** "42 s", "12 min", "3 h"; undefined for a day or more. */
function shortSpan(seconds: number): string | undefined {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h`;
  return undefined;
}

/** "3 min ago", "in 12 min", or the date for anything further than a day. */
export function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '-';
  const diff = (now - Date.parse(iso)) / 1000;
  const span = shortSpan(Math.abs(diff));
  if (!span) return iso.slice(0, 16).replace('T', ' ');
  return diff >= 0 ? `${span} ago` : `in ${span}`;
}
