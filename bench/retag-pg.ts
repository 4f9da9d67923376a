// Retag on PostgreSQL beside SQLite (issue #15): one database of N stored entries (bench/retag.ts's entries, with
// an editor's override on every 500th), copied to a PostgreSQL this bench starts (fsync off), then `retag` on each
// store with the same prepare threads: no tags stored yet (every set written), then the same taxonomy again (every
// set found unchanged), then after a one-keyword topic edit (only the entries it can change, as bench/retag.ts measures
// on SQLite). Both stores must end each arm with identical tag tables (checked, or the bench fails).
//   node --import tsx bench/retag-pg.ts [entries]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/index.ts';
import { copySqliteToPg, openPgStore } from '../src/store/pg/index.ts';
import { loadTaxonomy } from '../src/tag/index.ts';
import type { Entry, SourceConfig } from '../src/types.ts';
import { retagOnThreads } from '../src/worker/retag.ts';
import { retagOnPostgres } from '../src/worker/retag-pg.ts';
import { createEntryTagger } from '../src/worker/threads.ts';
import { startPostgres } from '../tests/helpers/postgres.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SOURCES: SourceConfig[] = [
  { id: 'wire', url: 'https://wire.example/feed', enabled: true, topics: [], trusted: true },
  { id: 'uk', url: 'https://uk.example/feed', enabled: true, country: 'GB', topics: [], trusted: true },
  { id: 'votes', url: 'https://votes.example/feed', enabled: true, topics: ['elections'], trusted: true },
];

/** The labelled headlines with their summaries and a body of other items' summaries (as bench/retag.ts). */
function makeEntries(count: number): Entry[] {
  const items = readFileSync(path.join(ROOT, 'tests/eval/tagging-set.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { title: string; summary: string; language: string });
  return Array.from({ length: count }, (_, i) => {
    const it = items[i % items.length]!;
    const body = Array.from({ length: 9 }, (_, k) => `<p>${items[(i + k * 37) % items.length]!.summary}</p>`).join(
      '\n',
    );
    return {
      sourceId: SOURCES[i % SOURCES.length]!.id,
      key: `k${i}`,
      url: `https://example.org/${i}`,
      title: it.title,
      summary: it.summary,
      contentHtml: body,
      language: i % 3 === 0 ? it.language : undefined,
      authors: [],
      categories: [],
      enclosures: [],
      publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      dateFlags: [],
    };
  });
}

const SETS = 'SELECT entry_id, published_at, tags FROM entry_tag_sets ORDER BY entry_id';
const ROWS =
  'SELECT kind, value, published_at, entry_id, score, role FROM entry_tags ORDER BY entry_id, kind, value COLLATE "C"';

function hashRows(rows: Iterable<unknown>): string {
  const h = createHash('sha1');
  for (const r of rows) h.update(JSON.stringify(r));
  return h.digest('hex');
}

async function main() {
  const count = Number(process.argv[2] ?? 20_000);
  const threads = Math.min(4, os.availableParallelism());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-retag-pg-'));
  const server = await startPostgres();
  try {
    const file = path.join(dir, 'wireroom.sqlite');
    const made = openStore(file);
    made.sources.sync(SOURCES, new Date().toISOString());
    const entries = makeEntries(count);
    for (let i = 0; i < entries.length; i += 5000)
      made.transaction(() => made.entries.upsert(entries.slice(i, i + 5000), new Date().toISOString()));
    const ids = made.db.prepare('SELECT id FROM entries ORDER BY id').pluck().all() as number[];
    for (let i = 0; i < ids.length; i += 500) made.tags.setOverride(ids[i]!, 'topic', 'strikes', 'add');
    made.close();
    const url = server.url('wireroom');
    await copySqliteToPg(file, url);
    const taxonomy = loadTaxonomy(path.join(ROOT, 'config'));
    const sources = new Map(SOURCES.map((s) => [s.id, s]));
    // Every entry on both: the second arm measures sets found unchanged (without --all, nothing would be due).
    const opts = { threads, batch: 1000, all: true };
    // The threads start and build their taggers before either arm is timed.
    const warm = createEntryTagger({ threads, taxonomy });
    await Promise.all(Array.from({ length: threads * 2 }, (_, i) => warm.tag([{ entry: entries[i]! }])));
    // The usual retag after an edit: one English keyword added to a topic (labour, "government"), without --all.
    const edited = {
      ...taxonomy,
      topics: taxonomy.topics.map((t) =>
        t.slug === 'labour' ? { ...t, keywords: { ...t.keywords, en: [...(t.keywords.en ?? []), 'government'] } } : t,
      ),
    };
    const arms = [
      { state: 'no tags stored', taxonomy, opts },
      { state: 'unchanged tags', taxonomy, opts },
      { state: 'after a one-keyword topic edit', taxonomy: edited, opts: { threads, batch: 1000 } },
    ];
    for (const [n, arm] of arms.entries()) {
      const state = arm.state;
      // The arms take turns going first: the second runs on a warmer process.
      const runSqlite = async () => {
        const store = openStore(file);
        try {
          return await retagOnThreads(store, arm.taxonomy, sources, arm.opts);
        } finally {
          store.close();
        }
      };
      const pg = await openPgStore(url, { max: 2 });
      const runPg = () => retagOnPostgres(pg, arm.taxonomy, sources, arm.opts);
      let lite;
      let onPg;
      if (n % 2 === 0) {
        lite = await runSqlite();
        onPg = await runPg();
      } else {
        onPg = await runPg();
        lite = await runSqlite();
      }
      const pgSets = hashRows((await pg.db.query(SETS)).rows);
      const pgRows = hashRows((await pg.db.query(ROWS)).rows);
      await pg.close();
      const db = new Database(file, { readonly: true });
      const same =
        hashRows(db.prepare(SETS).iterate()) === pgSets &&
        hashRows(db.prepare(ROWS.replace(' COLLATE "C"', '')).iterate()) === pgRows;
      db.close();
      if (!same) throw new Error(`retag (${state}): PostgreSQL holds other tags than SQLite`);
      if (onPg.entries !== lite.entries)
        throw new Error(`retag (${state}): PostgreSQL tagged ${onPg.entries} entries, SQLite ${lite.entries}`);
      console.log(
        `retag of ${count} entries, ${state}, ${threads} threads, ${n % 2 ? 'PostgreSQL' : 'SQLite'} first: PostgreSQL ${onPg.seconds.toFixed(2)} s ` +
          `(${onPg.entries} of ${onPg.examined} entries tagged, ${onPg.written} sets written) vs SQLite ${lite.seconds.toFixed(2)} s = ` +
          `${(onPg.seconds / lite.seconds).toFixed(2)}x; identical tag tables`,
      );
    }
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
