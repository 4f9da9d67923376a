// Retag of 100,000 stored entries (issue #14: at most 10 s): the one-thread path (`retag`, tagging inline between
// writes) beside the threaded one (`retagOnThreads`, tagging on the prepare threads while the main thread writes),
// each on its own copy of one database made once in this run. Two states: no tags stored yet (every set is
// written) and the same taxonomy again (every set found unchanged: a retag of every entry, `--all`). Both arms
// must leave identical tag tables (checked, or the bench fails). Both arms run the compiled dist/ (rebuilt first when
// src/ is newer), as `wireroom retag` does: from src/, each prepare thread would first register the TypeScript loader,
// about a second of a 10 s budget that no user pays.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Store } from '../src/store/index.ts';
import type { Taxonomy } from '../src/tag/index.ts';
import type { Entry, SourceConfig } from '../src/types.ts';
import { isMain, row, type BenchResult, type Row, type WorkCheck } from './report.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_S = 10;

/** Sources with and without priors, as a config has them. */
const SOURCES: SourceConfig[] = [
  { id: 'wire', url: 'https://wire.example/feed', enabled: true, topics: [], trusted: true },
  { id: 'uk', url: 'https://uk.example/feed', enabled: true, country: 'GB', topics: [], trusted: true },
  { id: 'votes', url: 'https://votes.example/feed', enabled: true, topics: ['elections'], trusted: true },
  { id: 'africa', url: 'https://africa.example/feed', enabled: true, country: 'africa', topics: [], trusted: true },
];

