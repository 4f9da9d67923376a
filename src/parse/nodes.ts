// Helpers over xml2js nodes (what rss-parser hands back for customFields with keepArray).
// A node is a string, or { _: text, $: attributes, child: Node[] }.

export type XNode = string | XObj;
export interface XObj {
  _?: string;
  $?: Record<string, string>;
  [child: string]: unknown;
}

export const isObj = (v: unknown): v is XObj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function list(v: unknown): XNode[] {
  if (v === undefined || v === null) return [];
  const a = Array.isArray(v) ? v : [v];
  return a.filter((n): n is XNode => typeof n === 'string' || isObj(n));
}

export function text(n: unknown): string | undefined {
  if (typeof n === 'string') return n;
  if (isObj(n) && typeof n._ === 'string') return n._;
  return undefined;
}

export function attr(n: unknown, name: string): string | undefined {
  return isObj(n) && n.$ && typeof n.$[name] === 'string' ? n.$[name] : undefined;
}

export function child(n: unknown, name: string): XNode | undefined {
  return isObj(n) ? list(n[name])[0] : undefined;
}

export function firstText(v: unknown): string | undefined {
  for (const n of list(v)) {
    const t = text(n)?.trim();
    if (t) return t;
  }
  return undefined;
}

/** Resolves ref against base when possible; leaves it alone when the base is unusable. */
export function resolveUrl(ref: string | undefined, base: string | undefined): string | undefined {
  if (ref === undefined) return base;
  if (!base) return ref;
  try {
    return new URL(ref.trim(), base).href;
  } catch {
    return ref;
  }
}
