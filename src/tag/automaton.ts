// A token trie: every phrase is a path of folded tokens. Matching walks it once from each token position and
// keeps the longest phrase (leftmost-longest, non-overlapping), so "South Sudan" beats "Sudan" and
// "New Mexico" beats "Mexico" without any special case. Cost is O(tokens x longest phrase), no regexes.

interface Affix<P> {
  affix: string;
  node: Node<P>;
}

interface Node<P> {
  next?: Map<string, Node<P>>;
  /** Edges for tokens starting with an affix ("huelg*"), indexed by its first MIN_AFFIX letters. */
  prefixes?: Map<string, Affix<P>[]>;
  /** Edges for tokens ending with an affix ("*streik", for German compounds), indexed by its last MIN_AFFIX letters. */
  suffixes?: Map<string, Affix<P>[]>;
  payload?: P[];
}

/** Shortest affix a wildcard may have: shorter ones would match almost anything. */
export const MIN_AFFIX = 3;

function edge<P>(index: Map<string, Affix<P>[]>, key: string, affix: string): Node<P> {
  const list = index.get(key) ?? [];
  if (!list.length) index.set(key, list);
  let e = list.find((x) => x.affix === affix);
  if (!e) list.push((e = { affix, node: {} }));
  return e.node;
}

export interface TrieMatch<P> {
  /** First and one-past-last token index. */
  from: number;
  to: number;
  payload: P[];
}

export class TokenTrie<P> {
  private readonly root: Node<P> = {};
  private longest = 0;

  /**
   * Adds a phrase of folded tokens. A token ending in "*" matches any token with that prefix, one starting
   * with "*" any token with that suffix; affixes shorter than MIN_AFFIX are taken literally.
   */
  add(tokens: readonly string[], payload: P): void {
    if (!tokens.length) return;
    let node = this.root;
    for (const tok of tokens) {
      if (tok.length > MIN_AFFIX && tok.endsWith('*')) {
        const affix = tok.slice(0, -1);
        node = edge((node.prefixes ??= new Map()), affix.slice(0, MIN_AFFIX), affix);
      } else if (tok.length > MIN_AFFIX && tok.startsWith('*')) {
        const affix = tok.slice(1);
        node = edge((node.suffixes ??= new Map()), affix.slice(-MIN_AFFIX), affix);
      } else {
        node.next ??= new Map();
        let child = node.next.get(tok);
        if (!child) node.next.set(tok, (child = {}));
        node = child;
      }
    }
    (node.payload ??= []).push(payload);
    this.longest = Math.max(this.longest, tokens.length);
  }

  /** Leftmost-longest, non-overlapping matches over a token sequence. */
  match(tokens: readonly string[]): TrieMatch<P>[] {
    const out: TrieMatch<P>[] = [];
    const n = tokens.length;
    let i = 0;
    while (i < n) {
      const best = this.longestAt(tokens, i);
      if (best) {
        out.push(best);
        i = best.to;
      } else {
        i++;
      }
    }
    return out;
  }

  /** Children of `node` that accept `tok`, pushed onto `out`; returns how many. */
  private step(node: Node<P>, tok: string, out: [Node<P>, number][], at: number): number {
    let n = 0;
    const child = node.next?.get(tok);
    if (child) (out.push([child, at]), n++);
    if (node.prefixes && tok.length >= MIN_AFFIX) {
      const list = node.prefixes.get(tok.slice(0, MIN_AFFIX));
      if (list) for (const p of list) if (tok.startsWith(p.affix)) (out.push([p.node, at]), n++);
    }
    if (node.suffixes && tok.length > MIN_AFFIX) {
      const list = node.suffixes.get(tok.slice(-MIN_AFFIX));
      if (list) for (const p of list) if (tok.length > p.affix.length && tok.endsWith(p.affix)) (out.push([p.node, at]), n++);
    }
    return n;
  }

  private readonly stack: [Node<P>, number][] = [];

  private longestAt(tokens: readonly string[], from: number): TrieMatch<P> | undefined {
    // Most tokens start nothing: the first step decides that without further work.
    const stack = this.stack;
    stack.length = 0;
    if (!this.step(this.root, tokens[from]!, stack, from + 1)) return undefined;
    let best: TrieMatch<P> | undefined;
    while (stack.length) {
      const [node, at] = stack.pop()!;
      if (node.payload && (!best || at > best.to)) best = { from, to: at, payload: node.payload };
      if (at < tokens.length && at - from < this.longest) this.step(node, tokens[at]!, stack, at + 1);
    }
    return best;
  }
}
