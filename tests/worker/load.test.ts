// Issue #3 "Under load": one cycle over 1,000 sources on loopback, 30% of them hostile or broken. The cycle
// finishes, every good source is ingested, and every bad one shows its reason in `wireroom sources list`. On both
// stores (issue #15): runCycle on SQLite, runFleetCycle (one worker) on PostgreSQL (tests/helpers/cycle-on-store.ts).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleReport } from '../../src/worker/index.ts';
import { cycleStores, type ProjectOnStore } from '../helpers/cycle-on-store.ts';
import { cli, fixtureServer, rss, tempDir, writeConfig, type Handler } from '../helpers/env.ts';

const TOTAL = 1000;
const BAD_SHARE = 0.3;
const GOOD_ITEMS = 3;

/** What a bad source does, and what an editor must see for it. */
interface BadCase {
  kind: string;
  handler?: Handler;
  /** Where the source points instead of the fixture path (refused port, ...). */
  url?: (srv: { url: (p: string) => string }, refusedPort: number, i: number) => string;
  /** Expected error code; undefined for a document that is salvaged (stored, with a warning). */
  code?: string;
  /** The reason must match this. */
  reason: RegExp;
}

const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)); // ~20 KB on the wire, 20 MB inflated
const endlessChunk = Buffer.alloc(16 * 1024, 'a');
const recent = () => new Date(Date.now() - 3_600_000).toUTCString();

