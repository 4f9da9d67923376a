// Where a console/API request's time goes: one server process per case (bench/console-server.ts under
// node --cpu-prof), loaded by autocannon on that one URL alone, then the main thread's profile summarized by
// bench/profile-top.mjs. The stores and servers are the console bench's (bench/console.ts). Not part of
// `npm run bench`: run it when a console figure misses its target.
//
//   node --import tsx bench/console-profile.ts [--entries N] [--sources N] [--seconds S] [--out DIR]
//     [--cases api,feed,api-fresh,feed-fresh,page,dashboard,dashboard-first] [--top N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  API_PATH,
  cachedEntriesStore,
  DASHBOARD_PATH,
  FEED_PATH,
  freshCursor,
  GENERATED_SOURCES,
  PAGE_PATH,
  prepareArm,
  signIn,
  startArm,
  stopArm,
  type PreparedArm,
} from './console.ts';
import { cannon, type Cannon } from './cannon.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ALL = ['api', 'feed', 'api-fresh', 'feed-fresh', 'page', 'dashboard', 'dashboard-first'] as const;
type Case = (typeof ALL)[number];

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const entries = Number(arg('entries') ?? 1_000_000);
const sources = Number(arg('sources') ?? 10_000);
const seconds = Number(arg('seconds') ?? 10);
const top = arg('top') ?? '30';
const out = path.resolve(arg('out') ?? mkdtempSync(path.join(os.tmpdir(), 'wireroom-console-profile-')));
const cases = (arg('cases')?.split(',') ?? [...ALL]) as Case[];
const unknown = cases.filter((c) => !(ALL as readonly string[]).includes(c));
if (unknown.length) {
  console.error(`unknown case ${unknown.join(', ')}; one of ${ALL.join(', ')}`);
  process.exit(2);
}

const log = (l: string) => console.log(l);
const root = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-console-profile-'));
try {
  let entriesArm: PreparedArm | undefined;
  let sourcesArm: PreparedArm | undefined;
  for (const c of cases) {
    const dashboard = c.startsWith('dashboard');
    let arm: PreparedArm;
    if (dashboard) {
      sourcesArm ??= await prepareArm(root, `sources-${sources}`, cachedEntriesStore(10_000, log).file, {
        listed: sources,
        states: true,
      });
      arm = sourcesArm;
    } else {
      entriesArm ??= await prepareArm(root, `entries-${entries}`, cachedEntriesStore(entries, log).file, {
        listed: GENERATED_SOURCES,
        states: false,
      });
      arm = entriesArm;
    }
    const server = await startArm({ ...arm, name: c }, out);
    const cookie = await signIn(server.base);
    const auth = { authorization: `Bearer ${arm.token}` };
    let result: Cannon | { ms: number };
    const url = (p: string) => server.base + p;
    switch (c) {
      case 'api':
        result = await cannon(url(API_PATH), auth, seconds);
        break;
      case 'feed':
        result = await cannon(url(FEED_PATH), {}, seconds);
        break;
      case 'api-fresh':
        result = await cannon(url(API_PATH), auth, seconds, () => `${API_PATH}&before=${freshCursor()}`);
        break;
      case 'feed-fresh':
        result = await cannon(url(FEED_PATH), {}, seconds, () => `${FEED_PATH}?before=${freshCursor()}`);
        break;
      case 'page':
        result = await cannon(url(PAGE_PATH), cookie, seconds);
        break;
      case 'dashboard':
        await fetch(url(DASHBOARD_PATH), { headers: cookie }).then((r) => r.text());
        result = await cannon(url(DASHBOARD_PATH), cookie, seconds);
        break;
      case 'dashboard-first': {
        const t0 = performance.now();
        await fetch(url(DASHBOARD_PATH), { headers: cookie }).then((r) => r.text());
        result = { ms: performance.now() - t0 };
        break;
      }
    }
    await stopArm(server);
    const dir = path.join(out, c);
    const main = readdirSync(dir)
      .map((f) => path.join(dir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    console.log(`\n===== ${c}: ${JSON.stringify(result)}`);
    console.log(
      execFileSync(process.execPath, [path.join(HERE, 'profile-top.mjs'), main, '--top', top], { encoding: 'utf8' }),
    );
  }
  console.log(`profiles in ${out}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
