// The layout rule of docs/architecture.md, checked on the code: a stage reaches another only through its index.ts
// (or the shared src/types.ts, src/log.ts and src/package-root.ts, or a second entry point the document names), and only in the
// directions the document lists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/env.ts';

const SRC = path.join(REPO_ROOT, 'src');
const SHARED = new Set(['types.ts', 'log.ts', 'package-root.ts']);
/**
 * Entry points besides index.ts, each named in docs/architecture.md: the tagger alone and the retag scope test, for
 * prepare threads, which must not load the tag stage's taxonomy loader (zod, YAML, config/).
 */
const SECOND_ENTRIES = new Set(['tag/tagger.ts', 'tag/scope.ts']);

/** Which stages each stage may import: the arrows of docs/architecture.md. */
const ALLOWED: Record<string, string[]> = {
  calendar: [],
  config: [],
  fetch: [],
  parse: [],
  sanitize: [],
  normalize: ['calendar', 'sanitize'],
  tag: ['calendar', 'config'],
  store: [],
  auth: ['store'],
  dedup: ['normalize', 'store'],
  publish: ['config', 'store', 'tag'],
  worker: ['config', 'dedup', 'fetch', 'normalize', 'parse', 'store', 'tag'],
  editor: ['auth', 'config', 'dedup', 'publish', 'store', 'tag', 'worker'],
  http: ['config', 'publish', 'store'],
  web: ['auth', 'config', 'dedup', 'editor', 'fetch', 'publish', 'store', 'tag', 'worker'],
  cli: ['auth', 'config', 'dedup', 'editor', 'http', 'publish', 'store', 'tag', 'web', 'worker'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

const stageOf = (file: string) => path.relative(SRC, file).split(path.sep)[0] ?? '';

const imports = files(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => ({
    from: path.relative(SRC, file),
    to: path.relative(SRC, path.resolve(path.dirname(file), m[1] ?? '')),
  })),
);

describe('imports follow docs/architecture.md', () => {
  it('every stage in src/ is listed', () => {
    const stages = readdirSync(SRC).filter((n) => statSync(path.join(SRC, n)).isDirectory());
    expect(stages.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it("no stage imports another stage's internals", () => {
    const internal = imports.filter(({ from, to }) => {
      const target = to.split(path.sep);
      if (target[0] === from.split(path.sep)[0] || SHARED.has(to) || SECOND_ENTRIES.has(target.join('/'))) return false;
      return !(target.length === 2 && target[1] === 'index.ts');
    });
    expect(internal.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('stages import each other only in the documented directions', () => {
    const wrong = imports.filter(({ from, to }) => {
      const a = stageOf(path.join(SRC, from));
      const b = to.split(path.sep)[0] ?? '';
      return a !== b && !SHARED.has(to) && !ALLOWED[a]?.includes(b);
    });
    expect(wrong.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });
});

/** Relative modules a file imports, statically or with import('...'), resolved to paths. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] ?? '');
  return specs.map((s) => path.resolve(path.dirname(file), s));
}

describe('bench/ runs outside vitest', () => {
  // `npm run bench` is plain node: a module that imports vitest (a test helper with a hook) throws on load there, as
  // the console bench did when tests/web/harness.ts gained an afterAll.
  it('no bench module reaches a module that imports vitest', () => {
    const bench = path.join(REPO_ROOT, 'bench');
    const todo = files(bench);
    const seen = new Set(todo);
    const offending: string[] = [];
    while (todo.length) {
      const file = todo.pop() as string;
      if (/from 'vitest'/.test(readFileSync(file, 'utf8'))) offending.push(path.relative(REPO_ROOT, file));
      for (const next of relativeImports(file))
        if (next.endsWith('.ts') && !seen.has(next)) {
          seen.add(next);
          todo.push(next);
        }
    }
    expect(offending).toEqual([]);
  });
});
