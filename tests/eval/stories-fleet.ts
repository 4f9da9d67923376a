// The story eval through the whole pipeline, with 1 and with 4 PostgreSQL workers at once (issue #15): every entry
// of the cluster eval (tests/eval/stories.ts: the pairs' entries and the story groups, 534 items over 75 sources) is
// served on loopback, one RSS feed per source, and fetched by `wireroom worker --once` processes on a fresh database
// each time. The stories they store are scored as the cluster eval scores them (pairwise precision and recall
// against the gold stories). Arms:
//   sqlite    one `wireroom fetch` on a SQLite file: the baseline, the same pipeline on the default store
//   pg x1     one worker
//   pg x4     four workers started together (several runs: which worker stores which copy first varies)
// Each arm also says how many items ended in a story other than the sqlite arm's (0: the same stories).
//
//   node --import tsx tests/eval/stories-fleet.ts [--runs N]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { clusterItems, scoreClusters, type ClusterItem } from './stories.ts';
import { REPO_ROOT, startServer, tempDir, writeConfig } from '../helpers/env.ts';
import { startPostgres } from '../helpers/postgres.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One source's items as an RSS feed: guid eval-<index>, per-item language, the content when the item has one. */
export function feedOf(items: readonly ClusterItem[], indexes: readonly number[]): string {
  const body = indexes
    .map((i) => {
      const e = (items[i] as ClusterItem).entry;
      return (
        `<item><guid isPermaLink="false">eval-${i}</guid><title>${esc(e.title)}</title>` +
        (e.url ? `<link>${esc(e.url)}</link>` : '') +
        `<description>${esc(e.summary)}</description>` +
        (e.content ? `<content:encoded>${esc(e.content)}</content:encoded>` : '') +
        (e.language ? `<dc:language>${esc(e.language)}</dc:language>` : '') +
        `<pubDate>${new Date(e.published).toUTCString()}</pubDate></item>`
      );
    })
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
    `xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>eval</title>` +
    `<link>https://eval.example/</link><description>story eval</description>\n${body}\n</channel></rss>`
  );
}

/** `wireroom ...args`: what it printed; rejects on a non-zero exit, with its log. */
function wireroom(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/wireroom.js'), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let log = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (log += d));
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`wireroom ${args.join(' ')} exited ${code}:\n${log.slice(-3000)}`)),
    );
  });
}

/** A `--json` cycle report's stories made and duration (the last JSON line printed). */
function reportOf(out: string): { storiesMade: number; durationMs: number } {
  const text = out.trim();
  const r = JSON.parse(text.slice(text.startsWith('{') ? 0 : text.lastIndexOf('\n{') + 1)) as {
    storiesMade?: number;
    durationMs?: number;
  };
  return { storiesMade: r.storiesMade ?? NaN, durationMs: r.durationMs ?? NaN };
}

