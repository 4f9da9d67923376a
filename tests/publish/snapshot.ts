// `npm run snapshot:feeds -- OUT [--root CHECKOUT]`: ingests every feed document of ../shared/corpus (and the
// bundled seed sample) as file: sources through a checkout's own CLI, then writes every published feed and page
// with `wireroom publish --out OUT`. Run it on two commits and `diff -r` the folders to show what a change does to
// published output. Only the CLI is used, so it runs against any commit's worktree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkoutArgs, corpusFeedDocuments } from '../helpers/checkout-script.ts';

const { root, out } = checkoutArgs('npm run snapshot:feeds -- OUT [--root CHECKOUT]');
const { corpus, files: documents } = corpusFeedDocuments();

const work = mkdtempSync(path.join(os.tmpdir(), 'wireroom-snapshot-'));
const config = path.join(work, 'config');
mkdirSync(config);
// One thread and one fetch at a time: entries get ids in the same order on every run.
writeFileSync(
  path.join(config, 'wireroom.yaml'),
  [
    'site:\n  title: snapshot\n  base_url: http://127.0.0.1:8080/',
    'schedule:\n  run_on_start: false',
    'fetch:\n  concurrency: 1\n  per_host: 1\n  max_body_bytes: 10485760',
    'retention:\n  days: 36500',
    'ingest:\n  threads: 0',
    '',
  ].join('\n'),
);
const sources = documents.map((file, n) => {
  const id = `c${String(n).padStart(4, '0')}`;
  return `  - id: ${id}\n    url: ${JSON.stringify(pathToFileURL(path.join(corpus, file)).href)}\n    title: ${JSON.stringify(file)}`;
});
writeFileSync(path.join(config, 'sources.yaml'), `sources:\n${sources.join('\n')}\n`);

const cli = (...argv: string[]) =>
  execFileSync(
    process.execPath,
    [path.join(root, 'bin/wireroom.js'), ...argv, '--config', config, '--db', path.join(work, 'db.sqlite')],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, WIREROOM_LOG_LEVEL: 'error' },
    },
  );
const started = new Date();
cli('fetch');
const target = path.resolve(out);
cli('publish', '--out', target, '--pages', '3');
rmSync(work, { recursive: true, force: true });

// Entries without a usable date are dated at ingest, and feeds carry the time they were built: both are the
// run's own clock, so they are written as NOW to keep two snapshots comparable.
const day = started.toISOString().slice(0, 10);
const rfcDay = started.toUTCString().slice(0, 16);
const volatile = [
  new RegExp(`${day}T\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:\\d\\d)`, 'g'),
  new RegExp(`${rfcDay} \\d\\d:\\d\\d:\\d\\d GMT`, 'g'),
  new RegExp(`${day} \\d\\d:\\d\\d UTC`, 'g'),
];
let files = 0;
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else {
      files++;
      const text = readFileSync(p, 'utf8');
      const fixed = volatile.reduce((t, re) => t.replace(re, 'NOW'), text);
      if (fixed !== text) writeFileSync(p, fixed);
    }
  }
};
walk(target);
console.log(`${documents.length} corpus documents -> ${files} files in ${target}`);
