// What `wireroom` loads as it starts, as users run it: bin/wireroom.js on the compiled and bundled dist/bundle/,
// nothing compiled at run time, and commands that do not tag, fetch or serve load none of those stages (issue #14: CLI
// start). A file of the bundle stands for the compiled modules it holds (dist/bundle/meta.json, esbuild's metafile).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PAGES } from '../../src/cli/commands/publish.ts';
import { STATIC_PAGES } from '../../src/publish/index.ts';
import { REPO_ROOT, tempDir, writeConfig } from '../helpers/env.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const configDir = writeConfig(tmp.dir, { sources: 'sources:\n  - id: a\n    url: http://127.0.0.1:9/feed.xml\n' });

// A module hook in the child that writes down every module it loads.
const hooks = path.join(tmp.dir, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
let out;
export function initialize(file) { out = file; }
export async function load(url, context, next) { appendFileSync(out, url + '\\n'); return next(url, context); }
`,
);
const preload = path.join(tmp.dir, 'preload.mjs');
writeFileSync(
  preload,
  `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: process.env.LOADED_FILE });
`,
);

/** The compiled modules (dist/...) and package files each file of dist/bundle/ holds, repo-relative. */
function bundleInputs(): Map<string, string[]> {
  const meta = JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist/bundle/meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  return new Map(Object.entries(meta.outputs).map(([file, o]) => [file, Object.keys(o.inputs)]));
}

/**
 * Runs `wireroom ...args` as a child; returns the repo-relative paths of the files it loaded, each bundle file
 * followed by the modules it holds.
 */
function loaded(args: string[], input = ''): string[] {
  const file = path.join(tmp.dir, `loaded-${args.join('-').replace(/\W+/g, '_')}.txt`);
  writeFileSync(file, '');
  const r = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(preload).href, path.join(REPO_ROOT, 'bin/wireroom.js'), '--config', configDir, ...args],
    { cwd: tmp.dir, input, encoding: 'utf8', env: { ...process.env, LOADED_FILE: file } },
  );
  expect(r.status, r.stderr).toBe(0);
  const root = pathToFileURL(REPO_ROOT).href + '/';
  const inputs = bundleInputs();
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith(root))
    .map((u) => u.slice(root.length))
    .flatMap((f) => [f, ...(inputs.get(f) ?? [])]);
}

/** The stages that tag, fetch and ingest, publish and serve. */
const HEAVY = /^(dist|src)\/(tag|worker|web|http|publish|editor|dedup|fetch|parse|sanitize)\//;

describe('wireroom start', () => {
  it.each(['--help', 'items --limit 5', 'sources list', 'users list'])(
    '%s runs compiled code and loads no tagging, fetching or serving stage',
    (command) => {
      const modules = loaded(command.split(' '));
      expect(modules).toContain('dist/bundle/main.js');
      expect(modules).toContain('dist/cli/main.js');
      expect(modules.filter((m) => m.startsWith('src/') || m.includes('node_modules/tsx/'))).toEqual([]);
      expect(modules.filter((m) => HEAVY.test(m))).toEqual([]);
    },
  );

  it('a command that tags loads the tagger (the check above can see it)', () => {
    const modules = loaded(['classify'], '{"title":"Strike in Lima"}\n');
    expect(modules).toContain('dist/tag/index.js');
  });

  it("publish's --pages default is publishing's own", () => {
    expect(DEFAULT_PAGES).toBe(STATIC_PAGES);
  });
});