/** The labelled headlines with their summaries and a ~2 KB body of other items' summaries, as bench/tagging.ts. */
export function makeEntries(count: number): Entry[] {
  const items = readFileSync(path.join(ROOT, 'tests/eval/tagging-set.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { title: string; summary: string; language: string });
  return Array.from({ length: count }, (_, i) => {
    const it = items[i % items.length]!;
    const body = Array.from(
      { length: 9 },
      (_, k) => `<p>${items[(i + k * 37) % items.length]!.summary} <a href="https://example.org/${k}">more</a></p>`,
    ).join('\n');
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

/** Both tag tables, hashed in a fixed order: arms that tag alike leave the same hash. */
function tagDump(file: string): { sets: number; rows: number; hash: string } {
  const db = new Database(file, { readonly: true });
  try {
    const h = createHash('sha1');
    let sets = 0;
    let rows = 0;
    for (const r of db.prepare('SELECT entry_id, published_at, tags FROM entry_tag_sets ORDER BY entry_id').iterate()) {
      h.update(JSON.stringify(r));
      sets++;
    }
    for (const r of db
      .prepare('SELECT kind, value, published_at, entry_id, score, role FROM entry_tags ORDER BY entry_id, kind, value')
      .iterate()) {
      h.update(JSON.stringify(r));
      rows++;
    }
    return { sets, rows, hash: h.digest('hex') };
  } finally {
    db.close();
  }
}

/** CPU seconds the main thread has used (Linux: its scheduler statistics); undefined where they cannot be read. */
function mainThreadCpu(): number | undefined {
  try {
    const ns = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns / 1e9 : undefined;
  } catch {
    return undefined;
  }
}

type Timed = (
  file: string,
  run: (store: Store) => Promise<unknown>,
) => Promise<{ wall: number; cpu: number; main: number | undefined }>;

export async function runRetagBench(opts: { log?: (l: string) => void; entries?: number } = {}): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const count = opts.entries ?? 100_000;
  const threads = Math.min(4, os.availableParallelism());
  // The compiled dist/, loaded (and rebuilt first when src/ is newer) only when the bench runs.
  const { retag, retagOnThreads, openStore, createTagger, loadTaxonomy } = await import('./shipped.ts');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-retag-'));
  const taxonomy = loadTaxonomy(path.join(ROOT, 'config'));
  const sources = new Map(SOURCES.map((s) => [s.id, s]));
  const rows: Row[] = [];
  const work: WorkCheck[] = [];
  try {
    // The database, made once: the entries, and an editor's override on every 500th (it must survive a retag).
    const t0 = performance.now();
    const base = path.join(dir, 'one-thread.sqlite');
    const made = openStore(base);
    made.sources.sync(SOURCES, new Date().toISOString());
    const entries = makeEntries(count);
    for (let i = 0; i < entries.length; i += 5000)
      made.transaction(() => made.entries.upsert(entries.slice(i, i + 5000), new Date().toISOString()));
    const ids = made.db.prepare('SELECT id FROM entries ORDER BY id').pluck().all() as number[];
    for (let i = 0; i < ids.length; i += 500) made.tags.setOverride(ids[i]!, 'topic', 'strikes', 'add');
    for (let i = 250; i < ids.length; i += 500) made.tags.setOverride(ids[i]!, 'country', 'FR', 'remove');
    made.close();
    const threaded = path.join(dir, 'threads.sqlite');
    copyFileSync(base, threaded);
    log(`retag: ${count.toLocaleString('en-US')} entries stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const tagger = createTagger(taxonomy);
    // Wall seconds, and CPU seconds of the whole process (every thread): on a loaded machine the wall time of the
    // threaded arm suffers first. The main thread's own CPU (reading, sending, writing) says how much of the
    // threaded arm's CPU the write side is; the rest is tagging and V8's helper threads (collection, compilation).
    const timed = async (file: string, run: (store: Store) => Promise<unknown>) => {
      const store = openStore(file);
      const cpu0 = process.cpuUsage();
      const main0 = mainThreadCpu();
      const t = performance.now();
      try {
        await run(store);
        const cpu = process.cpuUsage(cpu0);
        const main = mainThreadCpu();
        return {
          wall: (performance.now() - t) / 1000,
          cpu: (cpu.user + cpu.system) / 1e6,
          main: main !== undefined && main0 !== undefined ? main - main0 : undefined,
        };
      } finally {
        store.close();
      }
    };
    const oneThread = (file: string) => timed(file, async (store) => retag(store, tagger, sources));
    // Every entry, as before the store kept what its entries were tagged with (the edit's scope is measured below).
    const onThreads = (file: string) =>
      timed(file, (store) => retagOnThreads(store, taxonomy, sources, { threads, all: true }));

    for (const state of ['no tags stored', 'unchanged tags'] as const) {
      const oldRun = await oneThread(base);
      const nowRun = await onThreads(threaded);
      const old = oldRun.wall;
      const now = nowRun.wall;
      const a = tagDump(base);
      const b = tagDump(threaded);
      if (a.hash !== b.hash)
        throw new Error(`retag (${state}): the threaded retag left other tags than the one-thread one`);
      const mainCpu = nowRun.main === undefined ? '' : `, main thread ${nowRun.main.toFixed(2)} s`;
      log(
        `retag, ${state}: one thread ${old.toFixed(2)} s (CPU ${oldRun.cpu.toFixed(2)} s), ${threads} threads ${now.toFixed(2)} s (CPU ${nowRun.cpu.toFixed(2)} s${mainCpu}), ${(now / old).toFixed(2)}x; ${a.sets} tag sets, ${a.rows} tag rows, identical`,
      );
      const label = `retag of ${count.toLocaleString('en-US')} entries, ${state}`;
      rows.push(
        row({
          bench: 'retag',
          figure: `${label}, ${threads} prepare threads`,
          value: now,
          unit: 's',
          baseline: old,
          baselineLabel: 'one thread (tagging inline)',
        }),
        targetRow(label, now),
      );
      work.push(sameSets(label, ['one thread', a.sets], ['threads', b.sets]));
    }
    const keyword = {
      ...taxonomy,
      topics: taxonomy.topics.map((t) =>
        t.slug === 'labour' ? { ...t, keywords: { ...t.keywords, en: [...(t.keywords.en ?? []), 'government'] } } : t,
      ),
    };
    await scopedAfterEdit(threaded, timed, 'a one-keyword topic edit', keyword);
    // An institution added to countries.yaml, as an editor adds one ("Parliament" for a national site's own).
    const institution = {
      ...taxonomy,
      aliases: [...taxonomy.aliases, { name: 'Parliament', country: 'PE', needsContext: false, institution: true }],
    };
    await scopedAfterEdit(threaded, timed, 'an institution added to countries.yaml', institution);
    // A role phrase added to countries.yaml, as an editor adds one (English "talks with": the other side of talks).
    const en = taxonomy.roles?.en ?? {};
    const role = {
      ...taxonomy,
      roles: {
        ...taxonomy.roles,
        en: { ...en, before: { ...en.before, counterpart: [...(en.before?.counterpart ?? []), 'talks with'] } },
      },
    };
    await scopedAfterEdit(threaded, timed, 'a role phrase added to countries.yaml', role);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, work };

  /** The target, per 100,000 entries. */
  function targetRow(label: string, wall: number): Row {
    return row({
      bench: 'retag',
      figure: `${label} (at most ${TARGET_S} s per 100,000)`,
      value: (wall * 100_000) / count,
      unit: 's',
      target: { op: '<=', value: TARGET_S },
    });
  }

  /** Both arms stored a tag set for every entry. */
  function sameSets(label: string, ...arms: [string, number][]): WorkCheck {
    return {
      bench: 'retag',
      comparison: label,
      unit: 'tag sets stored (identical in both)',
      expected: count,
      arms: arms.map(([arm, done]) => ({ arm, done })),
    };
  }

  /**
   * The usual retag after an edit (one English keyword added to a topic, a name or a role phrase added to
   * countries.yaml). Only the entries the edit can change are tagged (src/tag/scope.ts), beside a retag of every entry
   * on a copy of the same database; both must leave identical tables. Each edit starts from the threaded arm's database, tagged with the
   * shipped taxonomy above.
   */
  async function scopedAfterEdit(threaded: string, timed: Timed, edit: string, edited: Taxonomy) {
    const scopedFile = path.join(dir, 'scoped.sqlite');
    const everyFile = path.join(dir, 'every.sqlite');
    copyFileSync(threaded, scopedFile);
    copyFileSync(threaded, everyFile);
    let scoped = { entries: 0, examined: 0 };
    const scopedRun = await timed(scopedFile, async (store) => {
      scoped = await retagOnThreads(store, edited, sources, { threads });
    });
    const everyRun = await timed(everyFile, (store) => retagOnThreads(store, edited, sources, { threads, all: true }));
    const a = tagDump(scopedFile);
    const b = tagDump(everyFile);
    if (a.hash !== b.hash) throw new Error(`retag after ${edit}: the scoped retag left other tags than a full one`);
    const label = `retag of ${count.toLocaleString('en-US')} entries after ${edit}`;
    log(
      `${label}: the entries it can change (${scoped.entries.toLocaleString('en-US')} of ${scoped.examined.toLocaleString('en-US')}) ${scopedRun.wall.toFixed(2)} s (CPU ${scopedRun.cpu.toFixed(2)} s), every entry ${everyRun.wall.toFixed(2)} s, identical`,
    );
    rows.push(
      row({
        bench: 'retag',
        figure: `${label}, only the entries it can change, ${threads} prepare threads`,
        value: scopedRun.wall,
        unit: 's',
        baseline: everyRun.wall,
        baselineLabel: 'every entry (--all)',
      }),
      targetRow(`${label}, only the entries it can change`, scopedRun.wall),
    );
    work.push(sameSets(label, ['only the entries it can change', a.sets], ['every entry', b.sets]));
  }
}

// Run directly (`node --import tsx bench/retag.ts [entries]`).
if (isMain(import.meta.url)) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  const r = await runRetagBench({ log: console.log, entries: n });
  for (const x of r.rows) console.log(`${x.figure}: ${x.value.toFixed(2)} ${x.unit}`);
}
