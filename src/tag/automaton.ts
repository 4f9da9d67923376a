// A token trie: every phrase is a path of folded tokens. Matching walks it once from each token position and
// keeps the longest phrase (leftmost-longest, non-overlapping), so "South Sudan" beats "Sudan" and
// "New Mexico" beats "Mexico" without any special case. Cost is O(tokens x longest phrase), no regexes.

interface Node<P> {
  next?: Map<string, Node<P>>;
  /** Edges that match any token starting with the key ("huelg*"). */
  prefixes?: { prefix: string; node: Node<P> }[];
  payload?: P[];
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

  /** Adds a phrase of folded tokens; a token ending in "*" matches any token with that prefix. */
  add(tokens: readonly string[], payload: P): void {
    if (!tokens.length) return;
    let node = this.root;
    for (const tok of tokens) {
      if (tok.length > 1 && tok.endsWith('*')) {
        const prefix = tok.slice(0, -1);
        node.prefixes ??= [];
        let edge = node.prefixes.find((p) => p.prefix === prefix);
        if (!edge) node.prefixes.push((edge = { prefix, node: {} }));
        node = edge.node;
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

  private longestAt(tokens: readonly string[], from: number): TrieMatch<P> | undefined {
    let best: TrieMatch<P> | undefined;
    // Depth-first over exact and prefix edges; prefix edges are few, so this stays small.
    const walk = (node: Node<P>, at: number): void => {
      if (node.payload && at > from && (!best || at > best.to)) best = { from, to: at, payload: node.payload };
      if (at >= tokens.length || at - from >= this.longest) return;
      const tok = tokens[at]!;
      const child = node.next?.get(tok);
      if (child) walk(child, at + 1);
      if (node.prefixes) for (const p of node.prefixes) if (tok.startsWith(p.prefix)) walk(p.node, at + 1);
    };
    walk(this.root, from);
    return best;
  }
}
