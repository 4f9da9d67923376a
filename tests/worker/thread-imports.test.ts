// A prepare thread loads only what it runs: every module its entry imports, transitively, read from the sources.
// The configuration loader (zod, YAML and config/) cost each thread about 5 MB of heap for nothing: the taxonomy
// comes from the main thread already loaded (#14).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Module specifiers a file loads at run time: `import ... from`, `export ... from` and bare imports, not types. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'/gms)) {
    const [, , typeOnly, names = '', spec = ''] = m;
    // `import { type A, type B }` is erased as wholly as `import type { A }`.
    const allTypes = /^\{[^}]*\}$/.test(names.trim()) && !/(^|[{,])\s*(?!type\s)\w/.test(names.trim());
    if (!typeOnly && !allTypes) specs.push(spec);
  }
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) specs.push(m[1] ?? '');
  return specs;
}

/** Every source file and package a module loads, following relative imports. */
function loadedBy(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) walk(path.resolve(path.dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  walk(path.join(SRC, entry));
  return { files, packages };
}

describe('a prepare thread', () => {
  const { files, packages } = loadedBy('worker/thread.ts');
  const relative = [...files].map((f) => path.relative(SRC, f));

  it('loads the parser, the sanitizer and the tagger', () => {
    expect(relative).toEqual(expect.arrayContaining(['parse/index.ts', 'sanitize/index.ts', 'tag/tagger.ts']));
    expect([...packages]).toEqual(expect.arrayContaining(['rss-parser', 'sanitize-html']));
  });

  it('does not load the configuration loader, zod or YAML', () => {
    expect(relative.filter((f) => f.startsWith('config/') || f === 'tag/taxonomy.ts')).toEqual([]);
    expect([...packages].filter((p) => p === 'zod' || p === 'yaml')).toEqual([]);
  });

  it('is told apart by this reader: the pool itself loads the taxonomy loader', () => {
    const pool = loadedBy('worker/threads.ts');
    expect([...pool.files].map((f) => path.relative(SRC, f))).toContain('tag/taxonomy.ts');
    expect([...pool.packages]).toContain('zod');
  });
});
