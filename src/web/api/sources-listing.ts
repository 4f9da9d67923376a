// sources.yaml read for listing only, without the yaml library's document model when the file keeps to the plain
// shape editors and `wireroom sources add` write (a `sources:` list of one-level maps with plain, simply quoted or
// flow-list values). At 10,000 sources the document model took about half a second; this reads the same file in a
// few milliseconds. Anything outside that shape (anchors, block scalars, nested blocks, escapes, a value YAML would
// read as something other than a string, number, boolean or null...) gives undefined, and the caller parses the
// file with the yaml library as before: this path never guesses.

/** The `sources` list as the yaml library's toJS() would give it, or undefined when the file is not plain enough. */
export function readPlainSourcesList(text: string): Record<string, unknown>[] | undefined {
  if (text.charCodeAt(0) === 0xfeff || text.includes('\t')) return undefined;
  const lines = text.split(/\r?\n/);
  const items: Record<string, unknown>[] = [];
  let inList = false;
  let dash = -1; // the column of the items' `-`
  let item: Record<string, unknown> | undefined;
  for (const line of lines) {
    if (/^ *(#.*)?$/.test(line)) continue;
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const body = line.slice(indent);
    if (indent === 0 && !body.startsWith('- ')) {
      // The only top-level key allowed is `sources`, once.
      const top = /^sources: *(#.*)?$/.exec(body);
      if (!top || inList) return undefined;
      inList = true;
      continue;
    }
    if (!inList) return undefined;
    if (body.startsWith('- ')) {
      if (dash < 0) dash = indent;
      if (indent !== dash) return undefined;
      item = {};
      items.push(item);
      if (!pair(item, body.slice(2))) return undefined;
    } else if (item && indent === dash + 2) {
      if (!pair(item, body)) return undefined;
    } else {
      return undefined;
    }
  }
  return items;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;

/** `key: value` into the map; false when it is not of the plain shape (or the key repeats). */
function pair(into: Record<string, unknown>, text: string): boolean {
  const m = KEY.exec(text);
  if (!m?.[1] || Object.hasOwn(into, m[1])) return false;
  const value = scalarOrList(m[2] ?? '');
  if (value === NOT_PLAIN) return false;
  into[m[1]] = value;
  return true;
}

const NOT_PLAIN = Symbol('not plain');

function scalarOrList(raw: string): unknown {
  // Only spaces are YAML's white space here (tabs were refused): a no-break space is content.
  const text = raw.replace(/^ +| +$/g, '');
  if (text === '' || text.startsWith('#')) return null;
  if (text.startsWith('[')) {
    const m = /^\[([^[\]{}#]*)\](?: +#.*)?$/.exec(text);
    if (!m) return NOT_PLAIN;
    const inner = (m[1] ?? '').replace(/^ +| +$/g, '');
    if (inner === '') return [];
    const values = inner.split(',').map((v) => quotedOrPlain(v.replace(/^ +| +$/g, ''), true));
    return values.some((v) => v === NOT_PLAIN) ? NOT_PLAIN : values;
  }
  return quotedOrPlain(text, false);
}

/** One scalar: "double" or 'single' quoted without escapes, or plain and resolved as YAML 1.2's core schema does. */
function quotedOrPlain(text: string, inFlow: boolean): unknown {
  const dq = /^"([^"\\]*)"(?: +#.*)?$/.exec(text);
  if (dq) return inFlow && / #/.test(text) ? NOT_PLAIN : dq[1];
  const sq = /^'((?:[^']|'')*)'(?: +#.*)?$/.exec(text);
  if (sq) return inFlow && / #/.test(text) ? NOT_PLAIN : (sq[1] ?? '').replace(/''/g, "'");
  // A plain scalar: no indicator first, no `: ` or trailing `:` (a map), a ` #` ends it (a comment).
  if (/^[?:,[\]{}#&*!|>'"%@`]|^-(?: |$)/.test(text)) return NOT_PLAIN;
  const cut = / #/.exec(text);
  if (cut && inFlow) return NOT_PLAIN;
  const value = (cut ? text.slice(0, cut.index) : text).replace(/ +$/, '');
  if (value === '' || /:( |$)/.test(value)) return NOT_PLAIN;
  return resolvePlain(value);
}

/** YAML 1.2 core schema: null, booleans and decimal integers as such; other numeric forms are left to the library. */
function resolvePlain(value: string): unknown {
  if (/^(?:~|null|Null|NULL)$/.test(value)) return null;
  if (/^(?:true|True|TRUE)$/.test(value)) return true;
  if (/^(?:false|False|FALSE)$/.test(value)) return false;
  if (/^[-+]?[0-9]+$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : NOT_PLAIN;
  }
  // Floats, 0x/0o numbers, .inf and .nan: rare in sources.yaml, and the library knows them exactly.
  if (/^[-+]?(?:\.[0-9]|[0-9]+[.eE])|^0[xo]|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(value)) return NOT_PLAIN;
  return value;
}
