// A token trie: every phrase is a path of folded tokens. Matching walks it once from each token position and
// keeps the longest phrase (leftmost-longest, non-overlapping), so "South Sudan" beats "Sudan" and
// "New Mexico" beats "Mexico" without any special case. Cost is O(tokens x longest phrase), no regexes.

interface Affix<P> {
  affix: string;
  node: Node<P>;
}

/** A trie node, opaque outside this file: what `startsOf` returns and `match` takes back. */
export type TrieNode<P> = Node<P>;

interface Node<P> {
  next?: Map<string, Node<P>>;
  /** Edges for tokens starting with an affix ("huelg*"), indexed by its first MIN_AFFIX letters. */
  prefixes?: Map<string, Affix<P>[]>;
  /** Edges for tokens ending with an affix ("*streik", for German compounds), indexed by its last MIN_AFFIX letters. */
  suffixes?: Map<string, Affix<P>[]>;
  payload?: P[];
}

// Every node has all four fields from birth, so the walk reads nodes of one shape (V8 keeps it monomorphic).
const newNode = <P>(): Node<P> => ({ next: undefined, prefixes: undefined, suffixes: undefined, payload: undefined });

/** Shortest affix a wildcard may have: shorter ones would match almost anything. */
export const MIN_AFFIX = 3;

function edge<P>(index: Map<string, Affix<P>[]>, key: string, affix: string): Node<P> {
  const list = index.get(key) ?? [];
  if (!list.length) index.set(key, list);
  let e = list.find((x) => x.affix === affix);
  if (!e) list.push((e = { affix, node: newNode() }));
  return e.node;
}

export interface TrieMatch<P> {
  /** First and one-past-last token index. */
  from: number;
  to: number;
  payload: P[];
}

/** Distinct tokens whose first step is remembered per trie; past this the memo starts over. */
const START_MEMO_MAX = 50_000;
/** Longer tokens are rare enough not to be remembered. */
const START_MEMO_CHARS = 40;
/**
 * V8 keeps a slice of 13 characters or more as a view of its whole string: a token kept as a key would pin its
 * entry's text. The key is copied first ("x" + token is a new string; slicing that views only the copy).
 */
const SLICE_MIN_CHARS = 12;
const ownCopy = (tok: string) => `_${tok}`.slice(1);
const NO_NODES: readonly never[] = [];

export class TokenTrie<P> {
  private readonly root: Node<P> = newNode();
  private longest = 0;
  /** Token -> nodes one step from the root. Most tokens repeat and start nothing, so one lookup settles them. */
  private readonly startMemo = new Map<string, readonly Node<P>[]>();
  // The walk's stack as parallel arrays (node, token index after it): no tuple per step. Empty between calls.
  private readonly stackNodes: Node<P>[] = [];
  private readonly stackAts: number[] = [];
  /** Every edge below the root: a token none of them accepts ends every phrase before it (see `continues`). */
  private readonly innerWords = new Set<string>();
  private readonly innerPrefixes: string[] = [];
  private readonly innerSuffixes: string[] = [];

  /**
   * Adds a phrase of folded tokens. A token ending in "*" matches any token with that prefix, one starting
   * with "*" any token with that suffix; affixes shorter than MIN_AFFIX are taken literally.
   */
  add(tokens: readonly string[], payload: P): void {
    if (!tokens.length) return;
    this.startMemo.clear();
    let node = this.root;
    for (const tok of tokens) {
      const inner = node !== this.root;
      if (tok.length > MIN_AFFIX && tok.endsWith('*')) {
        const affix = tok.slice(0, -1);
        node = edge((node.prefixes ??= new Map()), affix.slice(0, MIN_AFFIX), affix);
        if (inner && !this.innerPrefixes.includes(affix)) this.innerPrefixes.push(affix);
      } else if (tok.length > MIN_AFFIX && tok.startsWith('*')) {
        const affix = tok.slice(1);
        node = edge((node.suffixes ??= new Map()), affix.slice(-MIN_AFFIX), affix);
        if (inner && !this.innerSuffixes.includes(affix)) this.innerSuffixes.push(affix);
      } else {
        if (inner) this.innerWords.add(tok);
        node.next ??= new Map();
        let child = node.next.get(tok);
        if (!child) node.next.set(tok, (child = newNode()));
        node = child;
      }
    }
    (node.payload ??= []).push(payload);
    this.longest = Math.max(this.longest, tokens.length);
  }

  /**
   * Whether some edge below the root accepts `tok`: when not, no phrase goes on past the token before it. Most tokens
   * that start a phrase ("de", "the", "la") are followed by one that continues none, and the walk stops there.
   */
  continues(tok: string): boolean {
    if (this.innerWords.has(tok)) return true;
    for (const a of this.innerPrefixes) if (tok.startsWith(a)) return true;
    for (const a of this.innerSuffixes) if (tok.length > a.length && tok.endsWith(a)) return true;
    return false;
  }