/** Runs statements as the server's superuser. */
async function adminQuery(url: string, statements: string[]): Promise<void> {
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Stories as sorted lists of item indexes, from (guid, story) rows; an entry with no story is alone. */
function clustersOf(rows: readonly { guid: string; story_id: number | null }[]): number[][] {
  const byStory = new Map<string, number[]>();
  for (const r of rows) {
    const i = Number(/^eval-(\d+)$/.exec(r.guid)?.[1]);
    if (!Number.isInteger(i)) throw new Error(`unexpected guid ${r.guid}`);
    const key = r.story_id === null ? `alone-${i}` : String(r.story_id);
    byStory.set(key, [...(byStory.get(key) ?? []), i]);
  }
  return [...byStory.values()].map((c) => c.sort((a, b) => a - b)).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

/** Items whose story (as a set of items) differs between two clusterings. */
function itemsMoved(a: readonly number[][], b: readonly number[][]): number {
  const storyOf = (cs: readonly number[][]) => new Map(cs.flatMap((c) => c.map((i) => [i, c.join(',')] as const)));
  const sa = storyOf(a);
  const sb = storyOf(b);
  let n = 0;
  for (const [i, s] of sa) if (sb.get(i) !== s) n++;
  for (const i of sb.keys()) if (!sa.has(i)) n++;
  return n;
}

export interface ArmResult {
  arm: string;
  entries: number;
  stories: number;
  precision: number;
  recall: number;
  seconds: number;
  clusters: number[][];
}

export async function runFleetStoryEval(opts: { runs?: number; log?: (line: string) => void } = {}) {
  const log = opts.log ?? (() => {});
  const { items, apart } = clusterItems();
  const bySource = new Map<string, number[]>();
  items.forEach((it, i) => bySource.set(it.entry.source, [...(bySource.get(it.entry.source) ?? []), i]));
  const feeds = new Map([...bySource].map(([s, ix]) => [`/${s}.xml`, feedOf(items, ix)]));
  const server = await startServer((req, res) => {
    const body = feeds.get((req.url ?? '').split('?')[0] ?? '');
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
  });
  const pg = await startPostgres();
  // Lock waits longer than 100 ms go to the server log, counted per arm: what the story key locks cost.
  await adminQuery(pg.url('postgres'), [
    'ALTER SYSTEM SET log_lock_waits = on',
    "ALTER SYSTEM SET deadlock_timeout = '100ms'",
    'SELECT pg_reload_conf()',
  ]);
  const serverLog = path.join(pg.dir, 'server.log');
  const lockWaits = () => readFileSync(serverLog, 'utf8').match(/still waiting for \w+ on [a-z ]+/g) ?? [];
  /** Waits logged since `before`, by what was waited on (an advisory lock: a story key). */
  const waitsSince = (before: number) => {
    const by = new Map<string, number>();
    for (const w of lockWaits().slice(before)) {
      const on = w
        .replace(/^still waiting for \w+ on /, '')
        .replace(/ of .*$/, '')
        .trim();
      by.set(on, (by.get(on) ?? 0) + 1);
    }
    return by.size ? [...by].map(([on, k]) => `${k} on ${on}`).join(', ') : 'none';
  };
  const tmp = tempDir('wireroom-story-fleet-');
  const sources = [...bySource.keys()].map((s) => `  - id: ${s}\n    url: ${server.url}/${s}.xml\n`).join('');
  let n = 0;
  /** A project folder on `database`: entries from 2022 on are kept (retention), all sources on one host. */
  const project = (database: string) =>
    writeConfig(path.join(tmp.dir, `p${++n}`), {
      main:
        `database: ${database}\nretention:\n  days: 20000\nschedule:\n  run_on_start: false\ningest:\n  threads: 1\n` +
        `fetch:\n  per_host: 8\n  concurrency: 8\n  timeout_seconds: 30\n  allow_private: ["127.0.0.1"]\n`,
      sources: `sources:\n${sources}`,
    });
  const results: ArmResult[] = [];
  const score = (arm: string, rows: { guid: string; story_id: number | null }[], seconds: number) => {
    const clusters = clustersOf(rows);
    const s = scoreClusters(items, apart, clusters);
    const r = {
      arm,
      entries: rows.length,
      stories: clusters.length,
      precision: s.precision,
      recall: s.recall,
      seconds,
      clusters,
    };
    results.push(r);
    log(
      `${arm.padEnd(10)} ${r.entries} entries, ${r.stories} stories, precision ${r.precision.toFixed(4)}, ` +
        `recall ${r.recall.toFixed(4)}, ${seconds.toFixed(1)} s` +
        (results[0] && results[0] !== r
          ? `, ${itemsMoved(results[0].clusters, clusters)} items in another story than sqlite's`
          : ''),
    );
    return r;
  };
  try {
    {
      const file = path.join(tmp.dir, 'eval.sqlite');
      const config = project(file);
      const t0 = Date.now();
      await wireroom(['--config', config, 'fetch'], tmp.dir);
      const db = new Database(file, { readonly: true });
      try {
        score(
          'sqlite',
          db.prepare('SELECT guid, story_id FROM entries').all() as { guid: string; story_id: number }[],
          (Date.now() - t0) / 1000,
        );
      } finally {
        db.close();
      }
    }
    const { default: pgLib } = await import('pg');
    const pgArm = async (arm: string, workers: number) => {
      const url = await pg.createDatabase(`eval${++n}`);
      const config = project(url);
      const waitsBefore = lockWaits().length;
      const t0 = Date.now();
      const outs = await Promise.all(
        Array.from({ length: workers }, () => wireroom(['--config', config, 'worker', '--once', '--json'], tmp.dir)),
      );
      const reports = outs.map(reportOf);
      const seconds = (Date.now() - t0) / 1000;
      const pool = new pgLib.Pool({ connectionString: url, max: 1 });
      try {
        const stats = await pool.query<{ deadlocks: string }>(
          'SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()',
        );
        const made = reports.reduce((x, r) => x + r.storiesMade, 0);
        const merges = await pool.query<{ n: string }>('SELECT count(*) AS n FROM story_merges');
        log(
          `${arm}: cycles ${reports.map((r) => (r.durationMs / 1000).toFixed(1)).join(' / ')} s; stories made ` +
            `${made} (reports) = stories + merges ${merges.rows[0]?.n ?? '?'}; ` +
            `${stats.rows[0]?.deadlocks ?? '?'} deadlocks (each write in one ran again), ` +
            `lock waits over 100 ms: ${waitsSince(waitsBefore)}`,
        );
        const { rows } = await pool.query<{ guid: string; story_id: string | null }>(
          'SELECT guid, story_id FROM entries',
        );
        return score(
          arm,
          rows.map((r) => ({ guid: r.guid, story_id: r.story_id === null ? null : Number(r.story_id) })),
          seconds,
        );
      } finally {
        await pool.end();
      }
    };
    await pgArm('pg x1', 1);
    for (let run = 1; run <= (opts.runs ?? 3); run++) await pgArm(`pg x4 #${run}`, 4);
  } finally {
    await server.close();
    pg.stop();
    tmp.cleanup();
  }
  return { items: items.length, results };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'tests/eval/stories-fleet.ts')) {
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 3;
  const r = await runFleetStoryEval({ runs, log: (line) => console.log(line) });
  console.log(
    `${r.items} items served; precision and recall pairwise against the gold stories (tests/eval/stories.ts)`,
  );
}