const BAD: BadCase[] = [
  {
    kind: 'trickle',
    code: 'timeout',
    reason: /no complete response within 15000 ms/,
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const t = setInterval(() => res.write(' '), 200);
      res.on('close', () => clearInterval(t));
    },
  },
  {
    kind: 'endless',
    code: 'too-large',
    reason: /exceeds 200000 bytes/,
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
      let open = true;
      res.on('close', () => (open = false));
      const pump = (): void => {
        while (open && res.write(endlessChunk));
      };
      res.on('drain', pump);
      pump();
    },
  },
  {
    kind: 'gzip-bomb',
    code: 'too-large',
    reason: /exceeds 200000 bytes/,
    handler: (_q, res) =>
      void res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Encoding': 'gzip' }).end(bomb),
  },
  {
    kind: 'redirect-loop',
    code: 'redirect-loop',
    reason: /redirect loop/,
    handler: (req, res) => {
      const p = (req.url ?? '').split('?')[0]!;
      res.writeHead(302, { Location: p.endsWith('/b') ? p.slice(0, -2) : `${p}/b` }).end();
    },
  },
  {
    kind: 'redirect-metadata',
    code: 'blocked',
    reason: /169\.254\.169\.254.*blocked: cloud metadata address/,
    handler: (_q, res) => void res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  },
  {
    kind: 'redirect-file',
    code: 'blocked',
    reason: /redirect to file:\/\/\/etc\/passwd blocked/,
    handler: (_q, res) => void res.writeHead(301, { Location: 'file:///etc/passwd' }).end(),
  },
  { kind: 'http-500', code: 'http', reason: /HTTP 500/, handler: (_q, res) => void res.writeHead(500).end('oops') },
  {
    kind: 'http-429',
    code: 'rate-limited',
    reason: /HTTP 429.*retry after 600 s/,
    handler: (_q, res) => void res.writeHead(429, { 'Retry-After': '600' }).end(),
  },
  {
    kind: 'empty-200',
    code: 'empty',
    reason: /empty/,
    handler: (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(),
  },
  {
    kind: 'html-page',
    code: 'parse',
    reason: /not a feed: HTML page/,
    handler: (_q, res) =>
      void res
        .writeHead(200, { 'Content-Type': 'application/rss+xml' })
        .end('<!doctype html><html><head><title>Site</title></head><body><h1>Welcome</h1></body></html>'),
  },
  {
    kind: 'malformed-xml',
    code: 'parse',
    reason: /malformed XML/,
    handler: (_q, res) =>
      void res
        .writeHead(200, { 'Content-Type': 'text/xml' })
        .end('<?xml version="1.0"?>\n<rss version="2.0"><channel><<<>>> &&& </chan'),
  },
  {
    kind: 'reset',
    code: 'reset',
    reason: /connection reset/,
    handler: (req) => void req.socket.resetAndDestroy(),
  },
  {
    kind: 'refused',
    code: 'refused',
    reason: /connection refused/,
    url: (_s, port, i) => `http://127.0.0.1:${port}/feed-${i}.xml`,
  },
  {
    // Broken but salvageable: stored, with a warning saying what was wrong.
    kind: 'salvageable-xml',
    reason: /unescaped "&" escaped/,
    handler: (req, res) =>
      void res
        .writeHead(200, { 'Content-Type': 'application/rss+xml' })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Fish & Chips</title><item><title>Salt & vinegar</title><guid>${req.url}</guid><pubDate>${recent()}</pubDate></item></channel></rss>`,
        ),
  },
];

interface Planned {
  id: string;
  url: string;
  bad?: BadCase;
}

interface ListedSource {
  id: string;
  status: string;
  entries: number;
  error?: string;
  errorCode?: string;
  warnings: string[];
}

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(
    `a cycle over 1,000 sources, 30% hostile (issue #3, under load) on ${arm.kind}${arm.skip}`,
    () => {
      let srv: Awaited<ReturnType<typeof fixtureServer>>;
      let tmp: ReturnType<typeof tempDir>;
      let configDir: string;
      let plan: Planned[];
      let report: CycleReport;
      let cycleMs: number;
      let dbFile: string;
      let project: ProjectOnStore;
      /** `--db` for the CLI: on SQLite none (the config's own file, as before), on PostgreSQL the project's database. */
      let dbArgs: string[] = [];

      beforeAll(async () => {
        // A port with nothing listening: bind, note it, close.
        const probe = http.createServer();
        await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
        const refusedPort = (probe.address() as AddressInfo).port;
        await new Promise<void>((r) => probe.close(() => r()));

        const routes: Record<string, Handler> = {};
        srv = await fixtureServer(routes);
        const badCount = Math.round(TOTAL * BAD_SHARE);
        plan = [];
        for (let i = 0; i < TOTAL; i++) {
          // Spread the bad ones through the list rather than bunching them at one end.
          const isBad = Math.floor(((i + 1) * badCount) / TOTAL) > Math.floor((i * badCount) / TOTAL);
          const id = `s${String(i).padStart(4, '0')}`;
          if (!isBad) {
            const p = `/good/${id}.xml`;
            const doc = rss(
              Array.from({ length: GOOD_ITEMS }, (_, k) => ({
                guid: `${id}-${k}`,
                title: `Item ${k} of ${id}`,
                link: `https://example.org/${id}/${k}?utm_source=rss`,
                description: `Summary ${k} of ${id} <b>bold</b>`,
                pubDate: new Date(Date.now() - (k + 1) * 3_600_000).toUTCString(),
              })),
            );
            routes[p] = (_q, res) =>
              void res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: `"${id}"` }).end(doc);
            plan.push({ id, url: srv.url(p) });
          } else {
            const bad = BAD[plan.filter((x) => x.bad).length % BAD.length]!;
            const p = `/bad/${bad.kind}/${id}`;
            if (bad.handler) {
              routes[p] = bad.handler;
              if (bad.kind === 'redirect-loop') routes[`${p}/b`] = bad.handler;
            }
            plan.push({ id, url: bad.url ? bad.url(srv, refusedPort, i) : srv.url(p), bad });
          }
        }

        tmp = tempDir('wireroom-load-');
        configDir = writeConfig(tmp.dir, {
          // Deadlines generous enough for a loaded shared machine (at 2 s, good loopback fetches timed out there); the
          // trickling sources never finish, so they still meet theirs.
          main:
            'schedule:\n  run_on_start: false\nfetch:\n  concurrency: 64\n  per_host: 32\n  timeout_seconds: 15\n' +
            '  connect_timeout_seconds: 10\n  max_body_bytes: 200000\n  allow_private: ["127.0.0.1"]\n',
          sources: `sources:\n${plan.map((s) => `  - { id: ${s.id}, url: "${s.url}" }`).join('\n')}\n`,
        });
        project = await arm.project(tmp.dir, arm.kind === 'sqlite' ? 'wireroom' : 'load');
        dbFile = project.config.databasePath;
        if (arm.kind === 'postgres') dbArgs = ['--db', dbFile];
        const t0 = performance.now();
        report = await project.cycle();
        cycleMs = performance.now() - t0;
      }, 240_000);

      afterAll(async () => {
        await arm.close();
        await srv?.close();
        tmp?.cleanup();
      });

      it('finishes the cycle with one right report per source, and stores each good entry once', async () => {
        const bad = plan.filter((p) => p.bad).length;
        const byKind = new Map<string, { n: number; outcomes: Set<string>; example?: string }>();
        const reports = new Map(report.sources.map((r) => [r.id, r]));
        const problems: string[] = [];
        for (const p of plan) {
          const k = p.bad?.kind ?? 'good';
          const r = reports.get(p.id);
          if (!r) {
            problems.push(`${p.id} (${k}): no report`);
            continue;
          }
          const e = byKind.get(k) ?? { n: 0, outcomes: new Set<string>() };
          e.n++;
          e.example ??= r.error ?? r.warnings[0];
          e.outcomes.add(
            r.status === 'ok' ? `ok${r.warnings.length ? ' + warning' : ''}` : `${r.status} (${r.errorCode})`,
          );
          byKind.set(k, e);
          const seen = `status ${r.status}, code ${r.errorCode}, ${r.new} new, error ${JSON.stringify(r.error)}`;
          const warned = JSON.stringify(r.warnings);
          if (!p.bad) {
            // Every item of a good feed is new, nothing is wrong with it.
            const right =
              r.status === 'ok' && r.httpStatus === 200 && r.new === GOOD_ITEMS && !r.error && !r.warnings.length;
            if (!right) problems.push(`${p.id} (good): ${seen}, warnings ${warned}`);
          } else if (p.bad.code === undefined) {
            // Salvaged: its one item stored, and a warning naming what was wrong.
            const right = r.status === 'ok' && r.new === 1 && !r.error && r.warnings.some((w) => p.bad?.reason.test(w));
            if (!right) problems.push(`${p.id} (${k}): ${seen}, warnings ${warned}`);
          } else {
            // Failed with its own error class and a reason saying why; nothing stored.
            const why = r.error ?? '';
            const right = r.status === 'error' && r.errorCode === p.bad.code && p.bad.reason.test(why) && r.new === 0;
            if (!right) problems.push(`${p.id} (${k}): ${seen}`);
          }
        }
        const head = `load: ${TOTAL} sources (${TOTAL - bad} good, ${bad} bad in ${BAD.length} kinds)`;
        const lines = [...byKind].map(([k, v]) => {
          const eg = v.example ? `  e.g. ${v.example}` : '';
          return `  ${k.padEnd(18)} ${String(v.n).padStart(4)}  ${[...v.outcomes].join(', ')}${eg}`;
        });
        console.log(`${head}, cycle ${(cycleMs / 1000).toFixed(1)} s\n${lines.join('\n')}`);
        // One report per source: none missing, none twice, none for a source not planned.
        expect(report.sources).toHaveLength(TOTAL);
        expect(reports.size).toBe(TOTAL);
        expect(problems.slice(0, 20), `${problems.length} reports not as expected`).toEqual([]);
        // Every bad kind was in the run, so each expectation above was exercised.
        expect([...byKind.keys()].sort()).toEqual(['good', ...BAD.map((b) => b.kind)].sort());

        // Stored once: the database holds exactly what the reports call new, with no (source, guid) twice, and one
        // fetch-log row per source.
        const salvaged = plan.filter((p) => p.bad && p.bad.code === undefined).length;
        const expected = (TOTAL - bad) * GOOD_ITEMS + salvaged;
        if (arm.kind === 'sqlite') {
          const db = new Database(dbFile, { readonly: true });
          try {
            const stored = db
              .prepare<[], { n: number; uniq: number }>(
                'SELECT count(*) AS n, count(DISTINCT source_id || char(0) || guid) AS uniq FROM entries',
              )
              .get();
            expect(stored).toEqual({ n: expected, uniq: expected });
            expect(report.sources.reduce((n, r) => n + r.new, 0)).toBe(stored?.n);
            const logged = db
              .prepare<[], { rows: number; sources: number }>(
                'SELECT count(*) AS rows, count(DISTINCT source_id) AS sources FROM fetch_log',
              )
              .get();
            expect(logged).toEqual({ rows: TOTAL, sources: TOTAL });
          } finally {
            db.close();
          }
        } else {
          // The same counts in PostgreSQL's SQL (counts are bigint, read as text; a row value for the pair).
          const [stored] = await project.rows<{ n: string; uniq: string }>(
            'SELECT count(*) AS n, count(DISTINCT (source_id, guid)) AS uniq FROM entries',
          );
          expect({ n: Number(stored?.n), uniq: Number(stored?.uniq) }).toEqual({ n: expected, uniq: expected });
          expect(report.sources.reduce((n, r) => n + r.new, 0)).toBe(Number(stored?.n));
          const [logged] = await project.rows<{ rows: string; sources: string }>(
            'SELECT count(*) AS rows, count(DISTINCT source_id) AS sources FROM fetch_log',
          );
          expect({ rows: Number(logged?.rows), sources: Number(logged?.sources) }).toEqual({
            rows: TOTAL,
            sources: TOTAL,
          });
        }
      });

      it('ingests every good source and shows every bad one with its reason in `sources list`', async () => {
        const res = await cli(['--config', configDir, ...dbArgs, 'sources', 'list', '--json']);
        expect(res.code, res.err).toBe(0);
        const listed = new Map((JSON.parse(res.out) as ListedSource[]).map((s) => [s.id, s]));
        expect(listed.size).toBe(TOTAL);

        const problems: string[] = [];
        for (const p of plan) {
          const s = listed.get(p.id);
          if (!s) {
            problems.push(`${p.id}: not listed`);
            continue;
          }
          if (!p.bad) {
            if (s.status !== 'ok' || s.entries !== GOOD_ITEMS)
              problems.push(`${p.id} (good): status ${s.status}, ${s.entries} entries, ${s.error ?? ''}`);
            continue;
          }
          const kind = p.bad.kind;
          if (p.bad.code === undefined) {
            // Salvaged: stored, and the warning says what was wrong.
            if (s.status !== 'ok' || s.entries < 1 || !s.warnings.some((w) => p.bad!.reason.test(w))) {
              problems.push(
                `${p.id} (${kind}): status ${s.status}, ${s.entries} entries, warnings ${JSON.stringify(s.warnings)}`,
              );
            }
            continue;
          }
          if (
            !s.error ||
            s.status === 'ok' ||
            s.errorCode !== p.bad.code ||
            !p.bad.reason.test(s.error) ||
            s.entries !== 0
          ) {
            problems.push(
              `${p.id} (${kind}): status ${s.status}, code ${s.errorCode}, ${s.entries} entries, error ${JSON.stringify(s.error)}`,
            );
          }
        }
        expect(problems.slice(0, 20), `${problems.length} sources not as expected`).toEqual([]);
      });

      it('fetches each source once; a redirect to a blocked target stops at the first hop', () => {
        // No retries and no duplicate fetches within one cycle.
        for (const p of plan.filter((x) => !x.bad)) expect(srv.hits[new URL(p.url).pathname]).toBe(1);
        // The blocked targets themselves are refused before any connection (checked by the reason above).
        for (const p of plan.filter((x) => x.bad?.kind.startsWith('redirect-') && x.bad.kind !== 'redirect-loop')) {
          expect(srv.hits[new URL(p.url).pathname]).toBe(1);
        }
      });
    },
  );