  /**
   * Leftmost-longest, non-overlapping matches over a token sequence. `startsAt`, when given, returns token i's
   * `startsOf` already looked up, `continuesAt` its `continues` (the tagger keeps both per distinct word, see text.ts
   * createTokenizer). `accept`, when given, may refuse a match (the text's case does not fit any of its readings): the
   * words inside it can then start matches of their own ("en la Moncloa": not "La Moncloa", but "Moncloa").
   */
  match(
    tokens: readonly string[],
    startsAt?: (i: number) => readonly TrieNode<P>[],
    continuesAt?: (i: number) => boolean | undefined,
    accept?: (m: TrieMatch<P>) => boolean,
  ): TrieMatch<P>[] {
    const out: TrieMatch<P>[] = [];
    const n = tokens.length;
    let i = 0;
    while (i < n) {
      const first = startsAt ? startsAt(i) : this.startsOf(tokens[i] ?? '');
      const best = first.length ? this.longestAt(tokens, i, first, continuesAt) : undefined;
      if (best && (!accept || accept(best))) {
        out.push(best);
        i = best.to;
      } else {
        i++;
      }
    }
    return out;
  }

  /** Children of `node` that accept `tok`, pushed onto `out` (exact edge, then prefixes, then suffixes). */
  private step(node: Node<P>, tok: string, out: Node<P>[]): void {
    const child = node.next?.get(tok);
    if (child) out.push(child);
    if (node.prefixes && tok.length >= MIN_AFFIX) {
      const list = node.prefixes.get(tok.slice(0, MIN_AFFIX));
      if (list) for (const p of list) if (tok.startsWith(p.affix)) out.push(p.node);
    }
    if (node.suffixes && tok.length > MIN_AFFIX) {
      const list = node.suffixes.get(tok.slice(-MIN_AFFIX));
      if (list) for (const p of list) if (tok.length > p.affix.length && tok.endsWith(p.affix)) out.push(p.node);
    }
  }

  /** The root's step for a token, not remembered: for a caller that keeps it per word itself. */
  firstStep(tok: string): readonly Node<P>[] {
    const found: Node<P>[] = [];
    this.step(this.root, tok, found);
    return found.length ? found : NO_NODES;
  }

  /** The root's step for a token, memoized: the same in every text, and the bulk of the matching work. */
  startsOf(tok: string): readonly Node<P>[] {
    let starts = this.startMemo.get(tok);
    if (starts === undefined) {
      starts = this.firstStep(tok);
      if (tok.length > START_MEMO_CHARS) return starts;
      if (this.startMemo.size >= START_MEMO_MAX) this.startMemo.clear();
      this.startMemo.set(tok.length > SLICE_MIN_CHARS ? ownCopy(tok) : tok, starts);
    }
    return starts;
  }

  /** Payload lists merged on a tie, kept so that the same tie gives the same array (callers memoize by it). */
  private readonly mergedMemo = new Map<P[], Map<P[], P[]>>();

  private merged(a: P[], b: P[]): P[] {
    let inner = this.mergedMemo.get(a);
    if (!inner) this.mergedMemo.set(a, (inner = new Map()));
    let m = inner.get(b);
    if (!m) inner.set(b, (m = [...a, ...b.filter((x) => !a.includes(x))]));
    return m;
  }

  private longestAt(
    tokens: readonly string[],
    from: number,
    starts: readonly Node<P>[],
    continuesAt: ((i: number) => boolean | undefined) | undefined,
  ): TrieMatch<P> | undefined {
    const nodes = this.stackNodes;
    const ats = this.stackAts;
    for (const s of starts) {
      ats[nodes.length] = from + 1;
      nodes.push(s);
    }
    let bestTo = -1;
    let bestPayload: P[] | undefined;
    for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
      const at = ats[nodes.length] ?? from;
      if (node.payload && at > bestTo) {
        bestTo = at;
        bestPayload = node.payload;
      } else if (node.payload && at === bestTo && bestPayload && bestPayload !== node.payload) {
        // Several nodes match the same words ("indigena*", "indigen*", an exact word): one match, every payload.
        bestPayload = this.merged(bestPayload, node.payload);
      }
      if (at < tokens.length && at - from < this.longest && (continuesAt?.(at) ?? true)) {
        const base = nodes.length;
        this.step(node, tokens[at] ?? '', nodes);
        for (let k = base; k < nodes.length; k++) ats[k] = at + 1;
      }
    }
    return bestPayload ? { from, to: bestTo, payload: bestPayload } : undefined;
  }
}
