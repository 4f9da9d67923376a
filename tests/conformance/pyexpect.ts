// Reads the common shapes of feedparser's `Expect:` Python expressions (no evaluator: pattern matching only).

export type PyValue = string | number | boolean | null | PyValue[];

export type Clause =
  | { kind: 'bozo'; want: boolean }
  | { kind: 'eq'; path: Array<string | number>; value: PyValue; negate: boolean }
  | { kind: 'unsupported'; text: string };

/** Splits on top-level ` and ` (outside strings and brackets). */
export function splitAnd(expr: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (depth === 0 && expr.startsWith(' and ', i)) {
      parts.push(expr.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim());
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"' };

function unescape(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, e: string) => {
    if (/^[xuU]/.test(e) && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? `\\${e}`;
  });
}

/** Python literal: strings (u'', concatenated with +), ints, tuples, True/False/None. */
export function parseLiteral(src: string): PyValue | undefined {
  const s = src.trim();
  if (/^-?\d+$/.test(s)) return Number(s);
  if (s === 'True' || s === 'False') return s === 'True';
  if (s === 'None') return null;
  if (s.startsWith('(') && s.endsWith(')')) {
    const items = s
      .slice(1, -1)
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
      .map(parseLiteral);
    return items.every((x) => x !== undefined) ? (items as PyValue[]) : undefined;
  }
  let out = '';
  let rest = s;
  while (rest.length) {
    const m = /^[uUbB]?(['"])((?:\\.|(?!\1).)*)\1\s*(?:\+\s*)?/s.exec(rest);
    if (!m) return undefined;
    out += unescape(m[2]!);
    rest = rest.slice(m[0].length);
  }
  return s.length ? out : undefined;
}

/** entries[0]['content'][0]['value'] or entries[0].tags[0].term -> ['entries', 0, 'content', 0, 'value'] */
export function parsePath(src: string): Array<string | number> | undefined {
  const s = src.trim();
  const head = /^(entries|feed)/.exec(s);
  if (!head) return undefined;
  const path: Array<string | number> = [head[1]!];
  let rest = s.slice(head[0].length);
  while (rest.length) {
    const m = /^(?:\[(\d+)\]|\[\s*u?'([^']*)'\s*\]|\[\s*u?"([^"]*)"\s*\]|\.(\w+))/.exec(rest);
    if (!m) return undefined;
    path.push(m[1] !== undefined ? Number(m[1]) : (m[2] ?? m[3] ?? m[4])!);
    rest = rest.slice(m[0].length);
  }
  return path;
}

export function parseClause(text: string): Clause {
  const t = text.trim().replace(/^\((.*)\)$/s, '$1');
  if (t === 'bozo' || t === 'bozo == 1' || t === 'bozo == True') return { kind: 'bozo', want: true };
  if (t === 'not bozo' || t === 'bozo == 0' || t === 'bozo == False') return { kind: 'bozo', want: false };
  const m = /^(.+?)\s*(==|!=)\s*(.+)$/s.exec(t);
  if (m) {
    const path = parsePath(m[1]!);
    const value = parseLiteral(m[3]!);
    if (path && value !== undefined) return { kind: 'eq', path, value, negate: m[2] === '!=' };
  }
  return { kind: 'unsupported', text: t };
}
